import { getDb } from "@/server/db/client";
import { JOBS, syncRequestedSchema } from "@/server/jobs/contracts";
import { handleSyncRequested } from "@/server/jobs/sync-jobs";
import { inngest } from "../client";

/**
 * One connection's sync. One at a time per connection; a repeated request for the same queued run
 * is dropped; failures retry, and a final failure is written to the run so the UI shows it.
 */
export const syncConnection = inngest.createFunction(
  {
    id: "sync-connection",
    name: "Sync a connection",
    triggers: [{ event: JOBS.syncRequested.event }],
    concurrency: { key: "event.data.connectionId", limit: 1 },
    idempotency: "event.data.syncRunId",
    retries: 3,
    onFailure: async ({ event, error }) => {
      const payload = syncRequestedSchema.safeParse(event.data.event.data);
      if (!payload.success || !payload.data.syncRunId) return;
      await getDb().syncRun.updateMany({
        where: { id: payload.data.syncRunId, status: { in: ["QUEUED", "RUNNING"] } },
        data: { status: "FAILED", error: `The sync could not run: ${error.message}`, finishedAt: new Date() },
      });
    },
  },
  async ({ event, step }) => {
    const payload = syncRequestedSchema.parse(event.data);
    return step.run("run-sync", () => handleSyncRequested(getDb(), payload));
  },
);
