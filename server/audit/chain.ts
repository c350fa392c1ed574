import { createHash } from "node:crypto";

/** A JSON value as Postgres stores it in a `jsonb` column and Prisma reads it back. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The fields of an audit event that its hash covers: everything except the row id and the hash itself. */
export interface ChainedEventFields {
  organizationId: string;
  seq: number;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  metadata: JsonValue;
  requestId: string | null;
  ip: string | null;
  createdAt: Date;
  prevHash: string | null;
}

/** Compares by Unicode code point, which is UTF-8 byte order: the order Postgres's `COLLATE "C"` uses. */
function byCodePoint(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

/**
 * A finite number as a plain decimal without exponent ("1e-7" becomes "0.0000001"), which is how
 * Postgres prints a `numeric`; JavaScript's own form switches to exponents outside 1e-6..1e21.
 */
function plainNumber(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError("Audit metadata cannot hold NaN or Infinity.");
  const text = String(n === 0 ? 0 : n);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, head, tail = "", exp] = match;
  const digits = head! + tail;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Compact JSON with object keys sorted by code point and numbers as plain decimals. Hand-written
 * rather than a stable-stringify library because the migration that chained the events recorded
 * before hashing existed computes the same form in SQL, and both must agree byte for byte.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null) return "null";
  if (typeof value === "number") return plainNumber(value);
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort(byCodePoint);
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`).join(",")}}`;
}

/** The exact text an event's hash is computed over. */
export function canonicalEvent(event: ChainedEventFields): string {
  return canonicalJson({
    organizationId: event.organizationId,
    seq: event.seq,
    actorId: event.actorId,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    metadata: event.metadata,
    requestId: event.requestId,
    ip: event.ip,
    createdAt: event.createdAt.toISOString(),
    prevHash: event.prevHash,
  });
}

/** SHA-256 (hex) of the event's canonical form; the value stored in `AuditEvent.hash`. */
export function hashEvent(event: ChainedEventFields): string {
  return createHash("sha256").update(canonicalEvent(event), "utf8").digest("hex");
}

/**
 * The metadata exactly as it will read back from the `jsonb` column: `undefined` dropped, dates
 * and other objects through their JSON form. Hashing this rather than the caller's object keeps the
 * recorded hash equal to what a later verification recomputes.
 */
export function normalizeMetadata(metadata: unknown): JsonValue {
  return metadata === undefined ? {} : (JSON.parse(JSON.stringify(metadata)) as JsonValue);
}
