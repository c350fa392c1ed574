import { type Octokit } from "@octokit/rest";
import { GITHUB_BODY_LIMIT, type GithubCommentOnPullRequestInput, type GithubCommentResult } from "@/server/actions/catalogue/actions/github-comment-on-pull-request";
import { type GithubCreateIssueInput, type GithubCreateIssueResult } from "@/server/actions/catalogue/actions/github-create-issue";
import { type GithubPullRequestState, type GithubRepositoryState } from "@/server/actions/catalogue/types";
import { type ActionWriter, type ActionWriters, type WriteResultBase } from "@/server/actions/catalogue/writer";
import { createToolCall } from "../call";
import { ConnectorError } from "../errors";
import { type ConnectorContext } from "../types";

/** What github.commentOnPullRequest reports: GitHub's comment, where it is, and "owner/repo#n". */
export type GithubCommentWriteResult = GithubCommentResult & WriteResultBase;
/** What github.createIssue reports: the new issue's number, its page, and "owner/repo#n". */
export type GithubCreateIssueWriteResult = GithubCreateIssueResult & WriteResultBase;

/**
 * How far GitHub's clock may trail ours when looking back for an earlier attempt. The newest page
 * of results is always read whole, so a larger difference only costs older pages.
 */
const CLOCK_SKEW_MS = 10 * 60_000;
const PAGE = 100;

/** The hidden HTML comment that ties a created issue or comment to the action that made it. */
export function actionMarker(actionId: string): string {
  return `<!-- lumen:action=${actionId} -->`;
}

/** The fence ("```", "~~~~") of a code block left open at the end of `markdown`, if any. */
function openFence(markdown: string): string | null {
  let open: { char: string; length: number } | null = null;
  for (const line of markdown.split(/\r?\n/)) {
    const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (!m) continue;
    const fence = m[1]!;
    const rest = m[2]!;
    if (!open) {
      // A backtick fence's info string cannot contain backticks (that line is inline code).
      if (fence[0] === "`" && rest.includes("`")) continue;
      open = { char: fence[0]!, length: fence.length };
    } else if (fence[0] === open.char && fence.length >= open.length && !rest.trim()) {
      open = null;
    }
  }
  return open ? open.char.repeat(open.length) : null;
}

/**
 * The body as posted: the approved text, then the marker as its own paragraph, which GitHub's
 * Markdown renders as nothing. A code block left open would show the marker as code, so it is
 * closed first. The marker must survive for a later attempt to find this one: when text and marker
 * together would pass GitHub's 65,536-character limit, the text is cut (never inside a surrogate
 * pair) and ends with "…".
 */
export function bodyWithMarker(body: string, actionId: string): string {
  const marker = actionMarker(actionId);
  let text = body.trimEnd();
  for (;;) {
    const fence = openFence(text);
    const suffix = `${fence ? `\n${fence}` : ""}${text ? "\n\n" : ""}${marker}`;
    if (text.length + suffix.length <= GITHUB_BODY_LIMIT) return text + suffix;
    let cut = text.slice(0, Math.max(0, GITHUB_BODY_LIMIT - suffix.length - 1));
    if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
    text = `${cut}…`;
  }
}

const isNotFound = (e: unknown) => e instanceof ConnectorError && e.kind === "not_found";

/**
 * The GitHub writers: a comment on a pull request's conversation (an issue comment, as GitHub
 * models it) and a new issue. Both carry the action's marker at the end of their body, so an
 * attempt whose answer was lost is found again instead of posted twice.
 */
export function createGithubWriters(ctx: ConnectorContext, octokit: Octokit, mapError: (e: unknown) => ConnectorError): ActionWriters {
  const call = createToolCall(ctx, mapError);
  const write = createToolCall(ctx, mapError, "write");
  const org = ctx.connection.externalAccountId;

  /** "owner/name", or a bare name in the connection's organisation, as the connector's reads take it. */
  function target(repo: string): { owner: string; repo: string; full: string } {
    const [owner, name] = repo.includes("/") ? (repo.split("/", 2) as [string, string]) : [org, repo];
    if (!owner) throw new ConnectorError("invalid_request", `Name the repository as owner/name (the GitHub connection has no organisation to assume for "${repo}").`);
    return { owner, repo: name, full: `${owner}/${name}` };
  }

  let viewer: Promise<string> | null = null;
  /** The login the connection acts as: the author of everything the writers create. */
  function me(): Promise<string> {
    if (!viewer) {
      viewer = call("users.getAuthenticated", (signal) => octokit.rest.users.getAuthenticated({ request: { signal } })).then((r) => r.data.login);
      // A failed look-up is asked again next time rather than remembered.
      viewer.catch(() => (viewer = null));
    }
    return viewer;
  }

  const sameLogin = (a: string | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();

  const commentOnPullRequest: ActionWriter<GithubCommentOnPullRequestInput, GithubPullRequestState, GithubCommentWriteResult> = {
    async readState(input) {
      const t = target(input.repo);
      try {
        const { data } = await call("pulls.get", (signal) => octokit.rest.pulls.get({ owner: t.owner, repo: t.repo, pull_number: input.number, request: { signal } }));
        return {
          pullRequest: { repo: data.base.repo.full_name, number: data.number, title: data.title, state: data.merged_at ? "merged" : data.state === "closed" ? "closed" : "open", locked: data.locked },
        };
      } catch (e) {
        if (isNotFound(e)) return { pullRequest: null };
        throw e;
      }
    },

    async execute(input, _state, marker) {
      const t = target(input.repo);
      const body = bodyWithMarker(input.body, marker.actionId);
      const { data } = await write("issues.createComment", (signal) =>
        octokit.rest.issues.createComment({ owner: t.owner, repo: t.repo, issue_number: input.number, body, request: { signal } }),
      );
      return { commentId: data.id, url: data.html_url, ref: `${t.full}#${input.number}` };
    },

    // The whole conversation is read, not only comments since `since`: GitHub's clock and ours
    // need not agree, and a pull request's conversation is short.
    async findLanded(input, _before, marker) {
      const t = target(input.repo);
      const [login, comments] = await Promise.all([
        me(),
        call("issues.listComments", () => octokit.paginate(octokit.rest.issues.listComments, { owner: t.owner, repo: t.repo, issue_number: input.number, per_page: PAGE })),
      ]);
      const tag = actionMarker(marker.actionId);
      const landed = comments.find((c) => sameLogin(c.user?.login, login) && (c.body ?? "").includes(tag));
      return landed ? { commentId: landed.id, url: landed.html_url, ref: `${t.full}#${input.number}` } : null;
    },

    async verify(input, result, marker) {
      const t = target(input.repo);
      try {
        const { data } = await call("issues.getComment", (signal) => octokit.rest.issues.getComment({ owner: t.owner, repo: t.repo, comment_id: result.commentId, request: { signal } }));
        const problems: string[] = [];
        if (!data.issue_url.endsWith(`/issues/${input.number}`)) problems.push(`The comment is not on ${t.full}#${input.number}.`);
        if (data.body !== bodyWithMarker(input.body, marker.actionId)) problems.push(`The comment on ${t.full}#${input.number} no longer reads as approved (it was edited).`);
        return problems;
      } catch (e) {
        if (isNotFound(e)) return [`The comment on ${t.full}#${input.number} no longer exists (it was deleted).`];
        throw e;
      }
    },
  };

  const createIssue: ActionWriter<GithubCreateIssueInput, GithubRepositoryState, GithubCreateIssueWriteResult> = {
    async readState(input) {
      const t = target(input.repo);
      let repository: GithubRepositoryState["repository"];
      try {
        const { data } = await call("repos.get", (signal) => octokit.rest.repos.get({ owner: t.owner, repo: t.repo, request: { signal } }));
        repository = { fullName: data.full_name, hasIssues: data.has_issues, archived: data.archived };
      } catch (e) {
        if (isNotFound(e)) return { repository: null, assignableLogins: [] };
        throw e;
      }
      const [assignees, newest] = await Promise.all([
        call("issues.listAssignees", () => octokit.paginate(octokit.rest.issues.listAssignees, { owner: t.owner, repo: t.repo, per_page: PAGE })),
        call("issues.listForRepo", (signal) => octokit.rest.issues.listForRepo({ owner: t.owner, repo: t.repo, state: "all", sort: "created", direction: "desc", per_page: 1, request: { signal } })),
      ]);
      return { repository, assignableLogins: assignees.map((a) => a.login), latestNumber: newest.data[0]?.number ?? null };
    },

    async execute(input, _state, marker) {
      const t = target(input.repo);
      const { data } = await write("issues.create", (signal) =>
        octokit.rest.issues.create({
          owner: t.owner,
          repo: t.repo,
          title: input.title,
          body: bodyWithMarker(input.body ?? "", marker.actionId),
          ...(input.labels?.length ? { labels: input.labels } : {}),
          ...(input.assignees?.length ? { assignees: input.assignees } : {}),
          request: { signal },
        }),
      );
      return { number: data.number, url: data.html_url, ref: `${t.full}#${data.number}` };
    },

    // Issues this login opened, newest first, down to the highest number that existed before the
    // write (numbers only grow). Without that mark, the newest page is read whole whatever its
    // dates (GitHub's clock may differ from ours), older pages while they reach back to `since`.
    async findLanded(input, before, marker, since) {
      const t = target(input.repo);
      const login = await me();
      const tag = actionMarker(marker.actionId);
      const floor = since.getTime() - CLOCK_SKEW_MS;
      for (let page = 1; ; page++) {
        const { data } = await call("issues.listForRepo", (signal) =>
          octokit.rest.issues.listForRepo({ owner: t.owner, repo: t.repo, creator: login, state: "all", sort: "created", direction: "desc", per_page: PAGE, page, request: { signal } }),
        );
        const landed = data.find((i) => !i.pull_request && (i.body ?? "").includes(tag));
        if (landed) return { number: landed.number, url: landed.html_url, ref: `${t.full}#${landed.number}` };
        if (data.length < PAGE) return null;
        const floorNumber = before.latestNumber;
        if (floorNumber !== undefined ? data.at(-1)!.number <= (floorNumber ?? 0) : Date.parse(data.at(-1)!.created_at) < floor) return null;
      }
    },

    async verify(input, result, marker) {
      const t = target(input.repo);
      const ref = `${t.full}#${result.number}`;
      try {
        const { data } = await call("issues.get", (signal) => octokit.rest.issues.get({ owner: t.owner, repo: t.repo, issue_number: result.number, request: { signal } }));
        const problems: string[] = [];
        if (data.pull_request) problems.push(`${ref} is a pull request, not the issue that was created.`);
        if (data.title !== input.title) problems.push(`${ref} is titled "${data.title}", not "${input.title}".`);
        if ((data.body ?? "") !== bodyWithMarker(input.body ?? "", marker.actionId)) problems.push(`The description of ${ref} differs from what was approved.`);
        const labels = data.labels.map((l) => (typeof l === "string" ? l : (l.name ?? "")));
        for (const label of input.labels ?? []) if (!labels.some((l) => sameLogin(l, label))) problems.push(`${ref} is missing the label "${label}".`);
        const assignees = (data.assignees ?? []).map((a) => a.login);
        for (const login of input.assignees ?? []) if (!assignees.some((a) => sameLogin(a, login))) problems.push(`@${login} is not assigned to ${ref}.`);
        return problems;
      } catch (e) {
        if (isNotFound(e)) return [`${ref} cannot be found any more (deleted or transferred).`];
        throw e;
      }
    },
  };

  return { "github.commentOnPullRequest": commentOnPullRequest, "github.createIssue": createIssue };
}
