import { type Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_CREDENTIALS } from "../core/seed";
import { startSandboxServer, type RunningSandbox } from "../core/server";
import { GithubOpenApi } from "./testing/openapi";

const openapi = new GithubOpenApi();
let sandbox: RunningSandbox;
let octokit: Octokit;
let owner: string;
let repo: string;

beforeAll(async () => {
  sandbox = await startSandboxServer({ seed: 1 });
  octokit = openapi.octokit({ auth: SANDBOX_CREDENTIALS.apiTokens.github, baseUrl: sandbox.urls.githubBaseUrl });
  owner = sandbox.store.state.company.githubOrg;
  repo = sandbox.store.state.company.teams[0]!.repo;
});
afterAll(() => sandbox.close());

const now = () => Date.parse(sandbox.store.state.company.now);

describe("GitHub sandbox writes through @octokit/rest", () => {
  it("reads leave the world's hash alone", async () => {
    const before = sandbox.store.hash();
    await octokit.rest.pulls.list({ owner, repo, state: "all" });
    await octokit.rest.issues.listForRepo({ owner, repo });
    expect(sandbox.store.hash()).toBe(before);
  });

  it("creates an issue on the logical clock and reads it back", async () => {
    const before = sandbox.store.hash();
    const numbers = [...sandbox.store.state.github.issues, ...sandbox.store.state.github.pulls].filter((i) => i.repoId === sandbox.store.state.github.repos.find((r) => r.name === repo)!.id).map((i) => i.number);
    const assignee = sandbox.store.state.company.people.find((p) => p.role === "engineer")!.githubLogin;
    const created = await octokit.rest.issues.create({ owner, repo, title: "Ledger drift alert fired twice", body: "Seen in #payments-alerts.", labels: ["bug", "from-lumen"], assignees: [assignee] });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(created.data.url);
    expect(created.data).toMatchObject({ number: Math.max(...numbers) + 1, state: "open", title: "Ledger drift alert fired twice", comments: 0 });
    expect(created.data.user!.login).toBe(sandbox.store.state.company.people.find((p) => p.role === "admin")!.githubLogin);
    expect(created.data.assignees!.map((a) => a.login)).toEqual([assignee]);
    expect(created.data.labels.map((l) => (typeof l === "string" ? l : l.name))).toEqual(["bug", "from-lumen"]);
    expect(Date.parse(created.data.created_at)).toBeGreaterThan(now());
    expect(Date.parse(created.data.created_at) - now()).toBeLessThan(60_000);
    expect(sandbox.store.hash()).not.toBe(before);

    const got = await octokit.rest.issues.get({ owner, repo, issue_number: created.data.number });
    expect(got.data).toMatchObject({ id: created.data.id, closed_by: null });
    const listed = await octokit.rest.issues.listForRepo({ owner, repo, labels: "from-lumen" });
    expect(listed.data.map((i) => i.number)).toEqual([created.data.number]);
  });

  it("comments on an issue and a pull request, edits and deletes the comment", async () => {
    const [issue] = (await octokit.rest.issues.listForRepo({ owner, repo, labels: "from-lumen" })).data;
    const comment = await octokit.rest.issues.createComment({ owner, repo, issue_number: issue!.number, body: "Linked to the incident doc." });
    expect(comment.status).toBe(201);
    expect(comment.data.body).toBe("Linked to the incident doc.");
    const listed = await octokit.rest.issues.listComments({ owner, repo, issue_number: issue!.number });
    expect(listed.data.map((c) => c.id)).toEqual([comment.data.id]);
    expect((await octokit.rest.issues.get({ owner, repo, issue_number: issue!.number })).data.comments).toBe(1);

    const pull = (await octokit.rest.pulls.list({ owner, repo })).data[0]!;
    const onPull = await octokit.rest.issues.createComment({ owner, repo, issue_number: pull.number, body: "Friendly reminder: this needs a reviewer." });
    const conversation = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: pull.number });
    expect(conversation.at(-1)!.id).toBe(onPull.data.id);
    expect((await octokit.rest.pulls.get({ owner, repo, pull_number: pull.number })).data.updated_at).toBe(onPull.data.created_at);

    const edited = await octokit.rest.issues.updateComment({ owner, repo, comment_id: comment.data.id, body: "Linked to the incident doc (edited)." });
    expect(edited.data.body).toBe("Linked to the incident doc (edited).");
    expect(Date.parse(edited.data.updated_at)).toBeGreaterThan(Date.parse(edited.data.created_at));

    const hash = sandbox.store.hash();
    const deleted = await octokit.rest.issues.deleteComment({ owner, repo, comment_id: comment.data.id });
    expect(deleted.status).toBe(204);
    expect(sandbox.store.hash()).not.toBe(hash);
    await expect(octokit.rest.issues.getComment({ owner, repo, comment_id: comment.data.id })).rejects.toMatchObject({ status: 404 });
  });

  it("closes and reopens an issue (the undo of creating one)", async () => {
    const [issue] = (await octokit.rest.issues.listForRepo({ owner, repo, labels: "from-lumen" })).data;
    const closed = await octokit.rest.issues.update({ owner, repo, issue_number: issue!.number, state: "closed", state_reason: "not_planned" });
    expect(closed.data).toMatchObject({ state: "closed", state_reason: "not_planned" });
    expect(closed.data.closed_by!.login).toBe(issue!.user!.login);
    const reopened = await octokit.rest.issues.update({ owner, repo, issue_number: issue!.number, state: "open" });
    expect(reopened.data).toMatchObject({ state: "open", state_reason: "reopened", closed_at: null });
  });

  it("refuses invalid writes with GitHub's 422 bodies", async () => {
    await expect(octokit.rest.issues.create({ owner, repo, title: "  " })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: "Validation Failed", errors: [{ resource: "Issue", code: "missing_field", field: "title" }], status: "422" } },
    });
    await expect(octokit.rest.issues.create({ owner, repo, title: "x", assignees: ["not-a-member"] })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: "Validation Failed", errors: [{ value: "not-a-member", resource: "Issue", field: "assignees", code: "invalid" }] } },
    });
    await expect(octokit.request("POST /repos/{owner}/{repo}/issues", { owner, repo, body: "no title" } as never)).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Invalid request.\n\n"title" wasn\'t supplied.' } },
    });
    const pull = (await octokit.rest.pulls.list({ owner, repo })).data[0]!;
    await expect(octokit.rest.issues.createComment({ owner, repo, issue_number: pull.number, body: "" })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: "Validation Failed", errors: [{ resource: "IssueComment", code: "unprocessable", field: "data", message: "Body cannot be blank" }] } },
    });
    await expect(octokit.rest.issues.createComment({ owner, repo, issue_number: 99_999, body: "hi" })).rejects.toMatchObject({ status: 404 });
  });

  it("replays identically: the same writes on the same seed give the same hash", async () => {
    const run = async () => {
      const s = await startSandboxServer({ seed: 7 });
      try {
        const o = openapi.octokit({ auth: SANDBOX_CREDENTIALS.apiTokens.github, baseUrl: s.urls.githubBaseUrl });
        const team = s.store.state.company.teams[1]!.repo;
        const i = await o.rest.issues.create({ owner: s.store.state.company.githubOrg, repo: team, title: "Replay me" });
        await o.rest.issues.createComment({ owner: s.store.state.company.githubOrg, repo: team, issue_number: i.data.number, body: "again" });
        return { hash: s.store.hash(), created: i.data.created_at };
      } finally {
        await s.close();
      }
    };
    const [a, b] = [await run(), await run()];
    expect(a).toEqual(b);
  });
});
