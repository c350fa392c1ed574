import { Hono, type Context } from "hono";
import { checkClient, exchangeCode, issueAuthorizationCode, refreshGrant, type OAuthError, type TokenGrant } from "../core/oauth";
import { type SandboxStore } from "../core/store";
import { requestOrigin, webBases } from "../web/links";

/**
 * Atlassian OAuth 2.0 (3LO): the consent redirect, the token endpoint (authorization code and
 * rotating refresh tokens) and accessible-resources, with Atlassian's request and error formats.
 * There is no consent screen: authorize approves at once for `sandbox_person` (a person id, email
 * or account id; the admin by default), or refuses with access_denied when `sandbox_deny=1`.
 */

/** Scopes a Jira 3LO app may request. */
export const ATLASSIAN_SCOPES = new Set([
  "read:jira-work",
  "write:jira-work",
  "read:jira-user",
  "manage:jira-project",
  "manage:jira-configuration",
  "manage:jira-webhook",
  "offline_access",
  "read:me",
  "read:account",
  "read:issue:jira",
  "read:issue-details:jira",
  "read:jql:jira",
  "read:project:jira",
  "read:user:jira",
  "read:comment:jira",
  "read:issue.changelog:jira",
  "write:issue:jira",
  "write:comment:jira",
  "write:issue-link:jira",
  "read:board-scope:jira-software",
  "read:sprint:jira-software",
  "write:sprint:jira-software",
  "write:board-scope:jira-software",
]);

async function formOrJson(c: Context): Promise<Record<string, string>> {
  const type = c.req.header("content-type") ?? "";
  const text = await c.req.text();
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== "object") return {};
    return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === "string")) as Record<string, string>;
  } catch {
    return {};
  }
}

function grantResponse(c: Context, grant: TokenGrant) {
  return c.json({
    access_token: grant.accessToken,
    expires_in: grant.expiresIn ?? 3600,
    token_type: "Bearer",
    ...(grant.refreshToken ? { refresh_token: grant.refreshToken } : {}),
    scope: grant.scopes.join(" "),
  });
}

/** Atlassian's token-endpoint errors: bad client 401, bad grant 403, malformed request 400. */
function grantError(c: Context, error: OAuthError, description: string, kind: "code" | "refresh") {
  if (error === "invalid_client") return c.json({ error: "access_denied", error_description: "Unauthorized" }, 401);
  if (error === "invalid_request") return c.json({ error, error_description: description }, 400);
  if (kind === "refresh") return c.json({ error: "unauthorized_client", error_description: "refresh_token is invalid" }, 403);
  return c.json({ error: "invalid_grant", error_description: "Invalid authorization code" }, 403);
}

export function oauthRoutes(store: SandboxStore) {
  const app = new Hono();

  app.get("/authorize", (c) => {
    const q = (name: string) => c.req.query(name);
    const clientId = q("client_id");
    const redirectUri = q("redirect_uri");
    if (!clientId || !checkClient(store, clientId)) return c.json({ error: "invalid_request", error_description: "Unknown or missing client_id." }, 400);
    if (!redirectUri || !/^https?:\/\//.test(redirectUri)) return c.json({ error: "invalid_request", error_description: "Missing or invalid redirect_uri." }, 400);
    const client = store.state.oauth.clients.find((x) => x.clientId === clientId)!;
    if (client.redirectUris.length && !client.redirectUris.includes(redirectUri)) return c.json({ error: "invalid_request", error_description: "redirect_uri does not match the app's callback URL." }, 400);
    const back = (params: Record<string, string | undefined>) => {
      const url = new URL(redirectUri);
      for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
      return c.redirect(url.toString(), 302);
    };
    const state = q("state");
    if (q("response_type") !== "code") return back({ error: "unsupported_response_type", error_description: "response_type must be 'code'.", state });
    if (q("audience") !== "api.atlassian.com") return back({ error: "invalid_request", error_description: "audience must be 'api.atlassian.com'.", state });
    const scopes = (q("scope") ?? "").split(/\s+/).filter(Boolean);
    const unknown = scopes.filter((s) => !ATLASSIAN_SCOPES.has(s));
    if (!scopes.length || unknown.length) return back({ error: "invalid_scope", error_description: unknown.length ? `Unknown scope: ${unknown.join(" ")}` : "No scope was requested.", state });
    if (q("sandbox_deny") === "1") return back({ error: "access_denied", error_description: "User did not authorize the request", state });
    const who = q("sandbox_person");
    const person = who ? store.state.company.people.find((p) => p.id === who || p.email === who || p.jiraAccountId === who) : undefined;
    if (who && !person) return c.json({ error: "invalid_request", error_description: `No sandbox person '${who}'.` }, 400);
    const code = issueAuthorizationCode(store, { tool: "jira", clientId, redirectUri, scopes, personId: person?.id });
    return back({ state, code });
  });

  app.post("/token", async (c) => {
    const body = await formOrJson(c);
    const { grant_type: grantType, client_id: clientId, client_secret: clientSecret } = body;
    if (!grantType) return c.json({ error: "invalid_request", error_description: "Missing grant_type." }, 400);
    if (!clientId || !clientSecret) return c.json({ error: "access_denied", error_description: "Unauthorized" }, 401);
    if (grantType === "authorization_code") {
      if (!body.code) return c.json({ error: "invalid_request", error_description: "Missing code." }, 400);
      const pending = store.state.oauth.codes.find((x) => x.code === body.code && x.tool === "jira");
      const result = exchangeCode(store, { tool: "jira", code: body.code, clientId, clientSecret, redirectUri: body.redirect_uri, withRefresh: Boolean(pending?.scopes.includes("offline_access")) });
      return "error" in result ? grantError(c, result.error, result.description, "code") : grantResponse(c, result);
    }
    if (grantType === "refresh_token") {
      if (!body.refresh_token) return c.json({ error: "invalid_request", error_description: "Missing refresh_token." }, 400);
      const result = refreshGrant(store, { tool: "jira", refreshToken: body.refresh_token, clientId, clientSecret, rotate: true });
      return "error" in result ? grantError(c, result.error, result.description, "refresh") : grantResponse(c, result);
    }
    return c.json({ error: "unsupported_grant_type", error_description: `Unsupported grant type: ${grantType}` }, 400);
  });

  app.get("/accessible-resources", (c) => {
    const header = c.req.header("authorization") ?? "";
    const value = /^bearer\s+/i.test(header) ? header.replace(/^bearer\s+/i, "").trim() : "";
    const token = store.state.oauth.tokens.find((t) => t.token === value && t.tool === "jira" && t.kind !== "refresh");
    if (!token || token.revoked || (token.expiresAt && Date.parse(token.expiresAt) <= Date.now())) return c.json({ code: 401, message: "Unauthorized" }, 401);
    const company = store.state.company;
    const scopes = token.scopes.includes("*") ? ["read:jira-work", "write:jira-work", "read:jira-user"] : token.scopes.filter((s) => s !== "offline_access");
    return c.json([
      {
        id: company.cloudId,
        url: webBases(requestOrigin(c)).jira,
        name: new URL(company.jiraSite).hostname.split(".")[0],
        scopes,
        avatarUrl: "https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png",
      },
    ]);
  });

  return app;
}
