import { type ActionTool } from "@/server/actions/catalogue/types";
import { plural } from "./diagnostics";

/**
 * The words of the Policies page: decisions as badges, versions by name, the simulator's summary.
 * Pure, so the wording is tested directly and stays the same wherever it appears.
 */

/** The parts of a policy decision a badge shows (the simulator's `before` and `after`). */
export interface Verdict {
  effect: "allow" | "deny";
  requiresApproval: boolean;
  autoApply: boolean;
}

export type VerdictLabel = "Allowed" | "Needs approval" | "Auto-applies" | "Denied";

/** How a decision reads: denied, applied without anyone clicking, waiting for approval, or simply allowed. */
export function verdictBadge(v: Verdict): { label: VerdictLabel; variant: "success" | "warning" | "default" | "destructive" } {
  if (v.effect === "deny") return { label: "Denied", variant: "destructive" };
  if (v.autoApply) return { label: "Auto-applies", variant: "default" };
  if (v.requiresApproval) return { label: "Needs approval", variant: "warning" };
  return { label: "Allowed", variant: "success" };
}

/** "Default policy" while no version was ever published, else "Version 4". */
export function versionLabel(version: number | null): string {
  return version === null ? "Default policy" : `Version ${version}`;
}

const TOOL_ORDER: readonly ActionTool[] = ["JIRA", "GITHUB", "NOTION", "SLACK"];

/** The actions a role may propose, one group per tool in the usual tool order; tools with none are left out. */
export function groupActionsByTool<T extends { tool: ActionTool; label: string }>(actions: readonly T[]): { tool: ActionTool; actions: T[] }[] {
  return TOOL_ORDER.map((tool) => ({ tool, actions: actions.filter((a) => a.tool === tool) })).filter((g) => g.actions.length > 0);
}

/**
 * A rule summary ("PMs plan in Jira: PMs may create … ") split into the rule's name and what it
 * says. The summaries are written as `name: sentence`; a line without that shape is all sentence.
 */
export function splitRuleSummary(line: string): { name: string | null; text: string } {
  const at = line.indexOf(": ");
  return at > 0 ? { name: line.slice(0, at), text: line.slice(at + 2) } : { name: null, text: line };
}

/** The simulator's one-line result: what was replayed and how many decisions would change. */
export function simulationSummary(result: { proposals: number; actions: number; changes: readonly unknown[] }): string {
  if (result.proposals === 0) return "There are no proposals yet to replay. The simulator compares decisions once Lumen has proposed changes.";
  const replayed = `Replayed ${plural(result.actions, "action")} from the last ${plural(result.proposals, "proposal")}`;
  const n = result.changes.length;
  if (n === 0) return `${replayed}: every decision stays the same.`;
  return `${replayed}: ${n === 1 ? "1 decision" : `${n} decisions`} would change.`;
}

/** Ctrl+S, or Cmd+S on a Mac: the editor's Check, instead of the browser's "Save page". */
export function isCheckShortcut(e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "s";
}
