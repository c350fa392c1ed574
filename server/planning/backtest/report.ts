/**
 * Scores back-test forecasts and renders them: coverage per confidence level, mean absolute error against
 * a naive baseline, a table for people and one JSON line for machines.
 */
import type { SkipCounts } from "./parse";

/** One forecast made at a cut-off from the past only, with what then happened. */
export interface BacktestForecast {
  group: string;
  /** The cut-off: a week start (yyyy-MM-dd) in items mode, the forecast sprint's name in sprints mode. */
  at: string;
  /** "At least" forecasts: a P85 of 20 claims an 85% chance that 20 or more get done. */
  p50: number;
  p85: number;
  p95: number;
  actual: number;
  /** The naive forecast for the same outcome: the mean of the last 3 periods, scaled to the horizon. */
  naive: number;
}

export const LEVELS = [50, 85, 95] as const;
export type Level = (typeof LEVELS)[number];
/** How far coverage may sit from the nominal level and still count as calibrated (±5 points). */
export const CALIBRATION_TOLERANCE = 0.05;

export type ByLevel<T> = Record<`${Level}`, T>;

/** Scores of a set of forecasts. Null figures mean there was nothing to score. */
export interface BacktestScore {
  forecasts: number;
  /** Share of forecasts whose actual landed on the safe side (actual ≥ forecast), 0..1, 3 decimals. */
  coverage: ByLevel<number> | null;
  /** Coverage within ±5 points of the level. */
  calibrated: ByLevel<boolean> | null;
  /** Mean |P50 − actual|. */
  mae: number | null;
  /** Mean |naive − actual|. */
  naiveMae: number | null;
  /** mae / naiveMae; below 1 means the forecast beats the naive average. */
  maeRatioVsNaive: number | null;
}

export function scoreForecasts(forecasts: BacktestForecast[]): BacktestScore {
  const n = forecasts.length;
  if (n === 0) return { forecasts: 0, coverage: null, calibrated: null, mae: null, naiveMae: null, maeRatioVsNaive: null };
  const share = (level: Level) => forecasts.filter((f) => f.actual >= f[`p${level}`]).length / n;
  const coverage = { "50": round(share(50), 3), "85": round(share(85), 3), "95": round(share(95), 3) };
  const within = (level: Level) => Math.abs(share(level) - level / 100) <= CALIBRATION_TOLERANCE + 1e-9;
  const calibrated = { "50": within(50), "85": within(85), "95": within(95) };
  const mae = forecasts.reduce((sum, f) => sum + Math.abs(f.p50 - f.actual), 0) / n;
  const naiveMae = forecasts.reduce((sum, f) => sum + Math.abs(f.naive - f.actual), 0) / n;
  return {
    forecasts: n,
    coverage,
    calibrated,
    mae: round(mae, 3),
    naiveMae: round(naiveMae, 3),
    maeRatioVsNaive: naiveMae > 0 ? round(mae / naiveMae, 3) : null,
  };
}

/** A group's part of the report. */
export interface GroupReport extends BacktestScore {
  group: string;
  /** Items mode: weeks of observed history; sprints mode: sprints read. */
  periods: number;
  /** Cut-offs passed over because the sample window had no throughput (no forecast is possible there). */
  cutoffsWithoutThroughput: number;
}

/** The whole report; {@link formatReport} prints it, its JSON is the command's last line. */
export interface BacktestReport extends BacktestScore {
  format: "items" | "sprints";
  file: string;
  /** Items mode: weeks ahead each forecast covers; sprints mode: null (always the next sprint). */
  horizonWeeks: number | null;
  groups: GroupReport[];
  skippedRows: { total: number; reasons: SkipCounts };
  /** The fixed settings the forecasts used, so a reader can reproduce them. */
  method: Record<string, string | number | boolean>;
  notes: string[];
}

export interface GroupForecasts {
  group: string;
  periods: number;
  cutoffsWithoutThroughput: number;
  forecasts: BacktestForecast[];
}

/** Scores each group and the pool of all groups' forecasts. */
export function buildReport(input: {
  format: "items" | "sprints";
  file: string;
  horizonWeeks: number | null;
  groups: GroupForecasts[];
  skipped: SkipCounts;
  method: Record<string, string | number | boolean>;
  notes?: string[];
}): BacktestReport {
  const pooled = scoreForecasts(input.groups.flatMap((g) => g.forecasts));
  const total = Object.values(input.skipped).reduce((a, b) => a + b, 0);
  return {
    format: input.format,
    file: input.file,
    ...pooled,
    horizonWeeks: input.horizonWeeks,
    groups: input.groups.map((g) => ({
      group: g.group,
      periods: g.periods,
      cutoffsWithoutThroughput: g.cutoffsWithoutThroughput,
      ...scoreForecasts(g.forecasts),
    })),
    skippedRows: { total, reasons: { ...input.skipped } },
    method: input.method,
    notes: input.notes ?? [],
  };
}

/**
 * Human-readable lines (one table row per group, then the pool), followed by the report as a single JSON
 * line, which is always last so scripts can read it with `tail -n 1`.
 */
export function formatReport(report: BacktestReport): string[] {
  const lines: string[] = [];
  const what = report.format === "items" ? `items finished in the next ${report.horizonWeeks} weeks` : "points/items completed in the next sprint";
  lines.push(`Back-test of ${report.file} (${report.format}): forecasting ${what}.`);
  const method = Object.entries(report.method).map(([k, v]) => `${k}=${v}`).join(", ");
  lines.push(`Method: ${method}.`);
  for (const note of report.notes) lines.push(`Note: ${note}.`);
  if (report.skippedRows.total > 0) {
    const reasons = Object.entries(report.skippedRows.reasons).map(([k, v]) => `${v} ${k}`).join(", ");
    lines.push(`Skipped rows: ${report.skippedRows.total} (${reasons}).`);
  }
  lines.push("");
  const header = ["group", report.format === "items" ? "weeks" : "sprints", "forecasts", "P50 cov", "P85 cov", "P95 cov", "MAE", "naive MAE", "ratio"];
  const rows = report.groups.map((g) => tableRow(g.group, String(g.periods), g));
  if (report.groups.length > 1) rows.push(tableRow("pooled", String(report.groups.reduce((n, g) => n + g.periods, 0)), report));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const render = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  lines.push(render(header));
  lines.push(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) lines.push(render(row));
  lines.push("");
  lines.push("Coverage = share of actual outcomes at or above the forecast; ✓ = within ±5 points of the level. Ratio < 1 beats the naive 3-period average.");
  lines.push(JSON.stringify(report));
  return lines;
}

function tableRow(name: string, periods: string, score: BacktestScore): string[] {
  const level = (l: Level) => {
    if (!score.coverage || !score.calibrated) return "–";
    return `${(score.coverage[`${l}`] * 100).toFixed(1)}%${score.calibrated[`${l}`] ? " ✓" : "  "}`;
  };
  const num = (v: number | null, digits: number) => (v === null ? "–" : v.toFixed(digits));
  return [name, periods, String(score.forecasts), level(50), level(85), level(95), num(score.mae, 2), num(score.naiveMae, 2), num(score.maeRatioVsNaive, 2)];
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
