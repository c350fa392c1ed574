import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectSandbox } from "@/server/connections/sandbox-connections";
import { generateKey } from "@/server/connectors/crypto";
import { startSandboxServer, type RunningSandbox } from "@/server/sandbox/core/server";
import { createOrg, testDb } from "@/test/db";
import { startEmbeddedJobs, type EmbeddedJobs } from "./pg-boss";
import { scheduleDueSyncs } from "./sync-jobs";

let sandbox: RunningSandbox;
let jobs: EmbeddedJobs;

beforeAll(async () => {
  process.env.TOKEN_ENCRYPTION_KEY ??= generateKey();
  sandbox = await startSandboxServer({ seed: 11 });
  jobs = await startEmbeddedJobs(testDb(), { connectionString: inject("databaseUrl"), listen: true, schedule: false });
});
afterAll(async () => {
  await jobs.stop();
  await sandbox.close();
});

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the embedded job engine (pg-boss on Postgres)", () => {
  it("runs a requested sync to completion", async () => {
    const org = await createOrg(["ADMIN"]);
    const [jira] = await connectSandbox(testDb(), { organizationId: org.org.id, origin: sandbox.origin, company: sandbox.store.state.company });
    const run = await testDb().syncRun.create({ data: { organizationId: org.org.id, connectionId: jira!.id, kind: "FULL", trigger: "manual" } });
    await jobs.requestSync({ organizationId: org.org.id, connectionId: jira!.id, syncRunId: run.id, trigger: "manual" });
    const done = await waitFor(async () => {
      const r = await testDb().syncRun.findUniqueOrThrow({ where: { id: run.id } });
      return r.status === "SUCCEEDED" || r.status === "FAILED" ? r : null;
    });
    expect(done.status).toBe("SUCCEEDED");
    expect(done.itemsWritten).toBeGreaterThan(300);
  });

  it("schedules an incremental sync for every connection not already syncing", async () => {
    const org = await createOrg(["ADMIN"]);
    const connections = await connectSandbox(testDb(), { organizationId: org.org.id, origin: sandbox.origin, company: sandbox.store.state.company });
    const queued = await scheduleDueSyncs(testDb(), jobs, { organizationId: org.org.id });
    expect(queued).toBe(connections.length);
    await waitFor(async () => (await testDb().syncRun.count({ where: { organizationId: org.org.id, status: "SUCCEEDED" } })) === connections.length, 60_000);
    // Nothing is running now, so a second sweep queues them again, once each.
    const runsBefore = await testDb().syncRun.count({ where: { organizationId: org.org.id } });
    await scheduleDueSyncs(testDb(), jobs, { organizationId: org.org.id });
    expect(await testDb().syncRun.count({ where: { organizationId: org.org.id } })).toBe(runsBefore + connections.length);
  });
});
