import { describe, expect, it } from "vitest";
import { addWorkingDays, calendarDay, dayKey, endOfDayKey, nthWorkingDay, workingDaysBetween, workingDaysInWindow } from "./calendar";
import { at } from "./testing/fixtures";

describe("workingDaysInWindow", () => {
  const start = at("2026-11-09T09:00"); // a Monday
  const end = at("2026-11-23T09:00"); // the Monday two weeks later

  it("counts Monday to Friday of a two-week sprint, not the final Monday", () => {
    const days = workingDaysInWindow(start, end, "UTC");
    expect(days).toHaveLength(10);
    expect(days[0]).toBe("2026-11-09");
    expect(days.at(-1)).toBe("2026-11-20");
    expect(days).not.toContain("2026-11-14");
  });

  it("takes days off out, and a day off on a weekend costs nothing", () => {
    expect(workingDaysInWindow(start, end, "UTC", ["2026-11-11", "2026-11-14"])).toHaveLength(9);
  });

  it("counts days in the team's zone: a start after local midday does not count that day", () => {
    // 09:00 UTC is 14:30 in Kolkata, so Monday the 9th is out and Monday the 23rd is in.
    const days = workingDaysInWindow(start, end, "Asia/Kolkata");
    expect(days).toHaveLength(10);
    expect(days[0]).toBe("2026-11-10");
    expect(days.at(-1)).toBe("2026-11-23");
  });

  it("keeps ten days across a daylight-saving change", () => {
    expect(workingDaysInWindow(at("2026-10-19T07:00"), at("2026-11-02T08:00"), "Europe/Berlin")).toHaveLength(10);
  });

  it("is empty for an empty or reversed window", () => {
    expect(workingDaysInWindow(end, start, "UTC")).toEqual([]);
    expect(workingDaysInWindow(at("2026-11-14T09:00"), at("2026-11-16T09:00"), "UTC")).toEqual([]);
  });
});

describe("day arithmetic", () => {
  it("counts working days elapsed, weekends excluded", () => {
    expect(workingDaysBetween(at("2026-11-13T16:00"), at("2026-11-18T16:00"), "UTC")).toBe(3);
    expect(workingDaysBetween(at("2026-11-13T08:00"), at("2026-11-13T18:00"), "UTC")).toBe(0);
    expect(workingDaysBetween(at("2026-11-18T08:00"), at("2026-11-13T18:00"), "UTC")).toBe(0);
  });

  it("adds working days over a weekend, rounding fractions up", () => {
    expect(addWorkingDays(at("2026-11-13T10:00"), 1, "UTC")).toBe("2026-11-16");
    expect(addWorkingDays(at("2026-11-13T10:00"), 2.5, "UTC")).toBe("2026-11-18");
    expect(addWorkingDays(at("2026-11-13T10:00"), 0, "UTC")).toBe("2026-11-13");
  });

  it("counts the nth working day from a moment, today first before midday", () => {
    expect(nthWorkingDay(at("2026-11-18T11:00"), 1, "UTC")).toBe("2026-11-18");
    expect(nthWorkingDay(at("2026-11-18T13:00"), 1, "UTC")).toBe("2026-11-19");
    expect(nthWorkingDay(at("2026-11-18T11:00"), 4, "UTC")).toBe("2026-11-23");
    expect(nthWorkingDay(at("2026-11-21T11:00"), 1, "UTC")).toBe("2026-11-23"); // from a Saturday
  });

  it("formats days in the team's zone", () => {
    expect(dayKey(at("2026-11-10T05:00"), "America/Los_Angeles")).toBe("2026-11-09");
    expect(dayKey(at("2026-11-10T05:00"), "UTC")).toBe("2026-11-10");
    expect(endOfDayKey("2026-11-09", "Europe/Berlin").toISOString()).toBe("2026-11-09T22:59:59.999Z");
  });

  it("reads date-only fields as the same day whichever midnight they arrived as", () => {
    expect(calendarDay(at("2026-12-09T00:00"))).toBe("2026-12-09"); // UTC midnight
    expect(calendarDay(at("2026-12-08T23:00"))).toBe("2026-12-09"); // Berlin midnight
    expect(calendarDay(at("2026-12-09T08:00"))).toBe("2026-12-09"); // Los Angeles midnight
  });
});
