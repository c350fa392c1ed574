import { Hono } from "hono";
import { authenticate } from "../core/auth";
import { type SandboxStore } from "../core/store";
import { NotionAccess } from "./access";
import { registerBlockRoutes } from "./blocks-api";
import { registerDataRoutes } from "./data-api";
import { errorResponse, NotionApiError } from "./errors";
import { type NotionEnv } from "./http";
import { notionOAuthRoutes } from "./oauth";
import { registerPageRoutes } from "./pages-api";
import { registerPeopleRoutes } from "./people-api";

/** Notion-Version values the API accepts; answers always use 2025-09-03 shapes (data sources). */
const NOTION_VERSIONS = new Set(["2021-05-11", "2021-05-13", "2021-08-16", "2022-02-22", "2022-06-28", "2025-09-03", "2026-03-11"]);

const AUTH_MESSAGES = {
  missing: "API token is invalid.",
  invalid: "API token is invalid.",
  expired: "API token has expired.",
  revoked: "API token has been revoked.",
} as const;

/**
 * The Notion API (Notion-Version 2025-09-03), mounted under /notion: every /v1 route checks
 * Notion-Version, then the bearer token, then the token's capabilities, and answers errors in
 * Notion's shape. OAuth lives under /v1/oauth and authenticates the client instead.
 */
export function notionRoutes(store: SandboxStore): Hono {
  const app = new Hono<NotionEnv>();

  app.onError((err, c) => {
    if (err instanceof NotionApiError) return errorResponse(c, err);
    console.error("notion sandbox error", err);
    return errorResponse(c, new NotionApiError(500, "internal_server_error", "Unexpected error occurred."));
  });

  app.route("/v1/oauth", notionOAuthRoutes(store));

  app.use("/v1/*", async (c, next) => {
    const version = c.req.header("notion-version");
    if (!version) throw new NotionApiError(400, "missing_version", "Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.");
    if (!NOTION_VERSIONS.has(version)) {
      throw new NotionApiError(400, "validation_error", `Notion-Version header failed validation: Notion-Version header should be one of ${[...NOTION_VERSIONS].map((v) => `"${v}"`).join(", ")}, instead was \`"${version}"\`.`);
    }
    const auth = authenticate(store, "notion", c);
    if (!auth.ok) throw new NotionApiError(401, "unauthorized", AUTH_MESSAGES[auth.reason]);
    c.set("access", new NotionAccess(store, auth.token));
    await next();
  });

  registerDataRoutes(app);
  registerPageRoutes(app);
  registerBlockRoutes(app);
  registerPeopleRoutes(app);

  app.all("/v1/*", () => {
    throw new NotionApiError(400, "invalid_request_url", "Invalid request URL.");
  });
  return new Hono().route("/", app);
}
