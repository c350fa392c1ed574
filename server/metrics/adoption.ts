import { addDays, formatISO, startOfDay, subDays } from "date-fns";
import { UTCDate } from "@date-fns/utc";

export interface ActivityEvent {
  actorId: string | null;
  createdAt: Date;
}

export interface AdoptionSeries {
  days: { date: string; activeUsers: number; signIns: number }[];
  activeUsers: number;
  signIns: number;
  previousActiveUsers: number;
}

/**
 * Daily active users and sign-ins over the `days` ending on `now` (UTC days, oldest first), plus the
 * distinct active users of the period before it for a trend. Pure: the caller supplies the events.
 */
export function adoptionSeries(events: ActivityEvent[], days: number, now: Date): AdoptionSeries {
  const end = startOfDay(new UTCDate(now));
  const start = subDays(end, days - 1);
  const previousStart = subDays(start, days);
  const buckets = new Map<string, { users: Set<string>; signIns: number }>();
  for (let d = 0; d < days; d++) buckets.set(formatISO(addDays(start, d), { representation: "date" }), { users: new Set(), signIns: 0 });
  const active = new Set<string>();
  const previous = new Set<string>();
  for (const e of events) {
    const at = new UTCDate(e.createdAt);
    if (at >= start) {
      const bucket = buckets.get(formatISO(startOfDay(at), { representation: "date" }));
      if (!bucket) continue;
      bucket.signIns++;
      if (e.actorId) {
        bucket.users.add(e.actorId);
        active.add(e.actorId);
      }
    } else if (at >= previousStart && e.actorId) {
      previous.add(e.actorId);
    }
  }
  const series = [...buckets].map(([date, b]) => ({ date, activeUsers: b.users.size, signIns: b.signIns }));
  return { days: series, activeUsers: active.size, signIns: series.reduce((n, d) => n + d.signIns, 0), previousActiveUsers: previous.size };
}
