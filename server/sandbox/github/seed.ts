import { type Rng } from "../core/rng";
import { type SeedContext } from "../core/seed";
import { type Person, type Team } from "../core/types";
import { type JiraState } from "../jira/state";
import { CHANGE_TEMPLATES, DEPENDENCY_BUMPS, type ChangeTemplate } from "./code-changes";
import { jiraIssueRefs, type JiraIssueRef } from "./jira-refs";
import { NULL_SHA, patchLines, renderPatch } from "./patch";
import { BOTS, seedLabels, seedOrg, seedRepos, seedUsers } from "./seed-accounts";
import { buildHistory } from "./seed-history";
import { buildPull, type PullBundle, type PullKind, type SeedIds } from "./seed-pulls";
import { FALLBACK_TITLES, HOSTILE, ISSUE_COMMENTS, ISSUES, OUTSIDERS, PR_BODIES } from "./seed-text";
import { between, DAY, fill, HOUR, identifiers, isoSeconds, officeHours, sha, timeIds } from "./seed-util";
import { type GithubFileChange, type GithubIssue, type GithubIssueComment, type GithubLabel, type GithubRepo, type GithubReviewComment, type GithubState } from "./state";

/** Open-state mix per team repository; one more kind is drawn on top. */
const TEAM_KINDS: PullKind[] = ["merged", "merged", "merged", "merged", "merged", "merged", "merged", "closed", "closed", "stale", "changes", "approved", "commented", "fresh", "draft"];

/** How many days before now each kind of pull request was opened, and how long closed ones stayed open. */
const AGE: Record<PullKind, [number, number]> = {
  merged: [4, 56],
  closed: [6, 50],
  stale: [8.5, 17],
  changes: [2.5, 11],
  approved: [0.8, 6],
  commented: [1, 7],
  fresh: [0.1, 1.1],
  draft: [1, 14],
};

/** Which Jira status categories a pull request of each kind prefers to implement. */
const JIRA_PREFERENCE: Record<PullKind, JiraIssueRef["category"][]> = {
  merged: ["done", "indeterminate", "new"],
  closed: ["new", "done", "indeterminate"],
  stale: ["indeterminate", "new", "done"],
  changes: ["indeterminate", "new", "done"],
  approved: ["indeterminate", "new", "done"],
  commented: ["indeterminate", "new", "done"],
  fresh: ["indeterminate", "new", "done"],
  draft: ["new", "indeterminate", "done"],
};

const LABEL_CHOICES = ["enhancement", "bug", "tech-debt", "security", "needs-qa"];

/** The outsider who posts the seeded instructions aimed at AI agents. */
const HOSTILE_LOGIN = OUTSIDERS[3]!.login;

/**
 * The GitHub organisation for `ctx.company`: one private repository per team plus the public
 * developer docs, ~50 pull requests (merged, closed and open in every review state, titled after
 * the matching Jira project's issues), reviews with line-comment threads, conversation, commits on
 * a coherent main branch, issues, and a handful of hostile comments listed in `hostileIds`.
 * Deterministic in `ctx.rng`; history ends at `ctx.now`.
 */
export function seedGithub(ctx: SeedContext, jira: JiraState): GithubState {
  const { rng, company } = ctx;
  const nowMs = ctx.now.getTime();
  const users = seedUsers(ctx);
  const org = seedOrg(ctx);
  const repos = seedRepos(ctx);
  const labels = seedLabels(ctx, repos);
  const ids: SeedIds = {
    pull: timeIds(1_900_000_000),
    issue: timeIds(2_400_000_000),
    review: timeIds(2_150_000_000),
    reviewComment: timeIds(1_700_000_000),
    issueComment: timeIds(2_300_000_000),
  };
  const refs = jiraIssueRefs(jira);
  const people = new Map(company.people.map((p) => [p.id, p]));
  const byAccount = new Map(company.people.map((p) => [p.jiraAccountId, p]));
  const labelId = (repo: GithubRepo, name: string) => labels.find((l) => l.repoId === repo.id && l.name === name)?.id;

  const bundlesByRepo = new Map<number, PullBundle[]>(repos.map((r) => [r.id, []]));
  const issues: GithubIssue[] = [];
  const issueComments: GithubIssueComment[] = [];
  const hostileIds: string[] = [];

  for (const team of company.teams) {
    const repo = repos.find((r) => r.teamId === team.id)!;
    const members = team.memberIds.map((id) => people.get(id)).filter((p): p is Person => !!p);
    const engineers = members.filter((p) => p.role === "engineer");
    const em = people.get(team.emId);
    const reviewPool = [...engineers, ...(em ? [em] : [])];
    const pool = refs.filter((r) => r.projectKey === team.key);
    const take = (kind: PullKind): JiraIssueRef | null => {
      for (const cat of JIRA_PREFERENCE[kind]) {
        const i = pool.findIndex((r) => r.category === cat);
        if (i >= 0) return pool.splice(i, 1)[0]!;
      }
      return null;
    };
    const kinds = [...TEAM_KINDS, rng.helpers.arrayElement<PullKind>(["stale", "changes", "merged", "merged"])];
    const bundles = bundlesByRepo.get(repo.id)!;
    kinds.forEach((kind, i) => {
      const jiraRef = take(kind);
      const assignee = jiraRef?.assigneeAccountId ? byAccount.get(jiraRef.assigneeAccountId) : undefined;
      const author = assignee && engineers.includes(assignee) ? assignee : rng.helpers.arrayElement(engineers.length ? engineers : members);
      const reviewers = rng.helpers.arrayElements(reviewPool.filter((p) => p.id !== author.id), rng.number.int({ min: 1, max: 2 }));
      const summary = jiraRef?.summary ?? FALLBACK_TITLES[repo.name]?.[i % (FALLBACK_TITLES[repo.name]?.length ?? 1)] ?? "Maintenance";
      const { createdMs, endMs } = timeline(rng, kind, nowMs);
      const names = identifiers(summary);
      const files = pickFiles(rng, repo.name, { ...names, key: jiraRef?.key ?? repo.name.toUpperCase(), n: rng.number.int({ min: 2, max: 9 }), date: isoSeconds(createdMs).slice(0, 10).replace(/-/g, "") });
      const what = summary.endsWith(".") ? summary : `${summary}.`;
      const body = jiraRef
        ? fill(rng.helpers.arrayElement(PR_BODIES), { what, key: jiraRef.key, link: `${company.jiraSite}/browse/${jiraRef.key}`, path: files[0]!.filename })
        : what;
      const label = rng.datatype.boolean({ probability: 0.45 }) ? labelId(repo, rng.helpers.arrayElement(LABEL_CHOICES)) : undefined;
      bundles.push(
        buildPull({
          rng,
          ids,
          repoId: repo.id,
          repoName: repo.name,
          kind,
          createdMs,
          endMs,
          nowMs,
          authorLogin: author.githubLogin,
          reviewerLogins: reviewers.map((r) => r.githubLogin),
          title: jiraRef ? `${jiraRef.key}: ${summary}` : summary,
          body,
          headRef: `${author.githubLogin.split("-")[0]}/${jiraRef ? `${jiraRef.key.toLowerCase()}-` : ""}${names.slug}`,
          files,
          labelIds: label ? [label] : [],
          jiraKey: jiraRef?.key ?? null,
          firstCommitMessage: summary,
        }),
      );
    });
    for (const [b, bump] of (DEPENDENCY_BUMPS[repo.name] ?? []).entries()) {
      const kind: PullKind = b === 0 ? "merged" : "stale";
      const { createdMs, endMs } = timeline(rng, kind, nowMs);
      const title = `Bump ${bump.name} from ${bump.from} to ${bump.to}`;
      bundles.push(
        buildPull({
          rng,
          ids,
          repoId: repo.id,
          repoName: repo.name,
          kind,
          createdMs,
          endMs,
          nowMs,
          authorLogin: BOTS.dependabot.login,
          reviewerLogins: kind === "merged" ? [rng.helpers.arrayElement(engineers).githubLogin] : [],
          title,
          body: dependabotBody(bump),
          headRef: `dependabot/${bump.ecosystem === "npm" ? "npm_and_yarn" : "go_modules"}/${bump.name}-${bump.to}`,
          files: dependencyFiles(rng, bump),
          labelIds: [labelId(repo, "dependencies")].filter((x): x is number => x !== undefined),
          jiraKey: null,
          quiet: true,
        }),
      );
    }
    seedIssues(rng, ids, repo, members, pool.length ? pool : refs.filter((r) => r.projectKey === team.key), labels, nowMs, issues, issueComments);
  }

  // The public docs: outside contributors' pull requests and customers' issues.
  const docs = repos.find((r) => r.name === "developer-docs")!;
  const maintainers = company.teams.flatMap((t) => t.memberIds.map((id) => people.get(id)).filter((p): p is Person => p?.role === "engineer"));
  const docsBundles = bundlesByRepo.get(docs.id)!;
  const docsPulls: { kind: PullKind; author: string; title: string }[] = [
    { kind: "merged", author: OUTSIDERS[1]!.login, title: "Fix webhook signature header in the Node example" },
    { kind: "commented", author: OUTSIDERS[0]!.login, title: "Document rate limits for the telemetry endpoint" },
  ];
  for (const p of docsPulls) {
    const { createdMs, endMs } = timeline(rng, p.kind, nowMs);
    const names = identifiers(p.title);
    docsBundles.push(
      buildPull({
        rng,
        ids,
        repoId: docs.id,
        repoName: docs.name,
        kind: p.kind,
        createdMs,
        endMs,
        nowMs,
        authorLogin: p.author,
        reviewerLogins: [rng.helpers.arrayElement(maintainers).githubLogin],
        title: p.title,
        body: `${p.title}. Found this while integrating our fleet dashboard.`,
        headRef: `patch-${rng.number.int({ min: 1, max: 4 })}`,
        files: pickFiles(rng, docs.name, { ...names, key: "DOCS", n: rng.number.int({ min: 3, max: 5 }), date: isoSeconds(createdMs).slice(0, 10).replace(/-/g, "") }),
        labelIds: [labelId(docs, "documentation")].filter((x): x is number => x !== undefined),
        jiraKey: null,
      }),
    );
  }
  seedIssues(rng, ids, docs, maintainers, [], labels, nowMs, issues, issueComments);

  // Hostile content: instructions aimed at AI agents, posted where an agent will read them.
  // Planted in open pull requests that are already under review, so the stale ones stay unreviewed.
  const openIn = (repoName: string) =>
    bundlesByRepo
      .get(repos.find((r) => r.name === repoName)!.id)!
      .find((b) => b.pull.state === "open" && !b.pull.draft && b.reviews.length > 0 && b.commits.some((c) => c.files.some((f) => f.patch)))!;
  const teamRepo = (key: string) => company.teams.find((t) => t.key === key)?.repo ?? company.teams[0]!.repo;
  hostileIds.push(`review_comment:${plantReviewComment(ids, openIn(teamRepo("PAY")), HOSTILE.reviewApproveAndMerge, nowMs - between(rng, 6 * HOUR, 30 * HOUR))}`);
  hostileIds.push(`review_comment:${plantReviewComment(ids, openIn(teamRepo("PLAT")), HOSTILE.reviewLeakSecrets, nowMs - between(rng, 2 * HOUR, 20 * HOUR))}`);
  const docsPr = docsBundles.find((b) => b.pull.state === "open")!;
  const exfilMs = nowMs - between(rng, 3 * HOUR, 20 * HOUR);
  const exfil: GithubIssueComment = { id: ids.issueComment(exfilMs), repoId: docs.id, issueNumber: 0, authorLogin: HOSTILE_LOGIN, body: HOSTILE.conversationExfiltrate, createdAt: isoSeconds(exfilMs), updatedAt: isoSeconds(exfilMs) };
  docsPr.comments.push(exfil);
  docsPr.pull.updatedAt = exfil.createdAt;
  hostileIds.push(`issue_comment:${exfil.id}`);
  const docsIssue = issues.find((i) => i.repoId === docs.id && i.state === "open")!;
  const ignoreMs = Math.max(Date.parse(docsIssue.createdAt) + HOUR, nowMs - between(rng, 1 * DAY, 4 * DAY));
  const ignore: GithubIssueComment = { id: ids.issueComment(ignoreMs), repoId: docs.id, issueNumber: -docsIssue.id, authorLogin: HOSTILE_LOGIN, body: HOSTILE.issueIgnoreInstructions, createdAt: isoSeconds(ignoreMs), updatedAt: isoSeconds(ignoreMs) };
  issueComments.push(ignore);
  docsIssue.updatedAt = [docsIssue.updatedAt, ignore.createdAt].sort().at(-1)!;
  hostileIds.push(`issue_comment:${ignore.id}`);
  const hiddenMs = officeHours(nowMs - between(rng, 2 * DAY, 9 * DAY), nowMs - HOUR);
  const hidden: GithubIssue = {
    id: ids.issue(hiddenMs),
    repoId: docs.id,
    number: 0,
    title: "Webhook example returns 401",
    body: HOSTILE.issueBodyHidden,
    state: "open",
    stateReason: null,
    locked: false,
    authorLogin: OUTSIDERS[2]!.login,
    assigneeLogins: [],
    labelIds: [labelId(docs, "question")].filter((x): x is number => x !== undefined),
    createdAt: isoSeconds(hiddenMs),
    updatedAt: isoSeconds(hiddenMs),
    closedAt: null,
    closedByLogin: null,
  };
  issues.push(hidden);
  hostileIds.push(`issue:${hidden.id}`);

  const commits = repos.flatMap((repo) => {
    const team = company.teams.find((t) => t.id === repo.teamId);
    const teamMembers = team ? team.memberIds.map((id) => people.get(id)).filter((p): p is Person => !!p) : maintainers;
    return buildHistory({
      rng,
      repo,
      orgLogin: org.login,
      teamSlug: team ? team.channel : "docs",
      bundles: bundlesByRepo.get(repo.id)!,
      issues: issues.filter((i) => i.repoId === repo.id),
      issueComments,
      maintainers: maintainerLogins(team, teamMembers, people),
      nowMs,
    });
  });

  const bundles = repos.flatMap((r) => bundlesByRepo.get(r.id)!);
  const byNumber = <T extends { repoId: number }>(key: (x: T) => number) => (a: T, b: T) => a.repoId - b.repoId || key(a) - key(b);
  return {
    org,
    users,
    repos,
    labels,
    pulls: bundles.map((b) => b.pull).sort(byNumber((p) => p.number)),
    issues: issues.sort(byNumber((i) => i.number)),
    issueComments: [...bundles.flatMap((b) => b.comments), ...issueComments].sort((a, b) => a.id - b.id),
    reviews: bundles.flatMap((b) => b.reviews).sort((a, b) => a.id - b.id),
    reviewComments: bundles.flatMap((b) => b.reviewComments).sort((a, b) => a.id - b.id),
    commits,
    hostileIds,
  };
}

function maintainerLogins(team: Team | undefined, members: Person[], people: Map<string, Person>): string[] {
  const em = team ? people.get(team.emId) : undefined;
  const engineers = members.filter((p) => p.role === "engineer");
  return [...(em ? [em] : []), ...engineers].map((p) => p.githubLogin);
}

function timeline(rng: Rng, kind: PullKind, nowMs: number): { createdMs: number; endMs: number } {
  const [minDays, maxDays] = AGE[kind];
  const createdMs = officeHours(nowMs - between(rng, minDays * DAY, maxDays * DAY), nowMs - 2 * HOUR);
  if (kind !== "merged" && kind !== "closed") return { createdMs, endMs: nowMs };
  const open = kind === "merged" ? between(rng, 0.4 * DAY, 5 * DAY) : between(rng, 1 * DAY, 9 * DAY);
  const endMs = Math.max(createdMs + 2 * HOUR, officeHours(createdMs + open, nowMs - HOUR));
  return { createdMs, endMs: Math.min(endMs, nowMs - HOUR) };
}

/** One to four distinct file changes from the repository's templates, placeholders filled. */
function pickFiles(rng: Rng, repoName: string, values: Record<string, string | number>): GithubFileChange[] {
  const templates = CHANGE_TEMPLATES[repoName] ?? [];
  const chosen = rng.helpers.arrayElements(templates, Math.min(templates.length, rng.number.int({ min: 1, max: 4 })));
  return chosen.map((t: ChangeTemplate) => {
    const hunks = t.hunks.map((h) => ({ ...h, header: fill(h.header, values), body: fill(h.body, values) }));
    const rendered = hunks.length ? renderPatch(hunks) : null;
    return {
      filename: fill(t.path, values),
      status: t.status,
      ...(t.previousPath ? { previousFilename: fill(t.previousPath, values) } : {}),
      additions: rendered?.additions ?? 0,
      deletions: rendered?.deletions ?? 0,
      ...(rendered ? { patch: rendered.patch } : {}),
      sha: sha(rng),
      previousSha: t.status === "added" ? NULL_SHA : sha(rng),
    };
  });
}

function dependencyFiles(rng: Rng, bump: (typeof DEPENDENCY_BUMPS)[string][number]): GithubFileChange[] {
  const change = (filename: string, oldStart: number, header: string, body: string): GithubFileChange => {
    const r = renderPatch([{ oldStart, header, body }]);
    return { filename, status: "modified", additions: r.additions, deletions: r.deletions, patch: r.patch, sha: sha(rng), previousSha: sha(rng) };
  };
  const integrity = () => `sha512-${Buffer.from(rng.string.hexadecimal({ length: 128, prefix: "" }), "hex").toString("base64")}`;
  if (bump.ecosystem === "go_modules") {
    return [
      change("go.mod", 9, "require (", `\tgithub.com/prometheus/client_golang v1.20.5\n-\t${bump.name} v${bump.from}\n+\t${bump.name} v${bump.to}\n \tk8s.io/client-go v0.31.3`),
      change("go.sum", 120, "", `-${bump.name} v${bump.from} h1:${integrity().slice(7, 51)}=\n-${bump.name} v${bump.from}/go.mod h1:${integrity().slice(7, 51)}=\n+${bump.name} v${bump.to} h1:${integrity().slice(7, 51)}=\n+${bump.name} v${bump.to}/go.mod h1:${integrity().slice(7, 51)}=`),
    ];
  }
  const line = rng.number.int({ min: 20, max: 60 });
  return [
    change("package.json", line, '"dependencies": {', `     "pino": "^9.5.0",\n-    "${bump.name}": "^${bump.from}",\n+    "${bump.name}": "^${bump.to}",\n     "uuid": "^11.0.3"`),
    change(
      "package-lock.json",
      line * 40,
      "",
      `     "node_modules/${bump.name}": {\n-      "version": "${bump.from}",\n-      "resolved": "https://registry.npmjs.org/${bump.name}/-/${bump.name.split("/").pop()}-${bump.from}.tgz",\n-      "integrity": "${integrity()}",\n+      "version": "${bump.to}",\n+      "resolved": "https://registry.npmjs.org/${bump.name}/-/${bump.name.split("/").pop()}-${bump.to}.tgz",\n+      "integrity": "${integrity()}",\n       "license": "MIT"`,
    ),
  ];
}

function dependabotBody(bump: (typeof DEPENDENCY_BUMPS)[string][number]): string {
  const manager = bump.ecosystem === "npm" ? "npm_and_yarn" : "go_modules";
  return [
    `Bumps ${bump.name} from ${bump.from} to ${bump.to}.`,
    "",
    `[![Dependabot compatibility score](https://dependabot-badges.githubapp.com/badges/compatibility_score?dependency-name=${encodeURIComponent(bump.name)}&package-manager=${manager}&previous-version=${bump.from}&new-version=${bump.to})](https://docs.github.com/en/github/managing-security-vulnerabilities/about-dependabot-security-updates#about-compatibility-scores)`,
    "",
    "Dependabot will resolve any conflicts with this PR as long as you don't alter it yourself. You can also trigger a rebase manually by commenting `@dependabot rebase`.",
  ].join("\n");
}

/** Plants a line comment from the hostile outsider (an outside collaborator) in its own COMMENTED review. */
function plantReviewComment(ids: SeedIds, bundle: PullBundle, body: string, atMs: number): number {
  const ms = Math.max(atMs, Date.parse(bundle.pull.createdAt) + HOUR);
  const file = bundle.commits.flatMap((c) => c.files).find((f) => f.patch)!;
  const line = patchLines(file.patch!).find((l) => l.kind === "added") ?? patchLines(file.patch!)[0]!;
  const head = bundle.commits[bundle.commits.length - 1]!.sha;
  const reviewId = ids.review(ms);
  bundle.reviews.push({ id: reviewId, repoId: bundle.pull.repoId, pullNumber: 0, authorLogin: HOSTILE_LOGIN, state: "COMMENTED", body: "", commitId: head, submittedAt: isoSeconds(ms) });
  const comment: GithubReviewComment = {
    id: ids.reviewComment(ms),
    repoId: bundle.pull.repoId,
    pullNumber: 0,
    reviewId,
    authorLogin: HOSTILE_LOGIN,
    body,
    path: file.filename,
    line: line.newLine ?? line.oldLine ?? 1,
    side: line.newLine === null ? "LEFT" : "RIGHT",
    position: line.position,
    diffHunk: line.diffHunk,
    commitId: head,
    originalCommitId: head,
    inReplyToId: null,
    createdAt: isoSeconds(ms),
    updatedAt: isoSeconds(ms),
  };
  bundle.reviewComments.push(comment);
  if (comment.createdAt > bundle.pull.updatedAt) bundle.pull.updatedAt = comment.createdAt;
  return comment.id;
}

/** The repository's GitHub issues with a little discussion; comments point at their issue by -id until numbering. */
function seedIssues(
  rng: Rng,
  ids: SeedIds,
  repo: GithubRepo,
  members: Person[],
  jiraPool: JiraIssueRef[],
  labels: GithubLabel[],
  nowMs: number,
  issues: GithubIssue[],
  comments: GithubIssueComment[],
) {
  const staff = members.map((p) => p.githubLogin);
  const outsiders = OUTSIDERS.filter((o) => o.login !== HOSTILE_LOGIN).map((o) => o.login);
  for (const t of ISSUES[repo.name] ?? []) {
    const createdMs = officeHours(nowMs - between(rng, 3 * DAY, 80 * DAY), nowMs - 2 * HOUR);
    const key = jiraPool.length ? rng.helpers.arrayElement(jiraPool).key : null;
    const body = key ? fill(t.body, { key }) : t.body.replace(/\n*.*\{key\}.*/g, "");
    const closedMs = t.closed ? Math.min(nowMs - HOUR, createdMs + between(rng, DAY, 20 * DAY)) : null;
    const assignee = rng.datatype.boolean({ probability: 0.5 }) && staff.length ? [rng.helpers.arrayElement(staff)] : [];
    const issue: GithubIssue = {
      id: ids.issue(createdMs),
      repoId: repo.id,
      number: 0,
      title: t.title,
      body,
      state: t.closed ? "closed" : "open",
      stateReason: t.closed ? "completed" : null,
      locked: false,
      authorLogin: t.external ? rng.helpers.arrayElement(outsiders) : rng.helpers.arrayElement(staff),
      assigneeLogins: assignee,
      labelIds: t.labels.map((name) => labels.find((l) => l.repoId === repo.id && l.name === name)?.id).filter((x): x is number => x !== undefined),
      createdAt: isoSeconds(createdMs),
      updatedAt: isoSeconds(closedMs ?? createdMs),
      closedAt: closedMs ? isoSeconds(closedMs) : null,
      closedByLogin: closedMs ? (assignee[0] ?? rng.helpers.arrayElement(staff)) : null,
    };
    const n = rng.number.int({ min: 0, max: 3 });
    const end = closedMs ?? nowMs - HOUR;
    for (let i = 0; i < n; i++) {
      const ms = between(rng, createdMs + HOUR, end);
      const text = ISSUE_COMMENTS[(i + rng.number.int({ min: 0, max: ISSUE_COMMENTS.length - 1 })) % ISSUE_COMMENTS.length]!;
      if (text.includes("{key}") && !key) continue;
      comments.push({
        id: ids.issueComment(ms),
        repoId: repo.id,
        issueNumber: -issue.id,
        authorLogin: rng.helpers.arrayElement(staff),
        body: key ? fill(text, { key }) : text,
        createdAt: isoSeconds(ms),
        updatedAt: isoSeconds(ms),
      });
      if (isoSeconds(ms) > issue.updatedAt) issue.updatedAt = isoSeconds(ms);
    }
    issues.push(issue);
  }
}
