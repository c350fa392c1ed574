import { describe, expect, it } from "vitest";
import { isActivityStale } from "./activity";
import { ACTIVITY_INTERVAL_MS } from "./rules";

describe("isActivityStale", () => {
  const now = new Date("2026-03-10T12:00:00.000Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it("asks for a write for a member never seen active", () => {
    expect(isActivityStale(null, now)).toBe(true);
  });

  it("skips the write within five minutes of the last one", () => {
    expect(ACTIVITY_INTERVAL_MS).toBe(5 * 60_000);
    expect(isActivityStale(ago(0), now)).toBe(false);
    expect(isActivityStale(ago(ACTIVITY_INTERVAL_MS - 1), now)).toBe(false);
  });

  it("asks for a write once five minutes have passed", () => {
    expect(isActivityStale(ago(ACTIVITY_INTERVAL_MS), now)).toBe(true);
    expect(isActivityStale(ago(3 * 60 * 60_000), now)).toBe(true);
  });
});
