/**
 * The back-test from CSV text to report: parse, replay the chosen format, score. The CLI in
 * scripts/backtest.ts only reads the file and prints.
 */
import { DEFAULT_ITEMS_OPTIONS, backtestItems, type ItemsBacktestOptions } from "./items";
import { BacktestInputError, ITEMS_COLUMNS_HINT, SPRINTS_COLUMNS_HINT, parseBacktestCsv, type BacktestFormat, type SkipCounts } from "./parse";
import { buildReport, type BacktestReport, type GroupForecasts } from "./report";
import { DEFAULT_SPRINTS_OPTIONS, backtestSprints, type SprintsBacktestOptions } from "./sprints";

export interface BacktestOptions {
  /** Force a format instead of detecting it from the headers. */
  format?: BacktestFormat;
  /** Items mode: weeks ahead each forecast covers (default 4). */
  horizonWeeks?: number;
  /** Weeks (items) or sprints (sprints) of history before the first forecast. */
  warmup?: number;
  /** Weeks (items) or sprints (sprints) sampled at each forecast. */
  window?: number;
  /** Items mode: see {@link ItemsBacktestOptions.toleranceDays}. */
  toleranceDays?: number;
  timezone?: string;
  trials?: number;
  seed?: number;
}

/**
 * Runs the whole back-test on a CSV file's text. `file` only labels the report. Throws
 * {@link BacktestInputError} when the file has unusable columns or no usable rows.
 */
export function runBacktest(text: string, file: string, options: BacktestOptions = {}): BacktestReport {
  const timezone = options.timezone ?? "UTC";
  const parsed = parseBacktestCsv(text, { format: options.format, timezone });
  const groupNote = parsed.grouped ? [`each ${groupNoun(parsed)} back-tested separately, then pooled`] : [];

  if (parsed.format === "items") {
    const opts: ItemsBacktestOptions = {
      ...DEFAULT_ITEMS_OPTIONS,
      ...defined({
        horizonWeeks: options.horizonWeeks,
        warmupWeeks: options.warmup,
        windowWeeks: options.window,
        toleranceDays: options.toleranceDays,
        trials: options.trials,
        seed: options.seed,
      }),
      timezone,
    };
    const result = backtestItems(parsed.items, opts);
    const skipped = mergeCounts(parsed.skipped, result.skipped);
    if (result.groups.every((g) => g.periods === 0)) {
      throw new BacktestInputError(`No usable finished items (${describe(skipped)}); expected ${ITEMS_COLUMNS_HINT}.`);
    }
    return buildReport({
      format: "items",
      file,
      horizonWeeks: opts.horizonWeeks,
      groups: result.groups,
      skipped,
      method: {
        sampling: "weekly throughput, drawn uniformly with replacement, scaled per trial by a rate change seen in the last 52 weeks",
        windowWeeks: opts.windowWeeks,
        warmupWeeks: opts.warmupWeeks,
        toleranceDays: opts.toleranceDays,
        timezone,
        trials: opts.trials,
        seed: opts.seed,
      },
      notes: [...parsed.notes, ...groupNote, ...shortHistoryNotes(result.groups, opts.warmupWeeks, opts.horizonWeeks, "week")],
    });
  }

  const opts: SprintsBacktestOptions = {
    ...DEFAULT_SPRINTS_OPTIONS,
    ...defined({ warmupSprints: options.warmup, windowSprints: options.window, trials: options.trials, seed: options.seed }),
  };
  if (parsed.sprints.length === 0) {
    throw new BacktestInputError(`No usable sprints (${describe(parsed.skipped)}); expected ${SPRINTS_COLUMNS_HINT}.`);
  }
  const result = backtestSprints(parsed.sprints, opts);
  return buildReport({
    format: "sprints",
    file,
    horizonWeeks: null,
    groups: result.groups,
    skipped: parsed.skipped,
    method: {
      sampling: "completed per sprint, drawn uniformly",
      windowSprints: opts.windowSprints,
      warmupSprints: opts.warmupSprints,
      trials: opts.trials,
      seed: opts.seed,
    },
    notes: [...parsed.notes, ...groupNote, ...shortHistoryNotes(result.groups, opts.warmupSprints, 1, "sprint")],
  });
}

/** Says why a group produced no forecast, so an empty table row is not a mystery. */
function shortHistoryNotes(groups: GroupForecasts[], warmup: number, horizon: number, unit: string): string[] {
  return groups
    .filter((g) => g.forecasts.length === 0)
    .map((g) =>
      g.periods < warmup + horizon
        ? `${g.group}: ${g.periods} ${unit}s of history, fewer than the ${warmup}-${unit} warm-up plus the ${horizon}-${unit} horizon`
        : `${g.group}: no throughput in any sample window`,
    );
}

function groupNoun(parsed: { format: BacktestFormat }): string {
  return parsed.format === "items" ? "project/team" : "team";
}

function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function mergeCounts(a: SkipCounts, b: SkipCounts): SkipCounts {
  const out: SkipCounts = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

function describe(skipped: SkipCounts): string {
  const parts = Object.entries(skipped).map(([k, v]) => `${v} ${k}`);
  return parts.length > 0 ? `skipped: ${parts.join(", ")}` : "no rows";
}
