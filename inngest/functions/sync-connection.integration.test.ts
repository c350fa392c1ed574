import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectSandbox } from "@/server/connections/sandbox-connections";
import { generateKey } from "@/server/connectors/crypto";
import { JOBS } from "@/server/jobs/contracts";
import { startSandboxServer, type RunningSandbox } from "@/server/sandbox/core/server";
import { createOrg, testDb } from "@/test/db";
import { syncConnection } from "./sync-connection";

let sandbox: RunningSandbox;

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  process.env.TOKEN_ENCRYPTION_KEY ??= generateKey();
  sandbox = await startSandboxServer({ seed: 7 });
});
afterAll(async () => {
  await sandbox.close();
});

describe("the sync-connection Inngest function", () => {
  it("runs the sync for a requested run, one connection at a time, idempotent per run", async () => {
    const org = await createOrg(["ADMIN"]);
    const [jira] = await connectSandbox(testDb(), { organizationId: org.org.id, origin: sandbox.origin, company: sandbox.store.state.company });
    const run = await testDb().syncRun.create({ data: { organizationId: org.org.id, connectionId: jira!.id, kind: "FULL", trigger: "manual" } });

    const engine = new InngestTestEngine({
      function: syncConnection,
      events: [{ name: JOBS.syncRequested.event, data: { organizationId: org.org.id, connectionId: jira!.id, syncRunId: run.id, trigger: "manual" } }],
    });
    const { result, error } = await engine.execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "SUCCEEDED", runId: run.id });
    expect((await testDb().syncRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("SUCCEEDED");
    expect(await testDb().workItem.count({ where: { organizationId: org.org.id } })).toBe(sandbox.store.state.jira.issues.length);

    const options = (syncConnection as unknown as { opts: { concurrency: unknown; idempotency: string; retries: number } }).opts;
    expect(options.concurrency).toEqual({ key: "event.data.connectionId", limit: 1 });
    expect(options.idempotency).toBe("event.data.syncRunId");
    expect(options.retries).toBe(3);
  });

  it("rejects a malformed event instead of syncing something else", async () => {
    const engine = new InngestTestEngine({ function: syncConnection, events: [{ name: JOBS.syncRequested.event, data: { connectionId: "" } }] });
    const { error } = await engine.execute();
    expect(error).toBeDefined();
  });
});
