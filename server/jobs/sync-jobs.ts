import { type Db } from "@/server/db/client";
import { runSync } from "@/server/sync/run-sync";
import { type JobDispatcher, type SyncRequested } from "./contracts";

/** The job body both engines run for a sync request. */
export function handleSyncRequested(db: Db, payload: SyncRequested) {
  return runSync(db, { organizationId: payload.organizationId, connectionId: payload.connectionId, syncRunId: payload.syncRunId, kind: payload.kind, trigger: payload.trigger });
}

/**
 * The scheduled sweep: an incremental sync for every connection that is not disconnected and has
 * no sync queued or running already (optionally within one organisation).
 */
export async function scheduleDueSyncs(db: Db, dispatcher: Pick<JobDispatcher, "requestSync">, scope: { organizationId?: string } = {}): Promise<number> {
  const connections = await db.connection.findMany({
    where: { ...scope, status: { not: "DISCONNECTED" }, syncRuns: { none: { status: { in: ["QUEUED", "RUNNING"] } } } },
    select: { id: true, organizationId: true },
  });
  for (const c of connections) {
    const run = await db.syncRun.create({ data: { organizationId: c.organizationId, connectionId: c.id, kind: "INCREMENTAL", trigger: "schedule" } });
    await dispatcher.requestSync({ organizationId: c.organizationId, connectionId: c.id, syncRunId: run.id, trigger: "schedule" });
  }
  return connections.length;
}
