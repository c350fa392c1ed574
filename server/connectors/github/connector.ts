import { Octokit } from "@octokit/rest";
import { createToolCall, requireFields } from "../call";
import { ConnectorError, retryAfterMs } from "../errors";
import {
  type CommentRecord,
  type ConnectionCheck,
  type Connector,
  type ConnectorContext,
  type NormalizedPullRequest,
  type NormalizedReview,
  type PullRequestDetail,
  type SyncBatch,
  type SyncRequest,
} from "../types";
import { createGithubWriters } from "./writes";

export const GITHUB_READ_SCOPES = ["repo"];

const JIRA_KEY = /\b[A-Z][A-Z0-9]{1,9}-\d+\b/g;

interface OctokitLikeError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

/**
 * GitHub's errors as the product understands them. A 403 is a rate limit when GitHub says so — the
 * primary limit (x-ratelimit-remaining: 0, wait until x-ratelimit-reset) or a secondary limit
 * (message mentions it, wait for retry-after) — and a permission problem otherwise.
 */
export function mapGithubError(e: unknown, now = Date.now()): ConnectorError {
  if (e instanceof ConnectorError) return e;
  const err = e as OctokitLikeError;
  const status = err.status;
  const headers = err.response?.headers ?? {};
  if (status === 401) return new ConnectorError("auth", "GitHub rejected the token (Bad credentials)", { status, cause: e });
  if (status === 403 || status === 429) {
    if (headers["x-ratelimit-remaining"] === "0") {
      const reset = Number(headers["x-ratelimit-reset"]);
      return new ConnectorError("rate_limited", "GitHub primary rate limit reached", { status, retryAfterMs: Number.isFinite(reset) ? Math.max(0, reset * 1000 - now) : undefined, cause: e });
    }
    if (/secondary rate limit/i.test(err.message ?? "") || headers["retry-after"]) {
      return new ConnectorError("rate_limited", "GitHub secondary rate limit", { status, retryAfterMs: retryAfterMs(headers["retry-after"], now) ?? 60_000, cause: e });
    }
    return new ConnectorError("scope", err.message ?? "GitHub refused the request", { status, cause: e });
  }
  if (status === 404) return new ConnectorError("not_found", "Not found on GitHub (or the token cannot see it)", { status, cause: e });
  if (status === 422) return new ConnectorError("invalid_request", err.message ?? "GitHub rejected the request", { status, cause: e });
  if (status && status >= 500) return new ConnectorError("unavailable", `GitHub answered ${status}`, { status, cause: e });
  if (e instanceof SyntaxError || /JSON/i.test(err.message ?? "")) return new ConnectorError("bad_response", `GitHub sent a response that is not valid JSON`, { status, cause: e });
  if (status === undefined || status === 500) return new ConnectorError("network", err.message ?? String(e), { cause: e });
  return new ConnectorError("invalid_request", err.message ?? String(e), { status, cause: e });
}

interface PullLike {
  id: number;
  number: number;
  title: string;
  body?: string | null;
  state: string;
  draft?: boolean;
  user?: { login: string } | null;
  html_url: string;
  head?: { ref?: string };
  created_at: string;
  updated_at: string;
  merged_at?: string | null;
  closed_at?: string | null;
}

function toPullRequest(repo: string, pr: PullLike, detail: { additions?: number; deletions?: number; changed_files?: number }): NormalizedPullRequest {
  const text = `${pr.title}\n${pr.body ?? ""}\n${pr.head?.ref ?? ""}`;
  return {
    sourceId: String(pr.id),
    repo,
    number: pr.number,
    title: pr.title,
    body: pr.body ?? null,
    state: pr.merged_at ? "merged" : pr.state,
    draft: Boolean(pr.draft),
    authorLogin: pr.user?.login ?? null,
    url: pr.html_url,
    workItemKeys: [...new Set(text.match(JIRA_KEY) ?? [])],
    additions: detail.additions ?? null,
    deletions: detail.deletions ?? null,
    changedFiles: detail.changed_files ?? null,
    createdAt: new Date(pr.created_at),
    updatedAt: new Date(pr.updated_at),
    mergedAt: pr.merged_at ? new Date(pr.merged_at) : null,
    closedAt: pr.closed_at ? new Date(pr.closed_at) : null,
  };
}

function toReview(repo: string, pr: { id: number; number: number }, r: { id: number; user?: { login: string } | null; state: string; body?: string | null; html_url?: string; submitted_at?: string | null }): NormalizedReview {
  return {
    sourceId: String(r.id),
    pullRequestSourceId: String(pr.id),
    repo,
    prNumber: pr.number,
    authorLogin: r.user?.login ?? null,
    state: r.state,
    body: r.body || null,
    url: r.html_url ?? null,
    submittedAt: r.submitted_at ? new Date(r.submitted_at) : null,
  };
}

function toComment(c: { id: number; user?: { login: string } | null; body?: string | null; html_url?: string; created_at: string }): CommentRecord {
  return { sourceId: String(c.id), authorId: c.user?.login ?? null, authorName: c.user?.login ?? null, body: c.body ?? "", url: c.html_url ?? null, createdAt: new Date(c.created_at) };
}

/**
 * GitHub through @octokit/rest: the organisation's (or listed) repositories, their pull requests
 * updated since the cursor, and each changed pull request's reviews.
 */
export function createGithubConnector(ctx: ConnectorContext): Connector {
  const { connection } = ctx;
  const octokit = new Octokit({
    baseUrl: connection.baseUrl.replace(/\/$/, ""),
    userAgent: "lumen-pm-agent",
    request: { retries: 0 },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  // A hook rather than the auth option: the token may be refreshed between requests.
  octokit.hook.before("request", async (options) => {
    options.headers.authorization = `token ${await ctx.accessToken()}`;
  });
  const call = createToolCall(ctx, (e) => mapGithubError(e));
  const org = connection.externalAccountId;

  async function repositories(): Promise<{ owner: string; name: string }[]> {
    const wanted = connection.settings.repositories ?? [];
    if (wanted.length) return wanted.map((full) => ({ owner: full.includes("/") ? full.split("/")[0]! : org!, name: full.includes("/") ? full.split("/")[1]! : full }));
    if (!org) throw new ConnectorError("invalid_request", "The GitHub connection names no organisation or repositories to sync.");
    const repos = [];
    for (let page = 1; ; page++) {
      const res = await call("repos.listForOrg", () => octokit.rest.repos.listForOrg({ org, per_page: 100, page }));
      repos.push(...res.data.map((r) => ({ owner: r.owner.login, name: r.name })));
      if (res.data.length < 100) break;
    }
    return repos;
  }

  return {
    tool: "GITHUB",
    writers: createGithubWriters(ctx, octokit, mapGithubError),

    async test(): Promise<ConnectionCheck> {
      const res = await call("users.getAuthenticated", () => octokit.rest.users.getAuthenticated());
      const scopes = (res.headers["x-oauth-scopes"] ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      const missing = scopes.length === 0 ? [] : GITHUB_READ_SCOPES.filter((s) => !scopes.includes(s) && !(s === "repo" && scopes.includes("public_repo")));
      return { account: { id: String(res.data.id), name: res.data.login }, scopes, missingScopes: missing };
    },

    async getPullRequest(repoName: string, number: number): Promise<PullRequestDetail> {
      const owner = repoName.includes("/") ? repoName.split("/")[0]! : org!;
      const repo = repoName.includes("/") ? repoName.split("/")[1]! : repoName;
      const args = { owner, repo, pull_number: number };
      const pr = await call("pulls.get", () => octokit.rest.pulls.get(args));
      const files = await call("pulls.listFiles", () => octokit.paginate(octokit.rest.pulls.listFiles, { ...args, per_page: 100 }));
      const diff = await call("pulls.getDiff", () => octokit.rest.pulls.get({ ...args, mediaType: { format: "diff" } }));
      const comments = await call("issues.listComments", () => octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 100 }));
      const reviews = await call("pulls.listReviews", () => octokit.paginate(octokit.rest.pulls.listReviews, { ...args, per_page: 100 }));
      const reviewComments = await call("pulls.listReviewComments", () => octokit.paginate(octokit.rest.pulls.listReviewComments, { ...args, per_page: 100 }));
      const threads = new Map<number, { path: string; line: number | null; comments: CommentRecord[] }>();
      for (const c of [...reviewComments].sort((a, b) => a.id - b.id)) {
        const root = c.in_reply_to_id ?? c.id;
        const thread = threads.get(root) ?? { path: c.path, line: c.line ?? c.original_line ?? null, comments: [] };
        thread.comments.push(toComment(c));
        threads.set(root, thread);
      }
      return {
        pullRequest: toPullRequest(repo, pr.data, pr.data),
        files: files.map((f) => ({ path: f.filename, status: f.status, additions: f.additions, deletions: f.deletions, patch: f.patch ?? null })),
        diff: String(diff.data as unknown),
        comments: comments.map(toComment),
        reviews: reviews.map((r) => toReview(repo, pr.data, r)),
        threads: [...threads.values()],
      };
    },

    async *sync({ since }: SyncRequest): AsyncIterable<SyncBatch> {
      for (const repo of await repositories()) {
        let done = 0;
        for (let page = 1; ; page++) {
          const res = await call("pulls.list", () =>
            octokit.rest.pulls.list({ owner: repo.owner, repo: repo.name, state: "all", sort: "updated", direction: "desc", per_page: 100, page }),
          );
          const fresh = res.data.filter((pr) => !since || new Date(pr.updated_at) >= since);
          const rows: NormalizedPullRequest[] = [];
          const reviews: NormalizedReview[] = [];
          for (const pr of fresh) {
            requireFields(pr, ["id", "number", "title", "state", "html_url", "created_at", "updated_at"], `GitHub pull request ${repo.name}#${pr.number}`);
            const detail = await call("pulls.get", () => octokit.rest.pulls.get({ owner: repo.owner, repo: repo.name, pull_number: pr.number }));
            const prReviews = await call("pulls.listReviews", () => octokit.rest.pulls.listReviews({ owner: repo.owner, repo: repo.name, pull_number: pr.number, per_page: 100 }));
            rows.push(toPullRequest(repo.name, pr, detail.data));
            reviews.push(...prReviews.data.map((r) => toReview(repo.name, pr, r)));
          }
          done += rows.length;
          yield { kind: "pullRequests", resource: `github:repo:${repo.owner}/${repo.name}`, progress: { done, total: null }, rows, reviews };
          // Sorted by update time: once a page reaches older pull requests, the rest are older too.
          if (res.data.length < 100 || fresh.length < res.data.length) break;
        }
      }
    },
  };
}
