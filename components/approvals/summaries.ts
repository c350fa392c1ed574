import { differenceInSeconds, format, formatDistanceToNowStrict } from "date-fns";
import { type QueueTab as ServerQueueTab } from "@/server/actions/actions.router";
import { type ActionStatus, type DecisionKind, type Tool } from "@/server/db/generated/enums";
import { fieldLabel } from "./form-fields";

/**
 * The words of the approvals screens: statuses, one-line summaries, decision history, and the
 * request a decision button sends. Pure, so the wording and the decision rules are tested directly.
 */

export const TOOL_LABELS: Record<Tool, string> = { JIRA: "Jira", GITHUB: "GitHub", NOTION: "Notion", SLACK: "Slack" };

/** "jira.moveToSprint" → "JIRA". */
export function toolOfKind(kind: string): Tool {
  const prefix = kind.split(".")[0]?.toUpperCase();
  return prefix === "GITHUB" || prefix === "NOTION" || prefix === "SLACK" ? prefix : "JIRA";
}

export type StatusTone = "neutral" | "info" | "progress" | "success" | "warning" | "danger" | "muted";

/** How each action status reads in a badge. */
export const STATUS_META: Record<ActionStatus, { label: string; tone: StatusTone }> = {
  PROPOSED: { label: "Proposed", tone: "info" },
  DRAFT: { label: "Draft", tone: "neutral" },
  APPROVED: { label: "Approved", tone: "progress" },
  EXECUTING: { label: "Executing", tone: "progress" },
  SUCCEEDED: { label: "Succeeded", tone: "success" },
  FAILED: { label: "Failed", tone: "danger" },
  REJECTED: { label: "Rejected", tone: "muted" },
  CANCELLED: { label: "Cancelled", tone: "muted" },
};

/** The badge of one action: an approved action that waits for its tool says so. */
export function statusBadge(action: { status: ActionStatus; waitingReason?: string | null }): { label: string; tone: StatusTone } {
  if (action.status === "APPROVED" && action.waitingReason) return { label: "Waiting", tone: "warning" };
  return STATUS_META[action.status];
}

/** Statuses that change on their own (the executor is on them): the card polls while any is present. */
export function isInFlight(status: ActionStatus): boolean {
  return status === "APPROVED" || status === "EXECUTING";
}

export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? noun : nouns}`;
}

/** "3 actions: Move PAY-12 to Sprint 24, Post in #team, …" — the first `shown` summaries. */
export function actionsLine(actions: readonly { summary: string }[], shown = 2): string {
  if (actions.length === 0) return "No actions";
  const head = actions.slice(0, shown).map((a) => a.summary);
  return `${plural(actions.length, "action")}: ${head.join(", ")}${actions.length > shown ? ", …" : ""}`;
}

const STATUS_ORDER: ActionStatus[] = ["PROPOSED", "APPROVED", "EXECUTING", "FAILED", "SUCCEEDED", "DRAFT", "REJECTED", "CANCELLED"];

const STATUS_WORDS: Record<ActionStatus, string> = {
  PROPOSED: "waiting for a decision",
  DRAFT: "kept as draft",
  APPROVED: "waiting to run",
  EXECUTING: "running",
  SUCCEEDED: "succeeded",
  FAILED: "failed",
  REJECTED: "rejected",
  CANCELLED: "cancelled",
};

/** "2 succeeded · 1 failed": where a proposal's actions are, most urgent first. */
export function statusLine(actions: readonly { status: ActionStatus }[]): string {
  const counts = new Map<ActionStatus, number>();
  for (const a of actions) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
  const parts = STATUS_ORDER.filter((s) => counts.has(s)).map((s) => `${counts.get(s)!.toLocaleString("en")} ${STATUS_WORDS[s]}`);
  if (parts.length === 1 && actions.length > 1) return `All ${STATUS_WORDS[actions[0]!.status]}`;
  return parts.join(" · ");
}

// ---- decisions ---------------------------------------------------------------------------------

export interface DecisionView {
  kind: DecisionKind;
  appliedIds: string[];
  reason: string | null;
  edits: { actionId: string; diff: { path: (string | number)[] }[] }[] | null;
}

/**
 * One line of history: what was decided, in words. A retry is recorded as a decision on one
 * action, so a single applied action is named rather than counted.
 */
export function decisionLine(decision: DecisionView, actions: readonly { id: string; kind: string; summary: string }[]): string {
  if (decision.kind === "REJECT") return decision.reason ? `rejected it: “${decision.reason}”` : "rejected it";
  const applied = decision.appliedIds.length;
  const what =
    applied === 1
      ? `applied “${actions.find((a) => a.id === decision.appliedIds[0])?.summary ?? "one action"}”`
      : decision.kind === "APPLY_ALL" || applied === actions.length
        ? `applied all ${plural(applied, "action")}`
        : `applied ${applied.toLocaleString("en")} of ${plural(actions.length, "action")}`;
  const edited = (decision.edits ?? []).flatMap((e) => {
    const kind = actions.find((a) => a.id === e.actionId)?.kind ?? "";
    return e.diff.map((d) => fieldLabel(kind, d.path.map(String).join(".")));
  });
  const fields = [...new Set(edited)];
  return fields.length ? `${what}, after editing ${fields.join(", ")}` : what;
}

/** Which decision button was pressed. */
export type ApplyButton = "all" | "selected" | "edited";

export interface DecisionState {
  /** The open (PROPOSED) actions, in order. */
  open: readonly string[];
  /** Ticked rows. */
  selected: readonly string[];
  /** Rows kept as drafts: never applied, kept to come back to. */
  drafts: readonly string[];
  /** Edited inputs by action id (only those that differ from the proposal). */
  edits: Readonly<Record<string, unknown>>;
}

export type DecisionRequest = {
  kind: DecisionKind;
  selected?: string[];
  drafts?: string[];
  edits?: { actionId: string; input: unknown }[];
};

/**
 * The `decide` request for an apply button, or why there is nothing to send.
 * - "all" applies every open action except drafts; "selected" the ticked ones; "edited" the
 *   ticked ones when any are ticked, else all.
 * - Edits always travel with the actions they belong to, so a person never loses an edit by
 *   pressing the other apply button; any edit makes it "Edit then apply".
 * - Drafts are listed explicitly and the applied set is always explicit when drafts exist, so a
 *   draft is never applied by "Apply all".
 */
export function decisionRequest(button: ApplyButton, state: DecisionState): DecisionRequest | { error: string } {
  const drafts = state.drafts.filter((id) => state.open.includes(id));
  const ticked = state.open.filter((id) => state.selected.includes(id) && !drafts.includes(id));
  const rest = state.open.filter((id) => !drafts.includes(id));
  const applying = button === "selected" || (button === "edited" && ticked.length > 0) ? ticked : rest;
  if (applying.length === 0) {
    return { error: button === "selected" ? "Tick the actions to apply first." : "Every action is kept as a draft. Apply at least one, or reject the proposal to keep the drafts." };
  }
  const edits = applying.filter((id) => Object.hasOwn(state.edits, id)).map((id) => ({ actionId: id, input: state.edits[id] }));
  const everything = applying.length === state.open.length;
  const kind: DecisionKind = edits.length ? "EDIT_THEN_APPLY" : button === "all" && everything ? "APPLY_ALL" : "APPLY_SELECTED";
  return {
    kind,
    ...(kind === "APPLY_ALL" ? {} : { selected: applying }),
    ...(drafts.length ? { drafts } : {}),
    ...(edits.length ? { edits } : {}),
  };
}

/** A rejection needs a reason the planner can learn from. */
export const MIN_REASON = 3;

export function reasonProblem(reason: string): string | null {
  return reason.trim().length < MIN_REASON ? "Say why in a few words: the reason is kept with the decision and teaches the planner." : null;
}

// ---- the queue's URL ---------------------------------------------------------------------------

export const QUEUE_TABS = [
  { value: "pending", label: "Waiting for you" },
  { value: "running", label: "Running" },
  { value: "failed", label: "Needs attention" },
  { value: "drafts", label: "Drafts" },
  { value: "done", label: "Done" },
] as const satisfies readonly { value: ServerQueueTab; label: string }[];

export type QueueTab = (typeof QUEUE_TABS)[number]["value"];

export interface QueueParams {
  tab: QueueTab;
  tool: Tool | null;
  q: string;
}

const TOOLS: readonly Tool[] = ["JIRA", "GITHUB", "NOTION", "SLACK"];

/** The queue's state from the URL; anything unknown falls back to the default. */
export function readQueueParams(params: { get(name: string): string | null }): QueueParams {
  const tab = params.get("tab");
  const tool = params.get("tool")?.toUpperCase();
  return {
    tab: QUEUE_TABS.some((t) => t.value === tab) ? (tab as QueueTab) : "pending",
    tool: TOOLS.includes(tool as Tool) ? (tool as Tool) : null,
    q: (params.get("q") ?? "").slice(0, 200),
  };
}

/** The query string for a queue state, defaults left out ("" for the default view). */
export function queueSearch(params: QueueParams): string {
  const out = new URLSearchParams();
  if (params.tab !== "pending") out.set("tab", params.tab);
  if (params.tool) out.set("tool", params.tool.toLowerCase());
  if (params.q.trim()) out.set("q", params.q.trim());
  const s = out.toString();
  return s ? `?${s}` : "";
}

// ---- values in previews ------------------------------------------------------------------------

/** A field value as a reviewer reads it: "—" for nothing, lists joined, yes/no for booleans. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.map((v) => formatValue(v)).join(", ") : "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return value.toLocaleString("en");
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** Source references as stored with a proposal, read defensively (older rows name `title`). */
export function readSources(value: unknown): { kind: SourceKind; id: string; label: string; url: string | null }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw) => {
    if (!raw || typeof raw !== "object") return [];
    const s = raw as Record<string, unknown>;
    const id = typeof s.id === "string" ? s.id : null;
    if (!id) return [];
    const label = typeof s.label === "string" && s.label ? s.label : typeof s.title === "string" && s.title ? s.title : id;
    const kind = SOURCE_KINDS.includes(s.kind as SourceKind) ? (s.kind as SourceKind) : "document";
    return [{ kind, id, label, url: typeof s.url === "string" && s.url ? s.url : null }];
  });
}

const SOURCE_KINDS = ["work_item", "pull_request", "review", "message", "document", "sprint", "release", "person"] as const;
type SourceKind = (typeof SOURCE_KINDS)[number];

function asDate(value: Date | string): Date {
  return typeof value === "string" ? new Date(value) : value;
}

/** "just now", "3 minutes ago". */
export function ago(value: Date | string, now = new Date()): string {
  const at = asDate(value);
  return differenceInSeconds(now, at) < 45 ? "just now" : formatDistanceToNowStrict(at, { addSuffix: true });
}

/** "25 Nov 2026, 15:40", for tooltips. */
export function fullDate(value: Date | string): string {
  return format(asDate(value), "d MMM yyyy, HH:mm");
}

/** Who proposed it: the model, on whose behalf; or the person (an undo, a draft proposed again). */
export function proposedBy(p: { modelLabel: string | null; createdBy: string | null }): string {
  if (p.modelLabel) return `Proposed by ${p.modelLabel}${p.createdBy ? ` for ${p.createdBy}` : ""}`;
  return `Proposed by ${p.createdBy ?? "a former member"}`;
}
