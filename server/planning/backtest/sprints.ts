/**
 * Sprints back-test: for each team, forecasts every sprint's completed figure from the sprints before it
 * only (forecastHowMany over one period, sampling the last `windowSprints` completed figures), then
 * compares with what the sprint completed.
 */
import { DEFAULT_SEED, forecastHowMany } from "@/server/planning/engine/forecast";
import type { SprintRow } from "./parse";
import type { BacktestForecast, GroupForecasts } from "./report";

export interface SprintsBacktestOptions {
  /** Sprints of history before the first forecast (at least 3, which the naive baseline needs). */
  warmupSprints: number;
  /** Most recent sprints sampled at each forecast. */
  windowSprints: number;
  trials: number;
  seed: number;
}

export const DEFAULT_SPRINTS_OPTIONS: SprintsBacktestOptions = {
  warmupSprints: 3,
  windowSprints: 12,
  trials: 10_000,
  seed: DEFAULT_SEED,
};

/** Sprints the naive baseline averages. */
export const NAIVE_SPRINTS = 3;

export interface SprintsBacktest {
  groups: GroupForecasts[];
}

/**
 * Rows are taken in file order within each team; when every sprint of a team has a start date they are
 * ordered by it instead (stable, so equal starts keep file order).
 */
export function backtestSprints(rows: SprintRow[], options: Partial<SprintsBacktestOptions> = {}): SprintsBacktest {
  const opts = { ...DEFAULT_SPRINTS_OPTIONS, ...options };
  const byGroup = new Map<string, SprintRow[]>();
  for (const row of rows) {
    const list = byGroup.get(row.group) ?? [];
    list.push(row);
    byGroup.set(row.group, list);
  }
  const groups: GroupForecasts[] = [];
  for (const [group, list] of byGroup) {
    const ordered = list.every((s) => s.start !== null) ? [...list].sort((a, b) => a.start!.getTime() - b.start!.getTime()) : list;
    groups.push(backtestTeam(group, ordered, opts));
  }
  groups.sort((a, b) => a.group.localeCompare(b.group, "en", { numeric: true }));
  return { groups };
}

function backtestTeam(group: string, sprints: SprintRow[], opts: SprintsBacktestOptions): GroupForecasts {
  const completed = sprints.map((s) => s.completed);
  const forecasts: BacktestForecast[] = [];
  let cutoffsWithoutThroughput = 0;
  for (let i = Math.max(opts.warmupSprints, NAIVE_SPRINTS); i < completed.length; i++) {
    const window = completed.slice(Math.max(0, i - opts.windowSprints), i);
    if (window.every((c) => c === 0)) {
      cutoffsWithoutThroughput++;
      continue;
    }
    const forecast = forecastHowMany({ samples: window, periods: 1, trials: opts.trials, seed: opts.seed });
    const last = completed.slice(i - NAIVE_SPRINTS, i);
    forecasts.push({
      group,
      at: sprints[i]!.sprint,
      ...forecast,
      actual: completed[i]!,
      naive: last.reduce((a, b) => a + b, 0) / NAIVE_SPRINTS,
    });
  }
  return { group, periods: sprints.length, cutoffsWithoutThroughput, forecasts };
}
