import { describe, expect, it } from "vitest";
import { createCompany } from "../core/company";
import { createRng } from "../core/rng";
import { type SeedContext } from "../core/seed";
import { SandboxStore } from "../core/store";
import { seedJira } from "../jira/seed";
import { jiraIssueRefs } from "./jira-refs";
import { patchLines } from "./patch";
import { seedGithub } from "./seed";
import { HOSTILE } from "./seed-text";
import { type GithubState } from "./state";

const DAY = 86_400_000;

function seedFor(seed: number) {
  const company = createCompany(createRng(seed));
  const ctx = (salt: number): SeedContext => ({ rng: createRng(seed * 7919 + salt), company, now: new Date(company.now) });
  const jira = seedJira(ctx(1));
  return { company, jira, github: seedGithub(ctx(2), jira) };
}

const { company, jira, github } = seedFor(1);
const nowMs = Date.parse(company.now);

const reviewsOf = (g: GithubState, repoId: number, n: number) => g.reviews.filter((r) => r.repoId === repoId && r.pullNumber === n);

describe("seedGithub", () => {
  it("creates one private repository per team plus the public docs", () => {
    expect(github.org.login).toBe(company.githubOrg);
    for (const team of company.teams) {
      const repo = github.repos.find((r) => r.name === team.repo);
      expect(repo, team.repo).toBeDefined();
      expect(repo!.private).toBe(true);
      expect(repo!.teamId).toBe(team.id);
    }
    expect(github.repos.filter((r) => !r.private).map((r) => r.name)).toEqual(["developer-docs"]);
  });

  it("seeds 40+ pull requests in every state, authored and reviewed by the owning team", () => {
    expect(github.pulls.length).toBeGreaterThanOrEqual(40);
    for (const team of company.teams) {
      const repo = github.repos.find((r) => r.teamId === team.id)!;
      const logins = new Set(company.people.filter((p) => team.memberIds.includes(p.id)).map((p) => p.githubLogin));
      const pulls = github.pulls.filter((p) => p.repoId === repo.id);
      expect(pulls.length).toBeGreaterThanOrEqual(13);
      expect(pulls.some((p) => p.mergedAt)).toBe(true);
      expect(pulls.some((p) => p.state === "closed" && !p.mergedAt)).toBe(true);
      expect(pulls.some((p) => p.state === "open")).toBe(true);
      for (const p of pulls.filter((x) => x.authorLogin !== "dependabot[bot]")) expect(logins.has(p.authorLogin), p.authorLogin).toBe(true);
      const humanReviews = github.reviews.filter((r) => r.repoId === repo.id && r.state !== "COMMENTED");
      for (const r of humanReviews) expect(logins.has(r.authorLogin), r.authorLogin).toBe(true);
    }
  });

  it("has stale open pull requests (no review for 7+ days) and requested changes in every team repository", () => {
    for (const team of company.teams) {
      const repo = github.repos.find((r) => r.teamId === team.id)!;
      const open = github.pulls.filter((p) => p.repoId === repo.id && p.state === "open" && !p.draft);
      const stale = open.filter((p) => nowMs - Date.parse(p.createdAt) >= 7 * DAY && reviewsOf(github, repo.id, p.number).length === 0);
      expect(stale.filter((p) => p.authorLogin !== "dependabot[bot]").length, team.repo).toBeGreaterThanOrEqual(1);
      const changes = open.filter((p) => reviewsOf(github, repo.id, p.number).some((r) => r.state === "CHANGES_REQUESTED"));
      expect(changes.length, team.repo).toBeGreaterThanOrEqual(1);
    }
  });

  it("titles pull requests after the matching Jira project's issues", () => {
    const refs = new Map(jiraIssueRefs(jira).map((r) => [r.key, r]));
    const keyed = github.pulls.filter((p) => p.jiraKey);
    expect(keyed.length).toBeGreaterThanOrEqual(36);
    for (const p of keyed) {
      const ref = refs.get(p.jiraKey!);
      expect(ref, p.jiraKey!).toBeDefined();
      expect(p.title).toBe(`${ref!.key}: ${ref!.summary}`);
      const repo = github.repos.find((r) => r.id === p.repoId)!;
      expect(company.teams.find((t) => t.repo === repo.name)?.key).toBe(ref!.projectKey);
    }
    const merged = keyed.filter((p) => p.mergedAt);
    expect(merged.filter((p) => refs.get(p.jiraKey!)!.category === "done").length).toBeGreaterThan(merged.length / 2);
  });

  it("keeps history before now and every reference intact", () => {
    const shas = new Set(github.commits.map((c) => c.sha));
    for (const p of github.pulls) {
      expect(Date.parse(p.createdAt)).toBeLessThanOrEqual(nowMs);
      expect(Date.parse(p.updatedAt)).toBeGreaterThanOrEqual(Date.parse(p.createdAt));
      if (p.mergedAt) expect(shas.has(p.mergeCommitSha!)).toBe(true);
      expect(shas.has(p.baseSha) && shas.has(p.headSha)).toBe(true);
      expect(p.commitShas.at(-1)).toBe(p.headSha);
    }
    for (const c of github.commits) for (const parent of c.parents) expect(shas.has(parent)).toBe(true);
    for (const r of github.reviews) expect(Date.parse(r.submittedAt)).toBeLessThanOrEqual(nowMs);
    const reviewIds = new Set(github.reviews.map((r) => r.id));
    const commentIds = new Set(github.reviewComments.map((c) => c.id));
    for (const c of github.reviewComments) {
      expect(reviewIds.has(c.reviewId)).toBe(true);
      if (c.inReplyToId) expect(commentIds.has(c.inReplyToId)).toBe(true);
    }
    for (const c of github.issueComments) {
      const target = [...github.issues, ...github.pulls].find((i) => i.repoId === c.repoId && i.number === c.issueNumber);
      expect(target, `comment ${c.id}`).toBeDefined();
    }
    const ids = (xs: { id: number }[]) => new Set(xs.map((x) => x.id)).size === xs.length;
    expect(ids(github.pulls) && ids(github.issues) && ids(github.issueComments) && ids(github.reviews) && ids(github.reviewComments)).toBe(true);
  });

  it("anchors review comments on lines of the file's patch, with threads", () => {
    const commits = new Map(github.commits.map((c) => [c.sha, c]));
    for (const c of github.reviewComments) {
      const pull = github.pulls.find((p) => p.repoId === c.repoId && p.number === c.pullNumber)!;
      const patch = pull.commitShas.flatMap((s) => commits.get(s)!.files).find((f) => f.filename === c.path)?.patch;
      expect(patch, c.path).toBeDefined();
      expect(patch!.includes(c.diffHunk)).toBe(true);
      const line = patchLines(patch!).find((l) => l.position === c.position)!;
      expect(c.side === "RIGHT" ? line.newLine : line.oldLine).toBe(c.line);
    }
    expect(github.reviewComments.filter((c) => c.inReplyToId).length).toBeGreaterThanOrEqual(5);
  });

  it("plants 3–6 hostile items that resolve to seeded text", () => {
    expect(github.hostileIds.length).toBeGreaterThanOrEqual(3);
    expect(github.hostileIds.length).toBeLessThanOrEqual(6);
    const texts: string[] = Object.values(HOSTILE);
    for (const id of github.hostileIds) {
      const [kind, raw] = id.split(":");
      const n = Number(raw);
      const body =
        kind === "review_comment"
          ? github.reviewComments.find((c) => c.id === n)?.body
          : kind === "issue_comment"
            ? github.issueComments.find((c) => c.id === n)?.body
            : kind === "issue"
              ? github.issues.find((i) => i.id === n)?.body
              : undefined;
      expect(texts, id).toContain(body);
    }
  });

  it("is deterministic in the seed", () => {
    expect(seedFor(1).github).toEqual(github);
    expect(JSON.stringify(seedFor(2).github)).not.toEqual(JSON.stringify(github));
  });

  it("is the GitHub part of the sandbox world, hashed with it", () => {
    const a = new SandboxStore(5);
    const b = new SandboxStore(5);
    expect(a.state.github).toEqual(b.state.github);
    expect(a.hash()).toBe(b.hash());
    expect(new SandboxStore(6).hash()).not.toBe(a.hash());
    expect(structuredClone(a.state.github)).toEqual(a.state.github);
  });
});
