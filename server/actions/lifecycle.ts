import diff from "microdiff";
import { type Db } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { type Tool } from "@/server/db/generated/enums";
import { tenantDb } from "@/server/db/tenant";
import { openConnection, type OpenedConnection } from "@/server/connections/open-connection";
import { ConnectorError, describeConnectorError } from "@/server/connectors/errors";
import { TOOL_NAMES } from "@/server/connectors/registry";
import { type ResilienceOptions } from "@/server/connectors/resilience";
import { definitionOf, parseAction } from "./catalogue/registry";
import { type ActionKind, type Inverse, type Preview, type ValidationIssue } from "./catalogue/types";
import { type ActionWriter, type WriteResultBase } from "./catalogue/writer";
import { channelFacts, decideActions } from "@/server/policies/store";
import { createProposal, decideProposal, ProposalError, type DecisionInput } from "./proposals";

/**
 * Everything that happens to proposals around execution: checking actions against the tools'
 * current state before a person applies them, retrying or cancelling, undo as a new proposal, and
 * drafts brought back. Execution itself lives in ./execution.
 */

export interface ActionCheck {
  /** Blocking problems; empty when the action may run. */
  issues: ValidationIssue[];
  /** What will change, rendered against the state just read. */
  preview: Preview | null;
  /** The target's state as read (users, sprints, transitions… for the edit form). */
  state: unknown;
  /** Set when the tool could not be asked: the action can still be approved and waits to run. */
  unavailable: string | null;
}

export interface CheckOptions {
  resilience?: ResilienceOptions;
  open?: (db: Db, input: { organizationId: string; connectionId: string; userId?: string | null; resilience?: ResilienceOptions }) => Promise<OpenedConnection>;
}

/**
 * Reads each action's target now and validates the action against it. One connection per tool;
 * a tool that cannot be reached marks its actions `unavailable` instead of failing the check.
 */
export async function checkActions(
  root: Db,
  input: { organizationId: string; userId?: string | null; actions: { kind: string; input: unknown }[] },
  options: CheckOptions = {},
): Promise<ActionCheck[]> {
  const db = tenantDb(root, input.organizationId);
  const opened = new Map<Tool, OpenedConnection | string>();
  const connectionFor = async (tool: Tool): Promise<OpenedConnection | string> => {
    const known = opened.get(tool);
    if (known) return known;
    const connection = await db.connection.findFirst({ where: { tool, status: { not: "DISCONNECTED" } }, orderBy: { createdAt: "asc" } });
    const value = connection
      ? await (options.open ?? openConnection)(root, { organizationId: input.organizationId, connectionId: connection.id, userId: input.userId ?? null, resilience: options.resilience })
      : `${TOOL_NAMES[tool]} is not connected. Connect it under Connections before applying this.`;
    opened.set(tool, value);
    return value;
  };
  try {
    const checks: ActionCheck[] = [];
    for (const a of input.actions) {
      const parsed = parseAction(a.kind, a.input);
      if (!parsed.ok) {
        checks.push({ issues: parsed.issues, preview: null, state: null, unavailable: null });
        continue;
      }
      const definition = definitionOf(parsed.action.kind);
      const connection = await connectionFor(definition.tool);
      if (typeof connection === "string") {
        checks.push({ issues: [{ path: "", message: connection }], preview: null, state: null, unavailable: null });
        continue;
      }
      const writer = connection.connector.writers?.[parsed.action.kind] as ActionWriter<unknown, unknown, WriteResultBase> | undefined;
      if (!writer) {
        checks.push({ issues: [{ path: "", message: `This ${TOOL_NAMES[definition.tool]} connection cannot ${definition.label.toLowerCase()}.` }], preview: null, state: null, unavailable: null });
        continue;
      }
      try {
        const state = await writer.readState(parsed.action.input);
        checks.push({ issues: definition.validate(parsed.action.input, state), preview: definition.preview(parsed.action.input, state), state, unavailable: null });
      } catch (e) {
        if (!(e instanceof ConnectorError)) throw e;
        const name = TOOL_NAMES[definition.tool];
        const message = e.kind === "circuit_open" ? `${name} is failing repeatedly.` : describeConnectorError(e, name);
        if (e.kind === "auth" || e.kind === "scope") checks.push({ issues: [{ path: "", message }], preview: null, state: null, unavailable: null });
        else checks.push({ issues: [], preview: null, state: null, unavailable: `${message} You can still apply; it runs when ${name} answers again.` });
      }
    }
    return checks;
  } finally {
    for (const c of opened.values()) if (typeof c !== "string") await c.recorder.flush();
  }
}

/**
 * A person's decision, checked first against the tools as they are now: an action whose target
 * changed in a way that matters, or that an edit made invalid, blocks the decision with the reason
 * (and what changed), so nothing is approved that would fail. Rejections need no check.
 */
export async function decideWithCheck(root: Db, input: DecisionInput, options: CheckOptions = {}) {
  const db = tenantDb(root, input.organizationId);
  if (input.kind !== "REJECT") {
    const proposal = await db.proposal.findFirst({ where: { id: input.proposalId }, include: { actions: { where: { status: "PROPOSED" }, orderBy: { position: "asc" } } } });
    if (!proposal) throw new ProposalError("This proposal does not exist or belongs to another organisation.", "NOT_FOUND");
    if (proposal.status !== "PENDING") throw new ProposalError("This proposal was already decided. Reload to see the decision.", "CONFLICT");
    const edits = new Map((input.edits ?? []).map((e) => [e.actionId, e.input]));
    const drafts = new Set(input.drafts ?? []);
    const applying = proposal.actions.filter((a) => (input.kind === "APPLY_ALL" || !input.selected?.length ? true : input.selected.includes(a.id)) && !drafts.has(a.id));
    const checks = await checkActions(root, { organizationId: input.organizationId, userId: input.userId, actions: applying.map((a) => ({ kind: a.kind, input: edits.has(a.id) ? edits.get(a.id) : a.input })) }, options);
    // The policy at the approval stage: may this person approve it, and may it still be done
    // (a window closed, a channel grew)? The channel is as just read, unless its tool is down.
    const verdicts = await decideActions(db, {
      stage: "approve",
      proposerId: proposal.createdById,
      approverId: input.userId,
      actions: applying.map((a, i) => ({ kind: a.kind, input: edits.has(a.id) ? edits.get(a.id) : a.input, ...(checks[i]!.unavailable ? {} : channelFacts(checks[i]!.state)) })),
    });
    const blocked = applying
      .map((a, i) => ({ action: a.id, issues: verdicts[i]!.effect === "deny" ? [{ path: "", message: verdicts[i]!.reason }, ...checks[i]!.issues] : checks[i]!.issues }))
      .filter((b) => b.issues.length > 0);
    if (blocked.length) {
      const first = blocked[0]!;
      const label = definitionOf(applying.find((a) => a.id === first.action)!.kind as ActionKind).label.toLowerCase();
      const message = first.issues[0]!.message;
      throw new ProposalError(message.startsWith("Denied:") ? message : `Cannot ${label} as it stands: ${message}`, "BAD_REQUEST", blocked);
    }
  }
  return decideProposal(db, input);
}

/**
 * Sends a failed action round again, optionally edited. The edit is validated and kept as a
 * decision (with its diff), like an edit made before the first apply.
 */
export async function retryAction(root: Db, input: { organizationId: string; actionId: string; userId: string; input?: unknown }) {
  const db = tenantDb(root, input.organizationId);
  return db.$transaction(async (tx) => {
    const action = await tx.proposedAction.findFirst({ where: { id: input.actionId } });
    if (!action) throw new ProposalError("This action does not exist or belongs to another organisation.", "NOT_FOUND");
    if (action.status !== "FAILED") throw new ProposalError("Only a failed action can be retried. Reload to see where it is now.", "CONFLICT");
    let data: Prisma.ProposedActionUpdateManyMutationInput = { status: "APPROVED", error: null, issues: Prisma.DbNull, nextAttemptAt: null, waitingReason: null, approvedById: input.userId, finishedAt: null };
    let edits: unknown[] = [];
    if (input.input !== undefined) {
      const parsed = parseAction(action.kind as ActionKind, input.input);
      if (!parsed.ok) throw new ProposalError(`The edit is not valid: ${parsed.issues[0]?.message}`, "BAD_REQUEST", [{ action: action.id, issues: parsed.issues }]);
      const before = action.input as Record<string, unknown>;
      const after = parsed.action.input as Record<string, unknown>;
      const changes = diff(before, after);
      if (changes.length) {
        data = { ...data, input: after as Prisma.InputJsonValue };
        edits = [{ actionId: action.id, kind: action.kind, before, after, diff: changes }];
      }
    }
    const moved = await tx.proposedAction.updateMany({ where: { id: action.id, status: "FAILED" }, data });
    if (moved.count === 0) throw new ProposalError("Someone retried this a moment ago.", "CONFLICT");
    await tx.proposal.updateMany({ where: { id: action.proposalId }, data: { settledAt: null } });
    await tx.decision.create({
      data: { organizationId: input.organizationId, proposalId: action.proposalId, userId: input.userId, kind: edits.length ? "EDIT_THEN_APPLY" : "APPLY_SELECTED", appliedIds: [action.id], edits: edits as Prisma.InputJsonValue },
    });
    return { proposalId: action.proposalId };
  });
}

/**
 * Stops an approved action that has not run yet (it is waiting for a tool to recover). An action
 * whose write may already have reached the tool cannot be cancelled: the executor must look first.
 */
export async function cancelAction(root: Db, input: { organizationId: string; actionId: string }) {
  const db = tenantDb(root, input.organizationId);
  const moved = await db.proposedAction.updateMany({ where: { id: input.actionId, status: { in: ["APPROVED", "FAILED"] }, startedAt: null }, data: { status: "CANCELLED", finishedAt: new Date(), nextAttemptAt: null } });
  if (moved.count === 1) return;
  const action = await db.proposedAction.findFirst({ where: { id: input.actionId } });
  if (!action) throw new ProposalError("This action does not exist or belongs to another organisation.", "NOT_FOUND");
  if (action.startedAt && (action.status === "APPROVED" || action.status === "FAILED")) {
    throw new ProposalError("An earlier attempt may already have reached the tool, so this cannot be cancelled. Retry it (Lumen checks before writing again), or undo it once it succeeds.", "CONFLICT");
  }
  throw new ProposalError("Only an action that is waiting to run can be cancelled. Reload to see where it is now.", "CONFLICT");
}

/** The undo a succeeded action offers, without creating anything. */
export function inverseOf(action: { kind: string; input: unknown; before: unknown; result: unknown; status: string }): Inverse | null {
  if (action.status !== "SUCCEEDED" || action.before === null || action.result === null) return null;
  return definitionOf(action.kind as ActionKind).inverse(action.input, action.before, action.result);
}

/**
 * Undo: the inverse of a succeeded action (or the compensating action where the tool cannot take
 * it back) as a new proposal, decided like any other. Asking twice returns the open undo.
 */
export async function proposeUndo(root: Db, input: { organizationId: string; actionId: string; userId: string }) {
  const db = tenantDb(root, input.organizationId);
  const action = await db.proposedAction.findFirst({ where: { id: input.actionId }, include: { proposal: true } });
  if (!action) throw new ProposalError("This action does not exist or belongs to another organisation.", "NOT_FOUND");
  const open = await db.proposedAction.findFirst({ where: { undoOfId: action.id, status: { in: ["PROPOSED", "APPROVED", "EXECUTING", "SUCCEEDED"] } } });
  if (open) return { proposalId: open.proposalId, existing: true };
  const inverse = inverseOf(action);
  if (!inverse) throw new ProposalError("Only an action that succeeded can be undone.", "CONFLICT");
  if ("irreversible" in inverse) throw new ProposalError(inverse.reason, "BAD_REQUEST");
  const call = "compensating" in inverse ? inverse.compensating : inverse;
  const description = definitionOf(action.kind as ActionKind).describe(action.input);
  const proposal = await createProposal(db, {
    organizationId: input.organizationId,
    conversationId: action.proposal.conversationId,
    artifactId: action.proposal.artifactId,
    createdById: input.userId,
    title: `Undo: ${description}`,
    rationale: "compensating" in inverse ? inverse.note : `Restores what the target held before “${description}” was applied.`,
    sources: [],
    actions: [{ kind: call.kind, input: call.input, undoOfId: action.id }],
  });
  return { proposalId: proposal.id, existing: false };
}

/** A draft brought back: a new proposal with the same action, validated again when decided. */
export async function reproposeDraft(root: Db, input: { organizationId: string; actionId: string; userId: string }) {
  const db = tenantDb(root, input.organizationId);
  const action = await db.proposedAction.findFirst({ where: { id: input.actionId, status: "DRAFT" }, include: { proposal: true } });
  if (!action) throw new ProposalError("This draft does not exist any more. Reload the drafts.", "NOT_FOUND");
  const proposal = await createProposal(db, {
    organizationId: input.organizationId,
    conversationId: action.proposal.conversationId,
    artifactId: action.proposal.artifactId,
    createdById: input.userId,
    model: action.proposal.model,
    title: action.proposal.title,
    rationale: action.proposal.rationale,
    sources: action.proposal.sources as never,
    actions: [{ kind: action.kind, input: action.input }],
  });
  await db.proposedAction.updateMany({ where: { id: action.id, status: "DRAFT" }, data: { status: "CANCELLED", finishedAt: new Date() } });
  return { proposalId: proposal.id };
}

/** Discards a draft for good. */
export async function discardDraft(root: Db, input: { organizationId: string; actionId: string }) {
  const db = tenantDb(root, input.organizationId);
  const moved = await db.proposedAction.updateMany({ where: { id: input.actionId, status: "DRAFT" }, data: { status: "CANCELLED", finishedAt: new Date() } });
  if (moved.count === 0) throw new ProposalError("This draft does not exist any more. Reload the drafts.", "NOT_FOUND");
}
