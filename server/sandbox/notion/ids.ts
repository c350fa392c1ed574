import { createHash } from "node:crypto";
import { type SandboxStore } from "../core/store";
import { STORED_HOSTS } from "../web/links";

/** Notion accepts ids with or without dashes, in any case; answers always use the dashed form. */
export function normalizeId(raw: string): string | null {
  const hex = raw.replace(/-/g, "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Formats 16 bytes as a version-4 UUID string. */
function uuidFromBytes(bytes: Buffer): string {
  const b = Buffer.from(bytes.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  return normalizeId(b.toString("hex"))!;
}

/**
 * An id for an object a write creates. Derived from the seed and a counter rather than drawn at
 * random, so replaying the same writes yields the same ids and the same state hash.
 */
export function newNotionId(store: SandboxStore): string {
  const n = store.nextId("notion.id");
  return uuidFromBytes(createHash("sha256").update(`notion:${store.state.seed}:${n}`).digest());
}

/** Notion reports created/edited times to the minute. */
export function notionTime(date: Date): string {
  const d = new Date(date.getTime());
  d.setUTCSeconds(0, 0);
  return d.toISOString();
}

/** The page URL Notion reports (stored cloud-style; responses localise it, see web/links.ts): the title as a slug, then the id without dashes. */
export function notionUrl(title: string, id: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9\s-]/g, "")
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 12)
    .join("-");
  const hex = id.replace(/-/g, "");
  return `${STORED_HOSTS.notion}/${slug ? `${slug}-` : ""}${hex}`;
}
