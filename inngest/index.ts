import { executeActionsFn } from "./functions/execute-actions";
import { runScheduledWorkflowFn } from "./functions/run-scheduled-workflow";
import { scheduleSyncs } from "./functions/schedule-syncs";
import { scheduleWorkflows } from "./functions/schedule-workflows";
import { sweepActionsFn } from "./functions/sweep-actions";
import { syncConnection } from "./functions/sync-connection";

/** The functions /api/inngest serves. */
export const functions = [syncConnection, scheduleSyncs, runScheduledWorkflowFn, scheduleWorkflows, executeActionsFn, sweepActionsFn];
