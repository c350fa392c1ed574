import { z } from "zod";

/**
 * Background work, independent of the engine that runs it: Inngest in production, pg-boss on the
 * app's Postgres for the embedded default. Both call the same domain functions with these payloads.
 */
export const syncRequestedSchema = z.object({
  organizationId: z.string().min(1),
  connectionId: z.string().min(1),
  /** The QUEUED SyncRun the UI is already showing. */
  syncRunId: z.string().min(1).optional(),
  kind: z.enum(["FULL", "INCREMENTAL"]).optional(),
  trigger: z.enum(["manual", "schedule", "connect"]).default("manual"),
});
export type SyncRequested = z.infer<typeof syncRequestedSchema>;

/** Event and queue names. Events follow `domain/noun.verbed`. */
export const JOBS = {
  syncRequested: { event: "connections/sync.requested", queue: "connection-sync" },
  syncScheduled: { event: "connections/sync.scheduled", queue: "connection-sync-schedule", cron: "*/15 * * * *" },
} as const;

/** Whichever engine runs jobs in this deployment. */
export interface JobDispatcher {
  requestSync(payload: SyncRequested): Promise<void>;
}
