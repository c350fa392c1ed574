import { Hono } from "hono";
import { type SandboxStore } from "../core/store";
import { onJiraError, siteMiddleware, type JiraEnv } from "./http";
import { agileRoutes } from "./routes-agile";
import { issueRoutes } from "./routes-issues";
import { metaRoutes } from "./routes-meta";
import { oauthRoutes } from "./routes-oauth";
import { propertyRoutes } from "./routes-properties";

/**
 * The Jira Cloud sandbox as the Atlassian API gateway serves it: the site's REST API under
 * /ex/jira/{cloudId} (platform v3 with the v2 rich-text variants, Agile 1.0 and Software 1.0),
 * and Atlassian OAuth 2.0 (3LO) under /oauth/atlassian. Every site call authenticates (Bearer
 * OAuth or API token, or Basic email:token) and is scope-checked.
 */
export function jiraRoutes(store: SandboxStore): Hono {
  const site = new Hono<JiraEnv>();
  site.use("*", siteMiddleware(store));
  site.route("/", issueRoutes(store));
  site.route("/", metaRoutes(store));
  site.route("/", agileRoutes(store));
  site.route("/", propertyRoutes(store));
  site.onError(onJiraError);

  const app = new Hono();
  app.route("/oauth/atlassian", oauthRoutes(store));
  app.route("/ex/jira/:cloudId", site);
  return app;
}
