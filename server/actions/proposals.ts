import { randomUUID } from "node:crypto";
import diff from "microdiff";
import { type Prisma } from "@/server/db/generated/client";
import { type DecisionKind, type Tool } from "@/server/db/generated/enums";
import { type TenantDb } from "@/server/db/tenant";
import { type SourceRef } from "@/server/planning/engine/types";
import { decideActions } from "@/server/policies/store";
import { definitionOf, parseAction } from "./catalogue/registry";
import { type ActionKind, type ValidationIssue } from "./catalogue/types";

/** A proposal that cannot be made or decided as asked; the message is written for the person. */
export class ProposalError extends Error {
  constructor(
    message: string,
    readonly code: "NOT_FOUND" | "CONFLICT" | "BAD_REQUEST",
    /** Per action (by position or id), what is wrong with it, for the form. */
    readonly issues: { action: string; issues: ValidationIssue[] }[] = [],
  ) {
    super(message);
    this.name = "ProposalError";
  }
}

const TOOL_OF: Record<string, Tool> = { jira: "JIRA", github: "GITHUB", notion: "NOTION", slack: "SLACK" };

export interface NewProposal {
  organizationId: string;
  conversationId?: string | null;
  artifactId?: string | null;
  createdById?: string | null;
  model?: string | null;
  modelCallId?: string | null;
  title: string;
  rationale: string;
  sources: SourceRef[];
  actions: { kind: string; input: unknown; draft?: boolean; undoOfId?: string }[];
}

/**
 * Stores what the agent proposes. Nothing executes here or anywhere without a person's decision:
 * every action is parsed against its kind's schema first, and one invalid action stops the whole
 * proposal, saying which and why.
 */
export async function createProposal(db: TenantDb, proposal: NewProposal) {
  if (proposal.actions.length === 0) throw new ProposalError("A proposal needs at least one action.", "BAD_REQUEST");
  const parsed = proposal.actions.map((a, i) => ({ i, draft: a.draft === true, undoOfId: a.undoOfId ?? null, result: parseAction(a.kind, a.input) }));
  const invalid = parsed.filter((p) => !p.result.ok).map((p) => ({ action: String(p.i), issues: p.result.ok ? [] : p.result.issues }));
  if (invalid.length) {
    throw new ProposalError(`${invalid.length === 1 ? "One action is" : `${invalid.length} actions are`} not valid: ${invalid[0]!.issues[0]?.message ?? "invalid input"}`, "BAD_REQUEST", invalid);
  }
  // The organisation's policy, at the proposal stage: an action the proposer may not take is
  // refused here with the policy's reason, whoever (or whatever) proposed it.
  const checked = parsed.filter((p) => !p.draft && p.result.ok).map((p) => ({ i: p.i, action: (p.result as { ok: true; action: { kind: string; input: unknown } }).action }));
  const decisions = checked.length ? await decideActions(db, { stage: "propose", proposerId: proposal.createdById ?? null, actions: checked.map((c) => c.action) }) : [];
  const denied = checked.map((c, k) => ({ action: String(c.i), decision: decisions[k]! })).filter((d) => d.decision.effect === "deny");
  if (denied.length) {
    throw new ProposalError(
      denied[0]!.decision.reason,
      "BAD_REQUEST",
      denied.map((d) => ({ action: d.action, issues: [{ path: "", message: d.decision.reason }] })),
    );
  }
  const autoApply = decisions.length > 0 && decisions.length === parsed.length && decisions.every((d) => d.effect === "allow" && d.autoApply && !d.requiresApproval);
  const created = await db.proposal.create({
    data: {
      organizationId: proposal.organizationId,
      conversationId: proposal.conversationId ?? null,
      artifactId: proposal.artifactId ?? null,
      createdById: proposal.createdById ?? null,
      model: proposal.model ?? null,
      modelCallId: proposal.modelCallId ?? null,
      title: proposal.title,
      rationale: proposal.rationale,
      sources: proposal.sources as unknown as Prisma.InputJsonValue,
      actions: {
        create: parsed.map(({ i, draft, undoOfId, result }) => {
          const action = result.ok ? result.action : null!;
          return {
            organizationId: proposal.organizationId,
            position: i,
            kind: action.kind,
            tool: TOOL_OF[action.kind.split(".")[0]!]!,
            input: action.input as Prisma.InputJsonValue,
            originalInput: action.input as Prisma.InputJsonValue,
            status: draft ? "DRAFT" : "PROPOSED",
            idempotencyKey: randomUUID(),
            undoOfId,
          };
        }),
      },
    },
    include: { actions: { orderBy: { position: "asc" } } },
  });
  /** Every action may apply without a person's approval under the policy's auto-apply rules. */
  return Object.assign(created, { autoApply });
}

export interface DecisionInput {
  organizationId: string;
  proposalId: string;
  userId: string;
  kind: DecisionKind;
  /** For APPLY_SELECTED and EDIT_THEN_APPLY: the actions to apply; the rest are rejected. */
  selected?: string[];
  /** For EDIT_THEN_APPLY: new inputs by action id. */
  edits?: { actionId: string; input: unknown }[];
  /** Actions to keep as drafts instead of rejecting them: never executed, kept to come back to. */
  drafts?: string[];
  /** Required to reject. */
  reason?: string;
}

/**
 * Records a person's decision on a proposal, once: the proposal moves from pending to decided by
 * compare-and-set, so a double click or a second approver at the same moment gets a conflict and
 * changes nothing. Edits are validated before anything is written and stored as diffs against
 * what the agent proposed. Approved actions wait for the executor; the others are rejected.
 */
export async function decideProposal(db: TenantDb, input: DecisionInput) {
  return db.$transaction(async (tx) => {
    const proposal = await tx.proposal.findFirst({ where: { id: input.proposalId }, include: { actions: { orderBy: { position: "asc" } } } });
    if (!proposal) throw new ProposalError("This proposal does not exist or belongs to another organisation.", "NOT_FOUND");
    if (proposal.status !== "PENDING") throw new ProposalError("This proposal was already decided. Reload to see the decision.", "CONFLICT");

    const open = proposal.actions.filter((a) => a.status === "PROPOSED");
    const ids = new Set(open.map((a) => a.id));
    const reason = input.reason?.trim() ?? "";
    if (input.kind === "REJECT" && reason.length < 3) throw new ProposalError("Say why you reject it: the reason teaches the planner.", "BAD_REQUEST");

    const edits = input.edits ?? [];
    if (edits.length && input.kind !== "EDIT_THEN_APPLY") throw new ProposalError("Edits are applied with “Edit then apply”.", "BAD_REQUEST");
    const unknown = [...(input.selected ?? []), ...edits.map((e) => e.actionId), ...(input.drafts ?? [])].filter((id) => !ids.has(id));
    if (unknown.length) throw new ProposalError("Some selected actions are not open in this proposal any more. Reload and decide again.", "CONFLICT");

    const keep = new Set(input.drafts ?? []);
    const chosen =
      input.kind === "REJECT" ? [] : input.kind === "APPLY_ALL" ? open.map((a) => a.id) : input.selected?.length ? input.selected : input.kind === "EDIT_THEN_APPLY" ? open.map((a) => a.id) : [];
    // An action kept as a draft is never applied, whatever else the decision says.
    const applied = chosen.filter((id) => !keep.has(id));
    if (input.kind !== "REJECT" && applied.length === 0 && keep.size === 0) throw new ProposalError("Select at least one action to apply, or reject the proposal.", "BAD_REQUEST");

    const issues: { action: string; issues: ValidationIssue[] }[] = [];
    const changes = edits.map((e) => {
      const action = open.find((a) => a.id === e.actionId)!;
      const parsed = parseAction(action.kind as ActionKind, e.input);
      if (!parsed.ok) issues.push({ action: action.id, issues: parsed.issues });
      const before = action.input as Record<string, unknown>;
      const after = (parsed.ok ? parsed.action.input : e.input) as Record<string, unknown>;
      return { action, before, after, diff: diff(before, after) };
    });
    if (issues.length) throw new ProposalError(`The edit makes ${definitionOf(changes.find((c) => c.action.id === issues[0]!.action)!.action.kind as ActionKind).label.toLowerCase()} invalid: ${issues[0]!.issues[0]?.message}`, "BAD_REQUEST", issues);

    const claimed = await tx.proposal.updateMany({ where: { id: proposal.id, status: "PENDING" }, data: { status: "DECIDED" } });
    if (claimed.count === 0) throw new ProposalError("Someone decided this proposal a moment ago. Reload to see their decision.", "CONFLICT");

    for (const c of changes) {
      if (c.diff.length) await tx.proposedAction.update({ where: { id: c.action.id }, data: { input: c.after as Prisma.InputJsonValue } });
    }
    if (applied.length) await tx.proposedAction.updateMany({ where: { id: { in: applied }, status: "PROPOSED" }, data: { status: "APPROVED", approvedById: input.userId } });
    const drafts = (input.drafts ?? []).filter((id) => !applied.includes(id));
    if (drafts.length) await tx.proposedAction.updateMany({ where: { id: { in: drafts }, status: "PROPOSED" }, data: { status: "DRAFT" } });
    await tx.proposedAction.updateMany({ where: { proposalId: proposal.id, status: "PROPOSED", id: { notIn: applied } }, data: { status: "REJECTED" } });

    const decision = await tx.decision.create({
      data: {
        organizationId: input.organizationId,
        proposalId: proposal.id,
        userId: input.userId,
        kind: input.kind,
        appliedIds: applied,
        edits: changes.filter((c) => c.diff.length).map((c) => ({ actionId: c.action.id, kind: c.action.kind, before: c.before, after: c.after, diff: c.diff })) as unknown as Prisma.InputJsonValue,
        reason: reason || null,
      },
    });
    return { decisionId: decision.id, approved: applied };
  });
}
