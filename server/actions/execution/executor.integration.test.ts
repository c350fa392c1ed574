import { spawn } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { connectSandbox } from "@/server/connections/sandbox-connections";
import { openConnection, resetResilience } from "@/server/connections/open-connection";
import { generateKey } from "@/server/connectors/crypto";
import { startSandboxServer, type RunningSandbox } from "@/server/sandbox/core/server";
import { type FaultRuleInput } from "@/server/sandbox/core/faults";
import { createOrg, testDb } from "@/test/db";
import { FAST } from "@/test/synced-org";
import { tenantDb } from "@/server/db/tenant";
import { createProposal, decideProposal } from "../proposals";
import { decideWithCheck, proposeUndo, retryAction } from "../lifecycle";
import { executeAction, executeProposal, type ExecutorOptions } from "./executor";

let sandbox: RunningSandbox;
let org: Awaited<ReturnType<typeof createOrg>>;
let connections: Awaited<ReturnType<typeof connectSandbox>>;
const options: ExecutorOptions = { resilience: FAST, appUrl: "https://lumen.test" };
const pm = () => org.members[0]!.user.id;
const db = () => tenantDb(testDb(), org.org.id);

beforeAll(async () => {
  process.env.TOKEN_ENCRYPTION_KEY ??= generateKey();
  sandbox = await startSandboxServer({ seed: 5 });
  org = await createOrg(["PM"]);
  connections = await connectSandbox(testDb(), { organizationId: org.org.id, origin: sandbox.origin, company: sandbox.store.state.company });
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(() => {
  sandbox.faults.clear();
  for (const c of connections) resetResilience(c.id);
});

function fault(rule: FaultRuleInput) {
  sandbox.faults.add(rule);
}

/** Objects in the sandbox that carry this action's id (what the action created), per tool. */
function created(actionId: string) {
  const s = sandbox.store.state;
  const has = (o: unknown) => JSON.stringify(o).includes(actionId);
  return {
    slack: s.slack.messages.filter(has).length,
    jira: s.jira.issues.filter(has).length,
    github: s.github.issues.filter(has).length,
  };
}

const channel = () => {
  const s = sandbox.store.state.slack;
  return s.channels.find((c) => !c.isArchived && c.memberIds.includes(s.app.botUserId))!.id;
};

async function approve(actions: { kind: string; input: unknown }[]) {
  const proposal = await createProposal(db(), { organizationId: org.org.id, createdById: pm(), title: "Test", rationale: "Because the plan says so.", sources: [], actions });
  await decideProposal(db(), { organizationId: org.org.id, proposalId: proposal.id, userId: pm(), kind: "APPLY_ALL" });
  return proposal;
}

const post = (text: string) => ({ kind: "slack.postMessage", input: { channelId: channel(), text } });
const later = (ms = 60 * 60_000) => ({ ...options, now: () => new Date(Date.now() + ms) });

async function readSprintState(issueKey: string, sprintId: string | null) {
  const c = connections.find((x) => x.tool === "JIRA")!;
  const opened = await openConnection(testDb(), { organizationId: org.org.id, connectionId: c.id, resilience: FAST });
  return (await opened.connector.writers!["jira.moveToSprint"]!.readState({ issueKey, sprintId } as never)) as { issue: { sprintId: string | null; updated: string } | null };
}

function backlogIssueAndFutureSprint() {
  const j = sandbox.store.state.jira;
  const future = j.sprints.find((s) => s.state === "future")!;
  const board = j.boards.find((b) => b.id === future.boardId)!;
  const project = j.projects.find((p) => p.id === board.projectId)!;
  const open = new Set(j.sprints.filter((s) => s.state !== "closed").map((s) => s.id));
  const issue = j.issues.find((i) => i.key.startsWith(`${project.key}-`) && !i.sprintIds.some((id) => open.has(id)) && !i.resolutionId)!;
  return { issueKey: issue.key, sprintId: String(future.id), sprintName: future.name };
}

describe("executing approved actions", () => {
  it("applies each approved action once, reads it back, and records the result with a link", async () => {
    const move = backlogIssueAndFutureSprint();
    const proposal = await approve([{ kind: "jira.moveToSprint", input: move }, post("Sprint plan: we commit 21 points.")]);
    const run = await executeProposal(testDb(), { organizationId: org.org.id, proposalId: proposal.id }, options);
    expect(run.outcomes.map((o) => o.outcome.status)).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    const [moved, posted] = await db().proposedAction.findMany({ where: { proposalId: proposal.id }, orderBy: { position: "asc" } });
    expect(moved).toMatchObject({ status: "SUCCEEDED", verification: { consistent: true, mismatches: [] } });
    expect((moved!.result as { url: string }).url).toContain(move.issueKey);
    expect((await readSprintState(move.issueKey, move.sprintId)).issue?.sprintId).toBe(move.sprintId);
    expect(created(posted!.id).slack).toBe(1);
    expect((posted!.result as { url: string | null }).url).toBeTruthy();

    // The approver hears once how it went.
    expect(await db().notification.findMany({ where: { userId: pm(), href: `/approvals/${proposal.id}` } })).toEqual([
      expect.objectContaining({ kind: "actions.applied", title: "Applied: Test", body: "2 actions applied and read back from the tools." }),
    ]);

    // Running the job again (a duplicate event, the sweep) changes nothing.
    const again = await executeProposal(testDb(), { organizationId: org.org.id, proposalId: proposal.id }, options);
    expect(again.outcomes).toEqual([]);
    expect(created(posted!.id).slack).toBe(1);
    expect(await db().notification.count({ where: { userId: pm(), href: `/approvals/${proposal.id}` } })).toBe(1);
  });

  it("lets only one of two workers run an action started at the same moment", async () => {
    const proposal = await approve([post("Two workers, one message.")]);
    const action = proposal.actions[0]!;
    const outcomes = await Promise.all([executeAction(testDb(), { organizationId: org.org.id, actionId: action.id }, options), executeAction(testDb(), { organizationId: org.org.id, actionId: action.id }, options)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["SKIPPED", "SUCCEEDED"]);
    expect(created(action.id).slack).toBe(1);
  });

  it("finds a write whose response was lost instead of writing it again", async () => {
    const proposal = await approve([post("Lost in transit.")]);
    const action = proposal.actions[0]!;
    fault({ kind: "lost_response", tool: "slack", method: "POST", path: "chat.postMessage" });
    const first = await executeAction(testDb(), { organizationId: org.org.id, actionId: action.id }, options);
    expect(first.status).toBe("WAITING");
    expect(created(action.id).slack).toBe(1);
    const stored = await db().proposedAction.findFirstOrThrow({ where: { id: action.id } });
    expect(stored).toMatchObject({ status: "APPROVED", attempts: 1 });
    expect(stored.startedAt).not.toBeNull();

    const second = await executeAction(testDb(), { organizationId: org.org.id, actionId: action.id }, later());
    expect(second).toMatchObject({ status: "SUCCEEDED", recovered: true });
    expect(created(action.id).slack).toBe(1);
  });

  it("writes again after a 5xx that refused the request, and only then", async () => {
    const proposal = await approve([post("Second time lucky.")]);
    const action = proposal.actions[0]!;
    fault({ kind: "server_error", tool: "slack", method: "POST", path: "chat.postMessage", status: 503 });
    const before = sandbox.requests.filter((r) => r.path.includes("chat.postMessage")).length;
    expect((await executeAction(testDb(), { organizationId: org.org.id, actionId: action.id }, options)).status).toBe("WAITING");
    // The client did not re-send the failed write by itself.
    expect(sandbox.requests.filter((r) => r.path.includes("chat.postMessage")).length - before).toBe(1);
    expect(created(action.id).slack).toBe(0);
    expect((await executeAction(testDb(), { organizationId: org.org.id, actionId: action.id }, later())).status).toBe("SUCCEEDED");
    expect(created(action.id).slack).toBe(1);
  });

  it("waits out a rate limit inside the call: a 429 is a refusal, so re-sending is safe", async () => {
    const proposal = await approve([post("After the rate limit.")]);
    const action = proposal.actions[0]!;
    fault({ kind: "rate_limit", tool: "slack", method: "POST", path: "chat.postMessage", retryAfterSeconds: 0.2 });
    expect((await executeAction(testDb(), { organizationId: org.org.id, actionId: action.id }, options)).status).toBe("SUCCEEDED");
    expect(created(action.id).slack).toBe(1);
  });

  it("recovers a create that timed out after Jira had made the issue", async () => {
    const project = sandbox.store.state.jira.projects[0]!;
    const proposal = await approve([{ kind: "jira.createIssue", input: { projectKey: project.key, issueType: "Task", summary: "Reconcile payout ledger nightly" } }]);
    const action = proposal.actions[0]!;
    fault({ kind: "slow_response", tool: "jira", method: "POST", path: "/rest/api/3/issue$", delayMs: FAST.timeoutMs + 1_000 });
    const first = await executeAction(testDb(), { organizationId: org.org.id, actionId: action.id }, options);
    expect(first.status).toBe("WAITING");
    await new Promise((r) => setTimeout(r, 1_200));
    expect(created(action.id).jira).toBe(1);
    const second = await executeAction(testDb(), { organizationId: org.org.id, actionId: action.id }, later());
    expect(second).toMatchObject({ status: "SUCCEEDED", recovered: true });
    expect(created(action.id).jira).toBe(1);
  }, 20_000);

  it("takes over from a worker killed between the write and the status update", async () => {
    const proposal = await approve([post("The worker died after this.")]);
    const action = proposal.actions[0]!;
    fault({ kind: "slow_response", tool: "slack", method: "POST", path: "chat.postMessage", delayMs: 15_000 });
    const child = spawn(process.execPath, ["--import", "tsx", "server/actions/execution/testing/run-action.ts", org.org.id, action.id], {
      env: { ...process.env, DATABASE_URL: inject("databaseUrl"), LUMEN_ACTION_LEASE_MS: "1000" },
      stdio: "ignore",
    });
    // Kill it once the message exists in Slack, before it can record anything.
    await expect.poll(() => created(action.id).slack, { timeout: 15_000, interval: 50 }).toBe(1);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect(await db().proposedAction.findFirstOrThrow({ where: { id: action.id } })).toMatchObject({ status: "EXECUTING", attempts: 1 });

    // Its lease runs out; the next worker looks for the write before anything else.
    await new Promise((r) => setTimeout(r, 1_100));
    sandbox.faults.clear();
    expect(await executeAction(testDb(), { organizationId: org.org.id, actionId: action.id }, options)).toMatchObject({ status: "SUCCEEDED", recovered: true });
    expect(created(action.id).slack).toBe(1);
  }, 40_000);

  it("waits while the tool is degraded and applies by itself when it recovers", async () => {
    fault({ kind: "server_error", tool: "slack", times: null });
    // Approving still works while Slack is down: the check says it is unavailable, not invalid.
    const proposal = await createProposal(db(), { organizationId: org.org.id, createdById: pm(), title: "Degraded", rationale: "Announce the plan.", sources: [], actions: [post("Posted once Slack is back.")] });
    await decideWithCheck(testDb(), { organizationId: org.org.id, proposalId: proposal.id, userId: pm(), kind: "APPLY_ALL" }, { resilience: FAST });
    const action = proposal.actions[0]!;
    let outcome = await executeAction(testDb(), { organizationId: org.org.id, actionId: action.id }, options);
    for (let i = 0; i < 4 && outcome.status === "WAITING" && !outcome.reason.includes("failing repeatedly"); i++) outcome = await executeAction(testDb(), { organizationId: org.org.id, actionId: action.id }, later());
    expect(outcome).toMatchObject({ status: "WAITING", reason: expect.stringContaining("applies by itself") });
    expect(created(action.id).slack).toBe(0);

    sandbox.faults.clear();
    await new Promise((r) => setTimeout(r, FAST.halfOpenAfterMs + 100));
    expect((await executeAction(testDb(), { organizationId: org.org.id, actionId: action.id }, later())).status).toBe("SUCCEEDED");
    expect(created(action.id).slack).toBe(1);
  });

  it("re-validates before running: a target changed since approval fails with what changed, and can be retried once edited", async () => {
    const project = sandbox.store.state.jira.projects[0]!;
    const issue = sandbox.store.state.jira.issues.find((i) => i.key.startsWith(`${project.key}-`) && !i.resolutionId)!;
    const c = connections.find((x) => x.tool === "JIRA")!;
    const jira = (await openConnection(testDb(), { organizationId: org.org.id, connectionId: c.id, resilience: FAST })).connector.writers!;
    const state = (await jira["jira.updateFields"]!.readState({ issueKey: issue.key, fields: { summary: "x" } } as never)) as { issue: { updated: string; summary: string } };
    const proposal = await approve([
      { kind: "jira.updateFields", input: { issueKey: issue.key, fields: { summary: "Retry payouts with backoff" }, baseUpdated: state.issue.updated, baseFields: { summary: state.issue.summary } } },
    ]);
    // Someone renames the issue in Jira after the approval.
    await new Promise((r) => setTimeout(r, 1_100));
    const renamed = await jira["jira.updateFields"]!.execute({ issueKey: issue.key, fields: { summary: "Renamed by a teammate" } } as never, (await jira["jira.updateFields"]!.readState({ issueKey: issue.key, fields: { summary: "x" } } as never)) as never, { actionId: "manual", approvalUrl: "https://lumen.test" });
    expect(renamed).toBeTruthy();
    const action = proposal.actions[0]!;
    const outcome = await executeAction(testDb(), { organizationId: org.org.id, actionId: action.id }, options);
    expect(outcome.status).toBe("FAILED");
    const failed = await db().proposedAction.findFirstOrThrow({ where: { id: action.id } });
    expect(failed.issues).toEqual([expect.objectContaining({ changes: [expect.objectContaining({ field: "summary", proposedAgainst: state.issue.summary, now: "Renamed by a teammate" })] })]);

    await retryAction(testDb(), { organizationId: org.org.id, actionId: action.id, userId: pm(), input: { issueKey: issue.key, fields: { summary: "Retry payouts with backoff" } } });
    expect((await executeAction(testDb(), { organizationId: org.org.id, actionId: action.id }, options)).status).toBe("SUCCEEDED");
    const decisions = await db().decision.findMany({ where: { proposalId: proposal.id }, orderBy: { createdAt: "asc" } });
    expect(decisions.map((d) => d.kind)).toEqual(["APPLY_ALL", "EDIT_THEN_APPLY"]);
  }, 20_000);

  it("undoes a sprint move through a new proposal that restores the issue's prior state", async () => {
    const move = backlogIssueAndFutureSprint();
    const before = (await readSprintState(move.issueKey, move.sprintId)).issue!;
    const proposal = await approve([{ kind: "jira.moveToSprint", input: move }]);
    await executeProposal(testDb(), { organizationId: org.org.id, proposalId: proposal.id }, options);
    expect((await readSprintState(move.issueKey, move.sprintId)).issue!.sprintId).toBe(move.sprintId);

    const undo = await proposeUndo(testDb(), { organizationId: org.org.id, actionId: proposal.actions[0]!.id, userId: pm() });
    expect(undo.existing).toBe(false);
    // Asking twice gives the same undo proposal.
    expect(await proposeUndo(testDb(), { organizationId: org.org.id, actionId: proposal.actions[0]!.id, userId: pm() })).toEqual({ proposalId: undo.proposalId, existing: true });
    const undoActions = await db().proposedAction.findMany({ where: { proposalId: undo.proposalId } });
    expect(undoActions).toEqual([expect.objectContaining({ kind: "jira.moveToSprint", status: "PROPOSED", undoOfId: proposal.actions[0]!.id })]);
    await decideProposal(db(), { organizationId: org.org.id, proposalId: undo.proposalId, userId: pm(), kind: "APPLY_ALL" });
    await executeProposal(testDb(), { organizationId: org.org.id, proposalId: undo.proposalId }, options);
    expect((await readSprintState(move.issueKey, move.sprintId)).issue!.sprintId).toBe(before.sprintId);
  });
});
