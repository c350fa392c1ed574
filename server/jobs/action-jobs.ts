import { type Db } from "@/server/db/client";
import { executeProposal, proposalsNeedingWork, type ExecutorOptions, type ProposalRun } from "@/server/actions/execution/executor";
import { type ActionsApproved, type JobDispatcher } from "./contracts";

/** The job body both engines run for a proposal with approved actions. */
export function handleActionsApproved(db: Db, payload: ActionsApproved, options?: ExecutorOptions): Promise<ProposalRun> {
  return executeProposal(db, payload, options);
}

/** The minute sweep: hands every proposal with work nobody carries to the engine again. */
export async function sweepActions(db: Db, dispatcher: Pick<JobDispatcher, "executeActions">, now = new Date(), scope: { organizationId?: string } = {}): Promise<number> {
  const due = await proposalsNeedingWork(db, now, scope);
  for (const d of due) await dispatcher.executeActions(d);
  return due.length;
}
