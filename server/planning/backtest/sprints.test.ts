import { describe, expect, it } from "vitest";
import type { SprintRow } from "./parse";
import { backtestSprints } from "./sprints";

function team(group: string, completed: number[], starts?: string[]): SprintRow[] {
  return completed.map((c, i) => ({
    group,
    sprint: `${group}-S${i + 1}`,
    committed: null,
    completed: c,
    start: starts ? new Date(starts[i]!) : null,
    end: null,
  }));
}

describe("backtestSprints", () => {
  it("forecasts each sprint from the ones before it (hand-checked)", () => {
    // S4 from [10,10,10]: 10 at every level; completed 20; naive 10.
    // S5 from [10,10,10,20]: three quarters of draws are 10, so P50 = P85 = P95 = 10; completed 5; naive 40/3.
    const { groups } = backtestSprints(team("Pay", [10, 10, 10, 20, 5]));
    expect(groups).toHaveLength(1);
    expect(groups[0]!.periods).toBe(5);
    expect(groups[0]!.forecasts).toEqual([
      { group: "Pay", at: "Pay-S4", p50: 10, p85: 10, p95: 10, actual: 20, naive: 10 },
      { group: "Pay", at: "Pay-S5", p50: 10, p85: 10, p95: 10, actual: 5, naive: 40 / 3 },
    ]);
  });

  it("samples only the last windowSprints sprints", () => {
    // At S6 a window of 3 sees [10,20,30] (P50 = 20); the whole history [10,10,10,20,30] is 60% tens (P50 = 10).
    const rows = team("Pay", [10, 10, 10, 20, 30, 25]);
    const windowed = backtestSprints(rows, { windowSprints: 3 }).groups[0]!.forecasts;
    const full = backtestSprints(rows, { windowSprints: 12 }).groups[0]!.forecasts;
    expect(windowed.at(-1)!.p50).toBe(20);
    expect(full.at(-1)!.p50).toBe(10);
  });

  it("orders a team's sprints by start date when every sprint has one", () => {
    const rows = team("Pay", [1, 2, 3, 4], ["2024-01-29", "2024-01-01", "2024-01-15", "2024-02-12"]);
    const { groups } = backtestSprints(rows);
    // Order by start: S2 (2), S3 (3), S1 (1), S4 (4) → the one forecast is for S4 from [2,3,1].
    expect(groups[0]!.forecasts.map((f) => [f.at, f.naive])).toEqual([["Pay-S4", 2]]);
  });

  it("keeps teams apart and needs three sprints before forecasting", () => {
    const rows = [...team("B", [5, 5, 5, 5]), ...team("A", [1, 1, 1])];
    const { groups } = backtestSprints(rows);
    expect(groups.map((g) => [g.group, g.forecasts.length])).toEqual([
      ["A", 0],
      ["B", 1],
    ]);
  });
});
