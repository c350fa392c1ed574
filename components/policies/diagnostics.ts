import { type Diagnostic } from "@codemirror/lint";
import { formatSize, parsePolicy, type PolicyIssue, type PolicyParseResult } from "@/server/policies/parse";
import { POLICY_SIZE_LIMIT } from "@/server/policies/language";

/**
 * The editor's view of a draft: the same `parsePolicy` the server runs, so what the editor marks is
 * what publishing would refuse. Pure; the CodeMirror linter and the list under the editor share it.
 */

let last: { text: string; result: PolicyParseResult } | null = null;

/**
 * Parses a draft, remembering the last text. The inline linter and the problem list under the
 * editor ask about the same text moments apart; a 256 KB policy should be parsed once, not twice.
 */
export function checkDraft(text: string): PolicyParseResult {
  if (last?.text !== text) last = { text, result: parsePolicy(text) };
  return last.result;
}

/** Every problem of a parse: errors before warnings, each group in document order. */
export function issuesOf(result: PolicyParseResult): PolicyIssue[] {
  const byPosition = (a: PolicyIssue, b: PolicyIssue) => a.from - b.from || a.to - b.to;
  const errors = result.ok ? [] : [...result.errors].sort(byPosition);
  return [...errors, ...[...result.warnings].sort(byPosition)];
}

/**
 * Issues as CodeMirror diagnostics. Positions are clamped to the document, because CodeMirror
 * throws on a range outside it (a parse of a slightly older text can point past the end).
 */
export function toDiagnostics(issues: readonly PolicyIssue[], docLength: number): Diagnostic[] {
  return issues.map((issue) => {
    const from = Math.min(Math.max(0, issue.from), docLength);
    const to = Math.min(Math.max(from, issue.to), docLength);
    return { from, to, severity: issue.severity, message: issue.message, source: "Lumen policy" };
  });
}

/** The inline linter's source: the diagnostics of a document's text. */
export function diagnosticsFor(text: string): Diagnostic[] {
  return toDiagnostics(issuesOf(checkDraft(text)), text.length);
}

/** "line 5, column 19: Unknown role “pms”…", as the problem list shows an issue. */
export function issueLabel(issue: Pick<PolicyIssue, "line" | "column" | "message">): string {
  return `line ${issue.line}, column ${issue.column}: ${issue.message}`;
}

/** "2 errors and 1 warning", "1 warning", "No problems found". */
export function problemCount(result: PolicyParseResult): string {
  const errors = result.ok ? 0 : result.errors.length;
  const warnings = result.warnings.length;
  const parts = [errors ? plural(errors, "error") : null, warnings ? plural(warnings, "warning") : null].filter(Boolean);
  return parts.length ? parts.join(" and ") : "No problems found";
}

/** A draft's size in bytes (UTF-8), which is what the 256 KB limit counts. */
export function draftSize(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The note under the editor: the limit, and how much of it the draft uses once that matters. */
export function sizeNote(bytes: number): string {
  const limit = formatSize(POLICY_SIZE_LIMIT);
  if (bytes > POLICY_SIZE_LIMIT) return `This draft is ${formatSize(bytes)}; a policy is limited to ${limit}. Remove rules that are no longer needed, or merge rules that share roles and tools.`;
  if (bytes > POLICY_SIZE_LIMIT * 0.8) return `This draft is ${formatSize(bytes)} of the ${limit} a policy may take.`;
  return `A policy is limited to ${limit}.`;
}

/** "1 error", "3 warnings". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
