import { Hono, type Context } from "hono";
import { z } from "zod";
import { authenticate } from "../core/auth";
import { type SandboxStore } from "../core/store";
import { notFound, paginate } from "./http";
import { ANONYMOUS_LIMIT, AUTHENTICATED_LIMIT, githubRateLimiter } from "./rate-limit";
import { canRead, resolveRepo, type GithubEnv } from "./request-context";
import { fullRepository, minimalRepository, privateUser, publicUser } from "./wire";

const orgReposQuery = z.object({
  type: z.enum(["all", "public", "private", "forks", "sources", "member"]).catch("all"),
  sort: z.enum(["created", "updated", "pushed", "full_name"]).catch("created"),
  direction: z.enum(["asc", "desc"]).optional().catch(undefined),
});

/** Users, the organisation's repositories, one repository, and the rate-limit status. */
export function repoRoutes(store: SandboxStore): Hono<GithubEnv> {
  const app = new Hono<GithubEnv>();

  app.get("/user", (c) => {
    c.header("x-accepted-oauth-scopes", "user");
    const gh = c.get("gh");
    return c.json(privateUser(gh.wire, gh.viewer));
  });

  app.get("/users/:username", (c) => {
    c.header("x-accepted-oauth-scopes", "user");
    const user = publicUser(c.get("gh").wire, c.req.param("username"));
    return user ? c.json(user) : notFound(c, "https://docs.github.com/rest/users/users#get-a-user");
  });

  app.get("/orgs/:org/repos", (c) => listOrgRepos(c, c.req.param("org").toLowerCase() === c.get("gh").wire.state.github.org.login.toLowerCase()));
  app.get("/organizations/:org_id{[0-9]+}/repos", (c) => listOrgRepos(c, c.req.param("org_id") === String(c.get("gh").wire.state.github.org.id)));

  function listOrgRepos(c: Context<GithubEnv>, known: boolean) {
    c.header("x-accepted-oauth-scopes", "repo");
    if (!known) return notFound(c, "https://docs.github.com/rest/repos/repos#list-organization-repositories");
    const gh = c.get("gh");
    const g = gh.wire.state.github;
    const q = orgReposQuery.parse(c.req.query());
    const direction = q.direction ?? (q.sort === "full_name" ? "asc" : "desc");
    const key = { created: "createdAt", updated: "updatedAt", pushed: "pushedAt", full_name: "name" } as const;
    const repos = g.repos
      .filter((r) => canRead(gh, r))
      .filter((r) => (q.type === "public" ? !r.private : q.type === "private" ? r.private : q.type !== "forks"))
      .sort((a, b) => a[key[q.sort]].localeCompare(b[key[q.sort]]) * (direction === "asc" ? 1 : -1));
    const page = paginate(c, repos, `${gh.wire.api}/organizations/${g.org.id}/repos`);
    return c.json(page.map((r) => minimalRepository(gh.wire, r)));
  }

  app.on("GET", ["/repos/:owner/:repo", "/repositories/:repository_id{[0-9]+}"], (c) => {
    const r = resolveRepo(c, "read", "https://docs.github.com/rest/repos/repos#get-a-repository");
    if ("response" in r) return r.response;
    return c.json(fullRepository(c.get("gh").wire, r.repo));
  });

  app.get("/rate_limit", (c) => {
    const limiter = githubRateLimiter(store);
    const auth = authenticate(store, "github", c);
    const core = auth.ok ? limiter.peek(auth.token.token, AUTHENTICATED_LIMIT) : limiter.peek(`anon:${c.req.header("x-forwarded-for") ?? "local"}`, ANONYMOUS_LIMIT);
    const soon = Math.ceil(Date.now() / 1000) + 60;
    const fresh = (limit: number, reset = core.reset) => ({ limit, used: 0, remaining: limit, reset });
    const authed = auth.ok;
    return c.json({
      resources: {
        core,
        search: fresh(authed ? 30 : 10, soon),
        graphql: fresh(authed ? 5000 : 0),
        integration_manifest: fresh(5000),
        source_import: fresh(authed ? 100 : 5, soon),
        code_scanning_upload: fresh(authed ? 1000 : 0),
        actions_runner_registration: fresh(10000),
        scim: fresh(15000),
        dependency_snapshots: fresh(100, soon),
        dependency_sbom: fresh(100),
        code_search: fresh(authed ? 10 : 0, soon),
        code_scanning_autofix: fresh(10, soon),
      },
      rate: core,
    });
  });

  return app;
}
