import { describe, expect, it } from "vitest";
import { backtestItems } from "./items";
import type { ItemRow } from "./parse";
import { scoreForecasts } from "./report";

const DAY = 86_400_000;
// Monday 6 Jan 2025, 00:00 UTC: week w starts at MONDAY + w × 7 days.
const MONDAY = Date.UTC(2025, 0, 6);

/**
 * `counts[w]` items finished on the Wednesday of week w. Week `counts.length` gets one finished and one open
 * item: as the week of the last finished date it is taken as partial and left out of the history.
 */
function series(counts: number[], group = "all"): ItemRow[] {
  const rows: ItemRow[] = [];
  counts.forEach((n, week) => {
    for (let i = 0; i < n; i++) {
      const finished = new Date(MONDAY + week * 7 * DAY + 2 * DAY);
      rows.push({ id: `${group}-${week}-${i}`, group, created: new Date(finished.getTime() - DAY), finished });
    }
  });
  const lastWeek = MONDAY + counts.length * 7 * DAY;
  rows.push({ id: `${group}-last`, group, created: new Date(lastWeek), finished: new Date(lastWeek + DAY) });
  rows.push({ id: `${group}-open`, group, created: new Date(lastWeek + DAY), finished: null });
  return rows;
}

describe("backtestItems", () => {
  it("forecasts constant throughput exactly", () => {
    const result = backtestItems(series(Array<number>(19).fill(2)), { trials: 500 });
    const [group] = result.groups;
    expect(group!.periods).toBe(19);
    // Warm-up 12, horizon 4: cut-offs at weeks 12..15.
    expect(group!.forecasts.map((f) => f.at)).toEqual(["2025-03-31", "2025-04-07", "2025-04-14", "2025-04-21"]);
    for (const f of group!.forecasts) expect(f).toMatchObject({ p50: 8, p85: 8, p95: 8, actual: 8, naive: 8 });
    expect(result.skipped).toEqual({ "not finished": 1 });
  });

  it("replays a short series cut-off by cut-off (hand-checked)", () => {
    // Weeks: 1 1 1 3 0 2. Warm-up 3, window 3, horizon 1.
    //  t=3: window [1,1,1] → 1/1/1, actual 3, naive 1.
    //  t=4: window [1,1,3] → a third of draws are 3, so P50 = P85 = P95 = 1; actual 0; naive 5/3.
    //  t=5: window [1,3,0] → thirds of 0, 1, 3: P50 = 1, P85 = P95 = 0; actual 2; naive 4/3.
    const result = backtestItems(series([1, 1, 1, 3, 0, 2]), { warmupWeeks: 3, windowWeeks: 3, horizonWeeks: 1 });
    const forecasts = result.groups[0]!.forecasts;
    expect(forecasts.map(({ p50, p85, p95, actual }) => [p50, p85, p95, actual])).toEqual([
      [1, 1, 1, 3],
      [1, 1, 1, 0],
      [1, 0, 0, 2],
    ]);
    expect(forecasts.map((f) => f.naive)).toEqual([1, 5 / 3, 4 / 3]);
    const score = scoreForecasts(forecasts);
    expect(score.coverage).toEqual({ "50": 0.667, "85": 0.667, "95": 0.667 });
    // MAE (2 + 1 + 1) / 3; naive (2 + 5/3 + 2/3) / 3 = 13/9.
    expect(score.mae).toBeCloseTo(1.333, 3);
    expect(score.naiveMae).toBeCloseTo(1.444, 3);
    expect(score.maeRatioVsNaive).toBeCloseTo(0.923, 3);
  });

  it("skips cut-offs whose window has no throughput and counts them", () => {
    const result = backtestItems(series([2, 0, 0, 0, 0, 3, 1]), { warmupWeeks: 3, windowWeeks: 3, horizonWeeks: 1 });
    const group = result.groups[0]!;
    // Windows: t=3 [2,0,0] forecasts; t=4 and t=5 see [0,0,0] and are skipped; t=6 [0,0,3] forecasts.
    expect(group.cutoffsWithoutThroughput).toBe(2);
    expect(group.forecasts.map((f) => f.at)).toEqual(["2025-01-27", "2025-02-17"]);
  });

  it("drops items finished before they were created unless within the tolerance", () => {
    const rows = series(Array<number>(17).fill(1));
    // Same-day items exported one day "early".
    rows.push(
      { id: "early-1", group: "all", created: new Date(MONDAY + 14 * 7 * DAY + 3 * DAY), finished: new Date(MONDAY + 14 * 7 * DAY + 2 * DAY) },
      { id: "early-5", group: "all", created: new Date(MONDAY + 14 * 7 * DAY + 7 * DAY), finished: new Date(MONDAY + 14 * 7 * DAY + 2 * DAY) },
    );
    const strict = backtestItems(rows, { trials: 200 });
    expect(strict.skipped).toEqual({ "not finished": 1, "finished before created": 2 });
    const tolerant = backtestItems(rows, { toleranceDays: 1, trials: 200 });
    expect(tolerant.skipped).toEqual({ "not finished": 1, "finished before created": 1 });
    // Cut-off at week 12 covers weeks 12..15, which now hold 1 + 1 + 2 + 1 items.
    expect(tolerant.groups[0]!.forecasts[0]!.actual).toBe(5);
  });

  it("ends the history at the last created date, leaving later quiet weeks out", () => {
    const rows = series(Array<number>(18).fill(1));
    // A straggler finished long after the last creation: the weeks before it must not count as zero throughput.
    rows.push({ id: "late", group: "all", created: new Date(MONDAY + DAY), finished: new Date(MONDAY + 60 * 7 * DAY) });
    const group = backtestItems(rows, { trials: 200 }).groups[0]!;
    expect(group.periods).toBe(18);
    expect(group.endWeek).toEqual(new Date(MONDAY + 18 * 7 * DAY));
  });

  it("back-tests each group on its own", () => {
    const rows = [...series(Array<number>(17).fill(3), "B"), ...series(Array<number>(16).fill(1), "A")];
    const result = backtestItems(rows, { trials: 200 });
    expect(result.groups.map((g) => [g.group, g.forecasts.length, g.forecasts[0]?.p50])).toEqual([
      ["A", 1, 4],
      ["B", 2, 12],
    ]);
  });
});
