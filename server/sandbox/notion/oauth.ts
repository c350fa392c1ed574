import { randomUUID } from "node:crypto";
import { type OauthTokenResponse } from "@notionhq/client";
import { Hono, type Context } from "hono";
import { z } from "zod";
import { personById } from "../core/company";
import { checkClient, exchangeCode, issueAuthorizationCode, refreshGrant, revokeTokens, type TokenGrant } from "../core/oauth";
import { type SandboxStore } from "../core/store";
import { NOTION_CAPABILITIES } from "./state";

function oauthError(c: Context, status: 400 | 401, error: string, description: string) {
  return c.json({ error, error_description: description, request_id: randomUUID() }, status);
}

/** HTTP Basic client credentials, as Notion's token endpoint requires. */
function basicClient(c: Context): { clientId: string; clientSecret: string } | null {
  const header = c.req.header("authorization") ?? "";
  if (!/^basic\s+/i.test(header)) return null;
  const decoded = Buffer.from(header.replace(/^basic\s+/i, ""), "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i < 0) return null;
  return { clientId: decoded.slice(0, i), clientSecret: decoded.slice(i + 1) };
}

const tokenSchema = z.discriminatedUnion("grant_type", [
  z.object({ grant_type: z.literal("authorization_code"), code: z.string(), redirect_uri: z.string().optional() }),
  z.object({ grant_type: z.literal("refresh_token"), refresh_token: z.string() }),
]);

/**
 * Notion's public-integration OAuth: GET /v1/oauth/authorize approves at once (for the admin, or
 * ?sandbox_person=<id>) and redirects with ?code&state; POST /v1/oauth/token exchanges a code or a
 * refresh token (rotated on use) with HTTP Basic client credentials; revoke and introspect too.
 */
export function notionOAuthRoutes(store: SandboxStore): Hono {
  const app = new Hono();

  app.get("/authorize", (c) => {
    const q = c.req.query();
    if (!q.client_id || !checkClient(store, q.client_id)) return oauthError(c, 400, "invalid_client", "Unknown client_id.");
    if (!q.redirect_uri) return oauthError(c, 400, "invalid_request", "redirect_uri is required.");
    if (q.response_type !== "code") return oauthError(c, 400, "unsupported_response_type", "response_type must be code.");
    const client = store.state.oauth.clients.find((cl) => cl.clientId === q.client_id)!;
    if (client.redirectUris.length && !client.redirectUris.includes(q.redirect_uri)) return oauthError(c, 400, "invalid_request", "redirect_uri is not registered for this integration.");
    const personId = q.sandbox_person;
    if (personId && !store.state.company.people.some((p) => p.id === personId)) return oauthError(c, 400, "invalid_request", `Unknown sandbox_person ${personId}.`);
    const code = issueAuthorizationCode(store, { tool: "notion", clientId: q.client_id, redirectUri: q.redirect_uri, scopes: [...NOTION_CAPABILITIES], personId });
    const target = new URL(q.redirect_uri);
    target.searchParams.set("code", code);
    if (q.state !== undefined) target.searchParams.set("state", q.state);
    return c.redirect(target.toString(), 302);
  });

  app.post("/token", async (c) => {
    const client = basicClient(c);
    if (!client || !checkClient(store, client.clientId, client.clientSecret)) return oauthError(c, 401, "invalid_client", "Client authentication failed.");
    const parsed = tokenSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return oauthError(c, 400, "invalid_request", "Send {grant_type: \"authorization_code\", code, redirect_uri} or {grant_type: \"refresh_token\", refresh_token}.");
    const body = parsed.data;
    const result =
      body.grant_type === "authorization_code"
        ? exchangeCode(store, { tool: "notion", code: body.code, clientId: client.clientId, clientSecret: client.clientSecret, redirectUri: body.redirect_uri, withRefresh: true, ttlSeconds: null })
        : refreshGrant(store, { tool: "notion", refreshToken: body.refresh_token, clientId: client.clientId, clientSecret: client.clientSecret, rotate: true, ttlSeconds: null });
    if ("error" in result) return oauthError(c, result.error === "invalid_client" ? 401 : 400, result.error, result.description);
    return c.json(tokenResponse(store, result));
  });

  app.post("/revoke", async (c) => {
    const client = basicClient(c);
    if (!client || !checkClient(store, client.clientId, client.clientSecret)) return oauthError(c, 401, "invalid_client", "Client authentication failed.");
    const body = z.object({ token: z.string() }).safeParse(await c.req.json().catch(() => null));
    if (!body.success) return oauthError(c, 400, "invalid_request", "Send {token}.");
    revokeTokens(store, "notion", (t) => t.token === body.data.token && t.clientId === client.clientId);
    return c.json({ request_id: randomUUID() });
  });

  app.post("/introspect", async (c) => {
    const client = basicClient(c);
    if (!client || !checkClient(store, client.clientId, client.clientSecret)) return oauthError(c, 401, "invalid_client", "Client authentication failed.");
    const body = z.object({ token: z.string() }).safeParse(await c.req.json().catch(() => null));
    if (!body.success) return oauthError(c, 400, "invalid_request", "Send {token}.");
    const t = store.state.oauth.tokens.find((x) => x.tool === "notion" && x.token === body.data.token && x.clientId === client.clientId);
    const active = !!t && !t.revoked && !t.used && (!t.expiresAt || new Date(t.expiresAt).getTime() > Date.now());
    return c.json(active ? { active, scope: t.scopes.join(" "), request_id: randomUUID() } : { active: false, request_id: randomUUID() });
  });

  return app;
}

function tokenResponse(store: SandboxStore, grant: TokenGrant): OauthTokenResponse {
  const notion = store.state.notion;
  const person = personById(store.state.company, grant.personId);
  return {
    access_token: grant.accessToken,
    token_type: "bearer",
    refresh_token: grant.refreshToken,
    bot_id: notion.botUserId,
    workspace_id: notion.workspace.id,
    workspace_name: notion.workspace.name,
    workspace_icon: notion.workspace.icon,
    owner: { type: "user", user: { object: "user", id: person.notionUserId, name: person.name, avatar_url: null, type: "person", person: { email: person.email } } },
    duplicated_template_id: null,
    request_id: randomUUID(),
  };
}
