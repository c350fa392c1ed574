import { z } from "zod";
import { type FieldChange, type ValidationIssue } from "./types";

/** A Jira issue key, "PAY-12". */
export const issueKeySchema = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]+-\d+$/, { error: "Enter a Jira issue key such as PAY-12." });

/** Markdown prose that must say something. */
export const markdownSchema = (what: string) =>
  z.string({ error: `Write the ${what}.` }).trim().min(1, { error: `Write the ${what}; it cannot be empty.` });

const isoDateTime = z.iso.datetime({ offset: true, error: "Use an ISO date-time such as 2025-03-14T09:30:00Z." });

/**
 * What a proposal was made against, for actions on an existing target: the target's `updated`
 * time then and the values of the fields the proposal touches. When the target's `updated` is
 * newer at apply time, validation reports the fields that changed so the reviewer can look again.
 */
export const baseSnapshotShape = {
  baseUpdated: isoDateTime.optional(),
  baseFields: z.record(z.string(), z.unknown()).optional(),
};

export interface BaseSnapshot {
  baseUpdated?: string | undefined;
  baseFields?: Record<string, unknown> | undefined;
}

/** Deep equality for the plain JSON values actions carry (strings, numbers, arrays, objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    return ka.length === kb.length && ka.every((k) => sameValue(ra[k], rb[k]));
  }
  return false;
}

/**
 * The "changed since proposed" check. Returns an issue when `currentUpdated` is later than the
 * proposal's `baseUpdated`, listing the fields (of those recorded in `baseFields`) whose value now
 * differs. A target touched only in fields the proposal does not care about passes.
 */
export function staleness(
  base: BaseSnapshot,
  what: string,
  currentUpdated: string,
  current: Record<string, unknown>,
  labels: Record<string, string>,
): ValidationIssue[] {
  if (!base.baseUpdated) return [];
  if (Date.parse(currentUpdated) <= Date.parse(base.baseUpdated)) return [];
  if (!base.baseFields) {
    return [{ path: "", message: `${what} was edited after this was proposed. Check it still makes sense, then apply again.` }];
  }
  const changes: FieldChange[] = Object.entries(base.baseFields)
    .filter(([field, was]) => !sameValue(was, current[field]))
    .map(([field, was]) => ({ field, label: labels[field] ?? field, proposedAgainst: was, now: current[field] ?? null }));
  if (changes.length === 0) return [];
  const names = changes.map((c) => c.label).join(", ");
  return [
    {
      path: "",
      message: `${what} changed since this was proposed (${names}). Review the new values, edit the action if needed, then apply again.`,
      changes,
    },
  ];
}

/** Zod issues → form-ready validation issues ("fields.summary": message). */
export function fromZodError(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/** Markdown (or Slack mrkdwn) as the words it shows: links as their text, no emphasis marks, headings or bullets. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<([^|>]+)\|([^>]+)>/g, "$2")
    .replace(/^\s{0,3}(#{1,6}\s+|[-*+]\s+|>\s?|\d+\.\s+)/gm, "")
    .replace(/(\*\*|__|~~|`)/g, "")
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, "$1$2");
}

/** Shortens a one-line description: "Post in #team: Standup notes for…". Markup is dropped first. */
export function ellipsis(text: string, max = 60): string {
  const oneLine = plainText(text).replace(/\s+/g, " ").trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
