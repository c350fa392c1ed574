import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProposal, ProposalError } from "@/server/actions/proposals";
import { decideWithCheck } from "@/server/actions/lifecycle";
import { executeAction } from "@/server/actions/execution/executor";
import { connectSandbox } from "@/server/connections/sandbox-connections";
import { generateKey } from "@/server/connectors/crypto";
import { tenantDb } from "@/server/db/tenant";
import { startSandboxServer, type RunningSandbox } from "@/server/sandbox/core/server";
import { callerFor, createOrg, sessionFor, testDb } from "@/test/db";
import { FAST } from "@/test/synced-org";
import { DEFAULT_POLICY_YAML } from "./default-policy";
import { offeredKindsFor } from "./store";

let sandbox: RunningSandbox;
let org: Awaited<ReturnType<typeof createOrg>>;

beforeAll(async () => {
  process.env.TOKEN_ENCRYPTION_KEY ??= generateKey();
  sandbox = await startSandboxServer({ seed: 14 });
  org = await createOrg(["PM", "ENGINEER", "ADMIN", "LEADERSHIP"]);
  await connectSandbox(testDb(), { organizationId: org.org.id, origin: sandbox.origin, company: sandbox.store.state.company });
});
afterAll(async () => {
  await sandbox.close();
});

const as = (role: "PM" | "ENGINEER" | "ADMIN" | "LEADERSHIP") => callerFor(sessionFor(org.org, org.member(role).user, role));
const db = () => tenantDb(testDb(), org.org.id);
const project = () => sandbox.store.state.jira.projects[0]!.key;
const openIssue = () => sandbox.store.state.jira.issues.find((i) => i.key.startsWith(`${project()}-`) && !i.resolutionId)!.key;
const channel = () => {
  const s = sandbox.store.state.slack;
  return s.channels.find((c) => !c.isArchived && c.memberIds.includes(s.app.botUserId))!.id;
};

async function publish(text: string, note: string) {
  const admin = await as("ADMIN");
  const current = await admin.policies.current();
  return admin.policies.publish({ text, note, basedOn: current.version });
}

const ENGINEERS_ONLY_COMMENT = `${DEFAULT_POLICY_YAML}`.replace("  - name: Engineers comment with approval", "  - name: Engineers only comment\n    roles: [engineer]\n    tools: [jira, slack, github, notion]\n    actions: [create, update, transition, assign, move, post]\n    effect: deny\n\n  - name: Engineers comment with approval");

describe("the policy in force", () => {
  it("starts as the default, and says what each role may have proposed", async () => {
    const current = await (await as("ENGINEER")).policies.current();
    expect(current).toMatchObject({ version: null, text: DEFAULT_POLICY_YAML });
    expect(current.yourActions.map((a) => a.kind).sort()).toEqual(["github.commentOnPullRequest", "jira.comment"]);
    expect(await offeredKindsFor(db(), org.member("LEADERSHIP").user.id)).toEqual([]);
    expect((await offeredKindsFor(db(), org.member("PM").user.id)).length).toBeGreaterThan(8);
  });

  it("refuses at the proposal what the proposer may not do, with the reason", async () => {
    const attempt = createProposal(db(), {
      organizationId: org.org.id,
      createdById: org.member("ENGINEER").user.id,
      title: "New task",
      rationale: "Found while reviewing.",
      sources: [],
      actions: [{ kind: "jira.createIssue", input: { projectKey: project(), issueType: "Task", summary: "Add retries" } }],
    });
    await expect(attempt).rejects.toBeInstanceOf(ProposalError);
    await expect(attempt).rejects.toThrow(/^Denied: no rule lets engineers create Jira issues/);
  });

  it("checks the approver: an engineer's comment needs a PM or an admin, never another engineer", async () => {
    const proposal = await createProposal(db(), {
      organizationId: org.org.id,
      createdById: org.member("ENGINEER").user.id,
      title: "Note on the issue",
      rationale: "Context for the reviewer.",
      sources: [],
      actions: [{ kind: "jira.comment", input: { issueKey: openIssue(), body: "The fix is in review." } }],
    });
    await expect(decideWithCheck(testDb(), { organizationId: org.org.id, proposalId: proposal.id, userId: org.member("ENGINEER").user.id, kind: "APPLY_ALL" }, { resilience: FAST })).rejects.toThrow(/Denied:/);
    const decided = await decideWithCheck(testDb(), { organizationId: org.org.id, proposalId: proposal.id, userId: org.member("PM").user.id, kind: "APPLY_ALL" }, { resilience: FAST });
    expect(decided.approved).toHaveLength(1);
  });

  it("checks again at execution: a policy published after the approval stops the action, saying why", async () => {
    const proposal = await createProposal(db(), {
      organizationId: org.org.id,
      createdById: org.member("PM").user.id,
      title: "Announce",
      rationale: "Tell the team.",
      sources: [],
      actions: [{ kind: "slack.postMessage", input: { channelId: channel(), text: "Sprint 24 starts Monday." } }],
    });
    await decideWithCheck(testDb(), { organizationId: org.org.id, proposalId: proposal.id, userId: org.member("PM").user.id, kind: "APPLY_ALL" }, { resilience: FAST });
    await publish(DEFAULT_POLICY_YAML.replace("channel_max_members: 500", "channel_max_members: 1"), "Only tiny channels");
    const outcome = await executeAction(testDb(), { organizationId: org.org.id, actionId: proposal.actions[0]!.id }, { resilience: FAST });
    expect(outcome).toMatchObject({ status: "FAILED", error: expect.stringMatching(/^Not applied: Denied: .*members, more than 1/) });
    expect(sandbox.store.state.slack.messages.filter((m) => JSON.stringify(m).includes(proposal.actions[0]!.id))).toHaveLength(0);
  });
});

describe("publishing", () => {
  it("keeps versions, simulates a draft against recent proposals, and rolls back", async () => {
    const admin = await as("ADMIN");
    const simulation = await admin.policies.simulate({ text: ENGINEERS_ONLY_COMMENT.replace("  - name: Engineers comment with approval", "  - name: Engineers may not comment either\n    roles: [engineer]\n    tools: [jira]\n    actions: [comment]\n    effect: deny\n\n  - name: Engineers comment with approval"), limit: 50 });
    expect(simulation.changes).toEqual(expect.arrayContaining([expect.objectContaining({ before: expect.objectContaining({ effect: "allow" }), after: expect.objectContaining({ effect: "deny" }) })]));

    const before = await admin.policies.current();
    const published = await publish(ENGINEERS_ONLY_COMMENT, "Engineers may only comment");
    expect(published.number).toBe((before.version ?? 0) + 1);
    const versions = await admin.policies.versions();
    expect(versions[0]).toMatchObject({ number: published.number, note: "Engineers may only comment" });
    const rolled = await admin.policies.rollback({ number: before.version!, basedOn: published.number });
    expect((await admin.policies.current()).text).toBe((await admin.policies.version({ number: before.version! }))!.text);
    expect(rolled.number).toBe(published.number + 1);
    const audit = await testDb().auditEvent.findMany({ where: { organizationId: org.org.id, action: { in: ["policy.published", "policy.rolled_back"] } } });
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it("refuses bad input and leaves the running policy unchanged", async () => {
    const admin = await as("ADMIN");
    const running = await admin.policies.current();
    const bad = [
      "rules: [unclosed",
      "version: 1\nrules:\n  - name: x\n    roles: [pm]\n    tools: [gitlab]\n    actions: [comment]\n",
      "version: 1\nrules:\n  - name: x\n    roles: [pm]\n    tools: [jira]\n    actions: [teleport]\n",
      DEFAULT_POLICY_YAML.replace("editors: [admin]", "editors: [leadership]").replace("\n", "\n"),
      `version: 1\n# ${"x".repeat(1024 * 1024)}\nrules: []\n`,
    ];
    for (const text of bad) {
      await expect(admin.policies.publish({ text, basedOn: running.version })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    const check = await admin.policies.check({ text: bad[1]! });
    expect(check.errors[0]).toMatchObject({ line: 5, message: expect.stringContaining("gitlab") });
    // Someone else published meanwhile: a publish from the old version is refused.
    await publish(DEFAULT_POLICY_YAML, "Back to the default");
    await expect(admin.policies.publish({ text: DEFAULT_POLICY_YAML, basedOn: running.version })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await admin.policies.current()).text).toBe(DEFAULT_POLICY_YAML);
    await expect((await as("PM")).policies.publish({ text: DEFAULT_POLICY_YAML, basedOn: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("auto-apply", () => {
  it("sends a low-risk action the policy lets apply by itself straight to execution, recorded as the proposer's decision", async () => {
    const other = await createOrg(["PM", "ADMIN"]);
    await connectSandbox(testDb(), { organizationId: other.org.id, origin: sandbox.origin, company: sandbox.store.state.company });
    const admin = await callerFor(sessionFor(other.org, other.member("ADMIN").user, "ADMIN"));
    await admin.policies.publish({
      text: "version: 1\nrules:\n  - name: Thread replies apply by themselves\n    roles: [pm]\n    tools: [slack]\n    actions: [post]\n    approval:\n      required: false\n    auto_apply: true\n",
      note: "Replies in threads need no approval",
      basedOn: null,
    });
    const s = sandbox.store.state.slack;
    const parent = s.messages.find((m) => m.channel === channel() && (!m.threadTs || m.threadTs === m.ts))!;
    const pm = other.member("PM").user.id;
    const odb = tenantDb(testDb(), other.org.id);
    const { proposeChangesTool } = await import("@/server/agent/tools/propose-changes");
    const { SourceLedger } = await import("@/server/agent/context");
    const tool = proposeChangesTool({ db: odb, organizationId: other.org.id, userId: pm, conversationId: null, now: new Date(), ledger: new SourceLedger(), offeredKinds: await offeredKindsFor(odb, pm) });
    const options = { toolCallId: "c1", messages: [] } as unknown as Parameters<NonNullable<typeof tool.execute>>[1];
    const reply = (await tool.execute!({ title: "Answer the question", rationale: "The thread asked when the sprint starts.", actions: [{ kind: "slack.postMessage", input: { channelId: channel(), threadTs: parent.ts, text: "It starts Monday." } }] }, options)) as { proposalId: string; status: string };
    expect(reply.status).toBe("applying");
    const action = await odb.proposedAction.findFirstOrThrow({ where: { proposalId: reply.proposalId } });
    expect(action.status).toBe("APPROVED");
    expect(await odb.decision.findFirstOrThrow({ where: { proposalId: reply.proposalId } })).toMatchObject({ kind: "APPLY_ALL", userId: pm });

    // A top-level post is not low-risk: it waits for a person.
    const post = (await tool.execute!({ title: "Announce", rationale: "Tell the channel.", actions: [{ kind: "slack.postMessage", input: { channelId: channel(), text: "Sprint 24 starts Monday." } }] }, options)) as { status: string };
    expect(post.status).toBe("awaiting approval");
  });
});
