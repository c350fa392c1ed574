import { type Db } from "@/server/db/client";
import { runScheduledWorkflow } from "@/server/agent/scheduled-run";
import { claimDueWorkflows } from "@/server/planning/schedules";
import { type JobDispatcher, type WorkflowDue } from "./contracts";

/** The job body both engines run for a due workflow. */
export function handleWorkflowDue(db: Db, payload: WorkflowDue) {
  return runScheduledWorkflow(db, payload);
}

/** The minute sweep: claims due slots and hands each to the engine as its own job. */
export async function sweepDueWorkflows(db: Db, dispatcher: Pick<JobDispatcher, "runWorkflow">, now = new Date()): Promise<number> {
  const due = await claimDueWorkflows(db, now);
  for (const d of due) await dispatcher.runWorkflow(d);
  return due.length;
}
