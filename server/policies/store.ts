import { hasScope } from "@/server/auth/scopes";
import { type Role } from "@/server/db/generated/enums";
import { type TenantDb } from "@/server/db/tenant";
import { definitionOf } from "@/server/actions/catalogue/registry";
import { ACTION_KINDS, type ActionKind } from "@/server/actions/catalogue/types";
import { defaultPolicy, DEFAULT_POLICY_YAML } from "./default-policy";
import { evaluate, offeredKinds, type PolicyActor, type PolicyDecision } from "./evaluate";
import { type Environment, type Policy } from "./language";
import { checkLockout } from "./lockout";
import { loadPolicy, parsePolicy, type PolicyIssue } from "./parse";

/**
 * The organisation's policy over time: every published version is kept, the newest is in force,
 * and an organisation that never published one runs on the default policy. Publishing validates,
 * refuses a policy that would lock every admin out, and never touches the running policy on error.
 */

export class PolicyError extends Error {
  constructor(
    message: string,
    readonly code: "BAD_REQUEST" | "CONFLICT" | "NOT_FOUND",
    readonly issues: PolicyIssue[] = [],
  ) {
    super(message);
    this.name = "PolicyError";
  }
}

export interface ActivePolicy {
  /** null: the default policy (nothing published yet). */
  version: number | null;
  text: string;
  policy: Policy;
}

/** The policy in force. Stored versions were validated when published. */
export async function activePolicy(db: TenantDb): Promise<ActivePolicy> {
  const latest = await db.policyVersion.findFirst({ orderBy: { number: "desc" } });
  if (!latest) return { version: null, text: DEFAULT_POLICY_YAML, policy: defaultPolicy() };
  return { version: latest.number, text: latest.text, policy: loadPolicy(latest.text) };
}

/**
 * The roles of members who could edit a policy at all (their role has the policies:edit scope):
 * a new policy must leave at least one of them among its editors.
 */
export async function editorRoles(db: TenantDb): Promise<Role[]> {
  const rows = await db.membership.findMany({ select: { role: true } });
  return rows.map((r) => r.role).filter((role) => hasScope(role, "policies:edit"));
}

/**
 * Publishes a new version. `basedOn` is the version the editor started from: when someone
 * published in between, the publish is refused so nobody overwrites a change unseen.
 */
export async function publishPolicy(db: TenantDb, input: { organizationId: string; userId: string; text: string; note?: string | null; basedOn: number | null }) {
  const parsed = parsePolicy(input.text);
  if (!parsed.ok) {
    const first = parsed.errors[0]!;
    throw new PolicyError(`The policy was not published: ${first.line ? `line ${first.line}, column ${first.column}: ` : ""}${first.message}`, "BAD_REQUEST", parsed.errors);
  }
  const [active, editor] = await Promise.all([activePolicy(db), actorOf(db, input.userId)]);
  if (!editor || !active.policy.administration.editors.includes(editor.role)) {
    throw new PolicyError("The policy in force does not let your role edit it (administration.editors).", "BAD_REQUEST");
  }
  const lockout = checkLockout(parsed.policy, await editorRoles(db));
  if (!lockout.ok) throw new PolicyError(lockout.message, "BAD_REQUEST");
  return db.$transaction(async (tx) => {
    const latest = await tx.policyVersion.findFirst({ orderBy: { number: "desc" }, select: { number: true } });
    const current = latest?.number ?? null;
    if (current !== input.basedOn) {
      throw new PolicyError(`Someone published version ${current} while you were editing. Reload it, reapply your change, and publish again.`, "CONFLICT");
    }
    return tx.policyVersion.create({
      data: { organizationId: input.organizationId, number: (current ?? 0) + 1, text: input.text, note: input.note?.trim() || null, createdById: input.userId },
    });
  });
}

/** The role and name of a member, or null when they are no longer one. */
export async function actorOf(db: TenantDb, userId: string | null | undefined): Promise<PolicyActor | null> {
  if (!userId) return null;
  const membership = await db.membership.findFirst({ where: { userId }, include: { user: { select: { name: true } } } });
  return membership ? { userId, role: membership.role, ...(membership.user.name ? { name: membership.user.name } : {}) } : null;
}

/** Which environment each tool's connection is: sandbox companies and real workspaces. */
export async function environments(db: TenantDb): Promise<Map<string, Environment>> {
  const rows = await db.connection.findMany({ where: { status: { not: "DISCONNECTED" } }, orderBy: { createdAt: "asc" }, select: { tool: true, environment: true } });
  const out = new Map<string, Environment>();
  for (const r of rows) if (!out.has(r.tool)) out.set(r.tool, r.environment === "SANDBOX" ? "sandbox" : "production");
  return out;
}

export interface CheckedAction {
  kind: string;
  input: unknown;
  /** Members of the Slack channel, when the channel was read (approval and execution). */
  channelMembers?: number | null;
  channelName?: string | null;
}

/**
 * The policy's decision for each action of a batch at one stage. An action from someone who is
 * no longer a member is denied.
 */
export async function decideActions(
  db: TenantDb,
  input: { stage: "propose" | "approve" | "execute"; proposerId: string | null; approverId?: string; actions: CheckedAction[]; now?: Date; policy?: ActivePolicy },
): Promise<PolicyDecision[]> {
  const [active, proposer, approver, envs] = await Promise.all([
    input.policy ?? activePolicy(db),
    actorOf(db, input.proposerId),
    input.approverId ? actorOf(db, input.approverId) : Promise.resolve(null),
    environments(db),
  ]);
  const now = input.now ?? new Date();
  const batch = input.actions.map((a) => ({ kind: a.kind as ActionKind, input: a.input }));
  return input.actions.map((a) => {
    if (!proposer) return denial("Denied: whoever proposed this is no longer a member of the organisation.");
    if (input.stage === "approve" && !approver) return denial("Denied: you are not a member of this organisation.");
    const tool = definitionOf(a.kind as ActionKind).tool;
    return evaluate(active.policy, {
      stage: input.stage,
      actor: proposer,
      ...(approver ? { approver } : {}),
      action: { kind: a.kind as ActionKind, input: a.input },
      proposal: { actions: batch },
      context: {
        now,
        environment: envs.get(tool) ?? "production",
        ...(a.channelMembers !== undefined ? { channelMembers: a.channelMembers } : {}),
        ...(a.channelName ? { channelName: a.channelName } : {}),
      },
    });
  });
}

function denial(reason: string): PolicyDecision {
  return { effect: "deny", requiresApproval: false, autoApply: false, approverRoles: [], selfApproval: false, reason, rules: [] };
}

/** Slack channel facts from a target state read just now, for the channel-size condition. */
export function channelFacts(state: unknown): { channelMembers?: number | null; channelName?: string | null } {
  const channel = (state as { channel?: { name?: string; memberCount?: number | null } | null } | null)?.channel;
  if (channel === undefined) return {};
  if (channel === null) return { channelMembers: null };
  return { channelMembers: channel.memberCount ?? null, channelName: channel.name ?? null };
}

/**
 * What the agent may offer this member, and for each kind it may not, the policy's reason — so
 * the agent can say why it left a change out instead of proposing it.
 */
export async function agentPolicyFor(db: TenantDb, userId: string | null, now = new Date()): Promise<{ offered: ActionKind[]; unavailable: { kind: ActionKind; reason: string }[] }> {
  const offered = await offeredKindsFor(db, userId, now);
  const [active, actor, envs] = await Promise.all([activePolicy(db), actorOf(db, userId), environments(db)]);
  const unavailable = ACTION_KINDS.filter((k) => !offered.includes(k)).map((kind) => ({
    kind,
    reason: actor
      ? evaluate(active.policy, { stage: "offer", actor, action: { kind, input: {} }, context: { now, environment: envs.get(definitionOf(kind).tool) ?? "production" } }).reason
      : "Denied: you are not a member of this organisation.",
  }));
  return { offered, unavailable };
}

/**
 * The action kinds the agent may offer this member right now: an action the person may not take
 * is never offered to the model. Empty for someone who is not a member.
 */
export async function offeredKindsFor(db: TenantDb, userId: string | null, now = new Date()): Promise<ActionKind[]> {
  const [active, actor, envs] = await Promise.all([activePolicy(db), actorOf(db, userId), environments(db)]);
  if (!actor) return [];
  const kinds = new Set<ActionKind>();
  // Each tool is offered for the environment its connection is in.
  for (const environment of new Set([...envs.values(), "production" as const])) {
    for (const kind of offeredKinds(active.policy, actor, { now, environment })) {
      const tool = definitionOf(kind).tool;
      if ((envs.get(tool) ?? "production") === environment) kinds.add(kind);
    }
  }
  return [...kinds];
}
