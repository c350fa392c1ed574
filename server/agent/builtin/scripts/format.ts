import { type SourceRef } from "@/server/planning/engine/types";

/** Markdown helpers for the built-in planner's templates. Text from tools is escaped, never trusted. */

/** Escapes text for a Markdown table cell or paragraph: no links, emphasis, HTML or cell breaks from data. */
export function esc(text: string | null | undefined, max = 120): string {
  const t = (text ?? "").replace(/\s+/g, " ").trim();
  const clipped = t.length > max ? `${t.slice(0, max - 1)}…` : t;
  return clipped.replace(/([\\`*_{}[\]()#+!|<>~])/g, "\\$1");
}

/** A citation: the source's label linked to it. */
export function cite(source: SourceRef | null | undefined): string {
  if (!source) return "";
  return source.url ? `[${esc(source.label, 60)}](${source.url})` : esc(source.label, 60);
}

export function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return "";
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

export function list(items: string[]): string {
  return items.map((i) => `- ${i}`).join("\n");
}

export const num = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? "—" : Number.isInteger(n) ? String(n) : n.toFixed(digits));
export const pct = (p: number) => `${Math.round(p * 100)}%`;
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** yyyy-MM-dd → "27 Nov 2026" without time-zone drift. */
export function day(date: string | null | undefined): string {
  if (!date) return "—";
  const [y, m, d] = date.split("-").map(Number);
  if (!y || !m || !d) return date;
  return `${d} ${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]} ${y}`;
}

export const SEVERITY_LABEL: Record<string, string> = { high: "High", medium: "Medium", low: "Low" };

/** A section's body, or an explicit line saying there is nothing, so no section is ever blank. */
export function orNone(body: string, none: string): string {
  return body.trim() ? body : `_${none}_`;
}

/** Prose from the engine with its yyyy-MM-dd dates written as people read them ("9 Dec 2026"), escaped. */
export function prose(text: string | null | undefined, max = 300): string {
  return esc(text, max).replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (d) => day(d));
}
