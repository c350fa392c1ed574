import { describe, expect, it } from "vitest";
import { criticalPath, itemPace } from "./critical-path";
import { at, makeDone, makeItem, makeSnapshot } from "./testing/fixtures";

const blocks = (...keys: string[]) => keys.map((key) => ({ type: "blocks", direction: "outward" as const, key }));

describe("criticalPath", () => {
  // PAY-1 (3) → PAY-2 (unestimated) → PAY-3 (2); PAY-4 (5) → PAY-3; PAY-5 alone; PAY-6 ⇄ PAY-7 loop.
  const items = [
    makeItem({ key: "PAY-1", storyPoints: 3, links: blocks("PAY-2") }),
    makeItem({ key: "PAY-2", links: [{ type: "is blocked by", direction: "inward", key: "PAY-1" }, ...blocks("PAY-3")] }),
    makeItem({ key: "PAY-3", storyPoints: 2 }),
    makeItem({ key: "PAY-4", storyPoints: 5, links: blocks("PAY-3") }),
    makeItem({ key: "PAY-5", storyPoints: 1 }),
    makeItem({ key: "PAY-6", storyPoints: 2, links: blocks("PAY-7") }),
    makeItem({ key: "PAY-7", storyPoints: 2, links: blocks("PAY-6") }),
  ];
  const snapshot = makeSnapshot({ items });

  it("finds the longest chain weighted by days", () => {
    // 2 points a day: PAY-1 1.5 + PAY-2 1.5 (cycle time) + PAY-3 1 = 4 days; PAY-4 → PAY-3 is 3.5.
    const cp = criticalPath(snapshot, { pointsPerDay: 2, cycleTimeDays: 1.5 });
    expect(cp.path.map((s) => [s.key, s.days, s.estimatedBy, s.offsetDays])).toEqual([
      ["PAY-1", 1.5, "points", 0],
      ["PAY-2", 1.5, "cycle-time", 1.5],
      ["PAY-3", 1, "points", 3],
    ]);
    expect(cp.totalDays).toBe(4);
    expect(cp.finish).toBe("2026-11-24"); // Wednesday 18th + 4 working days
    expect(cp.sources.map((s) => s.id).slice(0, 3)).toEqual(["PAY-1", "PAY-2", "PAY-3"]);
  });

  it("reports cycles instead of looping", () => {
    const cp = criticalPath(snapshot, { pointsPerDay: 2, cycleTimeDays: 1.5 });
    expect(cp.cycles).toEqual([["PAY-6", "PAY-7"]]);
  });

  it("adds unfinished blockers from outside the scope, and ignores finished ones", () => {
    const cp = criticalPath(
      makeSnapshot({
        items: [...items, makeDone({ key: "PAY-8", storyPoints: 8, links: blocks("PAY-4"), resolvedAt: at("2026-11-10") })],
      }),
      { keys: ["PAY-3"], pointsPerDay: 2, cycleTimeDays: null },
    );
    expect(cp.path.map((s) => s.key)).toEqual(["PAY-1", "PAY-2", "PAY-3"]);
    expect(cp.path[1]).toMatchObject({ days: 1, estimatedBy: "default" });
    expect(cp.totalDays).toBe(3.5);
  });

  it("is empty without unfinished work", () => {
    const cp = criticalPath(makeSnapshot(), { pointsPerDay: null, cycleTimeDays: null });
    expect(cp.path).toEqual([]);
    expect(cp.finish).toBeNull();
  });

  it("takes the pace from finished items' cycle times in working days", () => {
    const started = (key: string, points: number | null, start: string, end: string) =>
      makeDone({ key, storyPoints: points, statusChanges: [{ to: "In Progress", toCategory: "indeterminate", at: at(start) }], resolvedAt: at(end) });
    const s = makeSnapshot({
      items: [
        started("PAY-1", 4, "2026-11-13T10:00", "2026-11-17T10:00"), // Fri → Tue: 2 days, 2 points a day
        started("PAY-2", 4, "2026-11-02T10:00", "2026-11-06T10:00"), // Mon → Fri: 4 days, 1 point a day
        started("PAY-3", null, "2026-11-10T10:00", "2026-11-10T15:00"), // same day: at least 1
        makeItem({ key: "PAY-4", storyPoints: 3 }),
      ],
    });
    expect(itemPace(s)).toEqual({ pointsPerDay: 1.5, cycleTimeDays: 2 });
    expect(criticalPath(s).path).toMatchObject([{ key: "PAY-4", days: 2, estimatedBy: "points" }]);
  });
});
