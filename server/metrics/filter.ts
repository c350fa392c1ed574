import { addDays, formatISO, startOfDay, startOfWeek, subDays } from "date-fns";
import { UTCDate } from "@date-fns/utc";
import { z } from "zod";

/** Longest range a dashboard query covers; longer ones are cut to their last 366 days, not refused. */
export const MAX_RANGE_DAYS = 366;
/** What the dashboard shows when no range is given. */
export const DEFAULT_RANGE_DAYS = 28;
/** Up to this many days a series is daily; beyond it weekly, so a chart stays readable. */
export const DAILY_SERIES_MAX_DAYS = 31;

const isoDate = z.iso.date().or(z.iso.datetime({ offset: true }));

/**
 * The filter every metrics query shares. `from`/`to` are ISO dates (a bare date `to` includes that
 * whole day); `team` is a team key; `tool` narrows to one connected tool.
 */
export const metricsFilterInput = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    team: z.string().trim().min(1).max(64).optional(),
    tool: z.enum(["JIRA", "GITHUB", "NOTION", "SLACK"]).optional(),
  })
  .refine((f) => !f.from || !f.to || parseBound(f.to, "to") >= parseBound(f.from, "from"), {
    error: "The end date is before the start date. Pick an end date on or after the start.",
    path: ["to"],
  })
  .default({});

export type MetricsFilterInput = z.input<typeof metricsFilterInput>;
export type MetricsTool = "JIRA" | "GITHUB" | "NOTION" | "SLACK";

/** A resolved filter: a half-open UTC range [from, to), its bucket size and whether it was cut. */
export interface MetricsRange {
  from: Date;
  to: Date;
  bucket: "day" | "week";
  clamped: boolean;
  team?: string;
  tool?: MetricsTool;
}

function parseBound(value: string, side: "from" | "to"): Date {
  // A bare date names a whole UTC day, so `to: 2026-11-28` must include the 28th.
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new UTCDate(`${value}T00:00:00Z`);
    return side === "to" ? addDays(day, 1) : day;
  }
  return new Date(value);
}

/**
 * Turns the input into a concrete range. Missing bounds default to the last 28 days ending `now`;
 * a range longer than 366 days keeps its end and is cut to 366 days with `clamped: true`.
 */
export function resolveRange(input: { from?: string | undefined; to?: string | undefined; team?: string | undefined; tool?: MetricsTool | undefined }, now: Date): MetricsRange {
  const to = input.to ? parseBound(input.to, "to") : new Date(now);
  let from = input.from ? parseBound(input.from, "from") : subDays(to, DEFAULT_RANGE_DAYS);
  let clamped = false;
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    from = subDays(to, MAX_RANGE_DAYS);
    clamped = true;
  }
  const days = (to.getTime() - from.getTime()) / 86_400_000;
  return {
    from,
    to,
    bucket: days <= DAILY_SERIES_MAX_DAYS ? "day" : "week",
    clamped,
    ...(input.team ? { team: input.team } : {}),
    ...(input.tool ? { tool: input.tool } : {}),
  };
}

const day = (d: Date) => formatISO(d, { representation: "date" });

/**
 * Every bucket label (yyyy-MM-dd of the UTC day, or of the Monday starting the week) the range
 * touches, oldest first: SQL only returns buckets with rows, and a chart needs the gaps as zeros.
 */
export function bucketLabels(range: MetricsRange): string[] {
  const first = range.bucket === "day" ? startOfDay(new UTCDate(range.from)) : startOfWeek(new UTCDate(range.from), { weekStartsOn: 1 });
  const step = range.bucket === "day" ? 1 : 7;
  const labels: string[] = [];
  for (let d = first; d < range.to; d = addDays(d, step)) labels.push(day(d));
  return labels;
}

/** Spreads SQL rows keyed by bucket over every bucket of the range, filling gaps with `empty()`. */
export function fillSeries<T>(range: MetricsRange, rows: Map<string, T>, empty: () => T): ({ date: string } & T)[] {
  return bucketLabels(range).map((date) => ({ date, ...(rows.get(date) ?? empty()) }));
}

/** `part ÷ whole`, or null when there is nothing to divide: "no data" is not 0 %. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** The range's dates as yyyy-MM-dd for a file name: the first day and the last day included. */
export function rangeLabel(range: MetricsRange): { from: string; to: string } {
  return { from: day(new UTCDate(range.from)), to: day(new UTCDate(Math.max(range.from.getTime(), range.to.getTime() - 1))) };
}
