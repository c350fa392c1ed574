import { inngest } from "@/inngest/client";
import { JOBS, type JobDispatcher } from "./contracts";

const globalJobs = globalThis as unknown as { __lumenJobs?: JobDispatcher };

/** Registers the in-process engine (pg-boss) once it has started. */
export function setEmbeddedDispatcher(dispatcher: JobDispatcher): void {
  globalJobs.__lumenJobs = dispatcher;
}

/**
 * The engine that runs background work here: Inngest when the deployment has an event key
 * (Inngest Cloud or self-hosted), otherwise pg-boss on the app's Postgres.
 */
export function getDispatcher(): JobDispatcher {
  if (process.env.INNGEST_EVENT_KEY || process.env.INNGEST_DEV) {
    return {
      requestSync: async (payload) => void (await inngest.send({ name: JOBS.syncRequested.event, data: payload })),
      runWorkflow: async (payload) => void (await inngest.send({ name: JOBS.workflowDue.event, data: payload, id: `${payload.scheduleId}:${payload.slot}` })),
      executeActions: async (payload, options) =>
        void (await inngest.send({ name: JOBS.actionsApproved.event, data: payload, ...(options?.delaySeconds ? { ts: Date.now() + options.delaySeconds * 1000 } : {}) })),
    };
  }
  const embedded = globalJobs.__lumenJobs;
  if (!embedded) throw new Error("The background job engine is not running. Start the app with `npm start`, or configure INNGEST_EVENT_KEY.");
  return embedded;
}
