import { Hono, type Context } from "hono";
import { z } from "zod";
import { mediaType, notFound, paginate } from "./http";
import { mboxPatch, unifiedDiff } from "./patch";
import { canonicalRepoUrl, resolveRepo, type GithubEnv } from "./request-context";
import { type GithubCommit, type GithubPull, type GithubRepo } from "./state";
import { commitJson, diffEntry, gitIdentity, pullFiles, pullFull, pullSimple, reviewCommentJson, reviewJson, type WireContext } from "./wire";

const DOCS = "https://docs.github.com/rest/pulls/pulls";
const R = (suffix: string) => [`/repos/:owner/:repo${suffix}`, `/repositories/:repository_id{[0-9]+}${suffix}`];

const listQuery = z.object({
  state: z.enum(["open", "closed", "all"]).catch("open"),
  head: z.string().optional(),
  base: z.string().optional(),
  sort: z.enum(["created", "updated", "popularity", "long-running"]).optional().catch(undefined),
  direction: z.enum(["asc", "desc"]).optional().catch(undefined),
});

const commentsQuery = z.object({
  sort: z.enum(["created", "updated"]).optional().catch(undefined),
  direction: z.enum(["asc", "desc"]).optional().catch(undefined),
  since: z.iso.datetime({ offset: true }).optional().catch(undefined),
});

/** The diff or patch text for the diff/patch media types, as GitHub serves them. */
export function diffResponse(c: Context<GithubEnv>, format: "diff" | "patch", wire: WireContext, commits: GithubCommit[], files = commits.flatMap((x) => x.files)) {
  const text =
    format === "diff"
      ? unifiedDiff(files)
      : mboxPatch(
          commits.map((x) => {
            const who = gitIdentity(wire, x.authorLogin);
            return { sha: x.sha, authorName: who.name, authorEmail: who.email, date: x.authoredAt, message: x.message, files: x.files };
          }),
        );
  return c.body(text, 200, { "content-type": `application/vnd.github.${format}; charset=utf-8` });
}

/** Pull requests: list, get (JSON, diff or patch), files, reviews, review comments, commits. */
export function pullRoutes(): Hono<GithubEnv> {
  const app = new Hono<GithubEnv>();

  const findPull = (c: Context<GithubEnv>, repo: GithubRepo): GithubPull | undefined =>
    c.get("gh").wire.state.github.pulls.find((p) => p.repoId === repo.id && String(p.number) === c.req.param("pull_number"));

  app.on("GET", R("/pulls"), (c) => {
    const r = resolveRepo(c, "read", `${DOCS}#list-pull-requests`);
    if ("response" in r) return r.response;
    const { wire } = c.get("gh");
    const g = wire.state.github;
    const q = listQuery.parse(c.req.query());
    const sort = q.sort ?? "created";
    const direction = q.direction ?? (sort === "created" ? "desc" : "asc");
    const headRef = q.head?.includes(":") ? q.head.slice(q.head.indexOf(":") + 1) : q.head;
    const headOwner = q.head?.includes(":") ? q.head.slice(0, q.head.indexOf(":")) : null;
    const nowMs = Date.parse(wire.state.company.now);
    const comments = (p: GithubPull) => g.issueComments.filter((x) => x.repoId === p.repoId && x.issueNumber === p.number).length;
    const key: Record<typeof sort, (p: GithubPull) => number> = {
      created: (p) => Date.parse(p.createdAt),
      updated: (p) => Date.parse(p.updatedAt),
      popularity: comments,
      "long-running": (p) => Date.parse(p.createdAt),
    };
    const pulls = g.pulls
      .filter((p) => p.repoId === r.repo.id)
      .filter((p) => q.state === "all" || p.state === q.state)
      .filter((p) => !headRef || (p.headRef === headRef && (!headOwner || headOwner.toLowerCase() === g.org.login.toLowerCase())))
      .filter((p) => !q.base || p.baseRef === q.base)
      .filter((p) => sort !== "long-running" || (nowMs - Date.parse(p.createdAt) > 30 * 86_400_000 && nowMs - Date.parse(p.updatedAt) < 30 * 86_400_000))
      .sort((a, b) => (key[sort](a) - key[sort](b) || a.number - b.number) * (direction === "asc" ? 1 : -1));
    return c.json(paginate(c, pulls, canonicalRepoUrl(c, r.repo)).map((p) => pullSimple(wire, r.repo, p)));
  });

  app.on("GET", R("/pulls/comments/:comment_id{[0-9]+}"), (c) => {
    const r = resolveRepo(c, "read");
    if ("response" in r) return r.response;
    const { wire } = c.get("gh");
    const comment = wire.state.github.reviewComments.find((x) => x.repoId === r.repo.id && String(x.id) === c.req.param("comment_id"));
    return comment ? c.json(reviewCommentJson(wire, r.repo, comment)) : notFound(c, "https://docs.github.com/rest/pulls/comments#get-a-review-comment-for-a-pull-request");
  });

  app.on("GET", R("/pulls/:pull_number{[0-9]+}"), (c) => {
    const r = resolveRepo(c, "read", `${DOCS}#get-a-pull-request`);
    if ("response" in r) return r.response;
    const { wire } = c.get("gh");
    const pull = findPull(c, r.repo);
    if (!pull) return notFound(c, `${DOCS}#get-a-pull-request`);
    const media = mediaType(c);
    if (media.format !== "json") {
      const commits = pull.commitShas.map((s) => wire.state.github.commits.find((x) => x.sha === s)).filter((x): x is GithubCommit => !!x);
      return diffResponse(c, media.format, wire, commits, pullFiles(wire, pull));
    }
    return c.json(pullFull(wire, r.repo, pull));
  });

  app.on("GET", R("/pulls/:pull_number{[0-9]+}/files"), (c) => {
    const r = resolveRepo(c, "read", `${DOCS}#list-pull-requests-files`);
    if ("response" in r) return r.response;
    const { wire } = c.get("gh");
    const pull = findPull(c, r.repo);
    if (!pull) return notFound(c, `${DOCS}#list-pull-requests-files`);
    const files = pullFiles(wire, pull).slice(0, 3000);
    return c.json(paginate(c, files, canonicalRepoUrl(c, r.repo)).map((f) => diffEntry(wire, r.repo, f, pull.headSha)));
  });

  app.on("GET", R("/pulls/:pull_number{[0-9]+}/commits"), (c) => {
    const r = resolveRepo(c, "read", `${DOCS}#list-commits-on-a-pull-request`);
    if ("response" in r) return r.response;
    const { wire } = c.get("gh");
    const pull = findPull(c, r.repo);
    if (!pull) return notFound(c, `${DOCS}#list-commits-on-a-pull-request`);
    const commits = pull.commitShas.map((s) => wire.state.github.commits.find((x) => x.sha === s)).filter((x): x is GithubCommit => !!x);
    return c.json(paginate(c, commits.slice(0, 250), canonicalRepoUrl(c, r.repo), { max: 250 }).map((x) => commitJson(wire, r.repo, x)));
  });

  app.on("GET", R("/pulls/:pull_number{[0-9]+}/reviews"), (c) => {
    const r = resolveRepo(c, "read", "https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request");
    if ("response" in r) return r.response;
    const { wire } = c.get("gh");
    const pull = findPull(c, r.repo);
    if (!pull) return notFound(c, "https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request");
    const reviews = wire.state.github.reviews.filter((x) => x.repoId === r.repo.id && x.pullNumber === pull.number).sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id - b.id);
    return c.json(paginate(c, reviews, canonicalRepoUrl(c, r.repo)).map((x) => reviewJson(wire, r.repo, x)));
  });

  app.on("GET", R("/pulls/:pull_number{[0-9]+}/reviews/:review_id{[0-9]+}"), (c) => {
    const r = resolveRepo(c, "read");
    if ("response" in r) return r.response;
    const { wire } = c.get("gh");
    const review = wire.state.github.reviews.find((x) => x.repoId === r.repo.id && String(x.pullNumber) === c.req.param("pull_number") && String(x.id) === c.req.param("review_id"));
    return review ? c.json(reviewJson(wire, r.repo, review)) : notFound(c, "https://docs.github.com/rest/pulls/reviews#get-a-review-for-a-pull-request");
  });

  app.on("GET", R("/pulls/:pull_number{[0-9]+}/comments"), (c) => {
    const r = resolveRepo(c, "read", "https://docs.github.com/rest/pulls/comments#list-review-comments-on-a-pull-request");
    if ("response" in r) return r.response;
    const { wire } = c.get("gh");
    const pull = findPull(c, r.repo);
    if (!pull) return notFound(c, "https://docs.github.com/rest/pulls/comments#list-review-comments-on-a-pull-request");
    const q = commentsQuery.parse(c.req.query());
    const field = q.sort === "updated" ? "updatedAt" : "createdAt";
    const direction = q.direction ?? "asc";
    const comments = wire.state.github.reviewComments
      .filter((x) => x.repoId === r.repo.id && x.pullNumber === pull.number)
      .filter((x) => !q.since || Date.parse(x.updatedAt) >= Date.parse(q.since))
      .sort((a, b) => (a[field].localeCompare(b[field]) || a.id - b.id) * (direction === "asc" ? 1 : -1));
    return c.json(paginate(c, comments, canonicalRepoUrl(c, r.repo)).map((x) => reviewCommentJson(wire, r.repo, x)));
  });

  return app;
}
