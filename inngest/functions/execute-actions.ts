import { getDb } from "@/server/db/client";
import { executeAction, type ExecutorOptions } from "@/server/actions/execution/executor";
import { tenantDb } from "@/server/db/tenant";
import { JOBS, actionsApprovedSchema } from "@/server/jobs/contracts";
import { inngest } from "../client";

/** How many times one run waits for a recovering tool before leaving the rest to the sweep. */
const MAX_WAITS = 6;

/**
 * A proposal's approved actions, each in its own step so a completed action is never run again by
 * this function's retries; the executor's compare-and-set statuses and landed-write checks make
 * every other overlap (a second event, the sweep, a worker that died) harmless too. When a tool is
 * degraded the function sleeps until the wait is over and carries on by itself.
 */
export function createExecuteActionsFn(options: ExecutorOptions = {}) {
  return inngest.createFunction(
    {
      id: "execute-approved-actions",
      name: "Execute approved actions",
      triggers: [{ event: JOBS.actionsApproved.event }],
      concurrency: [{ key: "event.data.proposalId", limit: 1 }],
      retries: 3,
    },
    async ({ event, step }) => {
      const payload = actionsApprovedSchema.parse(event.data);
      const statuses: Record<string, string> = {};
      for (let round = 0; round <= MAX_WAITS; round++) {
        const pending = await step.run(`pending-${round}`, async () => {
          const rows = await tenantDb(getDb(), payload.organizationId).proposedAction.findMany({
            where: { proposalId: payload.proposalId, status: { in: ["APPROVED", "EXECUTING"] } },
            orderBy: { position: "asc" },
            select: { id: true },
          });
          return rows.map((r) => r.id);
        });
        if (pending.length === 0) break;
        let retryAt: number | null = null;
        for (const actionId of pending) {
          const outcome = await step.run(`execute-${actionId}-${round}`, () => executeAction(getDb(), { organizationId: payload.organizationId, actionId }, options));
          statuses[actionId] = outcome.status;
          if (outcome.status === "WAITING") {
            const at = new Date(outcome.retryAt).getTime();
            retryAt = retryAt === null ? at : Math.min(retryAt, at);
          }
        }
        if (retryAt === null) break;
        await step.sleepUntil(`wait-${round}`, new Date(retryAt));
      }
      return statuses;
    },
  );
}

export const executeActionsFn = createExecuteActionsFn();
