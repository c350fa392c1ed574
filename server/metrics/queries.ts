import { Prisma } from "@/server/db/generated/client";
import { type TenantDb } from "@/server/db/tenant";
import { fillSeries, rate, type MetricsRange } from "./filter";

/*
 * Dashboard figures, computed in Postgres: the tables hold millions of events, so nothing here loads
 * rows into memory. The tenant client does NOT scope raw SQL, so every statement below names
 * `"organizationId" = ${orgId}` on every table it reads; metrics.integration.test.ts proves another
 * organisation's rows never count.
 */

type Team = { projectKey: string; channel: string | null; repos: string[] } | null;

/** Where the metrics are read: the organisation-scoped client (for $queryRaw) and its id. */
export interface MetricsScope {
  db: TenantDb;
  organizationId: string;
}

const ts = (d: Date) => Prisma.sql`${d.toISOString()}::timestamp`;
const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

async function teamOf(scope: MetricsScope, range: MetricsRange): Promise<Team | undefined> {
  if (!range.team) return undefined;
  return scope.db.team.findFirst({ where: { key: range.team }, select: { projectKey: true, channel: true, repos: true } });
}

/** The team condition on a proposed action `a`: its Jira project, Slack channel or repository. */
function actionTeamSql(team: Team | undefined) {
  if (team === undefined) return Prisma.empty;
  if (team === null) return Prisma.sql`AND false`;
  return Prisma.sql`AND (
    (a.tool = 'JIRA' AND (split_part(a.input->>'issueKey', '-', 1) = ${team.projectKey} OR a.input->>'projectKey' = ${team.projectKey}))
    OR (a.tool = 'SLACK' AND ${team.channel}::text IS NOT NULL AND ltrim(coalesce(a.input->>'channel', a.input->>'channelName', a.input->>'channelId'), '#') = ${team.channel})
    OR (a.tool = 'GITHUB' AND a.input->>'repo' = ANY(${team.repos}::text[])))`;
}

function actionWhere(scope: MetricsScope, range: MetricsRange, team: Team | undefined, column: "createdAt" | "finishedAt" = "createdAt") {
  return Prisma.sql`a."organizationId" = ${scope.organizationId}
    AND a.${Prisma.raw(`"${column}"`)} >= ${ts(range.from)} AND a.${Prisma.raw(`"${column}"`)} < ${ts(range.to)}
    ${range.tool ? Prisma.sql`AND a.tool::text = ${range.tool}` : Prisma.empty}
    ${actionTeamSql(team)}`;
}

function bucketSql(range: MetricsRange, column: Prisma.Sql) {
  return Prisma.sql`to_char(date_trunc(${range.bucket}, ${column}), 'YYYY-MM-DD')`;
}

const APPROVED = Prisma.sql`('APPROVED','EXECUTING','SUCCEEDED','FAILED')`;

/** Approval, rejection and edit-before-approval rates, per action kind, with the top rejection reasons. */
export async function quality(scope: MetricsScope, range: MetricsRange) {
  const team = await teamOf(scope, range);
  const where = actionWhere(scope, range, team);
  const counts = Prisma.sql`count(*) FILTER (WHERE a.status IN ${APPROVED})::int AS approved,
      count(*) FILTER (WHERE a.status = 'REJECTED')::int AS rejected,
      count(*) FILTER (WHERE a.status IN ${APPROVED} AND a.input <> a."originalInput")::int AS edited`;
  const [byBucket, byKind, reasons] = await Promise.all([
    scope.db.$queryRaw<{ bucket: string; approved: number; rejected: number; edited: number }[]>`
      SELECT ${bucketSql(range, Prisma.sql`a."createdAt"`)} AS bucket, ${counts}
      FROM "ProposedAction" a WHERE ${where} GROUP BY 1`,
    scope.db.$queryRaw<{ kind: string; approved: number; rejected: number; edited: number }[]>`
      SELECT a.kind, ${counts} FROM "ProposedAction" a WHERE ${where} GROUP BY 1 ORDER BY 1`,
    scope.db.$queryRaw<{ kind: string; reason: string; count: number }[]>`
      SELECT a.kind, d.reason, count(*)::int AS count
      FROM "Decision" d JOIN "ProposedAction" a ON a."proposalId" = d."proposalId" AND a.status = 'REJECTED' AND a."organizationId" = ${scope.organizationId}
      WHERE d."organizationId" = ${scope.organizationId} AND d.kind = 'REJECT' AND d.reason IS NOT NULL AND btrim(d.reason) <> ''
        AND d."createdAt" >= ${ts(range.from)} AND d."createdAt" < ${ts(range.to)}
        ${range.tool ? Prisma.sql`AND a.tool::text = ${range.tool}` : Prisma.empty} ${actionTeamSql(team)}
      GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 10`,
  ]);
  const figures = (r: { approved: number; rejected: number; edited: number }) => ({
    approved: n(r.approved),
    rejected: n(r.rejected),
    decided: n(r.approved) + n(r.rejected),
    edited: n(r.edited),
    approvalRate: rate(n(r.approved), n(r.approved) + n(r.rejected)),
    rejectionRate: rate(n(r.rejected), n(r.approved) + n(r.rejected)),
    editRate: rate(n(r.edited), n(r.approved)),
  });
  const total = byKind.reduce((t, r) => ({ approved: t.approved + n(r.approved), rejected: t.rejected + n(r.rejected), edited: t.edited + n(r.edited) }), { approved: 0, rejected: 0, edited: 0 });
  return {
    totals: figures(total),
    byKind: byKind.map((r) => ({ kind: r.kind, ...figures(r) })),
    rejectionReasons: reasons.map((r) => ({ kind: r.kind, reason: r.reason, count: n(r.count) })),
    series: fillSeries(range, new Map(byBucket.map((r) => [r.bucket, figures(r)])), () => figures({ approved: 0, rejected: 0, edited: 0 })),
  };
}

/** Execution error rates, API success by tool and day, and read-back consistency of what succeeded. */
export async function reliability(scope: MetricsScope, range: MetricsRange) {
  const team = await teamOf(scope, range);
  const where = actionWhere(scope, range, team);
  const callWhere = Prisma.sql`c."organizationId" = ${scope.organizationId} AND c."createdAt" >= ${ts(range.from)} AND c."createdAt" < ${ts(range.to)}
    ${range.tool ? Prisma.sql`AND c.tool::text = ${range.tool}` : Prisma.empty}`;
  const exec = Prisma.sql`count(*) FILTER (WHERE a.status = 'FAILED')::int AS failed, count(*) FILTER (WHERE a.status IN ('SUCCEEDED','FAILED'))::int AS executed`;
  const [byTool, byKind, consistency, calls] = await Promise.all([
    scope.db.$queryRaw<{ key: string; failed: number; executed: number }[]>`SELECT a.tool::text AS key, ${exec} FROM "ProposedAction" a WHERE ${where} AND a.status IN ('SUCCEEDED','FAILED') GROUP BY 1 ORDER BY 1`,
    scope.db.$queryRaw<{ key: string; failed: number; executed: number }[]>`SELECT a.kind AS key, ${exec} FROM "ProposedAction" a WHERE ${where} AND a.status IN ('SUCCEEDED','FAILED') GROUP BY 1 ORDER BY 1`,
    scope.db.$queryRaw<{ succeeded: number; verified: number; consistent: number }[]>`
      SELECT count(*)::int AS succeeded,
        count(*) FILTER (WHERE jsonb_typeof(a.verification->'consistent') = 'boolean')::int AS verified,
        count(*) FILTER (WHERE a.verification->'consistent' = 'true'::jsonb)::int AS consistent
      FROM "ProposedAction" a WHERE ${where} AND a.status = 'SUCCEEDED'`,
    // ExternalCall has no link to a team, so the team filter does not narrow API calls.
    scope.db.$queryRaw<{ bucket: string; tool: string; ok: number; total: number }[]>`
      SELECT ${bucketSql(range, Prisma.sql`c."createdAt"`)} AS bucket, c.tool::text AS tool,
        count(*) FILTER (WHERE c.status = 'ok')::int AS ok, count(*)::int AS total
      FROM "ExternalCall" c WHERE ${callWhere} GROUP BY 1, 2 ORDER BY 1, 2`,
  ]);
  const errors = (r: { key: string; failed: number; executed: number }) => ({ key: r.key, failed: n(r.failed), executed: n(r.executed), errorRate: rate(n(r.failed), n(r.executed)) });
  const failed = byTool.reduce((s, r) => s + n(r.failed), 0);
  const executed = byTool.reduce((s, r) => s + n(r.executed), 0);
  const c = consistency[0] ?? { succeeded: 0, verified: 0, consistent: 0 };
  const apiByTool = new Map<string, { ok: number; total: number }>();
  const apiByBucket = new Map<string, { ok: number; total: number; byTool: Record<string, number | null> }>();
  for (const r of calls) {
    const t = apiByTool.get(r.tool) ?? { ok: 0, total: 0 };
    apiByTool.set(r.tool, { ok: t.ok + n(r.ok), total: t.total + n(r.total) });
    const b = apiByBucket.get(r.bucket) ?? { ok: 0, total: 0, byTool: {} };
    b.ok += n(r.ok);
    b.total += n(r.total);
    b.byTool[r.tool] = rate(n(r.ok), n(r.total));
    apiByBucket.set(r.bucket, b);
  }
  const apiOk = [...apiByTool.values()].reduce((s, t) => s + t.ok, 0);
  const apiTotal = [...apiByTool.values()].reduce((s, t) => s + t.total, 0);
  return {
    totals: {
      failed,
      executed,
      errorRate: rate(failed, executed),
      apiCalls: apiTotal,
      apiSuccessRate: rate(apiOk, apiTotal),
      succeeded: n(c.succeeded),
      verified: n(c.verified),
      consistent: n(c.consistent),
      // Actions with no read-back (verification missing) say nothing either way, so they are left out.
      consistencyRate: rate(n(c.consistent), n(c.verified)),
    },
    errorsByTool: byTool.map(errors).map(({ key, ...r }) => ({ tool: key, ...r })),
    errorsByKind: byKind.map(errors).map(({ key, ...r }) => ({ kind: key, ...r })),
    apiByTool: [...apiByTool].map(([tool, t]) => ({ tool, ...t, successRate: rate(t.ok, t.total) })),
    series: fillSeries(range, new Map([...apiByBucket].map(([k, b]) => [k, { ok: b.ok, total: b.total, successRate: rate(b.ok, b.total), byTool: b.byTool }])), () => ({ ok: 0, total: 0, successRate: null as number | null, byTool: {} as Record<string, number | null> })),
  };
}

type Pcts = { count: number; p50: number | null; p95: number | null; p99: number | null };
const pctSql = (col: Prisma.Sql) => Prisma.sql`count(${col})::int AS count,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY ${col}) AS p50,
  percentile_cont(0.95) WITHIN GROUP (ORDER BY ${col}) AS p95,
  percentile_cont(0.99) WITHIN GROUP (ORDER BY ${col}) AS p99`;
const pcts = (r: Partial<Pcts> | undefined): Pcts => ({ count: n(r?.count), p50: num(r?.p50), p95: num(r?.p95), p99: num(r?.p99) });

/** p50/p95/p99 in milliseconds of time to first token, model requests, tool calls and action execution. */
export async function latency(scope: MetricsScope, range: MetricsRange) {
  const team = await teamOf(scope, range);
  // Model calls belong to a team through their conversation; the tool filter does not apply to them.
  const modelWhere = Prisma.sql`m."organizationId" = ${scope.organizationId} AND m."createdAt" >= ${ts(range.from)} AND m."createdAt" < ${ts(range.to)}
    ${range.team ? Prisma.sql`AND EXISTS (SELECT 1 FROM "Conversation" cv WHERE cv.id = m."conversationId" AND cv."organizationId" = ${scope.organizationId} AND cv."teamKey" = ${range.team})` : Prisma.empty}`;
  const callWhere = Prisma.sql`c."organizationId" = ${scope.organizationId} AND c."createdAt" >= ${ts(range.from)} AND c."createdAt" < ${ts(range.to)}
    ${range.tool ? Prisma.sql`AND c.tool::text = ${range.tool}` : Prisma.empty}`;
  const execMs = Prisma.sql`(extract(epoch FROM (a."finishedAt" - a."startedAt")) * 1000)`;
  const [ttft, model, modelSeries, tools, execution] = await Promise.all([
    scope.db.$queryRaw<Pcts[]>`SELECT ${pctSql(Prisma.sql`m."timeToFirstTokenMs"`)} FROM "ModelCall" m WHERE ${modelWhere} AND m.error IS NULL`,
    scope.db.$queryRaw<Pcts[]>`SELECT ${pctSql(Prisma.sql`m."latencyMs"`)} FROM "ModelCall" m WHERE ${modelWhere} AND m.error IS NULL`,
    scope.db.$queryRaw<(Pcts & { bucket: string })[]>`SELECT ${bucketSql(range, Prisma.sql`m."createdAt"`)} AS bucket, ${pctSql(Prisma.sql`m."latencyMs"`)}
      FROM "ModelCall" m WHERE ${modelWhere} AND m.error IS NULL AND m."latencyMs" IS NOT NULL GROUP BY 1`,
    scope.db.$queryRaw<(Pcts & { tool: string })[]>`SELECT c.tool::text AS tool, ${pctSql(Prisma.sql`c."latencyMs"`)} FROM "ExternalCall" c WHERE ${callWhere} GROUP BY 1 ORDER BY 1`,
    scope.db.$queryRaw<Pcts[]>`SELECT ${pctSql(execMs)} FROM "ProposedAction" a
      WHERE ${actionWhere(scope, range, team)} AND a.status = 'SUCCEEDED' AND a."startedAt" IS NOT NULL AND a."finishedAt" IS NOT NULL`,
  ]);
  return {
    totals: { timeToFirstToken: pcts(ttft[0]), modelRequest: pcts(model[0]), execution: pcts(execution[0]) },
    toolCalls: tools.map((t) => ({ tool: t.tool, ...pcts(t) })),
    series: fillSeries(range, new Map(modelSeries.map((r) => [r.bucket, { modelRequest: pcts(r) }])), () => ({ modelRequest: pcts(undefined) })),
  };
}

export type TargetStatus = "met" | "missed" | "no data";

/** One blueprint success metric: its value now, the bar it must clear and whether it does. */
export interface Target {
  key: "approvalRate" | "apiSuccessRate" | "consistencyRate" | "errorRate" | "typicalRequestMs";
  label: string;
  value: number | null;
  target: number;
  comparison: "atLeast" | "below";
  status: TargetStatus;
}

/** Compares figures with the blueprint's targets. Pure, so the thresholds are tested directly. */
export function evaluateTargets(v: { approvalRate: number | null; apiSuccessRate: number | null; consistencyRate: number | null; errorRate: number | null; typicalRequestMs: number | null }): Target[] {
  const t = (key: Target["key"], label: string, target: number, comparison: Target["comparison"]): Target => {
    const value = v[key];
    const met = value === null ? null : comparison === "atLeast" ? value >= target : value < target;
    return { key, label, value, target, comparison, status: met === null ? "no data" : met ? "met" : "missed" };
  };
  return [
    t("approvalRate", "Approval rate at least 80 %", 0.8, "atLeast"),
    t("apiSuccessRate", "API success rate at least 95 %", 0.95, "atLeast"),
    t("consistencyRate", "State consistency at least 90 %", 0.9, "atLeast"),
    t("errorRate", "Execution error rate below 5 %", 0.05, "below"),
    t("typicalRequestMs", "Typical request (p50 end to end) under 5 s", 5000, "below"),
  ];
}

/** The success metrics over the range, from the same queries as the dashboards. */
export async function targets(scope: MetricsScope, range: MetricsRange) {
  const [q, r, l] = await Promise.all([quality(scope, range), reliability(scope, range), latency(scope, range)]);
  return evaluateTargets({
    approvalRate: q.totals.approvalRate,
    apiSuccessRate: r.totals.apiSuccessRate,
    consistencyRate: r.totals.consistencyRate,
    errorRate: r.totals.errorRate,
    typicalRequestMs: l.totals.modelRequest.p50,
  });
}
