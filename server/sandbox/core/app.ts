import { Hono, type Context } from "hono";
import { z } from "zod";
import { githubRoutes } from "../github/routes";
import { jiraRoutes } from "../jira/routes";
import { notionRoutes } from "../notion/routes";
import { slackRoutes } from "../slack/routes";
import { localizeLinks, requestOrigin } from "../web/links";
import { webRoutes } from "../web/routes";
import { faultMiddleware, faultRuleSchema, type FaultInjector } from "./faults";
import { type SandboxStore } from "./store";
import { type SandboxTool } from "./types";

export interface SandboxRequestRecord {
  tool: SandboxTool | "control" | "oauth" | "web";
  method: string;
  path: string;
  status: number;
}

/** Where each tool lives on a sandbox origin; calling code only ever sees these as base URLs. */
export const SANDBOX_PREFIX = {
  jira: "/ex/jira/:cloudId",
  github: "/github",
  notion: "/notion",
  slack: "/slack",
} as const;

/** Base URLs for the official clients, given the sandbox's origin (e.g. http://127.0.0.1:4010). */
export function sandboxUrls(origin: string, cloudId: string) {
  const o = origin.replace(/\/$/, "");
  return {
    /** jira.js `host`. */
    jiraHost: `${o}/ex/jira/${cloudId}`,
    /** Atlassian OAuth: authorize, token, accessible-resources. */
    atlassianAuthorizeUrl: `${o}/oauth/atlassian/authorize`,
    atlassianTokenUrl: `${o}/oauth/atlassian/token`,
    atlassianResourcesUrl: `${o}/oauth/atlassian/accessible-resources`,
    /** @octokit/rest `baseUrl`. */
    githubBaseUrl: `${o}/github`,
    githubAuthorizeUrl: `${o}/github/login/oauth/authorize`,
    githubTokenUrl: `${o}/github/login/oauth/access_token`,
    /** @notionhq/client `baseUrl`. */
    notionBaseUrl: `${o}/notion`,
    notionAuthorizeUrl: `${o}/notion/v1/oauth/authorize`,
    /** @slack/web-api `slackApiUrl` (with its trailing slash). */
    slackApiUrl: `${o}/slack/api/`,
    slackAuthorizeUrl: `${o}/slack/oauth/v2/authorize`,
  };
}

const MAX_RECORDS = 20_000;

/**
 * The sandbox as one Hono app: four tools under their prefixes, their OAuth endpoints, fault
 * injection in front of every tool, and a control API under /_sandbox for tests and episodes.
 */
export function createSandboxApp(store: SandboxStore, faults: FaultInjector, requests: SandboxRequestRecord[] = []) {
  const app = new Hono();

  app.use(async (c, next) => {
    await next();
    const p = c.req.path;
    const tool: SandboxRequestRecord["tool"] = p.startsWith("/_sandbox")
      ? "control"
      : p.startsWith("/oauth")
        ? "oauth"
        : p.startsWith("/ex/jira")
          ? "jira"
          : p.startsWith("/github")
            ? "github"
            : p.startsWith("/notion")
              ? "notion"
              : p.startsWith("/web")
                ? "web"
                : "slack";
    requests.push({ tool, method: c.req.method, path: p, status: c.res.status });
    if (requests.length > MAX_RECORDS) requests.splice(0, requests.length - MAX_RECORDS);
  });

  // Stored cloud-style links (the Jira site, the GitHub org, Notion page urls) leave as links to the
  // sandbox's own pages on the caller's origin; state keeps them port-independent.
  app.use("*", async (c, next) => {
    await next();
    if (c.req.path.startsWith("/_sandbox") || !c.res.headers.get("content-type")?.includes("json")) return;
    const body = localizeLinks(await c.res.text(), requestOrigin(c), { jiraSite: store.state.company.jiraSite, githubOrg: store.state.github.org.login });
    // Hono carries the old response's headers over; a stale length would truncate the new body.
    c.res.headers.delete("content-length");
    c.res = new Response(body, c.res);
  });

  const prefixLength = (prefix: RegExp) => (c: Context) => c.req.path.match(prefix)?.[0].length ?? 0;
  app.use("/ex/jira/*", faultMiddleware(faults, "jira", prefixLength(/^\/ex\/jira\/[^/]+/)));
  app.use("/github/*", faultMiddleware(faults, "github", prefixLength(/^\/github/)));
  app.use("/notion/*", faultMiddleware(faults, "notion", prefixLength(/^\/notion/)));
  app.use("/slack/*", faultMiddleware(faults, "slack", prefixLength(/^\/slack/)));

  app.route("/", jiraRoutes(store));
  app.route("/github", githubRoutes(store));
  app.route("/notion", notionRoutes(store));
  app.route("/slack", slackRoutes(store));
  app.route("/web", webRoutes(store));

  const control = new Hono();
  control.get("/health", (c) => c.json({ ok: true, seed: store.state.seed, now: store.state.company.now }));
  control.get("/hash", (c) => c.json({ hash: store.hash() }));
  control.get("/state", (c) => c.json(store.state));
  control.post("/snapshot", (c) => c.json({ id: store.snapshot().id }));
  control.post("/restore", async (c) => {
    const body = z.object({ id: z.string() }).safeParse(await c.req.json().catch(() => null));
    if (!body.success) return c.json({ error: "Send {\"id\": \"<snapshot id>\"}" }, 400);
    try {
      store.restore(body.data.id);
    } catch (e) {
      return c.json({ error: (e as Error).message }, 404);
    }
    return c.json({ ok: true, hash: store.hash() });
  });
  control.post("/reset", async (c) => {
    const body = z.object({ seed: z.number().int().optional() }).safeParse((await c.req.json().catch(() => ({}))) ?? {});
    if (!body.success) return c.json({ error: "Send {\"seed\": <integer>} or an empty body" }, 400);
    store.reset(body.data.seed);
    faults.clear();
    requests.length = 0;
    return c.json({ ok: true, seed: store.state.seed, hash: store.hash() });
  });
  control.get("/faults", (c) => c.json({ faults: faults.list() }));
  control.post("/faults", async (c) => {
    const parsed = faultRuleSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: "Invalid fault rule", issues: z.flattenError(parsed.error) }, 400);
    return c.json({ fault: faults.add(parsed.data) }, 201);
  });
  control.delete("/faults", (c) => {
    faults.clear();
    return c.json({ ok: true });
  });
  control.get("/requests", (c) => c.json({ requests }));
  control.delete("/requests", (c) => {
    requests.length = 0;
    return c.json({ ok: true });
  });
  app.route("/_sandbox", control);

  app.notFound((c) => c.json({ message: "Not Found", path: c.req.path }, 404));
  return app;
}
