import { dayKey } from "./calendar";
import { type CompletionForecast, RATE_HISTORY_WEEKS, weeklyThroughput } from "./forecast";
import { finishedAt, isDone, isWorkItem } from "./items";
import { itemSource, uniqueSources } from "./sources";
import { type SourceRef, type TeamSnapshot } from "./types";

/**
 * The team's weekly throughput (stories, tasks and bugs finished per week) that forecasts sample,
 * and the shape forecasts take in engine results: the same shape the artifact's forecast chart
 * reads, with dates as yyyy-MM-dd in the team's zone.
 */

/** Weeks of history forecasts sample: about a quarter, long enough to include slow weeks. */
export const THROUGHPUT_WEEKS = 12;
/** Forecasts are seeded so the same snapshot always gives the same dates. */
export const FORECAST_SEED = 1_729;

/** Items finished per complete week before now, oldest first, and the items counted. */
export interface Throughput {
  weeks: { weekStart: Date; finished: number }[];
  samples: number[];
  /**
   * Items finished per week over the last {@link RATE_HISTORY_WEEKS} complete weeks (or `weeks`, if longer),
   * oldest first, ending with the same week as `samples`. Pass it as the forecasts' `rateHistory` so they
   * allow for the rate drifting away from the sampled weeks.
   */
  rateHistory: number[];
  sources: SourceRef[];
}

export function teamThroughput(snapshot: TeamSnapshot, weeks = THROUGHPUT_WEEKS): Throughput {
  const done = snapshot.items.filter((i) => isWorkItem(i) && isDone(i));
  const finishedDates = done.map((i) => finishedAt(i)!);
  const longest = Math.max(weeks, RATE_HISTORY_WEEKS);
  const history = weeklyThroughput(finishedDates, { now: snapshot.now, weeks: longest, timezone: snapshot.team.timezone });
  const series = history.slice(history.length - Math.max(0, Math.floor(weeks)));
  const from = series[0]?.weekStart.getTime() ?? snapshot.now.getTime();
  const counted = done.filter((i) => {
    const t = finishedAt(i)!.getTime();
    return t >= from && t < snapshot.now.getTime();
  });
  return {
    weeks: series,
    samples: series.map((w) => w.finished),
    rateHistory: history.map((w) => w.finished),
    sources: uniqueSources(counted.map(itemSource)),
  };
}

/** A forecast ready to show: percentiles, the completion curve and the history it sampled. */
export interface ForecastView {
  /** What is forecast, e.g. "Remaining scope of Payments 2.4 (5 items)". */
  label: string;
  /** yyyy-MM-dd, when there is a target. */
  targetDate: string | null;
  /** yyyy-MM-dd; meaningless when `unreachable` (then all equal the start day). */
  percentiles: { p50: string; p85: string; p95: string };
  /** Probability (0..1) of being done by each date, ascending. */
  curve: { date: string; probability: number }[];
  /** Items finished per week that the forecast sampled, oldest first. */
  history: { weekStart: string; finished: number }[];
  trials: number;
  /** True when past throughput cannot finish the work (no finished items in the window). */
  unreachable: boolean;
  /** The finished items behind the history. */
  sources: SourceRef[];
}

export function forecastView(
  label: string,
  targetDate: string | null,
  forecast: CompletionForecast,
  throughput: Throughput,
  timezone: string,
): ForecastView {
  const day = (d: Date) => dayKey(d, timezone);
  return {
    label,
    targetDate,
    percentiles: { p50: day(forecast.p50), p85: day(forecast.p85), p95: day(forecast.p95) },
    curve: forecast.curve.map((c) => ({ date: day(c.date), probability: c.probability })),
    history: throughput.weeks.map((w) => ({ weekStart: day(w.weekStart), finished: w.finished })),
    trials: forecast.trials,
    unreachable: forecast.unreachable,
    sources: throughput.sources,
  };
}
