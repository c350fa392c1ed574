import { diffLines } from "diff";

/**
 * Line diffs between two policy versions, shaped for reading: changed lines with a few unchanged
 * lines around them, and the long unchanged stretches folded into one row that can be opened.
 */

/** One line of either text. Line numbers are 1-based; a removed line has no new number and vice versa. */
export interface DiffLine {
  kind: "added" | "removed" | "unchanged";
  text: string;
  oldNumber: number | null;
  newNumber: number | null;
}

/** What the diff view draws: lines shown as they are, or unchanged lines folded away. */
export type DiffSegment = { kind: "lines"; lines: DiffLine[] } | { kind: "folded"; lines: DiffLine[] };

export interface PolicyDiff {
  segments: DiffSegment[];
  added: number;
  removed: number;
}

/** "a\nb\n" → ["a", "b"]; the newline ends a line rather than starting an empty one. */
function splitLines(value: string): string[] {
  const lines = value.split("\n");
  if (lines.length > 1 && lines.at(-1) === "") lines.pop();
  return lines.map((line) => line.replace(/\r$/, ""));
}

/** Every line of both texts in reading order, with their numbers on each side. */
export function diffLineList(before: string, after: string): DiffLine[] {
  const out: DiffLine[] = [];
  let oldNumber = 1;
  let newNumber = 1;
  for (const change of diffLines(before, after, { ignoreNewlineAtEof: true })) {
    if (change.value === "") continue;
    for (const text of splitLines(change.value)) {
      if (change.added) out.push({ kind: "added", text, oldNumber: null, newNumber: newNumber++ });
      else if (change.removed) out.push({ kind: "removed", text, oldNumber: oldNumber++, newNumber: null });
      else out.push({ kind: "unchanged", text, oldNumber: oldNumber++, newNumber: newNumber++ });
    }
  }
  return out;
}

/**
 * The diff from `before` to `after`, keeping `context` unchanged lines on each side of a change
 * and folding the rest. Folding fewer than two lines would hide nothing worth hiding, so such
 * stretches stay open. Identical texts give one folded segment (or none for two empty texts).
 */
export function diffPolicies(before: string, after: string, context = 3): PolicyDiff {
  const lines = diffLineList(before, after);
  const changed = lines.map((l) => l.kind !== "unchanged");
  // A line is shown when a change lies within `context` lines of it.
  const near = lines.map((_, i) => {
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) if (changed[j]) return true;
    return false;
  });

  const segments: DiffSegment[] = [];
  let i = 0;
  while (i < lines.length) {
    const shown = near[i]!;
    let j = i;
    while (j < lines.length && near[j] === shown) j++;
    const run = lines.slice(i, j);
    const kind = shown || run.length < 2 ? "lines" : "folded";
    const previous = segments.at(-1);
    // A short stretch left open joins the lines before it, so the view has no seams.
    if (previous?.kind === "lines" && kind === "lines") previous.lines.push(...run);
    else segments.push({ kind, lines: run });
    i = j;
  }
  return { segments, added: lines.filter((l) => l.kind === "added").length, removed: lines.filter((l) => l.kind === "removed").length };
}

/** "3 lines added, 1 removed", "No differences". */
export function diffSummary(diff: Pick<PolicyDiff, "added" | "removed">): string {
  if (!diff.added && !diff.removed) return "No differences";
  const line = (n: number) => `${n} ${n === 1 ? "line" : "lines"}`;
  if (!diff.removed) return `${line(diff.added)} added`;
  if (!diff.added) return `${line(diff.removed)} removed`;
  return `${line(diff.added)} added, ${diff.removed} removed`;
}
