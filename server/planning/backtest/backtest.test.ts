import { describe, expect, it } from "vitest";
import { runBacktest } from "./backtest";
import { BacktestInputError } from "./parse";

/** Two items a week for 20 weeks from Monday 6 Jan 2025, in dd/MM/yyyy like a spreadsheet export. */
function steadyCsv(): string {
  const lines = ["Key,Created,Resolved,Team"];
  for (let week = 0; week < 20; week++) {
    for (let i = 0; i < 2; i++) {
      const d = new Date(Date.UTC(2025, 0, 8 + week * 7));
      const text = `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`;
      lines.push(`K-${week}-${i},${text},${text},Core`);
    }
  }
  lines.push("K-bad,01/01/2025,,Core");
  return lines.join("\n");
}

describe("runBacktest", () => {
  it("runs the items format end to end", () => {
    const report = runBacktest(steadyCsv(), "steady.csv", { trials: 300 });
    // 20 weeks, the last dropped as partial → 19; cut-offs at weeks 12..15.
    expect(report).toMatchObject({
      format: "items",
      file: "steady.csv",
      forecasts: 4,
      coverage: { "50": 1, "85": 1, "95": 1 },
      mae: 0,
      naiveMae: 0,
      maeRatioVsNaive: null,
      horizonWeeks: 4,
      skippedRows: { total: 1, reasons: { "not finished": 1 } },
    });
    expect(report.groups.map((g) => [g.group, g.periods])).toEqual([["Core", 19]]);
    expect(report.notes).toContain("dates read as dd/MM/yyyy");
  });

  it("runs the sprints format end to end", () => {
    const csv = "team,sprint,committed,completed\nA,1,10,8\nA,2,10,8\nA,3,10,8\nA,4,10,6\n";
    const report = runBacktest(csv, "sprints.csv", { trials: 300 });
    expect(report).toMatchObject({ format: "sprints", horizonWeeks: null, forecasts: 1, coverage: { "50": 0, "85": 0, "95": 0 }, mae: 2, naiveMae: 2 });
  });

  it("explains a group too short to forecast", () => {
    const csv = "team,sprint,committed,completed\nA,1,10,8\nA,2,10,8\n";
    expect(runBacktest(csv, "short.csv").notes).toContain("A: 2 sprints of history, fewer than the 3-sprint warm-up plus the 1-sprint horizon");
  });

  it("rejects a file without a single usable item", () => {
    expect(() => runBacktest("id,created,finished\nA,2025-01-02,\nB,2025-01-03,2025-01-01\n", "x.csv")).toThrow(BacktestInputError);
  });
});
