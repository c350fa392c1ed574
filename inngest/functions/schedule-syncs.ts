import { getDb } from "@/server/db/client";
import { JOBS } from "@/server/jobs/contracts";
import { scheduleDueSyncs } from "@/server/jobs/sync-jobs";
import { inngest } from "../client";

/** Every 15 minutes: an incremental sync for each connection that is not already syncing. */
export const scheduleSyncs = inngest.createFunction(
  { id: "schedule-syncs", name: "Schedule incremental syncs", triggers: [{ cron: JOBS.syncScheduled.cron }] },
  async ({ step }) =>
    step.run("enqueue-due-syncs", () =>
      scheduleDueSyncs(getDb(), {
        requestSync: async (payload) => {
          await inngest.send({ name: JOBS.syncRequested.event, data: payload });
        },
      }),
    ),
);
