import { PgBoss } from "pg-boss";
import { type Db } from "@/server/db/client";
import { logger } from "@/server/log/logger";
import { handleActionsApproved, sweepActions } from "./action-jobs";
import { JOBS, actionsApprovedSchema, syncRequestedSchema, workflowDueSchema, type ActionsApproved, type JobDispatcher, type SyncRequested, type WorkflowDue } from "./contracts";
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
  await boss.createQueue(JOBS.actionsApproved.queue, { retryLimit: 3, retryBackoff: true, retryDelay: 10 });
  await boss.createQueue(JOBS.actionsSweep.queue);

  const dispatcher: EmbeddedJobs = {
    boss,
    async requestSync(payload: SyncRequested) {
      await boss.send(JOBS.syncRequested.queue, syncRequestedSchema.parse(payload), { singletonKey: payload.connectionId });
    },
    async runWorkflow(payload: WorkflowDue) {
      await boss.send(JOBS.workflowDue.queue, workflowDueSchema.parse(payload), { singletonKey: `${payload.scheduleId}:${payload.slot}` });
    },
    async executeActions(payload: ActionsApproved, opts?: { delaySeconds?: number }) {
      await boss.send(JOBS.actionsApproved.queue, actionsApprovedSchema.parse(payload), opts?.delaySeconds ? { startAfter: Math.ceil(opts.delaySeconds) } : {});
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
  await boss.work(JOBS.actionsApproved.queue, { pollingIntervalSeconds: options.listen ? 2 : 0.5 }, async (jobs) => {
    for (const job of jobs) {
      const payload = actionsApprovedSchema.parse(job.data);
      const run = await handleActionsApproved(db, payload);
      logger.info({ proposalId: payload.proposalId, outcomes: run.outcomes.map((o) => o.outcome.status) }, "approved actions executed");
      // A degraded tool: come back when the wait is over (the sweep would too, a little later).
      if (run.retryAt) await dispatcher.executeActions(payload, { delaySeconds: Math.max(1, (run.retryAt.getTime() - Date.now()) / 1000) });
    }
  });
  if (options.schedule !== false) {
    await boss.schedule(JOBS.actionsSweep.queue, JOBS.actionsSweep.cron);
    await boss.work(JOBS.actionsSweep.queue, async () => {
      await sweepActions(db, dispatcher);
    });
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
