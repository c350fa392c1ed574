import { getDb } from "@/server/db/client";
import { JOBS } from "@/server/jobs/contracts";
import { sweepDueWorkflows } from "@/server/jobs/workflow-jobs";
import { inngest } from "../client";

/** Every minute: hands each planning workflow whose slot has come to its own run. */
export const scheduleWorkflows = inngest.createFunction(
  { id: "schedule-workflows", name: "Start due planning workflows", triggers: [{ cron: JOBS.workflowSweep.cron }] },
  async ({ step }) =>
    step.run("claim-due-workflows", () =>
      sweepDueWorkflows(getDb(), {
        runWorkflow: async (payload) => {
          await inngest.send({ name: JOBS.workflowDue.event, data: payload, id: `${payload.scheduleId}:${payload.slot}` });
        },
      }),
    ),
);
