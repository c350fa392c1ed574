import { type Rng } from "../core/rng";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** GitHub's timestamp format: ISO 8601 in UTC without milliseconds. */
export function isoSeconds(ms: number | Date): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Moves a time onto a weekday between 07:00 and 19:00 UTC (people work office hours), never after `limit`. */
export function officeHours(ms: number, limit: number): number {
  const d = new Date(ms);
  const day = d.getUTCDay();
  if (day === 6) d.setUTCDate(d.getUTCDate() - 1);
  if (day === 0) d.setUTCDate(d.getUTCDate() + (ms + 1 * 86_400_000 < limit ? 1 : -2));
  // Squeeze the 24 hours into 07:00–19:00 keeping the order of events within the day.
  const h = d.getUTCHours();
  d.setUTCHours(7 + Math.floor(h / 2), (h % 2) * 30 + Math.floor(d.getUTCMinutes() / 2));
  return Math.min(d.getTime(), limit);
}

/**
 * Ids that grow with creation time, like GitHub's: `base` plus a few per second since 2024, with
 * collisions bumped. Deterministic for the same sequence of calls.
 */
export function timeIds(base: number): (ms: number) => number {
  const t0 = Date.UTC(2024, 0, 1);
  const used = new Set<number>();
  return (ms) => {
    let id = base + Math.max(0, Math.floor((ms - t0) / 1000)) * 3;
    while (used.has(id)) id++;
    used.add(id);
    return id;
  };
}

const STOP = new Set(["the", "and", "for", "with", "from", "into", "when", "that", "this", "are", "not", "add", "use", "can", "should", "new", "all", "our", "via"]);

/** Words of a summary usable in identifiers: `{ slug, ident, Ident }`. */
export function identifiers(summary: string): { slug: string; ident: string; Ident: string } {
  const words = summary
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9\s]/g, " ")
    .split(/\s+/)
    .filter((w) => w.length > 2 && !STOP.has(w) && !/^\d/.test(w))
    .slice(0, 3);
  const list = words.length ? words : ["change"];
  const ident = list.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join("");
  return { slug: list.join("-"), ident, Ident: ident[0]!.toUpperCase() + ident.slice(1) };
}

/** Replaces `{name}` placeholders that `values` knows; leaves other braces alone. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** A 40-hex git object id from the seeded generator. */
export function sha(rng: Rng): string {
  return rng.git.commitSha();
}

/** A uniform time between `from` and `to` (ms). */
export function between(rng: Rng, from: number, to: number): number {
  return from + Math.floor(rng.number.float({ min: 0, max: 1 }) * Math.max(0, to - from));
}
