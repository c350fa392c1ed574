import { subDays } from "date-fns";
import { type TenantDb } from "@/server/db/tenant";
import { adoptionSeries } from "./adoption";
import { toCsv } from "./csv";
import { rangeLabel, type MetricsRange } from "./filter";
import { latency, quality, reliability } from "./queries";

export const EXPORTABLE_METRICS = ["quality", "reliability", "latency", "adoption"] as const;
export type ExportableMetric = (typeof EXPORTABLE_METRICS)[number];

/** The download's name, e.g. lumen-quality-2026-11-01-2026-11-28.csv. */
export function exportFileName(metric: ExportableMetric, range: MetricsRange): string {
  const { from, to } = rangeLabel(range);
  return `lumen-${metric}-${from}-${to}.csv`;
}

/** One metric's series as CSV, one row per bucket (adoption: per day), from the dashboard's own queries. */
export async function metricCsv(db: TenantDb, organizationId: string, metric: ExportableMetric, range: MetricsRange, now = new Date()): Promise<string> {
  const scope = { db, organizationId };
  if (metric === "quality") {
    const q = await quality(scope, range);
    return toCsv(["date", "approved", "rejected", "edited", "approval_rate", "rejection_rate", "edit_rate"], q.series.map((s) => [s.date, s.approved, s.rejected, s.edited, s.approvalRate, s.rejectionRate, s.editRate]));
  }
  if (metric === "reliability") {
    const r = await reliability(scope, range);
    return toCsv(["date", "api_calls", "api_ok", "api_success_rate"], r.series.map((s) => [s.date, s.total, s.ok, s.successRate]));
  }
  if (metric === "latency") {
    const l = await latency(scope, range);
    return toCsv(["date", "requests", "p50_ms", "p95_ms", "p99_ms"], l.series.map((s) => [s.date, s.modelRequest.count, s.modelRequest.p50, s.modelRequest.p95, s.modelRequest.p99]));
  }
  const days = Math.max(1, Math.ceil((range.to.getTime() - range.from.getTime()) / 86_400_000));
  const events = await db.auditEvent.findMany({ where: { action: "auth.signed_in", createdAt: { gte: subDays(range.to, days * 2 + 1), lt: range.to } }, select: { actorId: true, createdAt: true } });
  const a = adoptionSeries(events, days, new Date(Math.min(now.getTime(), range.to.getTime() - 1)));
  return toCsv(["date", "active_users", "sign_ins"], a.days.map((d) => [d.date, d.activeUsers, d.signIns]));
}
