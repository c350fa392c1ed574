import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectSandbox } from "@/server/connections/sandbox-connections";
import { generateKey } from "@/server/connectors/crypto";
import { startSandboxServer, type RunningSandbox } from "@/server/sandbox/core/server";
import { createOrg, testDb } from "@/test/db";
import { createProposal, decideProposal } from "@/server/actions/proposals";
import { tenantDb } from "@/server/db/tenant";
import { sweepActions } from "./action-jobs";
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

  it("executes approved actions, and the sweep picks up a proposal whose job never arrived", async () => {
    const org = await createOrg(["PM"]);
    const user = org.members[0]!.user.id;
    await connectSandbox(testDb(), { organizationId: org.org.id, origin: sandbox.origin, company: sandbox.store.state.company });
    const slack = sandbox.store.state.slack;
    const channel = slack.channels.find((c) => !c.isArchived && c.memberIds.includes(slack.app.botUserId))!;
    const db = tenantDb(testDb(), org.org.id);
    const propose = async (text: string) => {
      const p = await createProposal(db, { organizationId: org.org.id, createdById: user, title: text, rationale: "Tell the team.", sources: [], actions: [{ kind: "slack.postMessage", input: { channelId: channel.id, text } }] });
      await decideProposal(db, { organizationId: org.org.id, proposalId: p.id, userId: user, kind: "APPLY_ALL" });
      return p.actions[0]!.id;
    };
    const status = (id: string) => db.proposedAction.findFirstOrThrow({ where: { id } }).then((a) => a.status);

    const dispatched = await propose("Dispatched on approval.");
    const action = await db.proposedAction.findFirstOrThrow({ where: { id: dispatched } });
    await jobs.executeActions({ organizationId: org.org.id, proposalId: action.proposalId });
    await waitFor(async () => (await status(dispatched)) === "SUCCEEDED");

    // Approved, but its job was lost: a minute later the sweep hands it to the engine.
    const stranded = await propose("Found by the sweep.");
    expect(await sweepActions(testDb(), jobs, new Date(Date.now() + 2 * 60_000), { organizationId: org.org.id })).toBe(1);
    await waitFor(async () => (await status(stranded)) === "SUCCEEDED");
    expect(slack.messages.filter((m) => JSON.stringify(m).includes(stranded))).toHaveLength(1);
  });
});
