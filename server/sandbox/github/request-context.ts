import { randomBytes } from "node:crypto";
import { type Context, type MiddlewareHandler } from "hono";
import { authenticate, hasScope } from "../core/auth";
import { type IssuedToken } from "../core/oauth-state";
import { type SandboxStore } from "../core/store";
import { requestOrigin, webBases } from "../web/links";
import { apiBase, badCredentials, mediaType, notFound, requiresAuthentication } from "./http";
import { ANONYMOUS_LIMIT, AUTHENTICATED_LIMIT, githubRateLimiter, type RateWindow } from "./rate-limit";
import { type GithubRepo, type GithubUser } from "./state";
import { type WireContext } from "./wire";

/** What every authenticated GitHub route gets: the caller, their token's scopes and the wire context. */
export interface GithubRequest {
  token: IssuedToken;
  viewer: GithubUser;
  wire: WireContext;
}

export type GithubEnv = { Variables: { gh: GithubRequest } };

/** GitHub labels its JSON as UTF-8 explicitly (`application/json; charset=utf-8`). */
export const jsonCharset: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.res.headers.get("content-type") === "application/json") c.res.headers.set("content-type", "application/json; charset=utf-8");
};

/** Scopes a sandbox API token ("*") reports, as a classic personal access token with broad scopes would. */
const API_TOKEN_SCOPES = ["repo", "read:org", "user", "workflow"];

function requestId(): string {
  const b = randomBytes(10).toString("hex").toUpperCase();
  return `${b.slice(0, 4)}:${b.slice(4, 9)}:${b.slice(9, 16)}:${b.slice(16, 20)}:${Math.floor(Date.now() / 1000).toString(16).toUpperCase()}`;
}

function rateHeaders(c: Context, w: RateWindow) {
  c.header("x-ratelimit-limit", String(w.limit));
  c.header("x-ratelimit-remaining", String(w.remaining));
  c.header("x-ratelimit-reset", String(w.reset));
  c.header("x-ratelimit-used", String(w.used));
  c.header("x-ratelimit-resource", "core");
}

/** Headers GitHub puts on every REST answer, whatever the outcome. */
export function baseHeaders(c: Context) {
  c.header("x-github-request-id", requestId());
  c.header("x-github-media-type", mediaType(c).header);
  c.header("x-github-api-version-selected", "2022-11-28");
  c.header("x-content-type-options", "nosniff");
  c.header("access-control-expose-headers", "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset");
}

/** The scopes a token reports in X-OAuth-Scopes. */
export function tokenScopes(token: IssuedToken): string[] {
  return token.scopes.includes("*") ? API_TOKEN_SCOPES : token.scopes;
}

/**
 * Authenticates (401 "Requires authentication" / "Bad credentials"), counts the request against
 * the caller's hourly budget (403 with GitHub's primary-limit message once spent) and sets the
 * rate-limit, media-type, request-id and OAuth-scope headers. GET /rate_limit is free and may be
 * called anonymously, as on GitHub.
 */
export function githubApiMiddleware(store: SandboxStore): MiddlewareHandler<GithubEnv> {
  const limiter = githubRateLimiter(store);
  return async (c, next) => {
    baseHeaders(c);
    const free = /\/rate_limit\/?$/.test(c.req.path);
    const auth = authenticate(store, "github", c);
    if (!auth.ok) {
      const key = `anon:${c.req.header("x-forwarded-for") ?? "local"}`;
      if (auth.reason === "missing" && free) {
        rateHeaders(c, limiter.peek(key, ANONYMOUS_LIMIT));
        return next();
      }
      const w = limiter.consume(key, ANONYMOUS_LIMIT);
      rateHeaders(c, w);
      return auth.reason === "missing" ? requiresAuthentication(c) : badCredentials(c);
    }
    const token = auth.token;
    const viewer = store.state.github.users.find((u) => u.personId === token.personId);
    if (!viewer) return badCredentials(c);
    const w = free ? limiter.peek(token.token, AUTHENTICATED_LIMIT) : limiter.consume(token.token, AUTHENTICATED_LIMIT);
    rateHeaders(c, w);
    c.header("x-oauth-scopes", tokenScopes(token).join(", "));
    if (token.clientId) c.header("x-oauth-client-id", token.clientId);
    if (!free && !("allowed" in w && w.allowed)) {
      return c.json(
        {
          message: `API rate limit exceeded for user ID ${viewer.id}.`,
          documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
          status: "403",
        },
        403,
      );
    }
    c.set("gh", { token, viewer, wire: { state: store.state, api: apiBase(c), web: webBases(requestOrigin(c)).github, viewer } });
    await next();
    if (c.req.method === "GET" && c.res.status === 200) {
      c.res.headers.set("cache-control", "private, max-age=60, s-maxage=60");
      c.res.headers.set("vary", "Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding");
    }
  };
}

/** Read access: public repositories for anyone, private ones with the `repo` scope (else 404, as GitHub hides them). */
export function canRead(gh: GithubRequest, repo: GithubRepo): boolean {
  return !repo.private || hasScope(gh.token, "repo");
}

/** Write access: `repo`, or `public_repo` on a public repository, and membership of the organisation. */
export function canWrite(gh: GithubRequest, repo: GithubRepo): boolean {
  const scoped = hasScope(gh.token, "repo") || (!repo.private && hasScope(gh.token, "public_repo"));
  return scoped && !!gh.viewer.personId;
}

/**
 * The repository the route names — `/repos/{owner}/{repo}/…` or `/repositories/{id}/…` — if the
 * caller may see it (and write to it, for `mode: "write"`); otherwise a 404 response, as GitHub
 * answers for repositories a token cannot reach. Sets X-Accepted-OAuth-Scopes.
 */
export function resolveRepo(c: Context<GithubEnv>, mode: "read" | "write", docs?: string): { repo: GithubRepo } | { response: Response } {
  const gh = c.get("gh");
  const g = gh.wire.state.github;
  const owner = c.req.param("owner");
  const name = c.req.param("repo");
  const id = c.req.param("repository_id");
  const repo =
    id !== undefined
      ? g.repos.find((r) => String(r.id) === id)
      : owner?.toLowerCase() === g.org.login.toLowerCase()
        ? g.repos.find((r) => r.name.toLowerCase() === name?.toLowerCase())
        : undefined;
  c.header("x-accepted-oauth-scopes", mode === "write" && repo && !repo.private ? "public_repo, repo" : "repo");
  if (!repo || !canRead(gh, repo) || (mode === "write" && !canWrite(gh, repo))) return { response: notFound(c, docs) };
  return { repo };
}

/** The canonical `/repositories/{id}/…` URL GitHub uses in Link headers for a repository route. */
export function canonicalRepoUrl(c: Context<GithubEnv>, repo: GithubRepo): string {
  const rest = /\/(?:repos\/[^/]+\/[^/]+|repositories\/\d+)(\/.*)?$/.exec(c.req.path)?.[1] ?? "";
  return `${c.get("gh").wire.api}/repositories/${repo.id}${rest}`;
}
