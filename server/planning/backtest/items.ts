/**
 * Items back-test: replays a team's weekly throughput. At every week after the warm-up it forecasts, from
 * the weeks before only, how many items will be finished in the next `horizonWeeks` weeks, exactly as the
 * product does (forecastHowMany over the last `windowWeeks` weeks, with the last year as rate history), then
 * records what happened.
 */
import { tz } from "@date-fns/tz";
import { format, startOfWeek } from "date-fns";
import { forecastHowMany, weeklyThroughput, DEFAULT_SEED, RATE_HISTORY_WEEKS } from "@/server/planning/engine/forecast";
import type { ItemRow, SkipCounts } from "./parse";
import type { BacktestForecast, GroupForecasts } from "./report";

export interface ItemsBacktestOptions {
  /** Weeks ahead each forecast covers. */
  horizonWeeks: number;
  /** Weeks of history before the first cut-off. */
  warmupWeeks: number;
  /** Most recent weeks sampled at each cut-off (the product's default window). */
  windowWeeks: number;
  /**
   * Days a finished date may precede its created date and still count (the row is read as finished on
   * its finished date). 0 drops every such row; date-only exports that mix time zones put same-day items
   * one day "early".
   */
  toleranceDays: number;
  /** Zone whose Monday-to-Sunday weeks bucket the finished dates. */
  timezone: string;
  trials: number;
  seed: number;
}

export const DEFAULT_ITEMS_OPTIONS: ItemsBacktestOptions = {
  horizonWeeks: 4,
  warmupWeeks: 12,
  windowWeeks: 12,
  toleranceDays: 0,
  timezone: "UTC",
  trials: 10_000,
  seed: DEFAULT_SEED,
};

/** Weeks the naive baseline averages. */
export const NAIVE_WEEKS = 3;

export interface ItemsBacktest {
  groups: (GroupForecasts & { firstWeek: Date | null; endWeek: Date | null })[];
  /** Rows not usable as finished items, by reason. */
  skipped: SkipCounts;
}

const DAY_MS = 86_400_000;

export function backtestItems(items: ItemRow[], options: Partial<ItemsBacktestOptions> = {}): ItemsBacktest {
  const opts = { ...DEFAULT_ITEMS_OPTIONS, ...options };
  const skipped: SkipCounts = {};
  const byGroup = new Map<string, ItemRow[]>();
  for (const item of items) {
    const list = byGroup.get(item.group) ?? [];
    list.push(item);
    byGroup.set(item.group, list);
  }
  const groups = [...byGroup.entries()]
    .sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))
    .map(([group, rows]) => backtestGroup(group, rows, opts, skipped));
  return { groups, skipped };
}

function backtestGroup(
  group: string,
  rows: ItemRow[],
  opts: ItemsBacktestOptions,
  skipped: SkipCounts,
): ItemsBacktest["groups"][number] {
  const finished: Date[] = [];
  let lastCreated = -Infinity;
  let firstFinished = Infinity;
  let lastFinished = -Infinity;
  for (const row of rows) {
    lastCreated = Math.max(lastCreated, row.created.getTime());
    if (row.finished === null) {
      bump(skipped, "not finished");
    } else if (row.finished.getTime() < row.created.getTime() - opts.toleranceDays * DAY_MS) {
      bump(skipped, "finished before created");
    } else {
      finished.push(row.finished);
      firstFinished = Math.min(firstFinished, row.finished.getTime());
      lastFinished = Math.max(lastFinished, row.finished.getTime());
    }
  }
  const empty = { group, periods: 0, cutoffsWithoutThroughput: 0, forecasts: [], firstWeek: null, endWeek: null };
  if (finished.length === 0) return empty;

  const zone = tz(opts.timezone);
  const firstWeek = startOfWeek(new Date(firstFinished), { weekStartsOn: 1, in: zone });
  // History stops at the week of the earlier of the last created and last finished date, and that week is
  // left out as possibly partial. A file cut by creation date holds none of the items created after its
  // last creation date, so the weeks after it would look falsely quiet.
  const endWeek = startOfWeek(new Date(Math.min(lastCreated, lastFinished)), { weekStartsOn: 1, in: zone });
  const weekCount = Math.round((endWeek.getTime() - firstWeek.getTime()) / (7 * DAY_MS));
  if (weekCount <= 0) return { ...empty, firstWeek: new Date(firstWeek.getTime()), endWeek: new Date(endWeek.getTime()) };
  const weeks = weeklyThroughput(finished, { now: endWeek, weeks: weekCount, timezone: opts.timezone });
  const counts = weeks.map((w) => w.finished);

  const forecasts: BacktestForecast[] = [];
  let cutoffsWithoutThroughput = 0;
  const firstCutoff = Math.max(opts.warmupWeeks, NAIVE_WEEKS);
  for (let t = firstCutoff; t + opts.horizonWeeks <= counts.length; t++) {
    const window = counts.slice(Math.max(0, t - opts.windowWeeks), t);
    if (window.every((c) => c === 0)) {
      // The product says "no throughput history" here rather than forecasting; so does the back-test.
      cutoffsWithoutThroughput++;
      continue;
    }
    const forecast = forecastHowMany({
      samples: window,
      rateHistory: counts.slice(Math.max(0, t - RATE_HISTORY_WEEKS), t),
      periods: opts.horizonWeeks,
      trials: opts.trials,
      seed: opts.seed,
    });
    const actual = sum(counts.slice(t, t + opts.horizonWeeks));
    const naive = (sum(counts.slice(t - NAIVE_WEEKS, t)) / NAIVE_WEEKS) * opts.horizonWeeks;
    forecasts.push({
      group,
      at: format(weeks[t]!.weekStart, "yyyy-MM-dd", { in: zone }),
      ...forecast,
      actual,
      naive,
    });
  }
  return {
    group,
    periods: counts.length,
    cutoffsWithoutThroughput,
    forecasts,
    firstWeek: new Date(firstWeek.getTime()),
    endWeek: new Date(endWeek.getTime()),
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function bump(counts: SkipCounts, reason: string) {
  counts[reason] = (counts[reason] ?? 0) + 1;
}
