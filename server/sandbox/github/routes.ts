import { Hono } from "hono";
import { type SandboxStore } from "../core/store";
import { notFound } from "./http";
import { githubApiMiddleware, jsonCharset, type GithubEnv } from "./request-context";
import { commitRoutes } from "./routes-commits";
import { issueRoutes } from "./routes-issues";
import { oauthRoutes } from "./routes-oauth";
import { pullRoutes } from "./routes-pulls";
import { repoRoutes } from "./routes-repos";

/**
 * The GitHub REST sandbox, mounted under a prefix (e.g. /github) that clients use as `baseUrl`:
 * the OAuth App flow under /login/oauth and /applications, and the REST API — users,
 * repositories, pull requests, issues, comments, commits, rate limits — behind GitHub's
 * authentication, primary rate limit and response headers. Unknown paths answer GitHub's 404.
 */
export function githubRoutes(store: SandboxStore): Hono {
  const app = new Hono();
  app.use("*", jsonCharset);
  app.route("/", oauthRoutes(store));

  const api = new Hono<GithubEnv>();
  api.use("*", githubApiMiddleware(store));
  api.route("/", repoRoutes(store));
  api.route("/", pullRoutes());
  api.route("/", issueRoutes(store));
  api.route("/", commitRoutes());
  api.all("*", (c) => notFound(c));
  app.route("/", api);
  return app;
}
