import { NextResponse, type NextRequest } from "next/server";
import { getServerAuthSession } from "@/server/auth/options";
import { hasScope } from "@/server/auth/scopes";
import { getDb } from "@/server/db/client";
import { tenantDb } from "@/server/db/tenant";
import { logger } from "@/server/log/logger";
import { EXPORTABLE_METRICS, exportFileName, metricCsv, type ExportableMetric } from "@/server/metrics/export";
import { metricsFilterInput, resolveRange } from "@/server/metrics/filter";

const fail = (status: number, message: string) => NextResponse.json({ error: message }, { status });

/** A dashboard metric as a CSV download: a thin shell over server/metrics/export.ts. */
export async function GET(req: NextRequest) {
  const session = await getServerAuthSession();
  if (!session?.organization || !session.role) return fail(401, "Your session has ended. Sign in again, then download the export.");
  if (!hasScope(session.role, "metrics:view")) return fail(403, "Your role cannot see metrics. Ask an admin for the PM or Leadership role.");
  const params = req.nextUrl.searchParams;
  const metric = params.get("metric");
  if (!EXPORTABLE_METRICS.includes(metric as ExportableMetric)) return fail(400, `Choose a metric to export: ${EXPORTABLE_METRICS.join(", ")}.`);
  const filter = metricsFilterInput.safeParse({
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
    team: params.get("team") || undefined,
    tool: params.get("tool") || undefined,
  });
  if (!filter.success) return fail(400, `The filter is not valid: ${filter.error.issues.map((i) => i.message).join(" ")}`);
  const range = resolveRange(filter.data, new Date());
  try {
    const csv = await metricCsv(tenantDb(getDb(), session.organization.id), session.organization.id, metric as ExportableMetric, range);
    return new NextResponse(csv, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${exportFileName(metric as ExportableMetric, range)}"` },
    });
  } catch (error) {
    logger.error({ err: error }, "metrics export failed");
    return fail(500, "The export could not be built on our side. Try again in a moment.");
  }
}
