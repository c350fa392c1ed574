import { type Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_CREDENTIALS } from "../core/seed";
import { startSandboxServer, type RunningSandbox } from "../core/server";
import { GithubOpenApi } from "./testing/openapi";

const openapi = new GithubOpenApi();
let sandbox: RunningSandbox;
let octokit: Octokit;
let org: string;

beforeAll(async () => {
  sandbox = await startSandboxServer({ seed: 1 });
  octokit = openapi.octokit({ auth: SANDBOX_CREDENTIALS.apiTokens.github, baseUrl: sandbox.urls.githubBaseUrl });
  org = sandbox.store.state.company.githubOrg;
});
afterAll(() => sandbox.close());

const repoName = () => sandbox.store.state.company.teams[0]!.repo;
const g = () => sandbox.store.state.github;
const repoId = () => g().repos.find((r) => r.name === repoName())!.id;

describe("GitHub sandbox reads through @octokit/rest", () => {
  it("answers /user, /users/{login} and /rate_limit", async () => {
    const admin = sandbox.store.state.company.people.find((p) => p.role === "admin")!;
    const me = await octokit.rest.users.getAuthenticated();
    expect(me.data.login).toBe(admin.githubLogin);
    expect(me.data.id).toBe(admin.githubId);
    expect(me.data).toHaveProperty("two_factor_authentication", true);

    const engineer = sandbox.store.state.company.people.find((p) => p.role === "engineer")!;
    const user = await octokit.rest.users.getByUsername({ username: engineer.githubLogin });
    expect(user.data).toMatchObject({ login: engineer.githubLogin, name: engineer.name, type: "User" });
    const orgUser = await octokit.rest.users.getByUsername({ username: org });
    expect(orgUser.data.type).toBe("Organization");
    await expect(octokit.rest.users.getByUsername({ username: "nobody-here-404" })).rejects.toMatchObject({ status: 404 });

    const limits = await octokit.rest.rateLimit.get();
    expect(limits.data.rate.limit).toBe(5000);
    expect(limits.data.resources.core).toEqual(limits.data.rate);
  });

  it("lists the organisation's repositories and gets one", async () => {
    const repos = await octokit.paginate(octokit.rest.repos.listForOrg, { org, per_page: 2 });
    expect(repos.map((r) => r.name).sort()).toEqual(g().repos.map((r) => r.name).sort());
    const repo = await octokit.rest.repos.get({ owner: org, repo: repoName() });
    expect(repo.data).toMatchObject({ full_name: `${org}/${repoName()}`, private: true, default_branch: "main", visibility: "private" });
    expect(repo.data.owner.login).toBe(org);
  });

  it("lists pull requests with GitHub's Link pagination and octokit.paginate gets them all", async () => {
    const expected = g().pulls.filter((p) => p.repoId === repoId());
    const first = await octokit.rest.pulls.list({ owner: org, repo: repoName(), state: "all", per_page: 5 });
    const last = Math.ceil(expected.length / 5);
    const base = `${sandbox.urls.githubBaseUrl}/repositories/${repoId()}/pulls?state=all&per_page=5`;
    expect(first.headers.link).toBe(`<${base}&page=2>; rel="next", <${base}&page=${last}>; rel="last"`);
    const middle = await octokit.rest.pulls.list({ owner: org, repo: repoName(), state: "all", per_page: 5, page: 2 });
    expect(middle.headers.link).toBe(`<${base}&page=1>; rel="prev", <${base}&page=3>; rel="next", <${base}&page=${last}>; rel="last", <${base}&page=1>; rel="first"`);

    const all = await octokit.paginate(octokit.rest.pulls.list, { owner: org, repo: repoName(), state: "all", per_page: 5 });
    expect(all.map((p) => p.number).sort()).toEqual(expected.map((p) => p.number).sort());
    expect(all.map((p) => p.created_at)).toEqual([...all.map((p) => p.created_at)].sort().reverse());

    const open = await octokit.paginate(octokit.rest.pulls.list, { owner: org, repo: repoName() });
    expect(open.every((p) => p.state === "open")).toBe(true);
    expect(open.length).toBe(expected.filter((p) => p.state === "open").length);

    const updated = await octokit.rest.pulls.list({ owner: org, repo: repoName(), state: "closed", sort: "updated", direction: "asc" });
    expect(updated.data.map((p) => p.updated_at)).toEqual([...updated.data.map((p) => p.updated_at)].sort());
  });

  it("gets a pull request with its files, diff, reviews, review comments and commits", async () => {
    const stored = g().pulls.find((p) => p.repoId === repoId() && p.mergedAt && g().reviewComments.some((c) => c.repoId === p.repoId && c.pullNumber === p.number && c.inReplyToId))!;
    const params = { owner: org, repo: repoName(), pull_number: stored.number };

    const pr = await octokit.rest.pulls.get(params);
    expect(pr.data).toMatchObject({ number: stored.number, title: stored.title, merged: true, state: "closed", merge_commit_sha: stored.mergeCommitSha });
    expect(pr.headers["x-github-media-type"]).toBe("github.v3; format=json");

    const files = await octokit.paginate(octokit.rest.pulls.listFiles, params);
    expect(files.length).toBe(pr.data.changed_files);
    expect(files.reduce((n, f) => n + f.additions, 0)).toBe(pr.data.additions);
    expect(files.filter((f) => f.patch).every((f) => f.patch!.startsWith("@@ -"))).toBe(true);

    const diff = await octokit.rest.pulls.get({ ...params, mediaType: { format: "diff" } });
    const text = diff.data as unknown as string;
    expect(diff.headers["content-type"]).toBe("application/vnd.github.diff; charset=utf-8");
    expect(text.startsWith("diff --git a/")).toBe(true);
    for (const f of files) expect(text).toContain(`b/${f.filename}`);
    const patch = await octokit.rest.pulls.get({ ...params, mediaType: { format: "patch" } });
    expect(String(patch.data)).toMatch(/^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001\nFrom: /);

    const reviews = await octokit.rest.pulls.listReviews(params);
    expect(reviews.data.some((r) => r.state === "APPROVED")).toBe(true);

    const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, params);
    const reply = comments.find((c) => c.in_reply_to_id)!;
    const root = comments.find((c) => c.id === reply.in_reply_to_id)!;
    expect(root).toMatchObject({ path: reply.path, line: reply.line, diff_hunk: reply.diff_hunk });
    expect(reviews.data.map((r) => r.id)).toContain(reply.pull_request_review_id);
    expect(files.find((f) => f.filename === root.path)!.patch).toContain(root.diff_hunk);

    const commits = await octokit.rest.pulls.listCommits(params);
    expect(commits.data.length).toBe(pr.data.commits);
    expect(commits.data.at(-1)!.sha).toBe(pr.data.head.sha);
  });

  it("shows pull requests in the issues list, and their conversation as issue comments", async () => {
    const items = await octokit.paginate(octokit.rest.issues.listForRepo, { owner: org, repo: repoName(), state: "all", per_page: 10 });
    const pulls = g().pulls.filter((p) => p.repoId === repoId());
    const issues = g().issues.filter((i) => i.repoId === repoId());
    expect(items.length).toBe(pulls.length + issues.length);
    expect(items.filter((i) => i.pull_request).length).toBe(pulls.length);

    const withTalk = g().issueComments.find((c) => c.repoId === repoId() && pulls.some((p) => p.number === c.issueNumber))!;
    const asIssue = await octokit.rest.issues.get({ owner: org, repo: repoName(), issue_number: withTalk.issueNumber });
    expect(asIssue.data.pull_request?.url).toContain(`/pulls/${withTalk.issueNumber}`);
    const talk = await octokit.rest.issues.listComments({ owner: org, repo: repoName(), issue_number: withTalk.issueNumber });
    expect(talk.data.map((c) => c.id)).toContain(withTalk.id);

    const bugs = await octokit.rest.issues.listForRepo({ owner: org, repo: repoName(), state: "all", labels: "bug" });
    expect(bugs.data.length).toBeGreaterThan(0);
    expect(bugs.data.every((i) => i.labels.some((l) => typeof l !== "string" && l.name === "bug"))).toBe(true);
  });

  it("lists and gets commits", async () => {
    const main = await octokit.rest.repos.listCommits({ owner: org, repo: repoName(), per_page: 100 });
    expect(main.data.at(-1)!.commit.message).toBe("Initial commit");
    const dates = main.data.map((c) => c.commit.committer!.date!);
    expect(dates).toEqual([...dates].sort().reverse());
    const merged = g().pulls.filter((p) => p.repoId === repoId() && p.mergedAt);
    for (const p of merged) expect(main.data.map((c) => c.sha)).toContain(p.mergeCommitSha);

    const since = dates[5]!;
    const window = await octokit.rest.repos.listCommits({ owner: org, repo: repoName(), since, until: dates[1]! });
    expect(window.data.map((c) => c.commit.committer!.date)).toEqual(dates.slice(1, 6));

    const open = g().pulls.find((p) => p.repoId === repoId() && p.state === "open")!;
    const branch = await octokit.rest.repos.listCommits({ owner: org, repo: repoName(), sha: open.headRef, per_page: 3 });
    expect(branch.data[0]!.sha).toBe(open.headSha);

    const one = await octokit.rest.repos.getCommit({ owner: org, repo: repoName(), ref: merged[0]!.mergeCommitSha! });
    expect(one.data.files!.length).toBeGreaterThan(0);
    expect(one.data.stats!.total).toBe(one.data.files!.reduce((n, f) => n + f.changes, 0));
    expect(one.data.commit.verification!.verified).toBe(true);
    const short = await octokit.rest.repos.getCommit({ owner: org, repo: repoName(), ref: merged[0]!.mergeCommitSha!.slice(0, 7) });
    expect(short.data.sha).toBe(one.data.sha);
    const diff = await octokit.rest.repos.getCommit({ owner: org, repo: repoName(), ref: one.data.sha, mediaType: { format: "diff" } });
    expect(String(diff.data)).toContain(`diff --git a/${one.data.files![0]!.filename}`);
    await expect(octokit.rest.repos.getCommit({ owner: org, repo: repoName(), ref: "deadbeef00" })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: "No commit found for SHA: deadbeef00" } },
    });
  });

  it("serves the seeded hostile items like any other content", async () => {
    for (const id of g().hostileIds.filter((h) => h.startsWith("issue_comment:"))) {
      const comment = g().issueComments.find((c) => `issue_comment:${c.id}` === id)!;
      const repo = g().repos.find((r) => r.id === comment.repoId)!;
      const got = await octokit.rest.issues.getComment({ owner: org, repo: repo.name, comment_id: comment.id });
      expect(got.data.body).toBe(comment.body);
    }
  });
});
