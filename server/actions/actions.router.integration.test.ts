import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectSandbox } from "@/server/connections/sandbox-connections";
import { generateKey } from "@/server/connectors/crypto";
import { tenantDb } from "@/server/db/tenant";
import { startSandboxServer, type RunningSandbox } from "@/server/sandbox/core/server";
import { callerFor, createOrg, sessionFor, testDb } from "@/test/db";
import { SLACK_TEXT_LIMIT } from "./catalogue/actions/slack-message";
import { createProposal } from "./proposals";

let sandbox: RunningSandbox;
let org: Awaited<ReturnType<typeof createOrg>>;

beforeAll(async () => {
  process.env.TOKEN_ENCRYPTION_KEY ??= generateKey();
  sandbox = await startSandboxServer({ seed: 12 });
  org = await createOrg(["PM", "ENGINEER"]);
  await connectSandbox(testDb(), { organizationId: org.org.id, origin: sandbox.origin, company: sandbox.store.state.company });
});
afterAll(async () => {
  await sandbox.close();
});

const as = (role: "PM" | "ENGINEER") => callerFor(sessionFor(org.org, org.member(role).user, role));
const db = () => tenantDb(testDb(), org.org.id);

async function propose(actions: { kind: string; input: unknown }[]) {
  return createProposal(db(), { organizationId: org.org.id, createdById: org.member("PM").user.id, model: "builtin-planner-1", title: "Plan changes", rationale: "From the sprint plan.", sources: [], actions });
}

function openIssue() {
  const j = sandbox.store.state.jira;
  const project = j.projects[0]!;
  return { project, issue: j.issues.find((i) => i.key.startsWith(`${project.key}-`) && !i.resolutionId)! };
}

function channel() {
  const s = sandbox.store.state.slack;
  return s.channels.find((c) => !c.isArchived && c.memberIds.includes(s.app.botUserId))!;
}

describe("deciding through the approvals procedures", () => {
  it("shows each action checked against the tool, with a preview and the choices the form needs", async () => {
    const { issue } = openIssue();
    const p = await propose([{ kind: "jira.assign", input: { issueKey: issue.key, accountId: null } }]);
    const checks = await (await as("PM")).actions.check({ id: p.id });
    const check = checks[p.actions[0]!.id]!;
    expect(check.unavailable).toBeNull();
    expect(check.preview).toMatchObject({ type: "diff", fields: [expect.objectContaining({ label: "Assignee", after: "Unassigned" })] });
    expect((check.state as { users: unknown[] }).users.length).toBeGreaterThan(0);
  });

  it("says why an edit makes an action invalid before anything is applied: an unknown person", async () => {
    const { issue } = openIssue();
    const p = await propose([{ kind: "jira.assign", input: { issueKey: issue.key, accountId: null } }]);
    const actionId = p.actions[0]!.id;
    const pm = await as("PM");
    const checked = await pm.actions.checkEdit({ actionId, input: { issueKey: issue.key, accountId: "no-such-account" } });
    expect(checked.issues).toEqual([expect.objectContaining({ path: "accountId" })]);
    const result = await pm.actions.decide({ proposalId: p.id, kind: "EDIT_THEN_APPLY", edits: [{ actionId, input: { issueKey: issue.key, accountId: "no-such-account" } }] });
    expect(result).toMatchObject({ ok: false, issues: [{ action: actionId, issues: [expect.objectContaining({ path: "accountId" })] }] });
    expect(await db().proposedAction.findFirstOrThrow({ where: { id: actionId } })).toMatchObject({ status: "PROPOSED" });
    expect(await db().proposal.findFirstOrThrow({ where: { id: p.id } })).toMatchObject({ status: "PENDING" });
  });

  it("refuses a closed sprint and a Slack message over its limit, each with the reason", async () => {
    const { issue, project } = openIssue();
    const j = sandbox.store.state.jira;
    const board = j.boards.find((b) => b.projectId === project.id)!;
    const closed = j.sprints.find((s) => s.boardId === board.id && s.state === "closed")!;
    const p = await propose([
      { kind: "jira.moveToSprint", input: { issueKey: issue.key, sprintId: String(closed.id) } },
      { kind: "slack.postMessage", input: { channelId: channel().id, text: "Short and fine." } },
    ]);
    const [move, post] = p.actions;
    const pm = await as("PM");
    const sprint = await pm.actions.decide({ proposalId: p.id, kind: "APPLY_SELECTED", selected: [move!.id] });
    expect(sprint).toMatchObject({ ok: false, message: expect.stringMatching(/closed/i) });
    const long = await pm.actions.decide({ proposalId: p.id, kind: "EDIT_THEN_APPLY", selected: [post!.id], edits: [{ actionId: post!.id, input: { channelId: channel().id, text: "x".repeat(SLACK_TEXT_LIMIT + 1) } }] });
    expect(long).toMatchObject({ ok: false, issues: [{ action: post!.id, issues: [expect.objectContaining({ path: "text", message: expect.stringContaining("40,000") })] }] });
  });

  it("refuses a Notion title over the 2,000-character rich-text limit", async () => {
    const parent = sandbox.store.state.notion.pages.find((pg) => pg.parent.type === "workspace" && !pg.in_trash)!;
    const p = await propose([{ kind: "notion.createPage", input: { parentId: parent.id, parentType: "page", title: "Sprint notes", markdown: "Notes." } }]);
    const actionId = p.actions[0]!.id;
    const checked = await (await as("PM")).actions.checkEdit({ actionId, input: { parentId: parent.id, parentType: "page", title: "t".repeat(2_001), markdown: "Notes." } });
    expect(checked.issues).toEqual([expect.objectContaining({ path: "title", message: expect.stringContaining("2,000") })]);
  });

  it("re-validates against the tool: a target changed since the proposal shows what changed and blocks the apply", async () => {
    const { issue } = openIssue();
    const p = await propose([{ kind: "jira.updateFields", input: { issueKey: issue.key, fields: { summary: "Sharper summary" }, baseUpdated: "2020-01-01T00:00:00.000Z", baseFields: { summary: "What it said when proposed" } } }]);
    const actionId = p.actions[0]!.id;
    const pm = await as("PM");
    const check = (await pm.actions.check({ id: p.id }))[actionId]!;
    expect(check.issues).toEqual([expect.objectContaining({ changes: [expect.objectContaining({ field: "summary", proposedAgainst: "What it said when proposed", now: issue.summary })] })]);
    expect(await pm.actions.decide({ proposalId: p.id, kind: "APPLY_ALL" })).toMatchObject({ ok: false, message: expect.stringContaining("changed since this was proposed") });
  });

  it("decides once when approve is clicked twice at the same moment, and only roles that may decide can", async () => {
    const p = await propose([{ kind: "slack.postMessage", input: { channelId: channel().id, text: "Sprint 24 starts Monday." } }]);
    await expect((await as("ENGINEER")).actions.decide({ proposalId: p.id, kind: "APPLY_ALL" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const pm = await as("PM");
    const results = await Promise.allSettled([pm.actions.decide({ proposalId: p.id, kind: "APPLY_ALL" }), pm.actions.decide({ proposalId: p.id, kind: "APPLY_ALL" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect(await testDb().decision.count({ where: { proposalId: p.id } })).toBe(1);
    // The queue lists it as running or done, never again as waiting.
    const pending = await pm.actions.queue({ tab: "pending" });
    expect(pending.map((r) => r.id)).not.toContain(p.id);
  });
});
