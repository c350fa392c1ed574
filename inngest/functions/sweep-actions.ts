import { getDb } from "@/server/db/client";
import { JOBS } from "@/server/jobs/contracts";
import { sweepActions } from "@/server/jobs/action-jobs";
import { inngest } from "../client";

/** Every minute: proposals whose approved actions no run is carrying (a lost event, a dead worker). */
export const sweepActionsFn = inngest.createFunction(
  { id: "sweep-approved-actions", name: "Resume approved actions", triggers: [{ cron: JOBS.actionsSweep.cron }] },
  async ({ step }) =>
    step.run("find-stranded-actions", () =>
      sweepActions(getDb(), {
        executeActions: async (payload) => {
          await inngest.send({ name: JOBS.actionsApproved.event, data: payload });
        },
      }),
    ),
);
