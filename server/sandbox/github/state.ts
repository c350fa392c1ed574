/**
 * The GitHub sandbox's data: one organisation, its repositories and their pull requests, issues,
 * reviews, comments and commits. Plain JSON only (no Dates, Maps or classes) so the sandbox can
 * structuredClone and hash it. Wire shapes (URLs, nested users, counts) are derived from this at
 * response time by `wire.ts`; nothing here is a GitHub JSON body.
 *
 * People are referenced by GitHub login; `users` resolves a login to its profile. Timestamps are
 * ISO strings.
 */

export interface GithubOrg {
  login: string;
  id: number;
  name: string;
  description: string;
  createdAt: string;
}

/** A GitHub account: a company person, an outside contributor, or a bot/service account. */
export interface GithubUser {
  login: string;
  id: number;
  type: "User" | "Bot";
  name: string | null;
  email: string | null;
  company: string | null;
  location: string | null;
  bio: string | null;
  createdAt: string;
  /** The sandbox person behind the account, null for outsiders and bots. */
  personId: string | null;
  siteAdmin: boolean;
}

export interface GithubBranch {
  name: string;
  sha: string;
}

export interface GithubRepo {
  id: number;
  name: string;
  description: string;
  private: boolean;
  language: string;
  homepage: string | null;
  topics: string[];
  /** The owning team's id, null for shared repositories. */
  teamId: string | null;
  defaultBranch: string;
  /** Live branches (the default branch and open pull requests' heads). */
  branches: GithubBranch[];
  licenseKey: "mit" | null;
  sizeKb: number;
  stargazers: number;
  forks: number;
  watchers: number;
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
  /** Archived repositories are read-only (absent = not archived). */
  archived?: boolean;
  /** Whether the Issues feature is on (absent = on, GitHub's default). */
  hasIssues?: boolean;
}

export interface GithubLabel {
  id: number;
  repoId: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

/** One file's change in a commit or pull request; `patch` is the unified-diff body (hunks only). */
export interface GithubFileChange {
  filename: string;
  status: "added" | "removed" | "modified" | "renamed";
  previousFilename?: string;
  additions: number;
  deletions: number;
  /** Absent for pure renames and binary files, as on GitHub. */
  patch?: string;
  /** Blob sha after the change (null-like "0000…" for removals). */
  sha: string;
  /** Blob sha before the change ("0000…" for additions). */
  previousSha: string;
}

export interface GithubCommit {
  sha: string;
  repoId: number;
  message: string;
  authorLogin: string;
  /** "web-flow" for squash merges done on github.com. */
  committerLogin: string;
  authoredAt: string;
  committedAt: string;
  /** Parent shas; first parent is the branch line. */
  parents: string[];
  treeSha: string;
  files: GithubFileChange[];
  /** Signed by GitHub (squash merges on github.com). */
  verified: boolean;
}

export type GithubReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED";

export interface GithubPull {
  /** The pull request's own id. */
  id: number;
  /** The id of the issue that backs the pull request (issues API). */
  issueId: number;
  repoId: number;
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  draft: boolean;
  locked: boolean;
  authorLogin: string;
  assigneeLogins: string[];
  /** Reviewers asked for and not yet answered (GitHub drops a reviewer once they review). */
  requestedReviewerLogins: string[];
  labelIds: number[];
  headRef: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
  /** Commits on the branch, oldest first. */
  commitShas: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  mergedByLogin: string | null;
  mergeCommitSha: string | null;
  /** The Jira issue the pull request implements, if any (not on the wire). */
  jiraKey: string | null;
}

export interface GithubIssue {
  id: number;
  repoId: number;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: "completed" | "not_planned" | "reopened" | null;
  locked: boolean;
  authorLogin: string;
  assigneeLogins: string[];
  labelIds: number[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedByLogin: string | null;
}

/** A comment in an issue's or pull request's conversation. */
export interface GithubIssueComment {
  id: number;
  repoId: number;
  /** The issue or pull request number. */
  issueNumber: number;
  authorLogin: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface GithubReview {
  id: number;
  repoId: number;
  pullNumber: number;
  authorLogin: string;
  state: GithubReviewState;
  body: string;
  commitId: string;
  submittedAt: string;
}

/** A comment on a line of a pull request's diff; replies carry `inReplyToId` (the thread's first comment). */
export interface GithubReviewComment {
  id: number;
  repoId: number;
  pullNumber: number;
  reviewId: number;
  authorLogin: string;
  body: string;
  path: string;
  /** Line in the new file (side RIGHT) or the old file (side LEFT). */
  line: number;
  side: "LEFT" | "RIGHT";
  /** Index of the line in the file's patch, counted from the line after the first hunk header. */
  position: number;
  diffHunk: string;
  commitId: string;
  originalCommitId: string;
  inReplyToId: number | null;
  createdAt: string;
  updatedAt: string;
}

/** The whole GitHub sandbox (see the module comment for conventions). */
export interface GithubState {
  org: GithubOrg;
  users: GithubUser[];
  repos: GithubRepo[];
  labels: GithubLabel[];
  pulls: GithubPull[];
  issues: GithubIssue[];
  issueComments: GithubIssueComment[];
  reviews: GithubReview[];
  reviewComments: GithubReviewComment[];
  commits: GithubCommit[];
  /**
   * Seeded items whose text tries to instruct an AI agent, as "<kind>:<id>" with kind one of
   * pull, issue, issue_comment, review, review_comment (ids are the wire ids).
   */
  hostileIds: string[];
}
