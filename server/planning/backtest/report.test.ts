import { describe, expect, it } from "vitest";
import { buildReport, formatReport, scoreForecasts, type BacktestForecast } from "./report";

function forecast(p50: number, p85: number, p95: number, actual: number, naive: number, group = "g"): BacktestForecast {
  return { group, at: "2025-01-06", p50, p85, p95, actual, naive };
}

describe("scoreForecasts", () => {
  it("computes coverage, MAE and the ratio to the naive baseline", () => {
    const forecasts = [
      forecast(10, 8, 6, 12, 9), // safe at all levels
      forecast(10, 8, 6, 7, 9), // safe at 95 only
      forecast(10, 8, 6, 8, 12), // actual equals P85: on the safe side
      forecast(10, 8, 6, 5, 5), // safe nowhere
    ];
    const score = scoreForecasts(forecasts);
    expect(score.forecasts).toBe(4);
    expect(score.coverage).toEqual({ "50": 0.25, "85": 0.5, "95": 0.75 });
    expect(score.calibrated).toEqual({ "50": false, "85": false, "95": false });
    // |10−12| + |10−7| + |10−8| + |10−5| = 12 → 3; naive |9−12| + |9−7| + |12−8| + |5−5| = 9 → 2.25.
    expect(score.mae).toBe(3);
    expect(score.naiveMae).toBe(2.25);
    expect(score.maeRatioVsNaive).toBe(1.333);
  });

  it("counts coverage exactly 5 points off as calibrated, and 6 off as not", () => {
    // 20 forecasts; 18 safe at 95 (90%), 16 safe at 85 (80%), 9 safe at 50 (45%).
    const forecasts = Array.from({ length: 20 }, (_, i) => forecast(i < 9 ? 0 : 99, i < 16 ? 0 : 99, i < 18 ? 0 : 99, 1, 1));
    expect(scoreForecasts(forecasts).calibrated).toEqual({ "50": true, "85": true, "95": true });
    const fewer = forecasts.map((f, i) => (i === 17 ? { ...f, p95: 99 } : f)); // 85% at 95 → 10 points off
    expect(scoreForecasts(fewer).calibrated!["95"]).toBe(false);
  });

  it("returns nulls for no forecasts and no ratio when the naive forecast was perfect", () => {
    expect(scoreForecasts([])).toEqual({ forecasts: 0, coverage: null, calibrated: null, mae: null, naiveMae: null, maeRatioVsNaive: null });
    expect(scoreForecasts([forecast(3, 2, 1, 4, 4)]).maeRatioVsNaive).toBeNull();
  });
});

describe("formatReport", () => {
  const report = buildReport({
    format: "items",
    file: "history.csv",
    horizonWeeks: 4,
    groups: [
      { group: "A", periods: 30, cutoffsWithoutThroughput: 0, forecasts: [forecast(10, 8, 6, 12, 9, "A"), forecast(10, 8, 6, 7, 9, "A")] },
      { group: "B", periods: 20, cutoffsWithoutThroughput: 2, forecasts: [forecast(4, 3, 2, 4, 6, "B")] },
    ],
    skipped: { "not finished": 3 },
    method: { windowWeeks: 12 },
  });

  it("pools the groups' forecasts", () => {
    expect(report.forecasts).toBe(3);
    expect(report.coverage).toEqual({ "50": 0.667, "85": 0.667, "95": 1 });
    expect(report.groups.map((g) => [g.group, g.forecasts, g.cutoffsWithoutThroughput])).toEqual([
      ["A", 2, 0],
      ["B", 1, 2],
    ]);
    expect(report.skippedRows).toEqual({ total: 3, reasons: { "not finished": 3 } });
  });

  it("prints a row per group and the pool, then the report as the last line", () => {
    const lines = formatReport(report);
    expect(lines.some((l) => /^A\s+30\s+2\s+50\.0%/.test(l))).toBe(true);
    expect(lines.some((l) => /^pooled\s+50\s+3\s+66\.7%/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes("Skipped rows: 3 (3 not finished)"))).toBe(true);
    const json = JSON.parse(lines.at(-1)!);
    expect(Object.keys(json).slice(0, 11)).toEqual([
      "format", "file", "forecasts", "coverage", "calibrated", "mae", "naiveMae", "maeRatioVsNaive", "horizonWeeks", "groups", "skippedRows",
    ]);
    expect(json.coverage).toEqual({ "50": 0.667, "85": 0.667, "95": 1 });
  });
});
