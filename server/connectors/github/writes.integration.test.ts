import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { githubCommentOnPullRequest, githubCommentOnPullRequestInput, type GithubCommentOnPullRequestInput } from "@/server/actions/catalogue/actions/github-comment-on-pull-request";
import { githubCreateIssue, githubCreateIssueInput, type GithubCreateIssueInput } from "@/server/actions/catalogue/actions/github-create-issue";
import { type GithubPullRequestState, type GithubRepositoryState } from "@/server/actions/catalogue/types";
import { type ActionWriter, type WriteMarker } from "@/server/actions/catalogue/writer";
import { openConnection } from "@/server/connections/open-connection";
import { connectSandbox } from "@/server/connections/sandbox-connections";
import { startSandboxServer, type RunningSandbox } from "@/server/sandbox/core/server";
import { createOrg, testDb } from "@/test/db";
import { FAST } from "@/test/synced-org";
import { generateKey } from "../crypto";
import { ConnectorError } from "../errors";
import { type Connector } from "../types";
import { actionMarker, bodyWithMarker, type GithubCommentWriteResult, type GithubCreateIssueWriteResult } from "./writes";

let sandbox: RunningSandbox;
let connector: Connector;
let owner: string;
let repo: string;

type IssueWriter = ActionWriter<GithubCreateIssueInput, GithubRepositoryState, GithubCreateIssueWriteResult>;
type CommentWriter = ActionWriter<GithubCommentOnPullRequestInput, GithubPullRequestState, GithubCommentWriteResult>;
const issueWriter = () => connector.writers!["github.createIssue"] as unknown as IssueWriter;
const commentWriter = () => connector.writers!["github.commentOnPullRequest"] as unknown as CommentWriter;

beforeAll(async () => {
  process.env.TOKEN_ENCRYPTION_KEY ??= generateKey();
  sandbox = await startSandboxServer({ seed: 5 });
  const org = await createOrg(["ADMIN"]);
  const connections = await connectSandbox(testDb(), { organizationId: org.org.id, origin: sandbox.origin, company: sandbox.store.state.company });
  const github = connections.find((c) => c.tool === "GITHUB")!;
  connector = (await openConnection(testDb(), { organizationId: org.org.id, connectionId: github.id, resilience: FAST })).connector;
  owner = sandbox.store.state.company.githubOrg;
  repo = sandbox.store.state.company.teams[0]!.repo;
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.faults.clear());

const gh = () => sandbox.store.state.github;
const repoId = (name: string) => gh().repos.find((r) => r.name === name)!.id;
const newMarker = (): WriteMarker => {
  const actionId = `act_${randomBytes(6).toString("hex")}`;
  return { actionId, approvalUrl: `http://localhost:3000/approvals?action=${actionId}` };
};
const issuesWith = (m: WriteMarker) => gh().issues.filter((i) => (i.body ?? "").includes(actionMarker(m.actionId)));
const commentsWith = (m: WriteMarker) => gh().issueComments.filter((c) => c.body.includes(actionMarker(m.actionId)));
const posts = (path: RegExp) => sandbox.requests.filter((r) => r.tool === "github" && r.method === "POST" && path.test(r.path)).length;
const ISSUES_PATH = (name: string) => new RegExp(`^/github/repos/[^/]+/${name}/issues$`);

/** A member of the repository's team, as GitHub knows them. */
function teammate(name: string): string {
  const team = sandbox.store.state.company.teams.find((t) => t.repo === name)!;
  return sandbox.store.state.company.people.find((p) => p.teamId === team.id && p.role === "engineer")!.githubLogin;
}

function openPull(name: string) {
  return gh().pulls.find((p) => p.repoId === repoId(name) && p.state === "open" && !p.locked && !p.mergedAt)!;
}

describe("github.createIssue", () => {
  it("reads the repository, opens the issue once, reads it back and finds it again by its marker", async () => {
    const w = issueWriter();
    const assignee = teammate(repo);
    const input = githubCreateIssueInput.parse({
      repo: `${owner}/${repo}`,
      title: "Payout retries double-count the FX fee",
      body: "Seen on three payouts this week (PAY-12).\n\n- retry path adds the fee again\n- ledger drift alert fired twice",
      labels: ["bug"],
      assignees: [assignee],
    });
    const state = await w.readState(input);
    expect(state.repository).toEqual({ fullName: `${owner}/${repo}`, hasIssues: true, archived: false });
    expect(state.assignableLogins).toContain(assignee);
    expect(state.assignableLogins).toHaveLength(gh().users.filter((u) => u.personId).length);
    expect(githubCreateIssue.validate(input, state)).toEqual([]);

    const since = new Date();
    const m = newMarker();
    const result = await w.execute(input, state, m);
    const stored = issuesWith(m);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ repoId: repoId(repo), number: result.number, title: input.title, assigneeLogins: [assignee], state: "open" });
    expect(stored[0]!.body).toBe(`${input.body}\n\n<!-- lumen:action=${m.actionId} -->`);
    expect(stored[0]!.labelIds.map((id) => gh().labels.find((l) => l.id === id)!.name)).toEqual(["bug"]);
    expect(result.ref).toBe(`${owner}/${repo}#${result.number}`);
    expect(result.url).toBe(`${sandbox.origin}/web/github/${owner}/${repo}/issues/${result.number}`);

    expect(await w.verify(input, result, m)).toEqual([]);
    expect(await w.findLanded(input, state, m, since)).toEqual(result);
    expect(await w.findLanded(input, state, newMarker(), since)).toBeNull();
    // GitHub's clock need not agree with ours (the sandbox's runs on its own logical time).
    expect(await w.findLanded(input, state, m, new Date(Date.now() + 86_400_000))).toEqual(result);

    // Verification reads the tool, so an edit made since shows up.
    stored[0]!.title = "Something else";
    stored[0]!.assigneeLogins = [];
    expect(await w.verify(input, result, m)).toEqual([`${result.ref} is titled "Something else", not "${input.title}".`, `@${assignee} is not assigned to ${result.ref}.`]);
  });

  it("reports an archived repository and a missing one so validation can refuse them", async () => {
    const w = issueWriter();
    const other = sandbox.store.state.company.teams[1]!.repo;
    const r = gh().repos.find((x) => x.name === other)!;
    r.archived = true;
    try {
      const input = githubCreateIssueInput.parse({ repo: `${owner}/${other}`, title: "Bump the SDK", assignees: ["nobody-here"] });
      const state = await w.readState(input);
      expect(state.repository).toMatchObject({ archived: true });
      expect(githubCreateIssue.validate(input, state)[0]!.message).toBe(`${owner}/${other} is archived and read-only. Pick an active repository.`);
    } finally {
      delete r.archived;
    }
    const missing = githubCreateIssueInput.parse({ repo: `${owner}/no-such-repo`, title: "x" });
    expect(await w.readState(missing)).toEqual({ repository: null, assignableLogins: [] });
  });

  it("finds an issue whose answer was lost, and creates nothing more", async () => {
    const w = issueWriter();
    const input = githubCreateIssueInput.parse({ repo: `${owner}/${repo}`, title: "Settlement report times out for large merchants" });
    const state = await w.readState(input);
    const since = new Date();
    const m = newMarker();
    const sent = posts(ISSUES_PATH(repo));
    sandbox.faults.add({ kind: "lost_response", tool: "github", method: "POST", path: `^/repos/[^/]+/${repo}/issues$` });
    await expect(w.execute(input, state, m)).rejects.toBeInstanceOf(ConnectorError);
    expect(posts(ISSUES_PATH(repo)) - sent).toBe(1);

    const landed = await w.findLanded(input, state, m, since);
    expect(issuesWith(m)).toHaveLength(1);
    expect(landed).toEqual({ number: issuesWith(m)[0]!.number, url: expect.stringMatching(/\/issues\/\d+$/), ref: `${owner}/${repo}#${issuesWith(m)[0]!.number}` });
    expect(await w.verify(input, landed!, m)).toEqual([]);
  });

  it("never re-sends a create that met a server error, and finds nothing landed", async () => {
    const w = issueWriter();
    const input = githubCreateIssueInput.parse({ repo: `${owner}/${repo}`, title: "Flaky webhook signature test" });
    const state = await w.readState(input);
    const since = new Date();
    const m = newMarker();
    const sent = posts(ISSUES_PATH(repo));
    sandbox.faults.add({ kind: "server_error", tool: "github", method: "POST", path: `^/repos/[^/]+/${repo}/issues$`, status: 502 });
    const error = await w.execute(input, state, m).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).kind).toBe("unavailable");
    expect(posts(ISSUES_PATH(repo)) - sent).toBe(1);
    expect(issuesWith(m)).toHaveLength(0);
    expect(await w.findLanded(input, state, m, since)).toBeNull();
  });

  it("never re-sends a create that timed out; the late write is found instead", async () => {
    const w = issueWriter();
    const input = githubCreateIssueInput.parse({ repo: `${owner}/${repo}`, title: "Refund export misses partial refunds" });
    const state = await w.readState(input);
    const since = new Date();
    const m = newMarker();
    sandbox.faults.add({ kind: "slow_response", tool: "github", method: "POST", path: `^/repos/[^/]+/${repo}/issues$`, delayMs: FAST.timeoutMs + 1_000 });
    const error = await w.execute(input, state, m).catch((e: unknown) => e);
    expect((error as ConnectorError).kind).toBe("timeout");
    // The sandbox writes before it stalls, so a re-send would already have made a second issue
    // (the request log only records a request once its late answer is out).
    expect(issuesWith(m)).toHaveLength(1);
    expect((await w.findLanded(input, state, m, since))?.number).toBe(issuesWith(m)[0]!.number);
  });

  it("re-sends a create GitHub refused with a rate limit, and creates it once", async () => {
    const w = issueWriter();
    const input = githubCreateIssueInput.parse({ repo: `${owner}/${repo}`, title: "Document the payout retry policy" });
    const state = await w.readState(input);
    const m = newMarker();
    const sent = posts(ISSUES_PATH(repo));
    sandbox.faults.add({ kind: "github_secondary_limit", tool: "github", method: "POST", path: `^/repos/[^/]+/${repo}/issues$`, retryAfterSeconds: 0 });
    const result = await w.execute(input, state, m);
    expect(posts(ISSUES_PATH(repo)) - sent).toBe(2);
    expect(issuesWith(m).map((i) => i.number)).toEqual([result.number]);
  });

  it("keeps the marker hidden after an open code block and within GitHub's length limit", () => {
    const fenced = bodyWithMarker("Repro:\n```ts\nretry(payout)", "act_1");
    expect(fenced).toBe("Repro:\n```ts\nretry(payout)\n```\n\n<!-- lumen:action=act_1 -->");
    expect(bodyWithMarker("Closed:\n~~~\nx\n~~~", "act_1")).toBe("Closed:\n~~~\nx\n~~~\n\n<!-- lumen:action=act_1 -->");
    const long = bodyWithMarker(`${"a".repeat(65_535)}😀`, "act_2");
    expect(long.length).toBeLessThanOrEqual(65_536);
    expect(long.endsWith("…\n\n<!-- lumen:action=act_2 -->")).toBe(true);
    expect(long.at(-"…\n\n<!-- lumen:action=act_2 -->".length - 1)).toBe("a");
    expect(bodyWithMarker("", "act_3")).toBe("<!-- lumen:action=act_3 -->");
  });
});

describe("github.commentOnPullRequest", () => {
  it("reads the pull request, comments once, reads the comment back and finds it again", async () => {
    const w = commentWriter();
    const pull = openPull(repo);
    const input = githubCommentOnPullRequestInput.parse({ repo: `${owner}/${repo}`, number: pull.number, body: "Can this land before Friday's release train? **PAY-12** depends on it." });
    const state = await w.readState(input);
    expect(state.pullRequest).toEqual({ repo: `${owner}/${repo}`, number: pull.number, title: pull.title, state: "open", locked: false });
    expect(githubCommentOnPullRequest.validate(input, state)).toEqual([]);

    const since = new Date();
    const m = newMarker();
    const count = gh().issueComments.length;
    const result = await w.execute(input, state, m);
    expect(gh().issueComments.length).toBe(count + 1);
    const stored = commentsWith(m);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: result.commentId, repoId: repoId(repo), issueNumber: pull.number, body: `${input.body}\n\n<!-- lumen:action=${m.actionId} -->` });
    expect(result).toEqual({ commentId: stored[0]!.id, url: `${sandbox.origin}/web/github/${owner}/${repo}/pull/${pull.number}#issuecomment-${stored[0]!.id}`, ref: `${owner}/${repo}#${pull.number}` });

    expect(await w.verify(input, result, m)).toEqual([]);
    expect(await w.findLanded(input, state, m, since)).toEqual(result);
    expect(await w.findLanded(input, state, newMarker(), since)).toBeNull();

    gh().issueComments.splice(gh().issueComments.indexOf(stored[0]!), 1);
    expect(await w.verify(input, result, m)).toEqual([`The comment on ${owner}/${repo}#${pull.number} no longer exists (it was deleted).`]);
  });

  it("reports merged, locked and missing pull requests", async () => {
    const w = commentWriter();
    const merged = gh().pulls.find((p) => p.mergedAt)!;
    const mergedRepo = gh().repos.find((r) => r.id === merged.repoId)!.name;
    expect((await w.readState(githubCommentOnPullRequestInput.parse({ repo: `${owner}/${mergedRepo}`, number: merged.number, body: "x" }))).pullRequest?.state).toBe("merged");

    const pull = openPull(repo);
    pull.locked = true;
    try {
      const input = githubCommentOnPullRequestInput.parse({ repo: `${owner}/${repo}`, number: pull.number, body: "x" });
      const state = await w.readState(input);
      expect(state.pullRequest?.locked).toBe(true);
      expect(githubCommentOnPullRequest.validate(input, state)[0]!.message).toMatch(/locked/);
    } finally {
      pull.locked = false;
    }
    const issue = gh().issues.find((i) => i.repoId === repoId(repo))!;
    expect(await w.readState(githubCommentOnPullRequestInput.parse({ repo: `${owner}/${repo}`, number: issue.number, body: "x" }))).toEqual({ pullRequest: null });
  });

  it("finds a comment whose answer was lost, and a comment that met a server error is neither re-sent nor found", async () => {
    const w = commentWriter();
    const pull = openPull(repo);
    const input = githubCommentOnPullRequestInput.parse({ repo: `${owner}/${repo}`, number: pull.number, body: "Reviewer needed: this blocks the payout fix." });
    const state = await w.readState(input);
    const since = new Date();
    const path = new RegExp(`^/github/repos/[^/]+/${repo}/issues/${pull.number}/comments$`);

    const lost = newMarker();
    sandbox.faults.add({ kind: "lost_response", tool: "github", method: "POST", path: `/issues/${pull.number}/comments$` });
    await expect(w.execute(input, state, lost)).rejects.toBeInstanceOf(ConnectorError);
    const landed = await w.findLanded(input, state, lost, since);
    expect(commentsWith(lost)).toHaveLength(1);
    expect(landed?.commentId).toBe(commentsWith(lost)[0]!.id);

    const failed = newMarker();
    const sent = posts(path);
    sandbox.faults.add({ kind: "server_error", tool: "github", method: "POST", path: `/issues/${pull.number}/comments$` });
    await expect(w.execute(input, state, failed)).rejects.toMatchObject({ kind: "unavailable" });
    expect(posts(path) - sent).toBe(1);
    expect(commentsWith(failed)).toHaveLength(0);
    expect(await w.findLanded(input, state, failed, since)).toBeNull();
  });

  it("throws rather than answering null when GitHub cannot be read", async () => {
    const w = commentWriter();
    const pull = openPull(repo);
    const input = githubCommentOnPullRequestInput.parse({ repo: `${owner}/${repo}`, number: pull.number, body: "x" });
    const state = await w.readState(input);
    sandbox.faults.add({ kind: "server_error", tool: "github", method: "GET", path: `/issues/${pull.number}/comments$`, times: null });
    await expect(w.findLanded(input, state, newMarker(), new Date())).rejects.toBeInstanceOf(ConnectorError);
    // The failed reads opened the connection's circuit; let it close before another test runs.
    sandbox.faults.clear();
    await new Promise((r) => setTimeout(r, FAST.halfOpenAfterMs + 50));
  });
});
