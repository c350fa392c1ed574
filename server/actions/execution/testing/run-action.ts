/**
 * Executes one approved action in its own process, the way a job worker does. The fault tests
 * kill this process between the write and the status update to prove recovery.
 * Usage: tsx run-action.ts <organizationId> <actionId>  (DATABASE_URL, TOKEN_ENCRYPTION_KEY set)
 */
import { getDb } from "@/server/db/client";
import { executeAction } from "../executor";

const [organizationId, actionId] = process.argv.slice(2);
if (!organizationId || !actionId) {
  console.error("Usage: run-action.ts <organizationId> <actionId>");
  process.exit(2);
}
const outcome = await executeAction(getDb(), { organizationId, actionId }, { resilience: { timeoutMs: 20_000, maxAttempts: 1, maxRetryAfterMs: 1_000, breakerThreshold: 5, halfOpenAfterMs: 1_000, initialDelayMs: 10 } });
process.stdout.write(`${JSON.stringify(outcome)}\n`);
await getDb().$disconnect();
