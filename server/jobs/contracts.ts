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

/** A scheduled planning workflow whose slot has come (see server/planning/schedules.ts). */
export const workflowDueSchema = z.object({
  organizationId: z.string().min(1),
  scheduleId: z.string().min(1),
  slot: z.iso.datetime(),
});
export type WorkflowDue = z.infer<typeof workflowDueSchema>;

/** A proposal with approved actions to execute (after a decision, a retry, or a wait). */
export const actionsApprovedSchema = z.object({
  organizationId: z.string().min(1),
  proposalId: z.string().min(1),
});
export type ActionsApproved = z.infer<typeof actionsApprovedSchema>;

/** Event and queue names. Events follow `domain/noun.verbed`. */
export const JOBS = {
  syncRequested: { event: "connections/sync.requested", queue: "connection-sync" },
  syncScheduled: { event: "connections/sync.scheduled", queue: "connection-sync-schedule", cron: "*/15 * * * *" },
  workflowDue: { event: "planning/workflow.due", queue: "planning-workflow" },
  /** Every minute, so "Fridays at 15:00" runs at 15:00. */
  workflowSweep: { event: "planning/workflows.swept", queue: "planning-workflow-sweep", cron: "* * * * *" },
  actionsApproved: { event: "actions/proposal.approved", queue: "action-execute" },
  /** Every minute: actions whose wait is over, whose job was lost, or whose worker died. */
  actionsSweep: { event: "actions/actions.swept", queue: "action-sweep", cron: "* * * * *" },
} as const;

/** Whichever engine runs jobs in this deployment. */
export interface JobDispatcher {
  requestSync(payload: SyncRequested): Promise<void>;
  runWorkflow(payload: WorkflowDue): Promise<void>;
  /** Executes a proposal's approved actions, now or after `delaySeconds`. */
  executeActions(payload: ActionsApproved, options?: { delaySeconds?: number }): Promise<void>;
}
