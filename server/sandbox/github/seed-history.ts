import { type Rng } from "../core/rng";
import { NULL_SHA, renderPatch } from "./patch";
import { BOTS } from "./seed-accounts";
import { type PullBundle } from "./seed-pulls";
import { between, DAY, fill, isoSeconds, sha } from "./seed-util";
import { type GithubCommit, type GithubFileChange, type GithubIssue, type GithubIssueComment, type GithubRepo } from "./state";

const CHORES: { message: string; path: string; oldStart: number; header: string; body: string }[] = [
  { message: "ci: cache dependencies between jobs", path: ".github/workflows/ci.yml", oldStart: 14, header: "jobs:", body: "       - uses: actions/checkout@v4\n+      - uses: actions/cache@v4\n+        with:\n+          path: ~/.cache\n+          key: deps-${{ hashFiles('**/*.lock') }}\n       - run: make test" },
  { message: "chore: update CODEOWNERS", path: ".github/CODEOWNERS", oldStart: 1, header: "", body: " # Default owners\n-*       @{org}/maintainers\n+*       @{org}/{team}\n /docs/  @{org}/docs" },
  { message: "docs: explain local setup in README", path: "README.md", oldStart: 9, header: "## Development", body: " ## Development\n \n-Run the tests with `make test`.\n+Copy `.env.example` to `.env`, then run `make dev` to start the service and `make test` for the tests." },
  { message: "chore: tighten lint rules", path: ".editorconfig", oldStart: 1, header: "", body: " root = true\n \n [*]\n+insert_final_newline = true\n+trim_trailing_whitespace = true\n indent_style = space" },
];

const VERSION_FILE: Record<string, string> = { "platform-infra": "VERSION", "developer-docs": "docs/changelog.md" };

function file(rng: Rng, filename: string, status: GithubFileChange["status"], patch: { patch: string; additions: number; deletions: number }): GithubFileChange {
  return { filename, status, additions: patch.additions, deletions: patch.deletions, patch: patch.patch, sha: sha(rng), previousSha: status === "added" ? NULL_SHA : sha(rng) };
}

function releaseFile(rng: Rng, repo: string, from: string, to: string): GithubFileChange {
  const path = VERSION_FILE[repo] ?? "package.json";
  if (path === "VERSION") return file(rng, path, "modified", renderPatch([{ oldStart: 1, header: "", body: `-${from}\n+${to}` }]));
  if (path.endsWith(".md")) return file(rng, path, "modified", renderPatch([{ oldStart: 1, header: "# Changelog", body: ` # Changelog\n \n+## v${to}\n+\n+- Maintenance release.\n+` }]));
  return file(rng, path, "modified", renderPatch([{ oldStart: 1, header: "", body: ` {\n   "name": "@northwind/${repo}",\n-  "version": "${from}",\n+  "version": "${to}",\n   "private": true,` }]));
}

export interface HistoryInput {
  rng: Rng;
  repo: GithubRepo;
  orgLogin: string;
  teamSlug: string;
  bundles: PullBundle[];
  issues: GithubIssue[];
  issueComments: GithubIssueComment[];
  /** Who makes releases and chores on the default branch. */
  maintainers: string[];
  nowMs: number;
}

/**
 * Numbers a repository's issues and pull requests in creation order (they share one sequence, as on
 * GitHub), builds the default branch — old chores, releases and one squash commit per merged pull
 * request — and hangs every pull request's commits off the main commit it branched from.
 * Returns every commit of the repository.
 */
export function buildHistory(input: HistoryInput): GithubCommit[] {
  const { rng, repo, bundles, issues, nowMs } = input;

  const items = [
    ...bundles.map((b) => ({ ms: Date.parse(b.pull.createdAt), id: b.pull.issueId, set: (n: number) => setPullNumber(b, n) })),
    ...issues.map((i) => ({ ms: Date.parse(i.createdAt), id: i.id, set: (n: number) => setIssueNumber(i, input.issueComments, n) })),
  ].sort((a, b) => a.ms - b.ms || a.id - b.id);
  let number = rng.number.int({ min: 140, max: 900 });
  for (const item of items) item.set(number++);

  const pullNumbers = bundles.map((b) => b.pull.number);
  const other = (self: number) => rng.helpers.arrayElement(pullNumbers.filter((n) => n !== self).concat(pullNumbers.length > 1 ? [] : [self]));
  for (const c of [...bundles.flatMap((b) => b.comments), ...input.issueComments.filter((c) => c.repoId === repo.id)]) {
    if (c.body.includes("{other}")) c.body = fill(c.body, { other: other(c.issueNumber) });
  }

  // The default branch: an initial commit, chores before the seeded window, releases and squash merges in it.
  const main: { ms: number; commit: GithubCommit }[] = [];
  const mainCommit = (ms: number, message: string, authorLogin: string, files: GithubFileChange[], webFlow = false) =>
    main.push({
      ms,
      commit: {
        sha: sha(rng),
        repoId: repo.id,
        message,
        authorLogin,
        committerLogin: webFlow ? BOTS.webFlow.login : authorLogin,
        authoredAt: isoSeconds(ms),
        committedAt: isoSeconds(ms),
        parents: [],
        treeSha: sha(rng),
        files,
        verified: webFlow,
      },
    });
  const createdMs = Date.parse(repo.createdAt);
  mainCommit(createdMs, "Initial commit", input.maintainers[0]!, [file(rng, "README.md", "added", renderPatch([{ oldStart: 0, header: "", body: `+# ${repo.name}\n+\n+${repo.description}` }]))], true);
  for (const chore of CHORES) {
    const ms = between(rng, nowMs - 120 * DAY, nowMs - 62 * DAY);
    const body = fill(chore.body, { org: input.orgLogin, team: input.teamSlug });
    mainCommit(ms, chore.message, rng.helpers.arrayElement(input.maintainers), [file(rng, chore.path, "modified", renderPatch([{ oldStart: chore.oldStart, header: chore.header, body }]))]);
  }
  const major = rng.number.int({ min: 1, max: 4 });
  let minor = rng.number.int({ min: 8, max: 30 });
  for (let i = 0; i < 2; i++) {
    const ms = between(rng, nowMs - (40 - i * 20) * DAY, nowMs - (22 - i * 20) * DAY);
    const from = `${major}.${minor}.0`;
    const to = `${major}.${++minor}.0`;
    mainCommit(ms, `Release v${to}`, rng.helpers.arrayElement(input.maintainers), [releaseFile(rng, repo.name, from, to)]);
  }
  for (const b of bundles) {
    if (!b.pull.mergedAt) continue;
    const bullets = b.commits.length > 1 ? `\n\n${b.commits.map((c) => `* ${c.message}`).join("\n\n")}` : "";
    mainCommit(Date.parse(b.pull.mergedAt), `${b.pull.title} (#${b.pull.number})${bullets}`, b.pull.authorLogin, b.commits.flatMap((c) => c.files), true);
    b.pull.mergeCommitSha = main[main.length - 1]!.commit.sha;
  }
  main.sort((a, b) => a.ms - b.ms);
  main.forEach((m, i) => {
    if (i > 0) m.commit.parents = [main[i - 1]!.commit.sha];
  });

  // Each branch starts from the main commit that was current when its first commit was made.
  for (const b of bundles) {
    const start = b.commitTimes[0]!;
    const base = [...main].reverse().find((m) => m.ms <= start) ?? main[0]!;
    b.pull.baseSha = base.commit.sha;
    b.commits.forEach((c, i) => {
      c.parents = [i === 0 ? base.commit.sha : b.commits[i - 1]!.sha];
    });
  }

  const head = main[main.length - 1]!;
  repo.branches = [{ name: repo.defaultBranch, sha: head.commit.sha }, ...bundles.filter((b) => b.pull.state === "open").map((b) => ({ name: b.pull.headRef, sha: b.pull.headSha }))];
  const lastPush = Math.max(head.ms, ...bundles.flatMap((b) => b.commitTimes));
  repo.pushedAt = isoSeconds(lastPush);
  repo.updatedAt = isoSeconds(Math.max(lastPush, ...bundles.map((b) => Date.parse(b.pull.updatedAt)), ...issues.map((i) => Date.parse(i.updatedAt))));

  return [...main.map((m) => m.commit), ...bundles.flatMap((b) => b.commits)];
}

function setPullNumber(b: PullBundle, n: number) {
  b.pull.number = n;
  for (const r of b.reviews) r.pullNumber = n;
  for (const c of b.reviewComments) c.pullNumber = n;
  for (const c of b.comments) c.issueNumber = n;
}

function setIssueNumber(issue: GithubIssue, comments: GithubIssueComment[], n: number) {
  // Comments point at their issue by the placeholder number -id until numbering.
  for (const c of comments) if (c.repoId === issue.repoId && c.issueNumber === -issue.id) c.issueNumber = n;
  issue.number = n;
}
