import { getDb } from "@/server/db/client";
import { JOBS, workflowDueSchema } from "@/server/jobs/contracts";
import { handleWorkflowDue } from "@/server/jobs/workflow-jobs";
import { inngest } from "../client";

/**
 * One scheduled workflow slot (e.g. Payments' weekly status report, Friday 15:00). Exactly once
 * per slot: the event id and the function's idempotency key are the schedule and slot, and the
 * domain code's unique run row catches anything that slips through.
 */
export const runScheduledWorkflowFn = inngest.createFunction(
  {
    id: "run-scheduled-workflow",
    name: "Run a scheduled planning workflow",
    triggers: [{ event: JOBS.workflowDue.event }],
    idempotency: 'event.data.scheduleId + ":" + event.data.slot',
    concurrency: { key: "event.data.organizationId", limit: 2 },
    retries: 2,
  },
  async ({ event, step }) => {
    const payload = workflowDueSchema.parse(event.data);
    return step.run("run-workflow", () => handleWorkflowDue(getDb(), payload));
  },
);
