import { JOBS, actionsApprovedSchema, syncRequestedSchema, workflowDueSchema } from "@/server/jobs/contracts";

/** Every event the product sends, with its payload schema (shared with the pg-boss engine). */
export const events = {
  [JOBS.syncRequested.event]: syncRequestedSchema,
  [JOBS.workflowDue.event]: workflowDueSchema,
  [JOBS.actionsApproved.event]: actionsApprovedSchema,
} as const;
