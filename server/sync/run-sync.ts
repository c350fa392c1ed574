import { type Db } from "@/server/db/client";
import { type SyncKind } from "@/server/db/generated/enums";
import { openConnection } from "@/server/connections/open-connection";
import { ConnectorError, describeConnectorError } from "@/server/connectors/errors";
import { TOOL_NAMES } from "@/server/connectors/registry";
import { type ResilienceOptions } from "@/server/connectors/resilience";
import { type SyncBatch } from "@/server/connectors/types";
import { logger } from "@/server/log/logger";
import { tenantDb } from "@/server/db/tenant";
import { refreshTeams } from "@/server/planning/teams";
import { bulkUpsert } from "./upsert";

/** The cursor resource under which a connection's "synced up to" time is kept. */
export const SYNC_CURSOR = "updated-since";
/** How often progress is written while a sync runs. */
const PROGRESS_EVERY_MS = 500;

/** The newest change time in a batch, by the tool's own clock. */
function newestChange(batch: SyncBatch): number {
  const times: Date[] = (() => {
    switch (batch.kind) {
      case "workItems":
      case "pullRequests":
      case "documents":
        return batch.rows.map((r) => r.updatedAt);
      case "messages":
        return batch.rows.map((r) => r.postedAt);
      default:
        return [];
    }
  })();
  return times.reduce((max, t) => Math.max(max, t.getTime()), 0);
}

async function writeBatch(db: Db, scope: { organizationId: string; connectionId: string }, batch: SyncBatch): Promise<number> {
  // One transaction per batch: a batch lands whole or not at all.
  return db.$transaction(async (tx) => {
    switch (batch.kind) {
      case "people":
        return bulkUpsert(tx, "Person", scope, batch.rows);
      case "projects":
        return bulkUpsert(tx, "Project", scope, batch.rows);
      case "workItems":
        return (await bulkUpsert(tx, "WorkItem", scope, batch.rows)) + (await bulkUpsert(tx, "StatusChange", scope, batch.statusChanges));
      case "sprints":
        return bulkUpsert(tx, "Sprint", scope, batch.rows);
      case "releases":
        return bulkUpsert(tx, "Release", scope, batch.rows);
      case "pullRequests":
        return (await bulkUpsert(tx, "PullRequest", scope, batch.rows)) + (await bulkUpsert(tx, "Review", scope, batch.reviews));
      case "documents":
        return bulkUpsert(tx, "Document", scope, batch.rows);
      case "messages":
        return bulkUpsert(tx, "Message", scope, batch.rows);
    }
  });
}

export interface RunSyncInput {
  organizationId: string;
  connectionId: string;
  /** An existing QUEUED run to execute; a new one is created when absent. */
  syncRunId?: string;
  kind?: SyncKind;
  trigger?: string;
  resilience?: ResilienceOptions;
}

/**
 * Syncs one connection into the normalised tables. Idempotent and resumable: rows are upserted on
 * (connection, source id), each batch commits on its own, and the "synced up to" cursor moves only
 * when every resource finished — so a failed or interrupted run is simply run again.
 *
 * Knows nothing of Inngest or pg-boss; both only schedule it.
 */
export async function runSync(db: Db, input: RunSyncInput) {
  const scope = { organizationId: input.organizationId, connectionId: input.connectionId };
  const connection = await db.connection.findFirstOrThrow({ where: { id: input.connectionId, organizationId: input.organizationId } });
  const cursor = await db.syncCursor.findUnique({ where: { connectionId_resource: { connectionId: connection.id, resource: SYNC_CURSOR } } });
  const kind: SyncKind = input.kind ?? (cursor ? "INCREMENTAL" : "FULL");
  const since = kind === "INCREMENTAL" && cursor ? new Date(cursor.cursor) : null;
  const startedAt = new Date();
  const run = input.syncRunId
    ? await db.syncRun.update({ where: { id: input.syncRunId }, data: { status: "RUNNING", kind, startedAt, error: null } })
    : await db.syncRun.create({ data: { ...scope, kind, status: "RUNNING", trigger: input.trigger ?? "manual", startedAt } });

  const progress: Record<string, { done: number; total: number | null }> = {};
  let written = 0;
  let newest = since ? since.getTime() : 0;
  let lastProgressWrite = 0;
  const opened = await openConnection(db, { ...scope, resilience: input.resilience });
  try {
    // Read the next page while this one is written: the tool and the database work in parallel.
    const batches = opened.connector.sync({ since })[Symbol.asyncIterator]();
    let upcoming = batches.next();
    for (;;) {
      const step = await upcoming;
      if (step.done) break;
      upcoming = batches.next();
      upcoming.catch(() => undefined);
      const batch = step.value;
      written += await writeBatch(db, scope, batch);
      newest = Math.max(newest, newestChange(batch));
      progress[batch.resource] = batch.progress;
      if (Date.now() - lastProgressWrite > PROGRESS_EVERY_MS) {
        lastProgressWrite = Date.now();
        await db.syncRun.update({ where: { id: run.id }, data: { progress, itemsWritten: written } });
      }
    }
    // The cursor follows the tool's clock (the newest change it reported), never ours: clocks differ.
    const next = new Date(newest || startedAt.getTime()).toISOString();
    await db.$transaction([
      db.syncCursor.upsert({
        where: { connectionId_resource: { connectionId: connection.id, resource: SYNC_CURSOR } },
        create: { ...scope, resource: SYNC_CURSOR, cursor: next },
        update: { cursor: next },
      }),
      db.syncRun.update({ where: { id: run.id }, data: { status: "SUCCEEDED", progress, itemsWritten: written, finishedAt: new Date() } }),
      db.connection.update({ where: { id: connection.id }, data: { lastSyncAt: new Date(), lastSyncError: null, status: "ACTIVE", statusMessage: null } }),
    ]);
    // Teams are built from what sync found; a failure here must not fail the sync that succeeded.
    await refreshTeams(tenantDb(db, connection.organizationId), connection.organizationId).catch((error: unknown) => logger.warn({ err: error, connectionId: connection.id }, "team refresh failed"));
    return { runId: run.id, status: "SUCCEEDED" as const, kind, itemsWritten: written };
  } catch (e) {
    const error = e instanceof ConnectorError ? e : new ConnectorError("unavailable", e instanceof Error ? e.message : String(e), { cause: e });
    const message = describeConnectorError(error, TOOL_NAMES[connection.tool]);
    logger.warn({ connectionId: connection.id, kind: error.kind, operation: error.details.operation }, "sync failed");
    const degraded = error.isOutage || error.kind === "rate_limited" || error.kind === "circuit_open";
    await db.$transaction([
      db.syncRun.update({ where: { id: run.id }, data: { status: "FAILED", progress, itemsWritten: written, error: message, finishedAt: new Date() } }),
      db.connection.update({ where: { id: connection.id }, data: { lastSyncError: message, status: degraded ? "DEGRADED" : "ERROR", statusMessage: message } }),
    ]);
    return { runId: run.id, status: "FAILED" as const, kind, itemsWritten: written, error: message, errorKind: error.kind };
  } finally {
    await opened.recorder.flush();
  }
}
