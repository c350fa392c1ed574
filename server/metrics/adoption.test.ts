import { describe, expect, it } from "vitest";
import { adoptionSeries } from "./adoption";

const at = (iso: string) => new Date(iso);

describe("adoptionSeries", () => {
  const now = at("2026-03-10T15:00:00Z");

  it("buckets events into UTC days, oldest first, with distinct users per day", () => {
    const s = adoptionSeries(
      [
        { actorId: "a", createdAt: at("2026-03-10T01:00:00Z") },
        { actorId: "a", createdAt: at("2026-03-10T09:00:00Z") },
        { actorId: "b", createdAt: at("2026-03-09T23:59:59Z") },
        { actorId: null, createdAt: at("2026-03-08T12:00:00Z") },
      ],
      3,
      now,
    );
    expect(s.days).toEqual([
      { date: "2026-03-08", activeUsers: 0, signIns: 1 },
      { date: "2026-03-09", activeUsers: 1, signIns: 1 },
      { date: "2026-03-10", activeUsers: 1, signIns: 2 },
    ]);
    expect(s.activeUsers).toBe(2);
    expect(s.signIns).toBe(4);
  });

  it("counts the previous period's distinct users for the trend and ignores older events", () => {
    const s = adoptionSeries(
      [
        { actorId: "a", createdAt: at("2026-03-06T10:00:00Z") },
        { actorId: "c", createdAt: at("2026-03-05T10:00:00Z") },
        { actorId: "d", createdAt: at("2026-03-01T10:00:00Z") },
      ],
      3,
      now,
    );
    expect(s.activeUsers).toBe(0);
    expect(s.previousActiveUsers).toBe(2);
    expect(s.days.every((d) => d.signIns === 0)).toBe(true);
  });
});
