import { PgBoss } from "pg-boss";
import { type Db } from "@/server/db/client";
import { logger } from "@/server/log/logger";
import { JOBS, syncRequestedSchema, workflowDueSchema, type JobDispatcher, type SyncRequested, type WorkflowDue } from "./contracts";
import { handleSyncRequested, scheduleDueSyncs } from "./sync-jobs";
import { handleWorkflowDue, sweepDueWorkflows } from "./workflow-jobs";

export interface EmbeddedJobs extends JobDispatcher {
  boss: PgBoss;
  stop(): Promise<void>;
}

/**
 * The embedded engine: pg-boss on the app's own Postgres. Sync jobs are keyed by connection so one
 * connection never syncs twice at once; failed jobs retry with backoff; a cron sweeps for due syncs.
 * LISTEN/NOTIFY wakes workers at once on real Postgres; the embedded PGlite server polls.
 */
export async function startEmbeddedJobs(db: Db, options: { connectionString: string; listen: boolean; schedule?: boolean }): Promise<EmbeddedJobs> {
  const boss = new PgBoss({ connectionString: options.connectionString, useListenNotify: options.listen, max: 3 });
  boss.on("error", (e: Error) => logger.error({ err: e.message }, "job engine error"));
  await boss.start();
  await boss.createQueue(JOBS.syncRequested.queue, { policy: "stately", retryLimit: 3, retryBackoff: true, retryDelay: 5 });
  await boss.createQueue(JOBS.syncScheduled.queue);
  await boss.createQueue(JOBS.workflowDue.queue, { retryLimit: 2, retryBackoff: true, retryDelay: 30 });
  await boss.createQueue(JOBS.workflowSweep.queue);

  const dispatcher: EmbeddedJobs = {
    boss,
    async requestSync(payload: SyncRequested) {
      await boss.send(JOBS.syncRequested.queue, syncRequestedSchema.parse(payload), { singletonKey: payload.connectionId });
    },
    async runWorkflow(payload: WorkflowDue) {
      await boss.send(JOBS.workflowDue.queue, workflowDueSchema.parse(payload), { singletonKey: `${payload.scheduleId}:${payload.slot}` });
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };

  await boss.work(JOBS.syncRequested.queue, { pollingIntervalSeconds: options.listen ? 2 : 0.5 }, async (jobs) => {
    for (const job of jobs) {
      const payload = syncRequestedSchema.parse(job.data);
      const result = await handleSyncRequested(db, payload);
      logger.info({ connectionId: payload.connectionId, status: result.status, items: result.itemsWritten }, "sync finished");
    }
  });
  await boss.work(JOBS.workflowDue.queue, { pollingIntervalSeconds: options.listen ? 2 : 1 }, async (jobs) => {
    for (const job of jobs) {
      const outcome = await handleWorkflowDue(db, workflowDueSchema.parse(job.data));
      logger.info({ scheduleId: (job.data as WorkflowDue).scheduleId, status: outcome.status }, "scheduled workflow finished");
    }
  });
  if (options.schedule !== false) {
    await boss.schedule(JOBS.workflowSweep.queue, JOBS.workflowSweep.cron);
    await boss.work(JOBS.workflowSweep.queue, async () => {
      await sweepDueWorkflows(db, dispatcher);
    });
    await boss.schedule(JOBS.syncScheduled.queue, JOBS.syncScheduled.cron);
    await boss.work(JOBS.syncScheduled.queue, async () => {
      await scheduleDueSyncs(db, dispatcher);
    });
  }
  return dispatcher;
}
