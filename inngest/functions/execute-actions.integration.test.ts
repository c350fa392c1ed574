import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createProposal, decideProposal } from "@/server/actions/proposals";
import { connectSandbox } from "@/server/connections/sandbox-connections";
import { generateKey } from "@/server/connectors/crypto";
import { tenantDb } from "@/server/db/tenant";
import { JOBS } from "@/server/jobs/contracts";
import { startSandboxServer, type RunningSandbox } from "@/server/sandbox/core/server";
import { createOrg, testDb } from "@/test/db";
import { FAST } from "@/test/synced-org";
import { createExecuteActionsFn } from "./execute-actions";

let sandbox: RunningSandbox;

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  process.env.TOKEN_ENCRYPTION_KEY ??= generateKey();
  sandbox = await startSandboxServer({ seed: 8 });
});
afterAll(async () => {
  await sandbox.close();
});

describe("the execute-approved-actions Inngest function", () => {
  it("runs each approved action in its own step, once, and does nothing for an event that comes again", async () => {
    const org = await createOrg(["PM"]);
    const user = org.members[0]!.user.id;
    await connectSandbox(testDb(), { organizationId: org.org.id, origin: sandbox.origin, company: sandbox.store.state.company });
    const slack = sandbox.store.state.slack;
    const channel = slack.channels.find((c) => !c.isArchived && c.memberIds.includes(slack.app.botUserId))!;
    const db = tenantDb(testDb(), org.org.id);
    const proposal = await createProposal(db, {
      organizationId: org.org.id,
      createdById: user,
      title: "Announce the plan",
      rationale: "The team should know what was committed.",
      sources: [],
      actions: [
        { kind: "slack.postMessage", input: { channelId: channel.id, text: "Sprint 24: we commit 21 points." } },
        { kind: "slack.postMessage", input: { channelId: channel.id, text: "Standup moves to 10:00 during the sprint." } },
      ],
    });
    await decideProposal(db, { organizationId: org.org.id, proposalId: proposal.id, userId: user, kind: "APPLY_ALL" });

    const fn = createExecuteActionsFn({ resilience: FAST });
    const event = { name: JOBS.actionsApproved.event, data: { organizationId: org.org.id, proposalId: proposal.id } };
    const { result, error } = await new InngestTestEngine({ function: fn, events: [event] }).execute();
    expect(error).toBeUndefined();
    expect(result).toEqual(Object.fromEntries(proposal.actions.map((a) => [a.id, "SUCCEEDED"])));
    const posted = (id: string) => slack.messages.filter((m) => JSON.stringify(m).includes(id)).length;
    for (const a of proposal.actions) expect(posted(a.id)).toBe(1);

    const again = await new InngestTestEngine({ function: fn, events: [event] }).execute();
    expect(again.result).toEqual({});
    for (const a of proposal.actions) expect(posted(a.id)).toBe(1);

    const options = (fn as unknown as { opts: { concurrency: unknown; retries: number } }).opts;
    expect(options.concurrency).toEqual([{ key: "event.data.proposalId", limit: 1 }]);
  });
});
