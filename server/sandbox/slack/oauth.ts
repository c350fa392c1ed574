import { randomBytes } from "node:crypto";
import { type Context } from "hono";
import { checkClient, exchangeCode, issueAuthorizationCode, refreshGrant, type TokenGrant } from "../core/oauth";
import { type SandboxStore } from "../core/store";
import { USER_TOKEN_PREFIX } from "./access";
import { SlackError } from "./errors";
import { str, type SlackParams } from "./params";

/** Rotating Slack tokens live 12 hours. */
export const ROTATING_TOKEN_TTL_SECONDS = 43_200;

/** User scopes travel through the shared authorization code marked with this prefix. */
const USER_SCOPE = "user:";

function splitScopes(list: string | undefined): string[] {
  return (list ?? "")
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * GET /oauth/v2/authorize: no consent screen — approves at once for the admin (or
 * ?sandbox_person=<id>) and redirects to redirect_uri with ?code and ?state.
 */
export function slackAuthorize(store: SandboxStore, c: Context) {
  const q = c.req.query();
  if (!q.client_id || !checkClient(store, q.client_id)) return c.text("invalid_client_id", 400);
  if (!q.redirect_uri) return c.text("bad_redirect_uri", 400);
  const client = store.state.oauth.clients.find((cl) => cl.clientId === q.client_id)!;
  if (client.redirectUris.length && !client.redirectUris.includes(q.redirect_uri)) return c.text("bad_redirect_uri", 400);
  const bot = splitScopes(q.scope);
  const user = splitScopes(q.user_scope);
  if (!bot.length && !user.length) return c.text("invalid_scope", 400);
  const personId = q.sandbox_person;
  if (personId && !store.state.company.people.some((p) => p.id === personId)) return c.text(`Unknown sandbox_person ${personId}`, 400);
  const code = issueAuthorizationCode(store, { tool: "slack", clientId: q.client_id, redirectUri: q.redirect_uri, scopes: [...bot, ...user.map((s) => `${USER_SCOPE}${s}`)], personId });
  const target = new URL(q.redirect_uri);
  target.searchParams.set("code", code);
  if (q.state !== undefined) target.searchParams.set("state", q.state);
  return c.redirect(target.toString(), 302);
}

function clientCredentials(c: Context, params: SlackParams): { clientId: string | undefined; clientSecret: string | undefined } {
  const header = c.req.header("authorization") ?? "";
  if (/^basic\s+/i.test(header)) {
    const decoded = Buffer.from(header.replace(/^basic\s+/i, ""), "base64").toString("utf8");
    const i = decoded.indexOf(":");
    return { clientId: decoded.slice(0, i), clientSecret: decoded.slice(i + 1) };
  }
  return { clientId: str(params, "client_id"), clientSecret: str(params, "client_secret") };
}

function restrictScopes(store: SandboxStore, grant: TokenGrant, scopes: string[]): void {
  for (const t of store.state.oauth.tokens) if (t.token === grant.accessToken || (grant.refreshToken && t.token === grant.refreshToken)) t.scopes = scopes;
}

/**
 * oauth.v2.access: the code grant (bot token, plus a user token when user scopes were asked for)
 * and, with token rotation on, the refresh grant. Client credentials come as arguments or HTTP
 * Basic, as Slack accepts both.
 */
export function oauthV2Access(store: SandboxStore, c: Context, params: SlackParams): Record<string, unknown> {
  const { clientId, clientSecret } = clientCredentials(c, params);
  if (!clientId || !checkClient(store, clientId)) throw new SlackError("invalid_client_id");
  if (!clientSecret || !checkClient(store, clientId, clientSecret)) throw new SlackError("bad_client_secret");
  const slack = store.state.slack;
  const rotation = slack.tokenRotation;
  const ttl = rotation ? ROTATING_TOKEN_TTL_SECONDS : null;
  const base = { app_id: slack.app.id, bot_user_id: slack.app.botUserId, team: { id: slack.team.id, name: slack.team.name }, enterprise: null, is_enterprise_install: false };

  if (str(params, "grant_type") === "refresh_token") {
    const refresh = str(params, "refresh_token");
    if (!rotation || !refresh) throw new SlackError("invalid_refresh_token");
    const result = refreshGrant(store, { tool: "slack", refreshToken: refresh, clientId, clientSecret, rotate: true, ttlSeconds: ttl });
    if ("error" in result) throw new SlackError("invalid_refresh_token");
    return { ...base, access_token: result.accessToken, token_type: "bot", scope: result.scopes.join(","), refresh_token: result.refreshToken, expires_in: ROTATING_TOKEN_TTL_SECONDS };
  }

  const code = str(params, "code");
  const pending = store.state.oauth.codes.find((p) => p.tool === "slack" && p.code === code);
  if (!code || !pending) throw new SlackError("invalid_code");
  const redirectUri = str(params, "redirect_uri");
  if (redirectUri !== undefined && redirectUri !== pending.redirectUri) throw new SlackError("bad_redirect_uri");
  const result = exchangeCode(store, { tool: "slack", code, clientId, clientSecret, redirectUri, withRefresh: rotation, ttlSeconds: ttl });
  if ("error" in result) throw new SlackError(result.error === "invalid_client" ? "bad_client_secret" : "invalid_code");
  const botScopes = result.scopes.filter((s) => !s.startsWith(USER_SCOPE));
  const userScopes = result.scopes.filter((s) => s.startsWith(USER_SCOPE)).map((s) => s.slice(USER_SCOPE.length));
  restrictScopes(store, result, botScopes);
  const person = store.state.company.people.find((p) => p.id === result.personId);
  const authedUser: Record<string, unknown> = { id: person?.slackUserId ?? "" };
  if (userScopes.length) {
    const token = `${USER_TOKEN_PREFIX}sbx-${randomBytes(18).toString("base64url")}`;
    store.state.oauth.tokens.push({ tool: "slack", token, kind: "access", clientId, personId: result.personId, scopes: userScopes, expiresAt: null, revoked: false });
    Object.assign(authedUser, { scope: userScopes.join(","), access_token: token, token_type: "user" });
  }
  if (!botScopes.length) {
    for (const t of store.state.oauth.tokens) if (t.token === result.accessToken || t.token === result.refreshToken) t.revoked = true;
    return { app_id: slack.app.id, authed_user: authedUser, team: base.team, enterprise: null, is_enterprise_install: false };
  }
  return {
    ...base,
    authed_user: authedUser,
    scope: botScopes.join(","),
    token_type: "bot",
    access_token: result.accessToken,
    ...(rotation ? { refresh_token: result.refreshToken, expires_in: ROTATING_TOKEN_TTL_SECONDS } : {}),
  };
}
