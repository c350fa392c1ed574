import { connectSandbox } from "@/server/connections/sandbox-connections";
import { type ResilienceOptions } from "@/server/connectors/resilience";
import { type RunningSandbox } from "@/server/sandbox/core/server";
import { runSync } from "@/server/sync/run-sync";
import { createOrg, testDb } from "./db";

/** Fast policies for tests: the same code paths, shorter waits. */
export const FAST: ResilienceOptions = { timeoutMs: 5_000, maxAttempts: 3, maxRetryAfterMs: 5_000, breakerThreshold: 3, halfOpenAfterMs: 400, initialDelayMs: 20 };

/**
 * An organisation connected to the sandbox company with all four tools synced through the
 * official clients, the way a real workspace gets its data (teams are built by the sync).
 */
export async function createSyncedOrg(sandbox: RunningSandbox, roles: Parameters<typeof createOrg>[0] = ["PM", "ADMIN"]) {
  const org = await createOrg(roles);
  const connections = await connectSandbox(testDb(), { organizationId: org.org.id, origin: sandbox.origin, company: sandbox.store.state.company });
  // Jira last, so the teams it creates can already see repositories and channels.
  for (const tool of ["GITHUB", "SLACK", "NOTION", "JIRA"]) {
    const connection = connections.find((c) => c.tool === tool)!;
    const result = await runSync(testDb(), { organizationId: org.org.id, connectionId: connection.id, resilience: FAST, trigger: "test" });
    if (result.status !== "SUCCEEDED") throw new Error(`${tool} sync failed: ${"error" in result ? result.error : ""}`);
  }
  return { ...org, connections };
}
