import { type Db } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { tenantDb } from "@/server/db/tenant";
import { openConnection, type OpenedConnection } from "@/server/connections/open-connection";
import { ConnectorError, describeConnectorError } from "@/server/connectors/errors";
import { TOOL_NAMES } from "@/server/connectors/registry";
import { type ResilienceOptions } from "@/server/connectors/resilience";
import { logger } from "@/server/log/logger";
import { channelFacts, decideActions } from "@/server/policies/store";
import { definitionOf } from "../catalogue/registry";
import { type ActionKind, type ValidationIssue } from "../catalogue/types";
import { type ActionWriter, type WriteMarker, type WriteResultBase } from "../catalogue/writer";

/**
 * Runs approved actions exactly once.
 *
 * Every action moves by compare-and-set: APPROVED → EXECUTING (a claim with a lease) → SUCCEEDED |
 * FAILED, or back to APPROVED to wait when the tool cannot be reached. Before its first write an
 * action records `startedAt`; from then on, any later attempt — a job retry, a worker that took over
 * after another died, a person pressing Retry — first asks the tool whether the earlier write
 * landed (by the action id embedded in what it created, or by the target already holding the
 * change) and only writes again when it did not. Writes themselves are never re-sent by the client
 * after a timeout or a 5xx.
 */

/** How long a worker holds an action: longer than any single write can take (timeouts × attempts). */
export const DEFAULT_LEASE_MS = 10 * 60_000;
/** Attempts before a tool that keeps failing turns the action into a failure a person sees. */
export const MAX_ATTEMPTS = 8;
/** The first retry's wait: well past any tool's processing of a request we stopped waiting for. */
export const DEFAULT_RETRY_BASE_MS = 30_000;

export interface ExecutorOptions {
  /** Opens the tool's connection (the default reads it from the database). */
  open?: (db: Db, input: { organizationId: string; connectionId: string; resilience?: ResilienceOptions }) => Promise<OpenedConnection>;
  resilience?: ResilienceOptions;
  leaseMs?: number;
  /** The first retry's wait (doubling after); must exceed the resilience timeout. */
  retryBaseMs?: number;
  now?: () => Date;
  /** The product's public URL, for provenance links in what actions create. */
  appUrl?: string;
}

export type ActionOutcome =
  | { status: "SUCCEEDED"; result: WriteResultBase; consistent: boolean; recovered: boolean }
  | { status: "FAILED"; error: string }
  | { status: "WAITING"; reason: string; retryAt: Date }
  /** Not ours to run: not approved, already finished, or another worker holds it. */
  | { status: "SKIPPED" };

function appUrl(options: ExecutorOptions): string {
  return (options.appUrl ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
}

/** The link embedded in what an action creates: back to its approval. */
export function approvalUrl(base: string, proposalId: string, actionId: string): string {
  return `${base}/approvals/${proposalId}?action=${actionId}`;
}

/**
 * Waits grow with each attempt (30 s, 1 min, 2 min … capped at 15 min), or follow the tool's
 * Retry-After. The first wait is also what keeps recovery honest: a request that timed out may
 * still be in the tool's hands, so the look for it waits longer than the call's own timeout.
 */
export function retryDelayMs(attempts: number, hintMs?: number, baseMs = DEFAULT_RETRY_BASE_MS): number {
  if (hintMs !== undefined) return Math.max(1_000, hintMs);
  return Math.min(15 * 60_000, baseMs * 2 ** Math.max(0, attempts - 1));
}

function issuesMessage(issues: ValidationIssue[]): string {
  const first = issues[0]!;
  return issues.length === 1 ? first.message : `${first.message} (and ${issues.length - 1} more)`;
}

/**
 * Executes one approved action. Safe to call any number of times, from any number of workers at
 * once: only the claim holder acts, and a finished action is never run again.
 */
export async function executeAction(root: Db, ref: { organizationId: string; actionId: string }, options: ExecutorOptions = {}): Promise<ActionOutcome> {
  const db = tenantDb(root, ref.organizationId);
  const now = options.now?.() ?? new Date();
  const leaseMs = options.leaseMs ?? Number(process.env.LUMEN_ACTION_LEASE_MS ?? DEFAULT_LEASE_MS);
  const leaseUntil = new Date(now.getTime() + leaseMs);

  const claim = await db.proposedAction.updateMany({
    where: {
      id: ref.actionId,
      OR: [
        { status: "APPROVED", OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
        // A worker died holding it: its lease has run out.
        { status: "EXECUTING", leaseUntil: { lt: now } },
      ],
    },
    data: { status: "EXECUTING", leaseUntil, attempts: { increment: 1 }, waitingReason: null, nextAttemptAt: null },
  });
  if (claim.count === 0) return { status: "SKIPPED" };
  const action = await db.proposedAction.findFirstOrThrow({ where: { id: ref.actionId } });
  const kind = action.kind as ActionKind;
  const definition = definitionOf(kind);
  const toolName = TOOL_NAMES[action.tool];
  const mine = { id: action.id, status: "EXECUTING" as const, leaseUntil };

  const finish = async (data: Prisma.ProposedActionUpdateManyMutationInput) => {
    const done = await db.proposedAction.updateMany({ where: mine, data: { ...data, leaseUntil: null } });
    return done.count === 1;
  };
  const fail = async (error: string, issues?: ValidationIssue[]): Promise<ActionOutcome> => {
    const ok = await finish({ status: "FAILED", error, issues: issues ? (issues as unknown as Prisma.InputJsonValue) : undefined, finishedAt: new Date() });
    return ok ? { status: "FAILED", error } : { status: "SKIPPED" };
  };
  /** Back to APPROVED until `delayMs` has passed. A paused circuit is not an attempt: outages are waited out however long. */
  const wait = async (reason: string, delayMs: number, attempted = true): Promise<ActionOutcome> => {
    if (attempted && action.attempts >= MAX_ATTEMPTS) {
      return fail(
        `${reason.replace(/\.$/, "")} — ${action.attempts} attempts so far, so Lumen stopped trying. Retry when ${toolName} is back; Lumen checks whether an earlier attempt landed before writing again.`,
      );
    }
    const retryAt = new Date((options.now?.() ?? new Date()).getTime() + delayMs);
    const ok = await finish({ status: "APPROVED", waitingReason: reason, nextAttemptAt: retryAt, ...(attempted ? {} : { attempts: { decrement: 1 } }) });
    return ok ? { status: "WAITING", reason, retryAt } : { status: "SKIPPED" };
  };

  const connection = await db.connection.findFirst({ where: { tool: action.tool, status: { not: "DISCONNECTED" } }, orderBy: { createdAt: "asc" } });
  if (!connection) return fail(`${toolName} is not connected. Connect it under Connections, then retry.`);

  let opened: OpenedConnection;
  try {
    opened = await (options.open ?? openConnection)(root, { organizationId: ref.organizationId, connectionId: connection.id, resilience: options.resilience });
  } catch (e) {
    logger.error({ actionId: action.id, err: e instanceof Error ? e.message : String(e) }, "could not open connection for an action");
    return wait(`The ${toolName} connection could not be opened.`, retryDelayMs(action.attempts, undefined, options.retryBaseMs));
  }
  try {
    const writer = opened.connector.writers?.[kind] as ActionWriter<unknown, unknown, WriteResultBase> | undefined;
    if (!writer) return fail(`This ${toolName} connection cannot ${definition.label.toLowerCase()}.`);
    const marker: WriteMarker = { actionId: action.id, approvalUrl: approvalUrl(appUrl(options), action.proposalId, action.id) };

    // An earlier attempt sent its write: find out whether it landed before anything else.
    if (action.startedAt) {
      const landed = await writer.findLanded(action.input, action.before, marker, action.startedAt);
      if (landed) return succeed(finish, writer, action.input, landed, marker, true);
    }

    const state = await writer.readState(action.input);
    const issues = definition.validate(action.input as never, state as never);
    if (issues.length) return fail(`Not applied: ${issuesMessage(issues)}`, issues);
    // The policy once more, as things are now: the time window, the environment, the channel.
    const proposal = await db.proposal.findFirstOrThrow({ where: { id: action.proposalId }, select: { createdById: true } });
    const [verdict] = await decideActions(db, { stage: "execute", proposerId: proposal.createdById, actions: [{ kind: action.kind, input: action.input, ...channelFacts(state) }] });
    if (verdict!.effect === "deny") return fail(`Not applied: ${verdict!.reason}`);

    // From here on a write may reach the tool: record that first, or give up if we lost the claim.
    const started = await db.proposedAction.updateMany({
      where: mine,
      data: { startedAt: action.startedAt ?? new Date(), before: state as Prisma.InputJsonValue },
    });
    if (started.count === 0) return { status: "SKIPPED" };

    const result = await writer.execute(action.input, state, marker);
    return succeed(finish, writer, action.input, result, marker, false);
  } catch (e) {
    if (!(e instanceof ConnectorError)) {
      logger.error({ actionId: action.id, kind, err: e instanceof Error ? e.message : String(e) }, "action failed unexpectedly");
      return fail(`Something went wrong on our side while applying this. Retry; Lumen checks whether it already landed before writing again.`);
    }
    // Read-only fallback: while the tool is failing (its circuit is open), approvals pile up and
    // execution waits; the first call after the pause is the breaker's trial, and work resumes.
    if (e.kind === "circuit_open") return wait(`${toolName} is failing repeatedly; this waits and applies by itself when ${toolName} recovers.`, opened.resilience.options.halfOpenAfterMs + 1_000, false);
    const message = describeConnectorError(e, toolName);
    if (e.retryable || e.isOutage) return wait(message, retryDelayMs(action.attempts, e.details.retryAfterMs, options.retryBaseMs));
    return fail(message);
  } finally {
    await opened.recorder.flush();
  }
}

async function succeed(
  finish: (data: Prisma.ProposedActionUpdateManyMutationInput) => Promise<boolean>,
  writer: ActionWriter<unknown, unknown, WriteResultBase>,
  input: unknown,
  result: WriteResultBase,
  marker: WriteMarker,
  recovered: boolean,
): Promise<ActionOutcome> {
  let mismatches: string[];
  try {
    mismatches = await writer.verify(input, result, marker);
  } catch (e) {
    mismatches = [`The change could not be read back: ${e instanceof Error ? e.message : String(e)}`];
  }
  const ok = await finish({
    status: "SUCCEEDED",
    result: result as unknown as Prisma.InputJsonValue,
    verification: { consistent: mismatches.length === 0, mismatches, recovered } as Prisma.InputJsonValue,
    error: null,
    issues: Prisma.DbNull,
    finishedAt: new Date(),
  });
  return ok ? { status: "SUCCEEDED", result, consistent: mismatches.length === 0, recovered } : { status: "SKIPPED" };
}

export interface ProposalRun {
  outcomes: { actionId: string; outcome: ActionOutcome }[];
  /** The earliest time a waiting action should be tried again; null when nothing waits. */
  retryAt: Date | null;
}

/**
 * The job body: every approved (or abandoned) action of a proposal, in the order proposed. Each
 * action is independent; a failure does not stop the others.
 */
export async function executeProposal(root: Db, ref: { organizationId: string; proposalId: string }, options: ExecutorOptions = {}): Promise<ProposalRun> {
  const db = tenantDb(root, ref.organizationId);
  const actions = await db.proposedAction.findMany({
    where: { proposalId: ref.proposalId, status: { in: ["APPROVED", "EXECUTING"] } },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  const outcomes: ProposalRun["outcomes"] = [];
  for (const a of actions) outcomes.push({ actionId: a.id, outcome: await executeAction(root, { organizationId: ref.organizationId, actionId: a.id }, options) });
  const waits = outcomes.flatMap((o) => (o.outcome.status === "WAITING" ? [o.outcome.retryAt.getTime()] : []));
  if (outcomes.some((o) => o.outcome.status === "SUCCEEDED" || o.outcome.status === "FAILED")) await settle(db, ref.proposalId);
  return { outcomes, retryAt: waits.length ? new Date(Math.min(...waits)) : null };
}

/**
 * Once every approved action of a proposal has finished, its approvers hear how it went — once:
 * the proposal is marked settled by compare-and-set, so concurrent workers notify one time.
 */
async function settle(db: ReturnType<typeof tenantDb>, proposalId: string) {
  const actions = await db.proposedAction.findMany({ where: { proposalId }, select: { status: true, approvedById: true } });
  if (actions.some((a) => a.status === "APPROVED" || a.status === "EXECUTING")) return;
  const ran = actions.filter((a) => a.status === "SUCCEEDED" || a.status === "FAILED");
  if (ran.length === 0) return;
  const claimed = await db.proposal.updateMany({ where: { id: proposalId, settledAt: null }, data: { settledAt: new Date() } });
  if (claimed.count === 0) return;
  const proposal = await db.proposal.findFirstOrThrow({ where: { id: proposalId }, select: { organizationId: true, title: true } });
  const failed = ran.filter((a) => a.status === "FAILED").length;
  const applied = ran.length - failed;
  const approvers = [...new Set(ran.map((a) => a.approvedById).filter((id): id is string => Boolean(id)))];
  const plural = (n: number) => `${n} action${n === 1 ? "" : "s"}`;
  for (const userId of approvers) {
    await db.notification.create({
      data: {
        organizationId: proposal.organizationId,
        userId,
        kind: failed ? "actions.failed" : "actions.applied",
        title: failed ? `${plural(failed)} failed: ${proposal.title}` : `Applied: ${proposal.title}`,
        body: failed ? `${applied} applied, ${failed} failed. Open the proposal to retry or edit them.` : `${plural(applied)} applied and read back from the tools.`,
        href: `/approvals/${proposalId}`,
      },
    });
  }
}

/**
 * Proposals with work left that no job is carrying: approved actions whose wait is over (or whose
 * job was lost), and executing actions whose worker died. Across organisations: the sweep's job.
 */
export async function proposalsNeedingWork(root: Db, now = new Date(), scope: { organizationId?: string } = {}): Promise<{ organizationId: string; proposalId: string }[]> {
  const stale = new Date(now.getTime() - 60_000);
  const rows = await root.proposedAction.findMany({
    where: {
      ...(scope.organizationId ? { organizationId: scope.organizationId } : {}),
      OR: [
        { status: "APPROVED", nextAttemptAt: { lte: now } },
        { status: "APPROVED", nextAttemptAt: null, updatedAt: { lt: stale } },
        { status: "EXECUTING", leaseUntil: { lt: now } },
      ],
    },
    select: { organizationId: true, proposalId: true },
    distinct: ["proposalId"],
    take: 500,
  });
  return rows;
}
