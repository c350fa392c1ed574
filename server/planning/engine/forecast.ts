/**
 * Throughput-based Monte Carlo forecasting: "when will these N items be done?" and "how many items will
 * be done in N periods?". Both replay history by drawing one past period's throughput at a time, uniformly
 * and with replacement, from a seeded generator so the same inputs always give the same dates.
 *
 * Given a longer `rateHistory`, each trial also scales its draws by one rate multiplier: throughput does not
 * stay at the level of the sampled window, it drifts, and over several periods that drift, not the
 * week-to-week noise, is what makes forecasts miss. See {@link rateMultipliers}.
 *
 * Pure: no clock, no I/O. Callers pass `now`/`start` and the history.
 */
import { tz } from "@date-fns/tz";
import { addDays, addWeeks, startOfWeek } from "date-fns";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** Default number of simulated futures; enough for percentiles stable to about one period. */
export const DEFAULT_TRIALS = 10_000;
/** Default seed: forecasts are reproducible unless a caller asks for another stream. */
export const DEFAULT_SEED = 20_240_601;
/** Default cap on simulated periods per trial, so a trickle of throughput cannot loop for ever. */
export const DEFAULT_MAX_PERIODS = 1_000;
/** Length of the stretches whose throughput is compared to measure how the rate changes: about a month of weeks. */
export const RATE_BLOCK_PERIODS = 4;
/** Weeks of history callers pass as `rateHistory`: a year, so the spread reflects the team's recent habits. */
export const RATE_HISTORY_WEEKS = 52;

export interface WeeklyThroughput {
  /** Monday 00:00 of the week in the requested time zone, as an instant. */
  weekStart: Date;
  /** Items whose finish instant falls in [weekStart, next Monday 00:00) in that zone. */
  finished: number;
}

/**
 * Counts finished items per calendar week (Monday to Sunday in `timezone`), for the `weeks` complete weeks
 * before the week that contains `now`. Oldest first; weeks without a finished item are included as 0,
 * because a Monte Carlo that never sees an empty week would promise too much. The current, partial week is
 * left out: it would read as a slow week. Week boundaries follow the zone's calendar, so a week that
 * contains a DST change is 167 or 169 hours long.
 */
export function weeklyThroughput(
  finished: Date[],
  opts: { now: Date; weeks: number; timezone: string },
): WeeklyThroughput[] {
  const weeks = Math.max(0, Math.floor(opts.weeks));
  if (weeks === 0) return [];
  const zone = tz(opts.timezone);
  const currentWeekStart = startOfWeek(opts.now, { weekStartsOn: 1, in: zone });
  // boundaries[i] .. boundaries[i + 1] is week i; boundaries[weeks] is the start of the current week.
  const boundaries: number[] = [];
  for (let i = weeks; i >= 0; i--) boundaries.push(addWeeks(currentWeekStart, -i, { in: zone }).getTime());
  const counts = new Array<number>(weeks).fill(0);
  const first = boundaries[0]!;
  const end = boundaries[weeks]!;
  for (const date of finished) {
    const t = date.getTime();
    if (!(t >= first && t < end)) continue; // also drops invalid dates (NaN)
    // Binary search for the last boundary <= t.
    let lo = 0;
    let hi = weeks - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (boundaries[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    counts[lo]! += 1;
  }
  return counts.map((count, i) => ({ weekStart: new Date(boundaries[i]!), finished: count }));
}

/** Optional longer history from which both forecasts learn how much the throughput rate drifts. */
export interface RateHistory {
  /**
   * Per-period throughput over a longer stretch (weekly: the last {@link RATE_HISTORY_WEEKS} weeks), oldest
   * first, ending with the same period as `samples`. When it holds at least two pairs of consecutive
   * {@link RATE_BLOCK_PERIODS}-period stretches with throughput, every trial scales its draws by a rate
   * multiplier drawn from the changes seen there (see {@link rateMultipliers}); otherwise the draws are
   * used as they are. Negative and non-finite values count as 0.
   */
  rateHistory?: number[];
}

/** Input of {@link forecastCompletion}. */
export interface CompletionInput {
  /** Past per-period throughput (e.g. items finished in each of the last 12 weeks). Negative values count as 0. */
  samples: number[];
  /** Work left, in the unit of `samples`. */
  remaining: number;
  /** When the first simulated period begins. */
  start: Date;
  /** Length of one period in calendar days (7 for weekly samples). */
  periodDays: number;
  /** Simulated futures; default {@link DEFAULT_TRIALS}. */
  trials?: number;
  /** PRNG seed; default {@link DEFAULT_SEED}. */
  seed?: number;
  /** Periods after which a trial gives up; default {@link DEFAULT_MAX_PERIODS}. */
  maxPeriods?: number;
  /** Zone whose calendar days period ends are counted in, so a DST change keeps dates on midnight; default UTC. */
  timezone?: string;
  /** See {@link RateHistory.rateHistory}. */
  rateHistory?: number[];
}

/** Result of {@link forecastCompletion}. */
export interface CompletionForecast {
  /** Half the simulated futures finish by this date (end of the period in which they finish). */
  p50: Date;
  /** 85% of the simulated futures finish by this date. */
  p85: Date;
  /** 95% of the simulated futures finish by this date. */
  p95: Date;
  /**
   * Share of simulated futures finished by the end of each period, one point per period from the first
   * until every trial has finished (or `maxPeriods`). Non-decreasing. Empty when there is no throughput.
   * When nothing remains it is a single point at `start` with probability 1.
   */
  curve: { date: Date; probability: number }[];
  trials: number;
  /**
   * True when the history cannot finish the work: no samples, only zero samples, or fewer than 95% of
   * trials finish within `maxPeriods`. Then p50, p85 and p95 are all `start` and must not be shown as dates.
   */
  unreachable: boolean;
}

/**
 * Monte Carlo completion forecast: each trial adds a uniformly drawn past period's throughput (times the
 * trial's rate multiplier, when `rateHistory` is given) until the running total reaches `remaining`; the
 * number of periods it took, times `periodDays`, gives its date.
 * Percentile dates use the smallest period count that at least that share of trials finished within
 * (nearest rank, never interpolated: a date between two period ends would claim precision the history
 * does not have).
 */
export function forecastCompletion(input: CompletionInput): CompletionForecast {
  const trials = positiveInt(input.trials, DEFAULT_TRIALS);
  const maxPeriods = positiveInt(input.maxPeriods, DEFAULT_MAX_PERIODS);
  const zone = tz(input.timezone ?? "UTC");
  const start = new Date(input.start.getTime());
  const periodEnd = (periods: number) => addDays(start, periods * input.periodDays, { in: zone });

  if (!(input.remaining > 0)) {
    return { p50: start, p85: start, p95: start, curve: [{ date: start, probability: 1 }], trials, unreachable: false };
  }
  const samples = toSampleArray(input.samples);
  if (samples === null) {
    return { p50: start, p85: start, p95: start, curve: [], trials, unreachable: true };
  }

  const rng = xoroshiro128plus(input.seed ?? DEFAULT_SEED);
  const lastIndex = samples.length - 1;
  const multipliers = rateMultipliers(input.rateHistory, samples);
  const remaining = input.remaining;
  // finishedAt[k] = trials that reached `remaining` after exactly k periods; index maxPeriods + 1 = never.
  const finishedAt = new Uint32Array(maxPeriods + 2);
  let longest = 0;
  for (let trial = 0; trial < trials; trial++) {
    const rate = multipliers === null ? 1 : multipliers[uniformInt(rng, 0, multipliers.length - 1)]!;
    let done = 0;
    let periods = 0;
    while (done < remaining && periods < maxPeriods) {
      done += samples[uniformInt(rng, 0, lastIndex)]! * rate;
      periods++;
    }
    const k = done >= remaining ? periods : maxPeriods + 1;
    finishedAt[k]! += 1;
    if (k <= maxPeriods && k > longest) longest = k;
  }

  const curve: { date: Date; probability: number }[] = [];
  const needed = [50, 85, 95].map((p) => Math.ceil((p * trials) / 100));
  const reachedAt: (number | null)[] = [null, null, null];
  let cumulative = 0;
  for (let k = 1; k <= longest; k++) {
    cumulative += finishedAt[k]!;
    curve.push({ date: periodEnd(k), probability: cumulative / trials });
    for (let i = 0; i < needed.length; i++) {
      if (reachedAt[i] === null && cumulative >= needed[i]!) reachedAt[i] = k;
    }
  }
  const [k50, k85, k95] = reachedAt;
  if (k50 == null || k85 == null || k95 == null) {
    return { p50: start, p85: start, p95: start, curve, trials, unreachable: true };
  }
  return { p50: periodEnd(k50), p85: periodEnd(k85), p95: periodEnd(k95), curve, trials, unreachable: false };
}

/** Input of {@link forecastHowMany}. */
export interface HowManyInput {
  /** Past per-period throughput. Negative values count as 0. */
  samples: number[];
  /** Number of future periods to simulate. */
  periods: number;
  trials?: number;
  seed?: number;
  /** See {@link RateHistory.rateHistory}. */
  rateHistory?: number[];
}

/**
 * "At least" counts: `p85` is the largest total that at least 85% of simulated futures reach or exceed,
 * so there is an 85% chance of finishing at least `p85` (likewise p50, p95; p95 ≤ p85 ≤ p50). Each total
 * is a sum of `periods` drawn samples, times the trial's rate multiplier when `rateHistory` is given; when
 * every sample is a whole number the scaled total is rounded to the nearest whole number, so counts stay
 * counts. No samples or no periods → all zero.
 */
export function forecastHowMany(input: HowManyInput): { p50: number; p85: number; p95: number } {
  const trials = positiveInt(input.trials, DEFAULT_TRIALS);
  const periods = Math.max(0, Math.floor(input.periods));
  const samples = toSampleArray(input.samples);
  if (samples === null || periods === 0) return { p50: 0, p85: 0, p95: 0 };

  const rng = xoroshiro128plus(input.seed ?? DEFAULT_SEED);
  const lastIndex = samples.length - 1;
  const multipliers = rateMultipliers(input.rateHistory, samples);
  const counts = samples.every(Number.isInteger);
  const totals = new Float64Array(trials);
  for (let trial = 0; trial < trials; trial++) {
    const rate = multipliers === null ? 1 : multipliers[uniformInt(rng, 0, multipliers.length - 1)]!;
    let total = 0;
    for (let p = 0; p < periods; p++) total += samples[uniformInt(rng, 0, lastIndex)]!;
    totals[trial] = counts ? Math.round(total * rate) : total * rate;
  }
  totals.sort();
  // With n trials sorted ascending, totals[floor((100 - p)% of n)] is reached or beaten by at least p% of them.
  const atLeast = (p: number) => totals[Math.min(trials - 1, Math.floor(((100 - p) * trials) / 100))]!;
  return { p50: atLeast(50), p85: atLeast(85), p95: atLeast(95) };
}

/**
 * Percentile of an ascending array with linear interpolation between closest ranks (rank = p/100 × (n − 1),
 * as spreadsheets' PERCENTILE.INC). `p` is clamped to 0..100. Throws RangeError on an empty array, since
 * no number is an honest answer there.
 */
export function percentile(sortedAscending: number[], p: number): number {
  const n = sortedAscending.length;
  if (n === 0) throw new RangeError("percentile of an empty list");
  const clamped = Math.min(100, Math.max(0, p));
  const rank = (clamped / 100) * (n - 1);
  const lower = Math.floor(rank);
  const upper = Math.min(n - 1, lower + 1);
  const a = sortedAscending[lower]!;
  const b = sortedAscending[upper]!;
  return a + (b - a) * (rank - lower);
}

/**
 * The rate multipliers trials draw from, or null when the history cannot say how the rate drifts.
 *
 * The history is cut into every pair of consecutive {@link RATE_BLOCK_PERIODS}-period stretches, and each
 * pair with throughput on both sides gives a log change ℓ = ln(later total / earlier total). Part of the
 * spread of ℓ is only the period-to-period noise that drawing single periods already simulates; by the
 * delta method a log ratio of two B-period totals carries about 2·cv²/B of it, where cv is the coefficient
 * of variation of `samples`. Only the rest, τ² = var(ℓ) − 2·cv²/B, is genuine drift, so the changes are
 * shrunk towards their median by √(τ²/var(ℓ)). The multipliers are exp of the shrunk changes minus that
 * median: the median multiplier is 1, so the middle forecast stays with the sampled window and only the
 * spread around it widens. Fewer than two changes, or no drift beyond the noise → null.
 */
export function rateMultipliers(history: number[] | undefined, samples: ArrayLike<number>): Float64Array | null {
  if (history === undefined) return null;
  const values = history.map((v) => (Number.isFinite(v) && v > 0 ? v : 0));
  const block = RATE_BLOCK_PERIODS;
  const changes: number[] = [];
  for (let end = values.length; end - 2 * block >= 0; end--) {
    let earlier = 0;
    let later = 0;
    for (let i = end - 2 * block; i < end - block; i++) earlier += values[i]!;
    for (let i = end - block; i < end; i++) later += values[i]!;
    if (earlier > 0 && later > 0) changes.push(Math.log(later / earlier));
  }
  if (changes.length < 2) return null;

  const meanChange = mean(changes);
  const changeVariance = changes.reduce((a, c) => a + (c - meanChange) ** 2, 0) / (changes.length - 1);
  const sampleMean = mean(Array.from(samples));
  const sampleVariance =
    samples.length < 2 ? 0 : Array.from(samples).reduce((a, v) => a + (v - sampleMean) ** 2, 0) / (samples.length - 1);
  const noise = (2 * sampleVariance) / (sampleMean * sampleMean * block);
  const drift = changeVariance - noise;
  if (!(drift > 0)) return null;

  const shrink = Math.sqrt(drift / changeVariance);
  const sorted = [...changes].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return Float64Array.from(changes, (c) => Math.exp((c - median) * shrink));
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Samples as a typed array, negatives and non-finite values as 0; null when nothing would ever finish. */
function toSampleArray(samples: number[]): Float64Array | null {
  if (samples.length === 0) return null;
  const out = new Float64Array(samples.length);
  let any = false;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i]!;
    const clean = Number.isFinite(v) && v > 0 ? v : 0;
    out[i] = clean;
    if (clean > 0) any = true;
  }
  return any ? out : null;
}

function positiveInt(value: number | undefined, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(1, Math.floor(value));
}
