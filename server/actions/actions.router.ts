import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { type ActionStatus, type Prisma, type ProposalStatus } from "@/server/db/generated/client";
import { type TenantDb } from "@/server/db/tenant";
import { BUILTIN_MODEL_ID } from "@/server/agent/builtin/planner";
import { type SourceRef } from "@/server/planning/engine/types";
import { recordAudit } from "@/server/audit/record";
import { getDispatcher } from "@/server/jobs/dispatcher";
import { logger } from "@/server/log/logger";
import { router, scopedProcedure } from "@/server/api/trpc";
import { enforceRateLimit } from "@/server/ratelimit/trpc";
import { definitionOf } from "./catalogue/registry";
import { type ActionKind, type ValidationIssue } from "./catalogue/types";
import { checkActions, decideWithCheck, inverseOf, proposeUndo, reproposeDraft, discardDraft, cancelAction, retryAction } from "./lifecycle";
import { ProposalError } from "./proposals";

/** The queue's tabs: what a reviewer is looking for. */
export const QUEUE_TABS = ["pending", "running", "failed", "done", "drafts"] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

const TOOLS = ["JIRA", "GITHUB", "NOTION", "SLACK"] as const;

export const queueInput = z.object({
  tab: z.enum(QUEUE_TABS).default("pending"),
  tool: z.enum(TOOLS).optional(),
  /** Words in the title or rationale. */
  q: z.string().trim().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(30),
});

const idInput = z.object({ id: z.string().min(1) });

export const decideInput = z.object({
  proposalId: z.string().min(1),
  kind: z.enum(["APPLY_ALL", "APPLY_SELECTED", "EDIT_THEN_APPLY", "REJECT"]),
  selected: z.array(z.string()).optional(),
  drafts: z.array(z.string()).optional(),
  edits: z.array(z.object({ actionId: z.string(), input: z.unknown() })).optional(),
  reason: z.string().max(2000).optional(),
});

const TAB_WHERE: Record<QueueTab, Prisma.ProposalWhereInput> = {
  pending: { status: "PENDING", actions: { some: { status: "PROPOSED" } } },
  running: { actions: { some: { status: { in: ["APPROVED", "EXECUTING"] } } } },
  failed: { actions: { some: { status: "FAILED" } } },
  done: { status: "DECIDED", actions: { none: { status: { in: ["APPROVED", "EXECUTING", "FAILED"] } } } },
  drafts: { actions: { some: { status: "DRAFT" } } },
};

/** A blocked decision, for the form: a sentence and, per action, what is wrong. */
export type DecisionResult = { ok: true; approved: string[] } | { ok: false; message: string; issues: { action: string; issues: ValidationIssue[] }[] };

function toTrpc(e: unknown): never {
  if (e instanceof ProposalError) throw new TRPCError({ code: e.code, message: e.message, cause: e });
  throw e;
}

/** Runs a mutation's work, turning a ProposalError into the tRPC error with its sentence. */
async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    return toTrpc(e);
  }
}

async function people(db: TenantDb, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!wanted.length) return new Map();
  const rows = await db.membership.findMany({ where: { userId: { in: wanted } }, include: { user: { select: { name: true, email: true } } } });
  return new Map(rows.map((m) => [m.userId, m.user.name ?? m.user.email ?? "A member"]));
}

/** How a proposing model is named to people. */
function modelLabel(model: string | null): string | null {
  if (!model) return null;
  return model === BUILTIN_MODEL_ID ? "the built-in planner" : model;
}

/** What the queue and the proposal page both show of a proposal: what, why, by which model, for whom, when. */
function header(
  p: { id: string; title: string; rationale: string; model: string | null; status: ProposalStatus; createdAt: Date; createdById: string | null },
  names: Map<string, string>,
) {
  return {
    id: p.id,
    title: p.title,
    rationale: p.rationale,
    model: p.model,
    modelLabel: modelLabel(p.model),
    status: p.status,
    createdAt: p.createdAt,
    createdBy: p.createdById ? (names.get(p.createdById) ?? null) : null,
  };
}

/** Slack channel ids in one-line summaries, as the #names people know (from the synced messages). */
async function channelNamer(db: TenantDb, inputs: unknown[]): Promise<(summary: string) => string> {
  const ids = new Set<string>();
  for (const input of inputs) {
    const id = (input as { channelId?: unknown } | null)?.channelId;
    if (typeof id === "string") ids.add(id);
  }
  if (!ids.size) return (s) => s;
  const rows = await db.message.findMany({ where: { channelId: { in: [...ids] }, channelName: { not: null } }, distinct: ["channelId"], select: { channelId: true, channelName: true } });
  const names = new Map(rows.map((r) => [r.channelId, r.channelName!]));
  return (summary) => summary.replace(/\b[CGD][A-Z0-9]{6,}\b/g, (id) => (names.has(id) ? `#${names.get(id)}` : id));
}

/** Starts execution; a dispatcher that is down is not fatal: the minute sweep picks the work up. */
async function dispatch(organizationId: string, proposalId: string) {
  try {
    await getDispatcher().executeActions({ organizationId, proposalId });
  } catch (e) {
    logger.warn({ proposalId, err: e instanceof Error ? e.message : String(e) }, "could not enqueue approved actions; the sweep will run them");
  }
}

function undoOffer(a: { kind: string; input: unknown; before: unknown; result: unknown; status: ActionStatus }) {
  const inverse = inverseOf(a);
  if (!inverse) return null;
  if ("irreversible" in inverse) return { available: false as const, note: inverse.reason };
  if ("compensating" in inverse) return { available: true as const, note: inverse.note, label: definitionOf(inverse.compensating.kind).describe(inverse.compensating.input) };
  return { available: true as const, note: null, label: definitionOf(inverse.kind).describe(inverse.input) };
}

export const actionsRouter = router({
  /** Counts for the navigation badge and the queue's tabs. */
  counts: scopedProcedure("approvals:view").query(async ({ ctx }) => {
    const entries = await Promise.all(QUEUE_TABS.map(async (tab) => [tab, await ctx.db.proposal.count({ where: TAB_WHERE[tab] })] as const));
    return Object.fromEntries(entries) as Record<QueueTab, number>;
  }),

  queue: scopedProcedure("approvals:view")
    .input(queueInput)
    .query(async ({ ctx, input }) => {
      const where: Prisma.ProposalWhereInput = {
        AND: [
          TAB_WHERE[input.tab],
          input.tool ? { actions: { some: { tool: input.tool } } } : {},
          input.q ? { OR: [{ title: { contains: input.q, mode: "insensitive" } }, { rationale: { contains: input.q, mode: "insensitive" } }] } : {},
        ],
      };
      const rows = await ctx.db.proposal.findMany({
        where,
        orderBy: { createdAt: input.tab === "pending" ? "asc" : "desc" },
        take: input.limit,
        include: { actions: { orderBy: { position: "asc" }, select: { id: true, kind: true, tool: true, status: true, input: true } }, decisions: { orderBy: { createdAt: "desc" }, take: 1 } },
      });
      const names = await people(ctx.db, [...rows.map((r) => r.createdById), ...rows.map((r) => r.decisions[0]?.userId)]);
      const named = await channelNamer(ctx.db, rows.flatMap((r) => r.actions.map((a) => a.input)));
      return rows.map((p) => ({
        ...header(p, names),
        conversationId: p.conversationId,
        decidedBy: p.decisions[0] ? (names.get(p.decisions[0].userId) ?? null) : null,
        decidedAt: p.decisions[0]?.createdAt ?? null,
        actions: p.actions.map((a) => ({ id: a.id, kind: a.kind, tool: a.tool, status: a.status, label: definitionOf(a.kind as ActionKind).label, summary: named(definitionOf(a.kind as ActionKind).describe(a.input)) })),
      }));
    }),

  proposal: scopedProcedure("approvals:view")
    .input(idInput)
    .query(async ({ ctx, input }) => {
      const p = await ctx.db.proposal.findFirst({
        where: { id: input.id },
        include: { actions: { orderBy: { position: "asc" } }, decisions: { orderBy: { createdAt: "asc" } } },
      });
      if (!p) return null;
      const conversation = p.conversationId ? await ctx.db.conversation.findFirst({ where: { id: p.conversationId }, select: { id: true, title: true } }) : null;
      const names = await people(ctx.db, [p.createdById, ...p.decisions.map((d) => d.userId), ...p.actions.map((a) => a.approvedById)]);
      const named = await channelNamer(ctx.db, p.actions.map((a) => a.input));
      const undoneBy = await ctx.db.proposedAction.findMany({ where: { undoOfId: { in: p.actions.map((a) => a.id) } }, select: { id: true, undoOfId: true, proposalId: true, status: true } });
      return {
        ...header(p, names),
        sources: p.sources as unknown as SourceRef[],
        conversation,
        decisions: p.decisions.map((d) => ({
          id: d.id,
          kind: d.kind,
          user: names.get(d.userId) ?? "A former member",
          at: d.createdAt,
          appliedIds: d.appliedIds,
          reason: d.reason,
          edits: d.edits as unknown as { actionId: string; diff: { type: string; path: (string | number)[]; oldValue?: unknown; value?: unknown }[] }[],
        })),
        actions: p.actions.map((a) => {
          const definition = definitionOf(a.kind as ActionKind);
          const undo = undoneBy.find((u) => u.undoOfId === a.id);
          return {
            id: a.id,
            position: a.position,
            kind: a.kind as ActionKind,
            tool: a.tool,
            label: definition.label,
            summary: named(definition.describe(a.input)),
            input: a.input,
            originalInput: a.originalInput,
            edited: JSON.stringify(a.input) !== JSON.stringify(a.originalInput),
            status: a.status,
            result: a.result as { url?: string | null; ref?: string } | null,
            error: a.error,
            issues: (a.issues ?? null) as ValidationIssue[] | null,
            waitingReason: a.waitingReason,
            nextAttemptAt: a.nextAttemptAt,
            attempts: a.attempts,
            verification: a.verification as { consistent: boolean; mismatches: string[]; recovered: boolean } | null,
            approvedBy: a.approvedById ? (names.get(a.approvedById) ?? null) : null,
            finishedAt: a.finishedAt,
            undoOfId: a.undoOfId,
            undo: undoOffer(a),
            undoneBy: undo ? { proposalId: undo.proposalId, status: undo.status } : null,
          };
        }),
      };
    }),

  /**
   * Choices for the edit forms from the synced data: open sprints, people per tool, Slack
   * channels, repositories. Live reads (transitions, priorities) come with `check`.
   */
  formOptions: scopedProcedure("approvals:view").query(async ({ ctx }) => {
    const [sprints, connections, channels, repos] = await Promise.all([
      ctx.db.sprint.findMany({ where: { state: { in: ["active", "future"] } }, orderBy: [{ startDate: "asc" }, { sourceId: "asc" }], select: { sourceId: true, name: true, state: true, projectKey: true } }),
      ctx.db.connection.findMany({ where: { status: { not: "DISCONNECTED" } }, select: { id: true, tool: true } }),
      ctx.db.message.groupBy({ by: ["channelId", "channelName"], orderBy: { channelName: "asc" } }),
      ctx.db.pullRequest.groupBy({ by: ["repo"], orderBy: { repo: "asc" } }),
    ]);
    const toolOf = new Map(connections.map((c) => [c.id, c.tool]));
    const people = await ctx.db.person.findMany({ where: { active: true, connectionId: { in: connections.map((c) => c.id) } }, orderBy: { displayName: "asc" }, select: { sourceId: true, displayName: true, connectionId: true } });
    const peopleOf = (tool: string) => people.filter((p) => toolOf.get(p.connectionId) === tool).map((p) => ({ id: p.sourceId, name: p.displayName }));
    return {
      sprints: sprints.map((s) => ({ id: s.sourceId, name: s.name, state: s.state, projectKey: s.projectKey })),
      jiraUsers: peopleOf("JIRA"),
      githubUsers: peopleOf("GITHUB"),
      slackChannels: channels.map((c) => ({ id: c.channelId, name: c.channelName ?? c.channelId })),
      repos: repos.map((r) => r.repo),
    };
  }),

  /** Each open action checked against its tool now: blocking issues, the preview, the form's options. */
  check: scopedProcedure("approvals:view")
    .input(idInput)
    .query(async ({ ctx, input }) => {
      const actions = await ctx.db.proposedAction.findMany({ where: { proposalId: input.id, status: { in: ["PROPOSED", "DRAFT", "FAILED"] } }, orderBy: { position: "asc" } });
      const checks = await checkActions(ctx.rootDb, { organizationId: ctx.organization.id, userId: ctx.session.user.id, actions: actions.map((a) => ({ kind: a.kind, input: a.input })) });
      return Object.fromEntries(actions.map((a, i) => [a.id, checks[i]!]));
    }),

  /** An edited action checked before it is applied: the form shows the issues and the new preview. */
  checkEdit: scopedProcedure("approvals:decide")
    .input(z.object({ actionId: z.string().min(1), input: z.unknown() }))
    .mutation(async ({ ctx, input }) => {
      const action = await ctx.db.proposedAction.findFirst({ where: { id: input.actionId } });
      if (!action) throw new TRPCError({ code: "NOT_FOUND", message: "This action does not exist any more. Reload the proposal." });
      const [check] = await checkActions(ctx.rootDb, { organizationId: ctx.organization.id, userId: ctx.session.user.id, actions: [{ kind: action.kind, input: input.input }] });
      return check!;
    }),

  decide: scopedProcedure("approvals:decide")
    .input(decideInput)
    .mutation(async ({ ctx, input }): Promise<DecisionResult> => {
      await enforceRateLimit("actionDecisions", ctx);
      try {
        const decision = await decideWithCheck(ctx.rootDb, { ...input, organizationId: ctx.organization.id, userId: ctx.session.user.id });
        await recordAudit(ctx.db, {
          organizationId: ctx.organization.id,
          actorId: ctx.session.user.id,
          action: input.kind === "REJECT" ? "proposal.rejected" : "proposal.approved",
          targetType: "Proposal",
          targetId: input.proposalId,
          metadata: { kind: input.kind, applied: decision.approved.length, edited: input.edits?.length ?? 0, drafts: input.drafts?.length ?? 0 },
          requestId: ctx.requestId,
        });
        if (decision.approved.length) await dispatch(ctx.organization.id, input.proposalId);
        return { ok: true, approved: decision.approved };
      } catch (e) {
        if (e instanceof ProposalError && e.code === "BAD_REQUEST" && e.issues.length) return { ok: false, message: e.message, issues: e.issues };
        return toTrpc(e);
      }
    }),

  retry: scopedProcedure("approvals:decide")
    .input(z.object({ actionId: z.string().min(1), input: z.unknown().optional() }))
    .mutation(async ({ ctx, input }) => {
      await enforceRateLimit("actionDecisions", ctx);
      return mapped(async () => {
        const { proposalId } = await retryAction(ctx.rootDb, { organizationId: ctx.organization.id, actionId: input.actionId, userId: ctx.session.user.id, input: input.input });
        await recordAudit(ctx.db, { organizationId: ctx.organization.id, actorId: ctx.session.user.id, action: "action.retried", targetType: "ProposedAction", targetId: input.actionId, metadata: { edited: input.input !== undefined }, requestId: ctx.requestId });
        await dispatch(ctx.organization.id, proposalId);
        return { proposalId };
      });
    }),

  cancel: scopedProcedure("approvals:decide")
    .input(z.object({ actionId: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      return mapped(async () => {
        await cancelAction(ctx.rootDb, { organizationId: ctx.organization.id, actionId: input.actionId });
        await recordAudit(ctx.db, { organizationId: ctx.organization.id, actorId: ctx.session.user.id, action: "action.cancelled", targetType: "ProposedAction", targetId: input.actionId, requestId: ctx.requestId });
      });
    }),

  undo: scopedProcedure("approvals:decide")
    .input(z.object({ actionId: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      await enforceRateLimit("actionDecisions", ctx);
      return mapped(async () => {
        const undo = await proposeUndo(ctx.rootDb, { organizationId: ctx.organization.id, actionId: input.actionId, userId: ctx.session.user.id });
        if (!undo.existing) {
          await recordAudit(ctx.db, { organizationId: ctx.organization.id, actorId: ctx.session.user.id, action: "action.undo_proposed", targetType: "ProposedAction", targetId: input.actionId, metadata: { proposalId: undo.proposalId }, requestId: ctx.requestId });
        }
        return undo;
      });
    }),

  repropose: scopedProcedure("approvals:decide")
    .input(z.object({ actionId: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      await enforceRateLimit("actionDecisions", ctx);
      return mapped(async () => {
        return await reproposeDraft(ctx.rootDb, { organizationId: ctx.organization.id, actionId: input.actionId, userId: ctx.session.user.id });
      });
    }),

  discardDraft: scopedProcedure("approvals:decide")
    .input(z.object({ actionId: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      return mapped(async () => {
        await discardDraft(ctx.rootDb, { organizationId: ctx.organization.id, actionId: input.actionId });
      });
    }),
});
