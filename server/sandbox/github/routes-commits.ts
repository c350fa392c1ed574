import { Hono } from "hono";
import { z } from "zod";
import { githubError, mediaType, notFound, paginate } from "./http";
import { canonicalRepoUrl, resolveRepo, type GithubEnv } from "./request-context";
import { diffResponse } from "./routes-pulls";
import { type GithubCommit, type GithubRepo, type GithubState } from "./state";
import { commitJson, findUser } from "./wire";

const DOCS = "https://docs.github.com/rest/commits/commits";
const R = (suffix: string) => [`/repos/:owner/:repo${suffix}`, `/repositories/:repository_id{[0-9]+}${suffix}`];

const listQuery = z.object({
  sha: z.string().optional(),
  path: z.string().optional(),
  author: z.string().optional(),
  committer: z.string().optional(),
  since: z.iso.datetime({ offset: true }).optional().catch(undefined),
  until: z.iso.datetime({ offset: true }).optional().catch(undefined),
});

/** A branch name, a full sha, or an unambiguous sha prefix (7+ characters) in `repo`. */
export function resolveRef(g: GithubState, repo: GithubRepo, ref: string): GithubCommit | undefined {
  const branch = repo.branches.find((b) => b.name === ref);
  const sha = (branch?.sha ?? ref).toLowerCase();
  const commits = g.commits.filter((x) => x.repoId === repo.id);
  const exact = commits.find((x) => x.sha === sha);
  if (exact || sha.length < 7) return exact;
  const matches = commits.filter((x) => x.sha.startsWith(sha));
  return matches.length === 1 ? matches[0] : undefined;
}

/** History from `start` along first parents, newest first (what `git log --first-parent` walks). */
function history(g: GithubState, repo: GithubRepo, start: GithubCommit): GithubCommit[] {
  const bySha = new Map(g.commits.filter((x) => x.repoId === repo.id).map((x) => [x.sha, x]));
  const out: GithubCommit[] = [];
  for (let at: GithubCommit | undefined = start; at; at = at.parents[0] ? bySha.get(at.parents[0]) : undefined) out.push(at);
  return out;
}

/** Commits: list (by branch or sha, path, author, time window) and get one (JSON with files, diff or patch). */
export function commitRoutes(): Hono<GithubEnv> {
  const app = new Hono<GithubEnv>();

  app.on("GET", R("/commits"), (c) => {
    const r = resolveRepo(c, "read", `${DOCS}#list-commits`);
    if ("response" in r) return r.response;
    const { wire } = c.get("gh");
    const g = wire.state.github;
    const q = listQuery.parse(c.req.query());
    const start = resolveRef(g, r.repo, q.sha ?? r.repo.defaultBranch);
    if (!start) return notFound(c, `${DOCS}#list-commits`);
    const matchesPerson = (login: string, who: string) => {
      const user = findUser(wire.state, login);
      const person = wire.state.company.people.find((p) => p.id === user?.personId);
      return login.toLowerCase() === who.toLowerCase() || person?.email.toLowerCase() === who.toLowerCase();
    };
    const list = history(g, r.repo, start)
      .filter((x) => !q.path || x.files.some((f) => f.filename === q.path || f.filename.startsWith(`${(q.path ?? "").replace(/\/$/, "")}/`)))
      .filter((x) => !q.author || matchesPerson(x.authorLogin, q.author))
      .filter((x) => !q.committer || matchesPerson(x.committerLogin, q.committer))
      .filter((x) => !q.since || Date.parse(x.committedAt) >= Date.parse(q.since))
      .filter((x) => !q.until || Date.parse(x.committedAt) <= Date.parse(q.until));
    return c.json(paginate(c, list, canonicalRepoUrl(c, r.repo)).map((x) => commitJson(wire, r.repo, x)));
  });

  app.on("GET", R("/commits/:ref{.+}"), (c) => {
    const r = resolveRepo(c, "read", `${DOCS}#get-a-commit`);
    if ("response" in r) return r.response;
    const { wire } = c.get("gh");
    const ref = decodeURIComponent(c.req.param("ref") ?? "");
    const commit = resolveRef(wire.state.github, r.repo, ref);
    if (!commit) return githubError(c, 422, `No commit found for SHA: ${ref}`, `${DOCS}#get-a-commit`);
    const media = mediaType(c);
    if (media.format !== "json") return diffResponse(c, media.format, wire, [commit]);
    return c.json(commitJson(wire, r.repo, commit, { withFiles: true }));
  });

  return app;
}
