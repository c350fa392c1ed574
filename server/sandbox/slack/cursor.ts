import { SlackError } from "./errors";

/**
 * Slack-style opaque cursors: base64 of "<kind>:<key of the next item>", e.g. "dXNlcjpVMDYxTkZUVDI="
 * for "user:U061NFTT2". Cursors that do not decode to the expected kind are invalid_cursor.
 */
export function encodeCursor(kind: string, key: string): string {
  return Buffer.from(`${kind}:${key}`).toString("base64");
}

export function decodeCursor(kind: string, cursor: string | undefined): string | null {
  if (!cursor) return null;
  const decoded = Buffer.from(cursor, "base64").toString("utf8");
  if (!decoded.startsWith(`${kind}:`)) throw new SlackError("invalid_cursor");
  return decoded.slice(kind.length + 1);
}

/** One page of `items` starting at the cursor's item; `at` finds where a decoded key starts. */
export function cursorPage<T>(items: readonly T[], kind: string, cursor: string | undefined, limit: number, keyOf: (item: T) => string, at?: (key: string) => number) {
  const key = decodeCursor(kind, cursor);
  let start = 0;
  if (key !== null) {
    start = at ? at(key) : items.findIndex((i) => keyOf(i) === key);
    if (start < 0) throw new SlackError("invalid_cursor");
  }
  const page = items.slice(start, start + limit);
  const next = items[start + limit];
  return { page, hasMore: next !== undefined, nextCursor: next !== undefined ? encodeCursor(kind, keyOf(next)) : "" };
}
