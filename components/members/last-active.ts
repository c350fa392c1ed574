import { formatDistanceStrict } from "date-fns";
import { ACTIVITY_INTERVAL_MS } from "@/server/members/rules";

/**
 * How the members table says when someone was last active: "never", "just now", or "3 hours ago".
 * Activity is stored at most every five minutes, so anything newer than that reads as "just now"
 * rather than a precision the data does not have.
 */
export function lastActiveLabel(lastActiveAt: Date | null, now: Date): string {
  if (!lastActiveAt) return "never";
  if (now.getTime() - lastActiveAt.getTime() < ACTIVITY_INTERVAL_MS) return "just now";
  return formatDistanceStrict(lastActiveAt, now, { addSuffix: true });
}
