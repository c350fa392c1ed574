import { describe, expect, it } from "vitest";
import { planRelease, type ReleasePlan } from "./release-plan";
import { at, makeDone, makeItem, makeRelease, makeSnapshot } from "./testing/fixtures";

// Throughput: two items finished every Tuesday of the 12 complete weeks before now (Wed 18 Nov),
// so every simulated week finishes exactly 2 items and the forecast is exact: n items take ⌈n/2⌉ weeks.
const history = Array.from({ length: 12 }, (_, w) => {
  const tuesday = new Date(at("2026-08-25T10:00").getTime() + w * 7 * 86_400_000);
  return [makeDone({ key: `PAY-${2 * w + 1}`, resolvedAt: tuesday }), makeDone({ key: `PAY-${2 * w + 2}`, resolvedAt: tuesday })];
}).flat();

const r1 = makeRelease({ id: "r1", name: "Payments 2.4", releaseDate: at("2026-12-16") });
const r2 = makeRelease({ id: "r2", name: "Payments 3.0", releaseDate: null });
const r0 = makeRelease({ id: "r0", name: "Payments 2.3", released: true, releaseDate: at("2026-10-01") });
const scope = [
  makeItem({ key: "PAY-100", type: "Epic", fixVersionIds: ["r1"], rank: "b", title: "Refunds" }),
  makeDone({ key: "PAY-101", epicKey: "PAY-100", resolvedAt: at("2026-11-17T10:00") }),
  makeItem({ key: "PAY-102", epicKey: "PAY-100", priority: "Medium" }),
  makeItem({ key: "PAY-103", epicKey: "PAY-100", priority: "Low", links: [{ type: "blocks", direction: "outward", key: "PAY-102" }] }),
  makeItem({ key: "PAY-104", fixVersionIds: ["r1"], priority: "Lowest", storyPoints: 3 }),
  makeItem({ key: "PAY-105", epicKey: "PAY-100", fixVersionIds: ["r2"] }), // explicitly in the next release
  makeItem({ key: "PAY-110", type: "Epic", fixVersionIds: ["r1"], rank: "a", title: "Payouts" }),
  makeItem({ key: "PAY-111", parentKey: "PAY-110", priority: "High" }),
  makeItem({ key: "PAY-112", parentKey: "PAY-110", priority: "Low" }),
];
const snapshot = makeSnapshot({ items: [...history, ...scope], releases: [r2, r1, r0] });
const options = { trials: 500 };

describe("planRelease", () => {
  const plan = planRelease(snapshot, { releaseName: "payments 2.4", ...options }) as ReleasePlan;

  it("scopes the fix version and the children of its epics", () => {
    expect(plan.ok).toBe(true);
    expect(plan.scope.keys).toEqual({ done: ["PAY-101"], remaining: ["PAY-102", "PAY-103", "PAY-104", "PAY-111", "PAY-112"] });
    expect(plan.scope.remaining).toEqual({ points: 3, items: 5 });
    expect(plan.scope.remainingUnestimated).toBe(4);
  });

  it("forecasts from weekly throughput and judges P85 against the release date", () => {
    expect(plan.forecast.history).toHaveLength(12);
    expect(plan.forecast.history.every((w) => w.finished === 2)).toBe(true);
    expect(plan.forecast.percentiles).toEqual({ p50: "2026-12-09", p85: "2026-12-09", p95: "2026-12-09" }); // 3 weeks
    expect(plan.status).toBe("on_track");
    expect(plan.cuts).toBeNull();
    expect(plan.sources[0]).toMatchObject({ kind: "release", id: "r1" });
  });

  it("forecasts milestones in epic rank order, cumulatively", () => {
    expect(plan.milestones.map((m) => [m.epicKey, m.done, m.remaining, m.cumulativeRemaining, m.p85])).toEqual([
      ["PAY-110", 0, 2, 2, "2026-11-25"],
      ["PAY-100", 1, 2, 4, "2026-12-02"],
      [null, 0, 1, 5, "2026-12-09"],
    ]);
  });

  it("is late against an earlier target and cuts low-priority, least-depended-on items until P85 fits", () => {
    const late = planRelease(snapshot, { releaseId: "r1", targetDate: at("2026-12-01"), ...options }) as ReleasePlan;
    expect(late.status).toBe("late");
    // One whole week to 1 Dec fits 2 items, so 3 of 5 go: PAY-104 (Lowest), PAY-112 (Low, nothing depends on it),
    // then PAY-102 (Medium); PAY-103 (Low) stays because PAY-102 depended on it until PAY-102 was cut.
    expect(late.cuts!.weeksToTarget).toBe(1);
    expect(late.cuts!.fitByTarget).toBe(2);
    expect(late.cuts!.items.map((c) => c.key)).toEqual(["PAY-104", "PAY-112", "PAY-102"]);
    expect(late.cuts!.afterCut).toEqual({ remaining: 2, p50: "2026-11-25", p85: "2026-11-25" });
  });

  it("defaults to the next unreleased dated release", () => {
    const plan = planRelease(snapshot, options) as ReleasePlan;
    expect(plan.release.id).toBe("r1");
  });

  it("returns the releases there are when none matches", () => {
    const missing = planRelease(snapshot, { releaseName: "Payments 9" });
    expect(missing).toMatchObject({ ok: false });
    if (missing.ok) throw new Error("expected not found");
    expect(missing.reason).toContain("Payments 9");
    expect(missing.candidates.map((c) => [c.id, c.releaseDate])).toEqual([
      ["r0", "2026-10-01"],
      ["r1", "2026-12-16"],
      ["r2", null],
    ]);
  });

  it("says unknown, not late, without throughput", () => {
    const plan = planRelease(makeSnapshot({ items: scope, releases: [r1] }), options) as ReleasePlan;
    expect(plan.status).toBe("unknown");
    expect(plan.forecast.unreachable).toBe(true);
    expect(plan.warnings.join(" ")).toMatch(/throughput/);
  });
});
