import { simulateReadableStream } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { streamChat } from "@/server/agent/chat";
import { type ModelOverride } from "@/server/agent/models/registry";
import { resolveMembership } from "@/server/auth/session";
import { connectSandbox } from "@/server/connections/sandbox-connections";
import { tenantDb } from "@/server/db/tenant";
import { forecastCompletion } from "@/server/planning/engine";
import { runSync } from "@/server/sync/run-sync";
import { withBenchWorkspace } from "./workspace";

const OVERHEAD_RUNS = 200;
const PLAN_RUNS = 10;
const MONTE_CARLO_RUNS = 20;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Chat latency on the seeded workspace, in process against the real PostgreSQL:
 * - overheadP95Ms: our server's time before the first streamed byte when the model answers at once
 *   (membership lookup as auth does it, conversation and message writes, teams, model choice, tools,
 *   prompt), with the AI SDK's mock model through the registry's override;
 * - plannerSprintPlanMs: the built-in planner's full sprint plan (every tool, the artifact saved, the
 *   answer streamed to the end), median of runs;
 * - monteCarloMs: 10,000 trials over 1,000 remaining items, median of runs.
 */
export async function chatBenchmark() {
  return withBenchWorkspace(async ({ db, sandbox, dbName }) => {
    const org = await db.organization.create({ data: { name: "Bench", slug: dbName } });
    const user = await db.user.create({ data: { email: `pm@${dbName}.example`, name: "Bench PM" } });
    await db.membership.create({ data: { organizationId: org.id, userId: user.id, role: "PM" } });
    const connections = await connectSandbox(db, { organizationId: org.id, origin: sandbox.origin, company: sandbox.store.state.company });
    for (const tool of ["GITHUB", "SLACK", "NOTION", "JIRA"]) {
      const c = connections.find((x) => x.tool === tool)!;
      const r = await runSync(db, { organizationId: org.id, connectionId: c.id, trigger: "bench" });
      if (r.status !== "SUCCEEDED") throw new Error(`${tool} sync failed`);
    }
    const now = new Date(sandbox.store.state.company.now);

    const instant: ModelOverride = () => ({
      model: new MockLanguageModelV4({
        doStream: async () => ({
          stream: simulateReadableStream({
            chunks: [
              { type: "text-start", id: "t" },
              { type: "text-delta", id: "t", delta: "ok" },
              { type: "text-end", id: "t" },
              { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: { inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 1, text: 1, reasoning: undefined } } },
            ],
          }),
        }),
      }),
      info: { provider: "test", id: "instant", label: "Instant mock" },
      freeForm: true,
    });

    const overhead: number[] = [];
    for (let i = 0; i < OVERHEAD_RUNS + 10; i++) {
      const started = performance.now();
      const membership = await resolveMembership(db, user.id, org.id);
      const tdb = tenantDb(db, membership!.organizationId);
      const response = await streamChat(
        tdb,
        { organizationId: org.id, organizationName: org.name, userId: user.id },
        { id: `bench-${dbName}-${i}`, message: { id: `m-${i}`, role: "user", parts: [{ type: "text", text: "What is the status of PAY?" }] } },
        { override: instant, now },
      );
      const reader = response.body!.getReader();
      await reader.read();
      const ms = performance.now() - started;
      while (!(await reader.read()).done);
      if (i >= 10) overhead.push(ms); // the first runs warm up the connection pool and the JIT
    }

    const plans: number[] = [];
    for (let i = 0; i < PLAN_RUNS + 1; i++) {
      const started = performance.now();
      const response = await streamChat(
        tenantDb(db, org.id),
        { organizationId: org.id, organizationName: org.name, userId: user.id },
        { id: `plan-${dbName}-${i}`, message: { id: `p-${i}`, role: "user", parts: [{ type: "text", text: "Plan next sprint for Payments" }] }, workflow: { kind: "sprint_plan", teamKey: "PAY" } },
        { now },
      );
      await response.text();
      if (i >= 1) plans.push(performance.now() - started);
    }
    if ((await db.artifact.count({ where: { organizationId: org.id, kind: "sprint_plan" } })) !== PLAN_RUNS + 1) throw new Error("the planner did not save every sprint plan");

    const carlo: number[] = [];
    const samples = [6, 9, 11, 8, 12, 10, 7, 14, 9, 10, 11, 13];
    for (let i = 0; i < MONTE_CARLO_RUNS + 3; i++) {
      const started = performance.now();
      forecastCompletion({ samples, remaining: 1_000, start: now, periodDays: 7, trials: 10_000, seed: i + 1 });
      if (i >= 3) carlo.push(performance.now() - started);
    }

    const result = {
      overheadP95Ms: round(percentile(overhead, 95)),
      overheadP50Ms: round(percentile(overhead, 50)),
      plannerSprintPlanMs: round(percentile(plans, 50)),
      plannerSprintPlanP95Ms: round(percentile(plans, 95)),
      monteCarloMs: round(percentile(carlo, 50)),
      runs: { overhead: OVERHEAD_RUNS, plans: PLAN_RUNS, monteCarlo: MONTE_CARLO_RUNS },
      targets: { overheadP95Ms: 300, plannerSprintPlanMs: 2000, monteCarloMs: 100 },
    };
    console.log(`chat overhead before first byte: p50 ${result.overheadP50Ms} ms, p95 ${result.overheadP95Ms} ms (target < 300)`);
    console.log(`built-in sprint plan, end to end: median ${result.plannerSprintPlanMs} ms, p95 ${result.plannerSprintPlanP95Ms} ms (target < 2000)`);
    console.log(`Monte Carlo, 10,000 trials over 1,000 items: median ${result.monteCarloMs} ms (target < 100)`);
    return result;
  });
}
