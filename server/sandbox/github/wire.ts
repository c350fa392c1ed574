/**
 * GitHub REST JSON for the sandbox's stored data, field for field as api.github.com sends it (the
 * shapes in @octokit/openapi's description). API URLs point at the sandbox (`ctx.api`, e.g.
 * http://127.0.0.1:4010/github) so clients can follow them; web URLs (`ctx.web`) lead to the
 * sandbox's own pages (web/routes.ts) on the same origin.
 */
import { type SandboxState } from "../core/types";
import {
  type GithubCommit,
  type GithubFileChange,
  type GithubIssue,
  type GithubIssueComment,
  type GithubLabel,
  type GithubPull,
  type GithubRepo,
  type GithubReview,
  type GithubReviewComment,
  type GithubUser,
} from "./state";

/** What serialisers need: the world, the API base URL the client used, and who is asking. */
export interface WireContext {
  state: SandboxState;
  /** The API base URL as the client reached it. */
  api: string;
  /** Where html_url links point: the sandbox's GitHub pages on the client's origin. */
  web: string;
  /** The authenticated user, for `permissions` on repositories. */
  viewer?: GithubUser;
}

type Json = Record<string, unknown>;

/** GitHub-style global node id: a type prefix and the id packed into base64. */
export function nodeId(prefix: string, id: number): string {
  const hex = id.toString(16).padStart(16, "0");
  return `${prefix}_kwDO${Buffer.from(hex, "hex").toString("base64").replace(/=+$/, "").replace(/^A+/, "")}`;
}

const enc = encodeURIComponent;

/** The account with `login` (case-insensitive, as GitHub matches logins). */
export function findUser(state: SandboxState, login: string): GithubUser | undefined {
  return state.github.users.find((u) => u.login.toLowerCase() === login.toLowerCase());
}

/** A login that no longer resolves (e.g. a deleted account) renders as GitHub's "ghost". */
function userOrGhost(ctx: WireContext, login: string): GithubUser {
  return (
    findUser(ctx.state, login) ?? {
      login: "ghost",
      id: 10137,
      type: "User",
      name: null,
      email: null,
      company: null,
      location: null,
      bio: null,
      createdAt: "2008-05-13T06:14:25Z",
      personId: null,
      siteAdmin: false,
    }
  );
}

/** The "simple-user" object GitHub nests wherever a person appears. */
export function simpleUser(ctx: WireContext, login: string): Json {
  const u = userOrGhost(ctx, login);
  return userLike(ctx, u.login, u.id, u.type, u.type === "Bot" ? "BOT" : "U", u.siteAdmin);
}

function userLike(ctx: WireContext, login: string, id: number, type: string, prefix: string, siteAdmin = false): Json {
  const url = `${ctx.api}/users/${enc(login)}`;
  return {
    login,
    id,
    node_id: nodeId(prefix, id),
    avatar_url: `https://avatars.githubusercontent.com/${type === "Bot" ? "in" : "u"}/${id}?v=4`,
    gravatar_id: "",
    url,
    html_url: type === "Bot" ? `${ctx.web}/apps/${login.replace(/\[bot\]$/, "")}` : `${ctx.web}/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    user_view_type: "public",
    site_admin: siteAdmin,
  };
}

/** The organisation as the "simple-user" GitHub uses for repository owners. */
export function orgAsUser(ctx: WireContext): Json {
  const org = ctx.state.github.org;
  return userLike(ctx, org.login, org.id, "Organization", "O");
}

function profile(ctx: WireContext, u: GithubUser): Json {
  return {
    name: u.name,
    company: u.company,
    blog: "",
    location: u.location,
    email: u.email,
    hireable: null,
    bio: u.bio,
    twitter_username: null,
    public_repos: u.type === "Bot" ? 0 : u.id % 17,
    public_gists: 0,
    followers: (u.id % 37) + 3,
    following: (u.id % 23) + 1,
    created_at: u.createdAt,
    updated_at: ctx.state.company.now.replace(/\.\d{3}Z$/, "Z"),
  };
}

/** GET /users/{username}: the public profile (organisations answer here too). */
export function publicUser(ctx: WireContext, login: string): Json | null {
  const org = ctx.state.github.org;
  if (login.toLowerCase() === org.login.toLowerCase()) {
    return {
      ...orgAsUser(ctx),
      name: org.name,
      company: null,
      blog: "https://northwind.example",
      location: null,
      email: null,
      hireable: null,
      bio: org.description,
      twitter_username: null,
      public_repos: ctx.state.github.repos.filter((r) => !r.private).length,
      public_gists: 0,
      followers: 12,
      following: 0,
      created_at: org.createdAt,
      updated_at: ctx.state.company.now.replace(/\.\d{3}Z$/, "Z"),
    };
  }
  const u = findUser(ctx.state, login);
  return u ? { ...simpleUser(ctx, u.login), ...profile(ctx, u) } : null;
}

/** GET /user: the authenticated user's private view. */
export function privateUser(ctx: WireContext, u: GithubUser): Json {
  return {
    ...simpleUser(ctx, u.login),
    user_view_type: "private",
    ...profile(ctx, u),
    notification_email: ctx.state.company.people.find((p) => p.id === u.personId)?.email ?? u.email,
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: "free", space: 976562499, collaborators: 0, private_repos: 10000 },
  };
}

function repoApi(ctx: WireContext, repo: GithubRepo) {
  return `${ctx.api}/repos/${ctx.state.github.org.login}/${repo.name}`;
}

function repoWeb(ctx: WireContext, repo: GithubRepo) {
  return `${ctx.web}/${ctx.state.github.org.login}/${repo.name}`;
}

function openIssueCount(ctx: WireContext, repo: GithubRepo): number {
  const g = ctx.state.github;
  return g.issues.filter((i) => i.repoId === repo.id && i.state === "open").length + g.pulls.filter((p) => p.repoId === repo.id && p.state === "open").length;
}

function permissions(ctx: WireContext) {
  const member = !!ctx.viewer?.personId;
  return { admin: false, maintain: false, push: member, triage: member, pull: true };
}

/** The "repository" shape (pull request heads and bases). */
export function repository(ctx: WireContext, repo: GithubRepo): Json {
  const api = repoApi(ctx, repo);
  const web = repoWeb(ctx, repo);
  const full = `${ctx.state.github.org.login}/${repo.name}`;
  const open = openIssueCount(ctx, repo);
  return {
    id: repo.id,
    node_id: nodeId("R", repo.id),
    name: repo.name,
    full_name: full,
    private: repo.private,
    owner: orgAsUser(ctx),
    html_url: web,
    description: repo.description,
    fork: false,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    pushed_at: repo.pushedAt,
    git_url: `git://github.com/${full}.git`,
    ssh_url: `git@github.com:${full}.git`,
    clone_url: `${web}.git`,
    svn_url: web,
    homepage: repo.homepage,
    size: repo.sizeKb,
    stargazers_count: repo.stargazers,
    watchers_count: repo.stargazers,
    language: repo.language,
    has_issues: repo.hasIssues ?? true,
    has_projects: true,
    has_downloads: true,
    has_wiki: !repo.private,
    has_pages: !repo.private,
    has_discussions: false,
    forks_count: repo.forks,
    mirror_url: null,
    archived: repo.archived ?? false,
    disabled: false,
    open_issues_count: open,
    license: repo.licenseKey === "mit" ? { key: "mit", name: "MIT License", spdx_id: "MIT", url: `${ctx.api}/licenses/mit`, node_id: "MDc6TGljZW5zZTEz" } : null,
    allow_forking: !repo.private,
    is_template: false,
    web_commit_signoff_required: false,
    topics: repo.topics,
    visibility: repo.private ? "private" : "public",
    forks: repo.forks,
    open_issues: open,
    watchers: repo.stargazers,
    default_branch: repo.defaultBranch,
  };
}

/** GET /repos/{owner}/{repo}. */
export function fullRepository(ctx: WireContext, repo: GithubRepo): Json {
  return {
    ...repository(ctx, repo),
    permissions: permissions(ctx),
    allow_squash_merge: true,
    allow_merge_commit: false,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: true,
    allow_update_branch: true,
    use_squash_pr_title_as_default: true,
    squash_merge_commit_message: "COMMIT_MESSAGES",
    squash_merge_commit_title: "COMMIT_OR_PR_TITLE",
    merge_commit_message: "PR_TITLE",
    merge_commit_title: "MERGE_MESSAGE",
    custom_properties: {},
    organization: orgAsUser(ctx),
    network_count: repo.forks,
    subscribers_count: repo.watchers,
  };
}

/** GET /orgs/{org}/repos items. */
export function minimalRepository(ctx: WireContext, repo: GithubRepo): Json {
  const { has_discussions: _d, ...rest } = repository(ctx, repo);
  return { ...rest, permissions: permissions(ctx) };
}

/** A label as it appears on issues and pull requests. */
export function labelJson(ctx: WireContext, repo: GithubRepo, label: GithubLabel): Json {
  return {
    id: label.id,
    node_id: nodeId("LA", label.id),
    url: `${repoApi(ctx, repo)}/labels/${enc(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

function labelsOf(ctx: WireContext, repo: GithubRepo, ids: number[]): Json[] {
  return ids.map((id) => ctx.state.github.labels.find((l) => l.id === id)).flatMap((l) => (l ? [labelJson(ctx, repo, l)] : []));
}

/** MEMBER for the organisation's people, CONTRIBUTOR after a merged pull request, COLLABORATOR for outsiders with access to a private repository. */
export function authorAssociation(ctx: WireContext, repo: GithubRepo, login: string): string {
  const user = findUser(ctx.state, login);
  if (user?.personId) return "MEMBER";
  if (ctx.state.github.pulls.some((p) => p.repoId === repo.id && p.authorLogin === login && p.mergedAt)) return "CONTRIBUTOR";
  return repo.private ? "COLLABORATOR" : "NONE";
}

const reactions = (url: string) => ({ url: `${url}/reactions`, total_count: 0, "+1": 0, "-1": 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 });

function commitMap(ctx: WireContext): Map<string, GithubCommit> {
  return new Map(ctx.state.github.commits.map((c) => [c.sha, c]));
}

/** A pull request's files: the union of its commits' changes, in commit order. */
export function pullFiles(ctx: WireContext, pull: GithubPull): GithubFileChange[] {
  const commits = commitMap(ctx);
  return pull.commitShas.flatMap((s) => commits.get(s)?.files ?? []);
}

function pullLinks(ctx: WireContext, repo: GithubRepo, pull: GithubPull) {
  const api = repoApi(ctx, repo);
  return {
    url: `${api}/pulls/${pull.number}`,
    html: `${repoWeb(ctx, repo)}/pull/${pull.number}`,
    issue: `${api}/issues/${pull.number}`,
    comments: `${api}/issues/${pull.number}/comments`,
    reviewComments: `${api}/pulls/${pull.number}/comments`,
    reviewComment: `${api}/pulls/comments{/number}`,
    commits: `${api}/pulls/${pull.number}/commits`,
    statuses: `${api}/statuses/${pull.headSha}`,
  };
}

/** GET /repos/{owner}/{repo}/pulls items. */
export function pullSimple(ctx: WireContext, repo: GithubRepo, pull: GithubPull): Json {
  const l = pullLinks(ctx, repo, pull);
  const org = ctx.state.github.org.login;
  const side = (ref: string, sha: string) => ({ label: `${org}:${ref}`, ref, sha, user: orgAsUser(ctx), repo: repository(ctx, repo) });
  return {
    url: l.url,
    id: pull.id,
    node_id: nodeId("PR", pull.id),
    html_url: l.html,
    diff_url: `${l.html}.diff`,
    patch_url: `${l.html}.patch`,
    issue_url: l.issue,
    number: pull.number,
    state: pull.state,
    locked: pull.locked,
    title: pull.title,
    user: simpleUser(ctx, pull.authorLogin),
    body: pull.body || null,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: pull.assigneeLogins[0] ? simpleUser(ctx, pull.assigneeLogins[0]) : null,
    assignees: pull.assigneeLogins.map((a) => simpleUser(ctx, a)),
    requested_reviewers: pull.requestedReviewerLogins.map((r) => simpleUser(ctx, r)),
    requested_teams: [],
    labels: labelsOf(ctx, repo, pull.labelIds),
    milestone: null,
    draft: pull.draft,
    commits_url: l.commits,
    review_comments_url: l.reviewComments,
    review_comment_url: l.reviewComment,
    comments_url: l.comments,
    statuses_url: l.statuses,
    head: side(pull.headRef, pull.headSha),
    base: side(pull.baseRef, pull.baseSha),
    _links: {
      self: { href: l.url },
      html: { href: l.html },
      issue: { href: l.issue },
      comments: { href: l.comments },
      review_comments: { href: l.reviewComments },
      review_comment: { href: l.reviewComment },
      commits: { href: l.commits },
      statuses: { href: l.statuses },
    },
    author_association: authorAssociation(ctx, repo, pull.authorLogin),
    auto_merge: null,
    active_lock_reason: null,
  };
}

/** The latest review state per reviewer decides mergeability, as with a "1 approval" branch rule. */
function mergeableState(ctx: WireContext, pull: GithubPull): string {
  if (pull.state === "closed") return "unknown";
  if (pull.draft) return "draft";
  const latest = new Map<string, string>();
  for (const r of ctx.state.github.reviews) {
    if (r.repoId === pull.repoId && r.pullNumber === pull.number && r.state !== "COMMENTED" && r.authorLogin !== pull.authorLogin) latest.set(r.authorLogin, r.state);
  }
  const states = [...latest.values()];
  if (states.includes("CHANGES_REQUESTED")) return "blocked";
  return states.includes("APPROVED") ? "clean" : "blocked";
}

/** GET /repos/{owner}/{repo}/pulls/{pull_number}. */
export function pullFull(ctx: WireContext, repo: GithubRepo, pull: GithubPull): Json {
  const files = pullFiles(ctx, pull);
  const g = ctx.state.github;
  const open = pull.state === "open";
  return {
    ...pullSimple(ctx, repo, pull),
    merged: !!pull.mergedAt,
    mergeable: open ? true : null,
    rebaseable: open ? true : null,
    mergeable_state: mergeableState(ctx, pull),
    merged_by: pull.mergedByLogin ? simpleUser(ctx, pull.mergedByLogin) : null,
    comments: g.issueComments.filter((c) => c.repoId === repo.id && c.issueNumber === pull.number).length,
    review_comments: g.reviewComments.filter((c) => c.repoId === repo.id && c.pullNumber === pull.number).length,
    maintainer_can_modify: false,
    commits: pull.commitShas.length,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
    changed_files: new Set(files.map((f) => f.filename)).size,
  };
}

/** An issue — or a pull request seen through the issues API, which GitHub marks with `pull_request`. */
export function issueJson(ctx: WireContext, repo: GithubRepo, item: GithubIssue | GithubPull, options: { single?: boolean } = {}): Json {
  const api = repoApi(ctx, repo);
  const isPull = "headRef" in item;
  const url = `${api}/issues/${item.number}`;
  const html = `${repoWeb(ctx, repo)}/${isPull ? "pull" : "issues"}/${item.number}`;
  const comments = ctx.state.github.issueComments.filter((c) => c.repoId === repo.id && c.issueNumber === item.number).length;
  const closedBy = isPull ? item.mergedByLogin ?? (item.closedAt ? item.authorLogin : null) : item.closedByLogin;
  return {
    url,
    repository_url: api,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: html,
    id: isPull ? item.issueId : item.id,
    node_id: nodeId(isPull ? "PR" : "I", item.id),
    number: item.number,
    title: item.title,
    user: simpleUser(ctx, item.authorLogin),
    labels: labelsOf(ctx, repo, item.labelIds),
    state: item.state,
    locked: item.locked,
    assignee: item.assigneeLogins[0] ? simpleUser(ctx, item.assigneeLogins[0]) : null,
    assignees: item.assigneeLogins.map((a) => simpleUser(ctx, a)),
    milestone: null,
    comments,
    created_at: item.createdAt,
    updated_at: item.updatedAt,
    closed_at: item.closedAt,
    author_association: authorAssociation(ctx, repo, item.authorLogin),
    type: null,
    active_lock_reason: null,
    ...(isPull
      ? {
          draft: item.draft,
          pull_request: { url: `${api}/pulls/${item.number}`, html_url: html, diff_url: `${html}.diff`, patch_url: `${html}.patch`, merged_at: item.mergedAt },
        }
      : {}),
    sub_issues_summary: { total: 0, completed: 0, percent_completed: 0 },
    issue_dependencies_summary: { blocked_by: 0, total_blocked_by: 0, blocking: 0, total_blocking: 0 },
    body: item.body || null,
    ...(options.single ? { closed_by: closedBy ? simpleUser(ctx, closedBy) : null } : {}),
    reactions: reactions(url),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: isPull ? null : item.stateReason,
  };
}

/** A conversation comment on an issue or pull request. */
export function issueCommentJson(ctx: WireContext, repo: GithubRepo, c: GithubIssueComment): Json {
  const api = repoApi(ctx, repo);
  const isPull = ctx.state.github.pulls.some((p) => p.repoId === repo.id && p.number === c.issueNumber);
  const url = `${api}/issues/comments/${c.id}`;
  return {
    url,
    html_url: `${repoWeb(ctx, repo)}/${isPull ? "pull" : "issues"}/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${api}/issues/${c.issueNumber}`,
    id: c.id,
    node_id: nodeId("IC", c.id),
    user: simpleUser(ctx, c.authorLogin),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: authorAssociation(ctx, repo, c.authorLogin),
    body: c.body,
    reactions: reactions(url),
    performed_via_github_app: null,
  };
}

/** A pull request review (APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED). */
export function reviewJson(ctx: WireContext, repo: GithubRepo, r: GithubReview): Json {
  const api = repoApi(ctx, repo);
  const html = `${repoWeb(ctx, repo)}/pull/${r.pullNumber}#pullrequestreview-${r.id}`;
  return {
    id: r.id,
    node_id: nodeId("PRR", r.id),
    user: simpleUser(ctx, r.authorLogin),
    body: r.body,
    state: r.state,
    html_url: html,
    pull_request_url: `${api}/pulls/${r.pullNumber}`,
    author_association: authorAssociation(ctx, repo, r.authorLogin),
    _links: { html: { href: html }, pull_request: { href: `${api}/pulls/${r.pullNumber}` } },
    submitted_at: r.submittedAt,
    commit_id: r.commitId,
  };
}

/** A line comment on a pull request diff; replies carry `in_reply_to_id`. */
export function reviewCommentJson(ctx: WireContext, repo: GithubRepo, c: GithubReviewComment): Json {
  const api = repoApi(ctx, repo);
  const url = `${api}/pulls/comments/${c.id}`;
  const html = `${repoWeb(ctx, repo)}/pull/${c.pullNumber}#discussion_r${c.id}`;
  return {
    url,
    pull_request_review_id: c.reviewId,
    id: c.id,
    node_id: nodeId("PRRC", c.id),
    diff_hunk: c.diffHunk,
    path: c.path,
    commit_id: c.commitId,
    original_commit_id: c.originalCommitId,
    user: simpleUser(ctx, c.authorLogin),
    body: c.body,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    html_url: html,
    pull_request_url: `${api}/pulls/${c.pullNumber}`,
    author_association: authorAssociation(ctx, repo, c.authorLogin),
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: `${api}/pulls/${c.pullNumber}` } },
    reactions: reactions(url),
    start_line: null,
    original_start_line: null,
    start_side: null,
    line: c.line,
    original_line: c.line,
    side: c.side,
    ...(c.inReplyToId ? { in_reply_to_id: c.inReplyToId } : {}),
    original_position: c.position,
    position: c.position,
    subject_type: "line",
  };
}

/** A changed file as pull-request file lists and commits show it; URLs point at `ref`. */
export function diffEntry(ctx: WireContext, repo: GithubRepo, f: GithubFileChange, ref: string): Json {
  const web = repoWeb(ctx, repo);
  return {
    sha: f.status === "removed" ? f.previousSha : f.sha,
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.additions + f.deletions,
    blob_url: `${web}/blob/${ref}/${f.filename.split("/").map(enc).join("/")}`,
    raw_url: `${web}/raw/${ref}/${f.filename.split("/").map(enc).join("/")}`,
    contents_url: `${repoApi(ctx, repo)}/contents/${f.filename.split("/").map(enc).join("/")}?ref=${ref}`,
    ...(f.patch !== undefined ? { patch: f.patch } : {}),
    ...(f.previousFilename ? { previous_filename: f.previousFilename } : {}),
  };
}

/** Name and email git records for a login (GitHub's noreply address when the email is private). */
export function gitIdentity(ctx: WireContext, login: string): { name: string; email: string } {
  if (login === "web-flow") return { name: "GitHub", email: "noreply@github.com" };
  const u = userOrGhost(ctx, login);
  const person = ctx.state.company.people.find((p) => p.id === u.personId);
  return { name: u.name ?? u.login, email: person?.email ?? `${u.id}+${u.login}@users.noreply.github.com` };
}

/** A commit; `withFiles` adds `stats` and `files` (GET /commits/{ref} does, lists do not). */
export function commitJson(ctx: WireContext, repo: GithubRepo, c: GithubCommit, options: { withFiles?: boolean } = {}): Json {
  const api = repoApi(ctx, repo);
  const web = repoWeb(ctx, repo);
  const committer = gitIdentity(ctx, c.committerLogin);
  const author = gitIdentity(ctx, c.authorLogin);
  const header = `tree ${c.treeSha}\n${c.parents.map((p) => `parent ${p}\n`).join("")}author ${author.name} <${author.email}> ${Date.parse(c.authoredAt) / 1000} +0000\ncommitter ${committer.name} <${committer.email}> ${Date.parse(c.committedAt) / 1000} +0000\n\n${c.message}`;
  const additions = c.files.reduce((n, f) => n + f.additions, 0);
  const deletions = c.files.reduce((n, f) => n + f.deletions, 0);
  return {
    sha: c.sha,
    node_id: nodeId("C", parseInt(c.sha.slice(0, 12), 16)),
    commit: {
      author: { ...author, date: c.authoredAt },
      committer: { ...committer, date: c.committedAt },
      message: c.message,
      tree: { sha: c.treeSha, url: `${api}/git/trees/${c.treeSha}` },
      url: `${api}/git/commits/${c.sha}`,
      comment_count: 0,
      verification: c.verified
        ? { verified: true, reason: "valid", signature: `-----BEGIN PGP SIGNATURE-----\n\nwsFcBAABCAAQBQJ${c.sha.slice(0, 24)}\n-----END PGP SIGNATURE-----\n`, payload: header, verified_at: c.committedAt }
        : { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
    },
    url: `${api}/commits/${c.sha}`,
    html_url: `${web}/commit/${c.sha}`,
    comments_url: `${api}/commits/${c.sha}/comments`,
    author: findUser(ctx.state, c.authorLogin) ? simpleUser(ctx, c.authorLogin) : null,
    committer: findUser(ctx.state, c.committerLogin) ? simpleUser(ctx, c.committerLogin) : null,
    parents: c.parents.map((p) => ({ sha: p, url: `${api}/commits/${p}`, html_url: `${web}/commit/${p}` })),
    ...(options.withFiles
      ? { stats: { total: additions + deletions, additions, deletions }, files: c.files.map((f) => diffEntry(ctx, repo, f, c.sha)) }
      : {}),
  };
}
