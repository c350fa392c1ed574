import { TZDate } from "@date-fns/tz";
import { addDays, format } from "date-fns";

/**
 * The team calendar: days are counted in the team's time zone, working days are Monday to
 * Friday, and a member's days off are ISO dates in that zone. Public holidays are not known to
 * the engine; teams record them as days off.
 */

const HOUR = 3_600_000;

/** A date as yyyy-MM-dd in `timezone`. */
export function dayKey(date: Date, timezone: string): string {
  return format(new TZDate(date.getTime(), timezone), "yyyy-MM-dd");
}

/**
 * The calendar day of a date-only field (a release date, a due date). Such fields carry no time
 * zone: depending on the source they arrive as UTC midnight or as local midnight somewhere
 * between UTC−12 and UTC+12. Shifting by twelve hours before reading the UTC date lands on the
 * intended day in every one of those cases.
 */
export function calendarDay(date: Date): string {
  return new Date(date.getTime() + 12 * HOUR).toISOString().slice(0, 10);
}

/** The end of a yyyy-MM-dd day (last millisecond) in `timezone`. */
export function endOfDayKey(day: string, timezone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d + 1, 0, 0, 0, timezone).getTime() - 1);
}

/** Local noon of the day `date` falls on, as a zone-aware date for day-by-day stepping. */
function localNoon(date: Date, timezone: string): TZDate {
  const local = new TZDate(date.getTime(), timezone);
  return new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), 12, 0, 0, timezone);
}

function isWeekday(day: TZDate): boolean {
  const dow = day.getDay();
  return dow >= 1 && dow <= 5;
}

/**
 * The working days (yyyy-MM-dd) of the window [start, end) in `timezone`, minus `daysOff`.
 * A day belongs to the window when its local midday does: a sprint from Monday 09:00 to the
 * Monday two weeks later 09:00 has ten working days, as does one ending on the second Friday at
 * 17:00, and a sprint starting late in a far-east team's evening does not count that evening.
 */
export function workingDaysInWindow(start: Date, end: Date, timezone: string, daysOff: Iterable<string> = []): string[] {
  const off = new Set(daysOff);
  const days: string[] = [];
  for (let day = localNoon(start, timezone); day.getTime() < end.getTime(); day = addDays(day, 1)) {
    if (day.getTime() < start.getTime() || !isWeekday(day)) continue;
    const key = format(day, "yyyy-MM-dd");
    if (!off.has(key)) days.push(key);
  }
  return days;
}

/**
 * Working days elapsed from `from` to `to`: the weekdays after `from`'s local day up to and
 * including `to`'s. Friday afternoon to the next Wednesday is 3 (Monday, Tuesday, Wednesday);
 * the same day is 0; `to` before `from` is 0.
 */
export function workingDaysBetween(from: Date, to: Date, timezone: string): number {
  let count = 0;
  const last = dayKey(to, timezone);
  for (let day = addDays(localNoon(from, timezone), 1); format(day, "yyyy-MM-dd") <= last; day = addDays(day, 1)) {
    if (isWeekday(day)) count++;
  }
  return count;
}

/**
 * The day (yyyy-MM-dd) `days` working days after `from`'s local day; fractions round up, so 0.5
 * working days from Monday is Tuesday. Zero or less returns `from`'s own day.
 */
export function addWorkingDays(from: Date, days: number, timezone: string): string {
  let day = localNoon(from, timezone);
  for (let left = Math.ceil(days); left > 0; ) {
    day = addDays(day, 1);
    if (isWeekday(day)) left--;
  }
  return format(day, "yyyy-MM-dd");
}

/**
 * The `n`th working day counted from `from` by the same midday rule as workingDaysInWindow:
 * `from`'s own day is the first when its midday has not passed yet. n ≤ 0 gives `from`'s day.
 */
export function nthWorkingDay(from: Date, n: number, timezone: string): string {
  let day = localNoon(from, timezone);
  if (n <= 0) return format(day, "yyyy-MM-dd");
  for (let left = Math.ceil(n); ; day = addDays(day, 1)) {
    if (day.getTime() < from.getTime() || !isWeekday(day)) continue;
    if (--left === 0) return format(day, "yyyy-MM-dd");
  }
}

/** Whole calendar days from day `a` to day `b` (both yyyy-MM-dd); negative when `b` is earlier. */
export function daysBetweenKeys(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / (24 * HOUR));
}

/** "14 Nov" for a date in `timezone`: the short form source chips show. */
export function shortDay(date: Date, timezone: string): string {
  return format(new TZDate(date.getTime(), timezone), "d MMM");
}
