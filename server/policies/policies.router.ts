import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { router, scopedProcedure } from "@/server/api/trpc";
import { recordAudit } from "@/server/audit/record";
import { definitionOf } from "@/server/actions/catalogue/registry";
import { type ActionKind } from "@/server/actions/catalogue/types";
import { type TenantDb } from "@/server/db/tenant";
import { offeredKinds, type PolicyDecision } from "./evaluate";
import { POLICY_SIZE_LIMIT } from "./language";
import { checkLockout } from "./lockout";
import { loadPolicy, parsePolicy, summarisePolicy } from "./parse";
import { activePolicy, decideActions, editorRoles, environments, PolicyError, publishPolicy, type ActivePolicy } from "./store";

/** Large enough for any real policy; a bigger text is refused with the limit named. */
const policyText = z.string().max(POLICY_SIZE_LIMIT * 4, { error: "Policies are limited to 256 KB." });

function toTrpc(e: unknown): never {
  if (e instanceof PolicyError) throw new TRPCError({ code: e.code, message: e.message, cause: e });
  throw e;
}

async function authors(db: TenantDb, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  const rows = wanted.length ? await db.membership.findMany({ where: { userId: { in: wanted } }, include: { user: { select: { name: true, email: true } } } }) : [];
  return new Map(rows.map((m) => [m.userId, m.user.name ?? m.user.email ?? "A member"]));
}

const verdict = (d: PolicyDecision) => ({ effect: d.effect, requiresApproval: d.requiresApproval, autoApply: d.autoApply, reason: d.reason });

/**
 * Replays the organisation's last proposals against a draft: each action is decided at the
 * proposal stage by the policy in force and by the draft, and the actions whose decision would
 * change are listed — before anything is published.
 */
export async function simulatePolicy(db: TenantDb, input: { text: string; limit: number }) {
  const parsed = parsePolicy(input.text);
  if (!parsed.ok) throw new PolicyError("Fix the policy's errors first; the simulator runs only a valid draft.", "BAD_REQUEST", parsed.errors);
  const current = await activePolicy(db);
  const draft: ActivePolicy = { version: null, text: input.text, policy: parsed.policy };
  const proposals = await db.proposal.findMany({ orderBy: { createdAt: "desc" }, take: input.limit, include: { actions: { orderBy: { position: "asc" } } } });
  const changes: { proposalId: string; title: string; createdAt: Date; actionId: string; summary: string; before: ReturnType<typeof verdict>; after: ReturnType<typeof verdict> }[] = [];
  let actions = 0;
  for (const p of proposals) {
    const batch = p.actions.map((a) => ({ kind: a.kind, input: a.input }));
    actions += batch.length;
    const [before, after] = await Promise.all([
      decideActions(db, { stage: "propose", proposerId: p.createdById, actions: batch, policy: current, now: p.createdAt }),
      decideActions(db, { stage: "propose", proposerId: p.createdById, actions: batch, policy: draft, now: p.createdAt }),
    ]);
    p.actions.forEach((a, i) => {
      const b = before[i]!;
      const d = after[i]!;
      if (b.effect === d.effect && b.requiresApproval === d.requiresApproval && b.autoApply === d.autoApply) return;
      changes.push({ proposalId: p.id, title: p.title, createdAt: p.createdAt, actionId: a.id, summary: definitionOf(a.kind as ActionKind).describe(a.input), before: verdict(b), after: verdict(d) });
    });
  }
  return { proposals: proposals.length, actions, changes };
}

export const policiesRouter = router({
  /** The policy in force, with what it means for the caller's role. Everyone who may read policies sees it. */
  current: scopedProcedure("policies:view").query(async ({ ctx }) => {
    const active = await activePolicy(ctx.db);
    const envs = await environments(ctx.db);
    const environment = [...envs.values()].every((e) => e === "sandbox") && envs.size > 0 ? "sandbox" : "production";
    const mine = offeredKinds(active.policy, { userId: ctx.session.user.id, role: ctx.role }, { now: new Date(), environment });
    const latest = active.version ? await ctx.db.policyVersion.findFirst({ where: { number: active.version } }) : null;
    const names = await authors(ctx.db, [latest?.createdById ?? null]);
    return {
      version: active.version,
      text: active.text,
      rules: summarisePolicy(active.policy),
      publishedAt: latest?.createdAt ?? null,
      publishedBy: latest?.createdById ? (names.get(latest.createdById) ?? null) : null,
      yourActions: mine.map((kind) => ({ kind, label: definitionOf(kind).label, tool: definitionOf(kind).tool })),
    };
  }),

  versions: scopedProcedure("policies:view").query(async ({ ctx }) => {
    const rows = await ctx.db.policyVersion.findMany({ orderBy: { number: "desc" }, take: 100, select: { number: true, note: true, createdAt: true, createdById: true } });
    const names = await authors(ctx.db, rows.map((r) => r.createdById));
    return rows.map((r) => ({ number: r.number, note: r.note, createdAt: r.createdAt, createdBy: r.createdById ? (names.get(r.createdById) ?? "A former member") : null }));
  }),

  version: scopedProcedure("policies:view")
    .input(z.object({ number: z.number().int().min(1) }))
    .query(async ({ ctx, input }) => {
      const row = await ctx.db.policyVersion.findFirst({ where: { number: input.number } });
      return row ? { number: row.number, text: row.text, note: row.note, createdAt: row.createdAt } : null;
    }),

  /** A draft checked as publishing would: errors and warnings with line and column, and the lock-out check. */
  check: scopedProcedure("policies:edit")
    .input(z.object({ text: policyText }))
    .mutation(async ({ ctx, input }) => {
      const parsed = parsePolicy(input.text);
      if (!parsed.ok) return { ok: false as const, errors: parsed.errors, warnings: parsed.warnings, lockout: null };
      const lockout = checkLockout(parsed.policy, await editorRoles(ctx.db));
      return { ok: lockout.ok, errors: [], warnings: parsed.warnings, lockout: lockout.ok ? null : lockout.message, rules: summarisePolicy(parsed.policy) };
    }),

  simulate: scopedProcedure("policies:edit")
    .input(z.object({ text: policyText, limit: z.number().int().min(1).max(500).default(100) }))
    .mutation(async ({ ctx, input }) => {
      try {
        return await simulatePolicy(ctx.db, input);
      } catch (e) {
        return toTrpc(e);
      }
    }),

  publish: scopedProcedure("policies:edit")
    .input(z.object({ text: policyText, note: z.string().max(500).optional(), basedOn: z.number().int().nullable() }))
    .mutation(async ({ ctx, input }) => {
      try {
        const version = await publishPolicy(ctx.db, { organizationId: ctx.organization.id, userId: ctx.session.user.id, text: input.text, note: input.note, basedOn: input.basedOn });
        await recordAudit(ctx.db, { organizationId: ctx.organization.id, actorId: ctx.session.user.id, action: "policy.published", targetType: "PolicyVersion", targetId: version.id, metadata: { number: version.number, note: version.note }, requestId: ctx.requestId });
        return { number: version.number };
      } catch (e) {
        return toTrpc(e);
      }
    }),

  rollback: scopedProcedure("policies:edit")
    .input(z.object({ number: z.number().int().min(1), basedOn: z.number().int().nullable() }))
    .mutation(async ({ ctx, input }) => {
      const old = await ctx.db.policyVersion.findFirst({ where: { number: input.number } });
      if (!old) throw new TRPCError({ code: "NOT_FOUND", message: `There is no version ${input.number}.` });
      try {
        loadPolicy(old.text);
        const version = await publishPolicy(ctx.db, { organizationId: ctx.organization.id, userId: ctx.session.user.id, text: old.text, note: `Rolled back to version ${input.number}`, basedOn: input.basedOn });
        await recordAudit(ctx.db, { organizationId: ctx.organization.id, actorId: ctx.session.user.id, action: "policy.rolled_back", targetType: "PolicyVersion", targetId: version.id, metadata: { number: version.number, to: input.number }, requestId: ctx.requestId });
        return { number: version.number };
      } catch (e) {
        return toTrpc(e);
      }
    }),
});
