import { type Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_CREDENTIALS } from "../core/seed";
import { startSandboxServer, type RunningSandbox } from "../core/server";
import { GithubOpenApi } from "./testing/openapi";

const openapi = new GithubOpenApi();
let sandbox: RunningSandbox;
let octokit: Octokit;
let owner: string;

beforeAll(async () => {
  sandbox = await startSandboxServer({ seed: 2 });
  octokit = openapi.octokit({ auth: SANDBOX_CREDENTIALS.apiTokens.github, baseUrl: sandbox.urls.githubBaseUrl });
  owner = sandbox.store.state.company.githubOrg;
});
afterAll(() => sandbox.close());

const repoNamed = (name: string) => sandbox.store.state.github.repos.find((r) => r.name === name)!;

describe("who can be assigned, and which writes GitHub refuses", () => {
  it("lists the organisation's members as assignees and checks one login", async () => {
    const repo = sandbox.store.state.company.teams[0]!.repo;
    const listed = await octokit.paginate(octokit.rest.issues.listAssignees, { owner, repo, per_page: 7 });
    const members = sandbox.store.state.github.users.filter((u) => u.personId).map((u) => u.login);
    expect(listed.map((u) => u.login).sort()).toEqual([...members].sort());
    expect(listed.length).toBeGreaterThan(7);

    expect((await octokit.rest.issues.checkUserCanBeAssigned({ owner, repo, assignee: members[0]! })).status).toBe(204);
    const outsider = sandbox.store.state.github.users.find((u) => !u.personId)!.login;
    await expect(octokit.rest.issues.checkUserCanBeAssigned({ owner, repo, assignee: outsider })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.issues.listAssignees({ owner, repo: "no-such-repo" })).rejects.toMatchObject({ status: 404 });
  });

  it("reports archived repositories and disabled issues, and refuses issues there", async () => {
    const [first, second] = sandbox.store.state.company.teams;
    const archived = repoNamed(first!.repo);
    const noIssues = repoNamed(second!.repo);
    archived.archived = true;
    noIssues.hasIssues = false;
    try {
      expect((await octokit.rest.repos.get({ owner, repo: archived.name })).data).toMatchObject({ archived: true, has_issues: true });
      expect((await octokit.rest.repos.get({ owner, repo: noIssues.name })).data).toMatchObject({ archived: false, has_issues: false });
      const before = sandbox.store.state.github.issues.length;
      await expect(octokit.rest.issues.create({ owner, repo: archived.name, title: "Nope" })).rejects.toMatchObject({
        status: 403,
        response: { data: { message: "Repository was archived so is read-only." } },
      });
      await expect(octokit.rest.issues.create({ owner, repo: noIssues.name, title: "Nope" })).rejects.toMatchObject({
        status: 410,
        response: { data: { message: "Issues are disabled for this repo" } },
      });
      expect(sandbox.store.state.github.issues.length).toBe(before);
    } finally {
      delete archived.archived;
      delete noIssues.hasIssues;
    }
  });

  it("refuses comments on a locked conversation", async () => {
    const pull = sandbox.store.state.github.pulls.find((p) => p.state === "open")!;
    const repo = sandbox.store.state.github.repos.find((r) => r.id === pull.repoId)!.name;
    pull.locked = true;
    try {
      const before = sandbox.store.state.github.issueComments.length;
      await expect(octokit.rest.issues.createComment({ owner, repo, issue_number: pull.number, body: "Ping" })).rejects.toMatchObject({
        status: 403,
        response: { data: { message: "Unable to create comment because issue is locked." } },
      });
      expect(sandbox.store.state.github.issueComments.length).toBe(before);
      expect((await octokit.rest.pulls.get({ owner, repo, pull_number: pull.number })).data.locked).toBe(true);
    } finally {
      pull.locked = false;
    }
  });
});
