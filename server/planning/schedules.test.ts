import { describe, expect, it } from "vitest";
import { nextRunAfter, readWeeklyCron, ScheduleInputError, weeklyCron } from "./schedules";

describe("weekly schedules", () => {
  it("turns a day and time into cron and back", () => {
    expect(weeklyCron(5, "15:00")).toBe("0 15 * * 5");
    expect(readWeeklyCron("0 15 * * 5")).toEqual({ weekday: 5, time: "15:00" });
    expect(readWeeklyCron("*/5 * * * *")).toBeNull();
  });

  it("rejects impossible times with a message that says what to type", () => {
    expect(() => weeklyCron(5, "25:00")).toThrow(ScheduleInputError);
    expect(() => weeklyCron(9, "10:00")).toThrow("Pick a day of the week.");
  });

  it("computes the next Friday 15:00 in the team's time zone", () => {
    // Wednesday 25 Nov 2026, 12:00 UTC → Friday 27 Nov 15:00 in Berlin (UTC+1) = 14:00 UTC.
    expect(nextRunAfter("0 15 * * 5", "Europe/Berlin", new Date("2026-11-25T12:00:00Z")).toISOString()).toBe("2026-11-27T14:00:00.000Z");
    // New York is UTC-5 in November.
    expect(nextRunAfter("0 15 * * 5", "America/New_York", new Date("2026-11-25T12:00:00Z")).toISOString()).toBe("2026-11-27T20:00:00.000Z");
  });

  it("follows daylight saving: the same local time moves in UTC", () => {
    // Berlin switches to summer time on 29 Mar 2026: Friday 3 Apr 15:00 CEST = 13:00 UTC.
    expect(nextRunAfter("0 15 * * 5", "Europe/Berlin", new Date("2026-03-28T00:00:00Z")).toISOString()).toBe("2026-04-03T13:00:00.000Z");
  });

  it("is strictly after the given time", () => {
    const at = new Date("2026-11-27T14:00:00Z");
    expect(nextRunAfter("0 15 * * 5", "Europe/Berlin", at).toISOString()).toBe("2026-12-04T14:00:00.000Z");
  });
});
