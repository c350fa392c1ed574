import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ACTIONS, parseAction, type ActionInput } from "@/server/actions/catalogue/registry";
import { type ActionKind } from "@/server/actions/catalogue/types";
import { type ActionWriter, type WriteMarker, type WriteResultBase } from "@/server/actions/catalogue/writer";
import { openConnection, resetResilience } from "@/server/connections/open-connection";
import { connectSandbox } from "@/server/connections/sandbox-connections";
import { startSandboxServer, type RunningSandbox } from "@/server/sandbox/core/server";
import { STATUS } from "@/server/sandbox/jira/catalog";
import { type JiraIssue } from "@/server/sandbox/jira/state";
import { createOrg, testDb } from "@/test/db";
import { FAST } from "@/test/synced-org";
import { generateKey } from "../crypto";
import { ConnectorError } from "../errors";
import { type Connector } from "../types";
import { MARKER_PROPERTY } from "./writes";

/**
 * The Jira writers through jira.js against the sandbox: each kind reads its target, passes the
 * catalogue's validation, writes once, reads back clean, and is recognised by findLanded; lost
 * answers and server errors never lead to a second write.
 */

let sandbox: RunningSandbox;
let clean: string;
let organizationId: string;
let connectionId: string;
let connector: Connector;

type StateOf<K extends ActionKind> = Parameters<(typeof ACTIONS)[K]["validate"]>[1];

function writer<K extends ActionKind, R extends WriteResultBase = WriteResultBase>(kind: K) {
  const w = connector.writers?.[kind];
  if (!w) throw new Error(`The Jira connector has no writer for ${kind}`);
  return w as unknown as ActionWriter<ActionInput<K>, StateOf<K>, R>;
}

/** The input as the catalogue parses it (what the executor hands a writer). */
function input<K extends ActionKind>(kind: K, raw: unknown): ActionInput<K> {
  const parsed = parseAction(kind, raw);
  if (!parsed.ok) throw new Error(`Invalid ${kind} input: ${JSON.stringify(parsed.issues)}`);
  return parsed.action.input;
}

const validate = <K extends ActionKind>(kind: K, value: ActionInput<K>, state: StateOf<K>) => (ACTIONS[kind].validate as (i: unknown, s: unknown) => unknown[])(value, state);
const newMarker = (): WriteMarker => {
  const actionId = `act_${randomUUID()}`;
  return { actionId, approvalUrl: `https://lumen.example/approvals/${actionId}` };
};

const jira = () => sandbox.store.state.jira;
const stored = (key: string) => jira().issues.find((i) => i.key === key)!;
const markedIssues = (m: WriteMarker) => jira().issues.filter((i) => (i.properties?.[MARKER_PROPERTY] as { actionId?: string } | undefined)?.actionId === m.actionId);
const markedComments = (issue: JiraIssue, m: WriteMarker) => issue.comments.filter((c) => (c.properties?.[MARKER_PROPERTY] as { actionId?: string } | undefined)?.actionId === m.actionId);
const requestsTo = (method: string, path: RegExp) => sandbox.requests.filter((r) => r.tool === "jira" && r.method === method && path.test(r.path.replace(/^\/ex\/jira\/[^/]+/, "")));
const payProject = () => jira().projects.find((p) => p.key === "PAY")!;
const payIssues = () => jira().issues.filter((i) => i.projectId === payProject().id);
const openSprintIds = () => new Set(jira().sprints.filter((s) => s.state !== "closed").map((s) => s.id));
const inBacklog = (i: JiraIssue) => !i.sprintIds.some((id) => openSprintIds().has(id));
const team = () => sandbox.store.state.company.teams.find((t) => t.key === "PAY")!;
const person = (id: string) => sandbox.store.state.company.people.find((p) => p.id === id)!;

/** Issues whose stored JSON differs between two states (added ones included): "exactly the change". */
function changedKeys(before: JiraIssue[], after: JiraIssue[]): string[] {
  const old = new Map(before.map((i) => [i.id, JSON.stringify(i)]));
  return after.filter((i) => old.get(i.id) !== JSON.stringify(i)).map((i) => i.key);
}
const issuesNow = () => structuredClone(jira().issues);

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ConnectorError) return e;
    throw e;
  }
  throw new Error("expected the write to fail");
}

beforeAll(async () => {
  process.env.TOKEN_ENCRYPTION_KEY ??= generateKey();
  sandbox = await startSandboxServer({ seed: 5 });
  clean = sandbox.store.snapshot().id;
  const { org } = await createOrg(["ADMIN"]);
  organizationId = org.id;
  const connections = await connectSandbox(testDb(), { organizationId, origin: sandbox.origin, company: sandbox.store.state.company });
  connectionId = connections.find((c) => c.tool === "JIRA")!.id;
});

beforeEach(async () => {
  sandbox.store.restore(clean);
  sandbox.faults.clear();
  sandbox.requests.length = 0;
  // A fresh circuit per test: fault tests must not leave it open for the next one.
  resetResilience(connectionId);
  connector = (await openConnection(testDb(), { organizationId, connectionId, resilience: FAST })).connector;
});

afterAll(async () => {
  await sandbox.close();
});

describe("jira.createIssue", () => {
  const kind = "jira.createIssue";
  const w = () => writer<typeof kind, WriteResultBase & { key: string }>(kind);

  async function storyInput(extra: Record<string, unknown> = {}) {
    const state = await w().readState(input(kind, { projectKey: "PAY", issueType: "Story", summary: "x" }));
    const epic = payIssues().find((i) => i.issueTypeId === "10000")!;
    const assignee = state.users.find((u) => u.active)!;
    const active = state.sprints.find((s) => s.state === "active")!;
    return {
      state,
      value: input(kind, {
        projectKey: "PAY",
        issueType: "Story",
        summary: "Retry failed SEPA payouts automatically",
        description: "Payouts that fail with a **transient** bank error are retried _three_ times.\n\n- back off\n- alert on the last failure",
        priority: "High",
        labels: ["payouts", "reliability"],
        assigneeId: assignee.accountId,
        storyPoints: 5,
        parentKey: epic.key,
        sprintId: active.id,
        ...extra,
      }),
    };
  }

  it("reads the project's configuration for the form and validation", async () => {
    const state = await w().readState(input(kind, { projectKey: "PAY", issueType: "Story", summary: "x" }));
    expect(state.project).toEqual({ key: "PAY", name: payProject().name, issueTypes: expect.arrayContaining(["Story", "Task", "Bug", "Epic"]) });
    expect(state.priorities).toEqual(["Highest", "High", "Medium", "Low", "Lowest"]);
    expect(state.users.map((u) => u.accountId).sort()).toEqual(team().memberIds.map((id) => person(id).jiraAccountId).sort());
    expect(state.sprints).toEqual(
      expect.arrayContaining(jira().sprints.filter((s) => s.boardId === 1 && s.state !== "closed").map((s) => ({ id: String(s.id), name: s.name, state: s.state }))),
    );
    expect(state.sprints.every((s) => s.state !== "closed")).toBe(true);

    const missing = await w().readState(input(kind, { projectKey: "NOPE", issueType: "Story", summary: "x" }));
    expect(missing).toEqual({ project: null, priorities: [], users: [], sprints: [] });
  });

  it("creates the issue once with every field, in its sprint, marked with the action", async () => {
    const { state, value } = await storyInput();
    expect(validate(kind, value, state)).toEqual([]);
    const marker = newMarker();
    const before = issuesNow();
    const since = new Date();
    const result = await w().execute(value, state, marker);

    expect(changedKeys(before, jira().issues)).toEqual([result.key]);
    expect(markedIssues(marker).map((i) => i.key)).toEqual([result.key]);
    const issue = stored(result.key);
    expect(issue).toMatchObject({
      summary: value.summary,
      issueTypeId: "10001",
      priorityId: "2",
      labels: ["payouts", "reliability"],
      assigneeAccountId: value.assigneeId,
      storyPoints: 5,
      parentId: payIssues().find((i) => i.key === value.parentKey)!.id,
      sprintIds: [Number(value.sprintId)],
    });
    expect(result.ref).toBe(result.key);
    expect(result.url).toMatch(new RegExp(`/browse/${result.key}$`));

    expect(await w().verify(value, result, marker)).toEqual([]);
    expect(await w().findLanded(value, state, marker, since)).toEqual(result);
    expect(await w().findLanded(value, state, newMarker(), since)).toBeNull();
  });

  it("verify reports what differs when the issue was changed afterwards", async () => {
    const { state, value } = await storyInput();
    const marker = newMarker();
    const result = await w().execute(value, state, marker);
    stored(result.key).summary = "Edited by someone";
    stored(result.key).storyPoints = 8;
    expect(await w().verify(value, result, marker)).toEqual([
      `Summary is "Edited by someone" in Jira; the action set "${value.summary}".`,
      "Story points is 8 in Jira; the action set 5.",
    ]);
  });

  it("after a lost answer, finds the created issue and finishes the sprint move it never got to", async () => {
    const { state, value } = await storyInput();
    const marker = newMarker();
    sandbox.faults.add({ kind: "lost_response", tool: "jira", method: "POST", path: "^/rest/api/3/issue$" });
    const since = new Date();
    const error = await failure(w().execute(value, state, marker));
    expect(error.kind).toBe("network");
    expect(requestsTo("POST", /^\/rest\/api\/3\/issue$/)).toHaveLength(1);

    const [created] = markedIssues(marker);
    expect(created).toBeDefined();
    expect(inBacklog(created!)).toBe(true);

    const found = await w().findLanded(value, state, marker, since);
    expect(found?.key).toBe(created!.key);
    expect(markedIssues(marker)).toHaveLength(1);
    expect(stored(created!.key).sprintIds).toEqual([Number(value.sprintId)]);
    expect(await w().verify(value, found!, marker)).toEqual([]);
  });

  it("after a timeout whose write landed, finds it instead of writing again", async () => {
    const { state, value } = await storyInput({ sprintId: undefined });
    const marker = newMarker();
    sandbox.faults.add({ kind: "slow_response", tool: "jira", method: "POST", path: "^/rest/api/3/issue$", delayMs: FAST.timeoutMs + 1_000 });
    const since = new Date();
    expect((await failure(w().execute(value, state, marker))).kind).toBe("timeout");
    const found = await w().findLanded(value, state, marker, since);
    expect(found).not.toBeNull();
    expect(markedIssues(marker).map((i) => i.key)).toEqual([found!.key]);
    // The sandbox logs the request once its late answer goes out.
    await vi.waitFor(() => expect(requestsTo("POST", /^\/rest\/api\/3\/issue$/)).toHaveLength(1), { timeout: 3_000 });
  });

  it("never re-sends a create that met a server error, and finds that nothing landed", async () => {
    const { state, value } = await storyInput();
    const marker = newMarker();
    const before = sandbox.store.hash();
    sandbox.faults.add({ kind: "server_error", tool: "jira", method: "POST", path: "^/rest/api/3/issue$" });
    const since = new Date();
    expect((await failure(w().execute(value, state, marker))).kind).toBe("unavailable");
    expect(requestsTo("POST", /^\/rest\/api\/3\/issue$/)).toEqual([expect.objectContaining({ status: 500 })]);
    expect(sandbox.store.hash()).toBe(before);
    expect(await w().findLanded(value, state, marker, since)).toBeNull();
  });

  it("re-sends a create Jira refused with 429, and it lands once", async () => {
    const { state, value } = await storyInput({ sprintId: undefined });
    const marker = newMarker();
    sandbox.faults.add({ kind: "rate_limit", tool: "jira", method: "POST", path: "^/rest/api/3/issue$", retryAfterSeconds: 0 });
    const result = await w().execute(value, state, marker);
    expect(requestsTo("POST", /^\/rest\/api\/3\/issue$/).map((r) => r.status)).toEqual([429, 201]);
    expect(markedIssues(marker).map((i) => i.key)).toEqual([result.key]);
  });

  it("when the sprint move fails, findLanded finishes it on the issue already created", async () => {
    const { state, value } = await storyInput();
    const marker = newMarker();
    sandbox.faults.add({ kind: "server_error", tool: "jira", method: "POST", path: "^/rest/agile/1\\.0/sprint/\\d+/issue$" });
    const since = new Date();
    await failure(w().execute(value, state, marker));
    const [created] = markedIssues(marker);
    expect(inBacklog(created!)).toBe(true);
    const found = await w().findLanded(value, state, marker, since);
    expect(found?.key).toBe(created!.key);
    expect(stored(created!.key).sprintIds).toEqual([Number(value.sprintId)]);
    expect(markedIssues(marker)).toHaveLength(1);
  });

  it("throws rather than answering null when Jira cannot be searched, or answers nonsense", async () => {
    const { state, value } = await storyInput();
    const search = { tool: "jira", method: "POST", path: "^/rest/api/3/search/jql$" } as const;
    sandbox.faults.add({ kind: "server_error", ...search, times: null });
    expect((await failure(w().findLanded(value, state, newMarker(), new Date()))).kind).toBe("unavailable");

    sandbox.faults.clear();
    resetResilience(connectionId);
    connector = (await openConnection(testDb(), { organizationId, connectionId, resilience: FAST })).connector;
    sandbox.faults.add({ kind: "invalid_json", ...search });
    expect((await failure(w().findLanded(value, state, newMarker(), new Date()))).kind).toBe("bad_response");
    sandbox.faults.add({ kind: "missing_fields", ...search, dropFields: ["issues"] });
    expect((await failure(w().findLanded(value, state, newMarker(), new Date()))).kind).toBe("bad_response");
  });
});

describe("jira.updateFields", () => {
  const kind = "jira.updateFields";
  const w = () => writer(kind);
  const target = () => payIssues().find((i) => i.statusId === STATUS.todo && i.issueTypeId === "10001" && i.priorityId !== "1" && i.description !== null)!;

  it("reads the issue as a snapshot with its description in Markdown", async () => {
    const issue = target();
    const state = await w().readState(input(kind, { issueKey: issue.key, fields: { summary: "x" } }));
    expect(state.issue).toMatchObject({ key: issue.key, projectKey: "PAY", summary: issue.summary, status: "To Do", storyPoints: issue.storyPoints, labels: issue.labels });
    expect(state.issue!.description).toBeTruthy();
    expect(state.priorities).toContain("Highest");
    const missing = await w().readState(input(kind, { issueKey: "PAY-99999", fields: { summary: "x" } }));
    expect(missing).toEqual({ issue: null, priorities: [] });
  });

  it("sets the fields once and recognises them as landed", async () => {
    const issue = target();
    const value = input(kind, {
      issueKey: issue.key,
      fields: { summary: "Payout retries: exponential back-off", description: "Use **exponential** back-off.\n\n1. 1 min\n2. 5 min", priority: "Highest", labels: ["payouts", "q4"], storyPoints: 8, dueDate: "2026-12-04" },
    });
    const state = await w().readState(value);
    expect(validate(kind, value, state)).toEqual([]);
    const marker = newMarker();
    const since = new Date();
    expect(await w().findLanded(value, state, marker, since)).toBeNull();

    const before = issuesNow();
    const result = await w().execute(value, state, marker);
    expect(changedKeys(before, jira().issues)).toEqual([issue.key]);
    expect(stored(issue.key)).toMatchObject({ summary: "Payout retries: exponential back-off", priorityId: "1", labels: ["payouts", "q4"], storyPoints: 8, dueDate: "2026-12-04" });
    expect(result).toEqual({ url: expect.stringMatching(new RegExp(`/browse/${issue.key}$`)), ref: issue.key });
    expect(await w().verify(value, result, marker)).toEqual([]);
    expect(await w().findLanded(value, state, marker, since)).toEqual(result);

    const after = await w().readState(value);
    expect(after.issue!.description).toBe("Use **exponential** back-off.\n\n1. 1 min\n2. 5 min");
  });

  it("resets the priority to the project's default and clears fields set to null", async () => {
    const issue = target();
    const value = input(kind, { issueKey: issue.key, fields: { priority: null, storyPoints: null, description: null } });
    const state = await w().readState(value);
    expect(validate(kind, value, state)).toEqual([]);
    const result = await w().execute(value, state, newMarker());
    expect(stored(issue.key)).toMatchObject({ priorityId: "3", storyPoints: null, description: null });
    expect(await w().verify(value, result, newMarker())).toEqual([]);
  });

  it("after a lost answer, findLanded sees the values are already there", async () => {
    const issue = target();
    const value = input(kind, { issueKey: issue.key, fields: { summary: "Renamed once" } });
    const state = await w().readState(value);
    sandbox.faults.add({ kind: "lost_response", tool: "jira", method: "PUT", path: `^/rest/api/3/issue/${issue.key}$` });
    const marker = newMarker();
    await failure(w().execute(value, state, marker));
    expect(await w().findLanded(value, state, marker, new Date())).toEqual({ url: expect.any(String), ref: issue.key });
    expect(stored(issue.key).changelog.filter((h) => h.items.some((it) => it.field === "summary" && it.toString === "Renamed once"))).toHaveLength(1);
  });
});

describe("jira.transition", () => {
  const kind = "jira.transition";
  const w = () => writer(kind);
  const target = () => payIssues().find((i) => i.statusId === STATUS.todo && i.issueTypeId !== "10000")!;

  it("closes an issue as Won't Do with a comment in one request", async () => {
    const issue = target();
    const value = input(kind, { issueKey: issue.key, toStatus: "Done", resolution: "Won't Do", comment: "Superseded by the **new** payout flow." });
    const state = await w().readState(value);
    expect(state.transitions.map((t) => t.toStatus)).toEqual(["In Progress", "In Review", "Done"]);
    expect(state.resolutions).toEqual(["Done", "Won't Do", "Duplicate"]);
    expect(validate(kind, value, state)).toEqual([]);
    const marker = newMarker();
    const since = new Date();
    expect(await w().findLanded(value, state, marker, since)).toBeNull();

    const comments = issue.comments.length;
    const before = issuesNow();
    const result = await w().execute(value, state, marker);
    expect(changedKeys(before, jira().issues)).toEqual([issue.key]);
    expect(requestsTo("POST", /\/transitions$/)).toHaveLength(1);
    const after = stored(issue.key);
    expect(after).toMatchObject({ statusId: STATUS.done, resolutionId: "10001" });
    expect(after.comments).toHaveLength(comments + 1);
    expect(await w().verify(value, result, marker)).toEqual([]);
    expect(await w().findLanded(value, state, marker, since)).toEqual(result);
  });

  it("refuses a status the workflow cannot reach, saying where it can go", async () => {
    const issue = target();
    const value = input(kind, { issueKey: issue.key, toStatus: "Blocked" });
    const state = await w().readState(value);
    const error = await failure(w().execute(value, state, newMarker()));
    expect(error.kind).toBe("invalid_request");
    expect(error.message).toContain("In Progress, In Review, Done");
    expect(requestsTo("POST", /\/transitions$/)).toHaveLength(0);
  });

  it("after a lost answer, findLanded sees the new status", async () => {
    const issue = target();
    const value = input(kind, { issueKey: issue.key, toStatus: "In Progress" });
    const state = await w().readState(value);
    sandbox.faults.add({ kind: "lost_response", tool: "jira", method: "POST", path: "/transitions$" });
    await failure(w().execute(value, state, newMarker()));
    expect(await w().findLanded(value, state, newMarker(), new Date())).toEqual({ url: expect.any(String), ref: issue.key });
    expect(stored(issue.key).statusId).toBe(STATUS.inProgress);
  });
});

describe("jira.assign", () => {
  const kind = "jira.assign";
  const w = () => writer(kind);

  it("assigns to a teammate, then unassigns", async () => {
    const issue = payIssues().find((i) => i.assigneeAccountId !== null && i.issueTypeId !== "10000")!;
    const other = team().memberIds.map(person).find((p) => p.jiraAccountId !== issue.assigneeAccountId)!;
    const value = input(kind, { issueKey: issue.key, accountId: other.jiraAccountId, displayName: other.name });
    const state = await w().readState(value);
    expect(state.users.map((u) => u.accountId).sort()).toEqual(team().memberIds.map((id) => person(id).jiraAccountId).sort());
    expect(validate(kind, value, state)).toEqual([]);
    const marker = newMarker();
    expect(await w().findLanded(value, state, marker, new Date())).toBeNull();

    const before = issuesNow();
    const result = await w().execute(value, state, marker);
    expect(changedKeys(before, jira().issues)).toEqual([issue.key]);
    expect(stored(issue.key).assigneeAccountId).toBe(other.jiraAccountId);
    expect(await w().verify(value, result, marker)).toEqual([]);
    expect(await w().findLanded(value, state, marker, new Date())).toEqual(result);

    const unassign = input(kind, { issueKey: issue.key, accountId: null });
    const now = await w().readState(unassign);
    expect(validate(kind, unassign, now)).toEqual([]);
    const cleared = await w().execute(unassign, now, newMarker());
    expect(stored(issue.key).assigneeAccountId).toBeNull();
    expect(await w().verify(unassign, cleared, newMarker())).toEqual([]);
  });
});

describe("jira.moveToSprint", () => {
  const kind = "jira.moveToSprint";
  const w = () => writer(kind);

  it("moves a backlog issue into the next sprint, and back to the backlog", async () => {
    const issue = payIssues().find((i) => inBacklog(i) && i.statusId === STATUS.todo && i.issueTypeId !== "10000" && i.issueTypeId !== "10003")!;
    const future = jira().sprints.find((s) => s.boardId === 1 && s.state === "future")!;
    const value = input(kind, { issueKey: issue.key, sprintId: String(future.id), sprintName: future.name });
    const state = await w().readState(value);
    expect(state.targetSprint).toEqual({ id: String(future.id), name: future.name, state: "future" });
    expect(state.currentSprint).toBeNull();
    expect(validate(kind, value, state)).toEqual([]);
    const marker = newMarker();
    expect(await w().findLanded(value, state, marker, new Date())).toBeNull();

    const result = await w().execute(value, state, marker);
    expect(stored(issue.key).sprintIds.filter((id) => openSprintIds().has(id))).toEqual([future.id]);
    expect(await w().verify(value, result, marker)).toEqual([]);
    expect(await w().findLanded(value, state, marker, new Date())).toEqual(result);

    const back = input(kind, { issueKey: issue.key, sprintId: null });
    const now = await w().readState(back);
    expect(now.currentSprint?.id).toBe(String(future.id));
    expect(validate(kind, back, now)).toEqual([]);
    const moved = await w().execute(back, now, newMarker());
    expect(inBacklog(stored(issue.key))).toBe(true);
    expect(await w().verify(back, moved, newMarker())).toEqual([]);
  });

  it("reads a closed target sprint so validation can refuse it", async () => {
    const issue = payIssues().find((i) => inBacklog(i) && i.statusId === STATUS.todo && i.issueTypeId !== "10000")!;
    const closed = jira().sprints.find((s) => s.boardId === 1 && s.state === "closed")!;
    const value = input(kind, { issueKey: issue.key, sprintId: String(closed.id) });
    const state = await w().readState(value);
    expect(state.targetSprint?.state).toBe("closed");
    expect(validate(kind, value, state)).toEqual([expect.objectContaining({ path: "sprintId" })]);
  });
});

describe("jira.comment", () => {
  const kind = "jira.comment";
  const w = () => writer<typeof kind, WriteResultBase & { commentId: string }>(kind);
  const target = () => payIssues().find((i) => i.comments.length >= 2)!;

  it("posts the comment once, marked, and finds it again", async () => {
    const issue = target();
    const value = input(kind, { issueKey: issue.key, body: "Rolled out to **10%** of payouts; see the [dashboard](https://grafana.example/d/payouts)." });
    const state = await w().readState(value);
    expect(validate(kind, value, state)).toEqual([]);
    const marker = newMarker();
    const since = new Date();
    const before = issuesNow();
    const result = await w().execute(value, state, marker);
    expect(changedKeys(before, jira().issues)).toEqual([issue.key]);
    expect(markedComments(stored(issue.key), marker).map((c) => c.id)).toEqual([result.commentId]);
    expect(result.url).toMatch(new RegExp(`/browse/${issue.key}\\?focusedCommentId=${result.commentId}$`));

    expect(await w().verify(value, result, marker)).toEqual([]);
    expect(await w().findLanded(value, state, marker, since)).toEqual(result);
    expect(await w().findLanded(value, state, newMarker(), since)).toBeNull();
  });

  it("after a lost answer, finds the posted comment; after a server error, finds nothing", async () => {
    const issue = target();
    const value = input(kind, { issueKey: issue.key, body: "Status: rollout paused." });
    const state = await w().readState(value);
    const path = `^/rest/api/3/issue/${issue.key}/comment$`;

    const lost = newMarker();
    sandbox.faults.add({ kind: "lost_response", tool: "jira", method: "POST", path });
    const since = new Date();
    await failure(w().execute(value, state, lost));
    const found = await w().findLanded(value, state, lost, since);
    expect(found?.commentId).toBe(markedComments(stored(issue.key), lost)[0]!.id);
    expect(markedComments(stored(issue.key), lost)).toHaveLength(1);

    const refused = newMarker();
    const comments = stored(issue.key).comments.length;
    sandbox.faults.add({ kind: "server_error", tool: "jira", method: "POST", path });
    await failure(w().execute(value, state, refused));
    expect(requestsTo("POST", new RegExp(path))).toHaveLength(2);
    expect(stored(issue.key).comments).toHaveLength(comments);
    expect(await w().findLanded(value, state, refused, since)).toBeNull();
  });
});
