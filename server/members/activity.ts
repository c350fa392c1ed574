import { type Db } from "@/server/db/client";
import { ACTIVITY_INTERVAL_MS } from "./rules";

/** Whether `lastActiveAt` is old enough (or missing) that the member should be marked active again. */
export function isActivityStale(lastActiveAt: Date | null, now: Date): boolean {
  return lastActiveAt === null || now.getTime() - lastActiveAt.getTime() >= ACTIVITY_INTERVAL_MS;
}

/**
 * Marks a member active at `now` unless they were marked within the interval. Called whenever a
 * session is resolved: the common case decides from the row already loaded and writes nothing, and
 * the write itself is conditional, so several requests arriving together record one update.
 * Returns whether this call wrote.
 *
 * Raw SQL so the write leaves `updatedAt` alone: that column says when the membership (role, title)
 * changed, and activity is not a change to it.
 */
export async function recordActivity(db: Db, membership: { id: string; lastActiveAt: Date | null }, now: Date = new Date()): Promise<boolean> {
  if (!isActivityStale(membership.lastActiveAt, now)) return false;
  const staleBefore = new Date(now.getTime() - ACTIVITY_INTERVAL_MS);
  const written = await db.$executeRaw`
    UPDATE "Membership" SET "lastActiveAt" = ${now}
    WHERE id = ${membership.id} AND ("lastActiveAt" IS NULL OR "lastActiveAt" <= ${staleBefore})`;
  return written === 1;
}
