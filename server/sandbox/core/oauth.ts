import { createHash, randomBytes } from "node:crypto";
import { type IssuedToken } from "./oauth-state";
import { type SandboxStore } from "./store";
import { type SandboxTool } from "./types";

/** Access tokens live this long (Atlassian's are one hour). */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;

export type OAuthError = "invalid_client" | "invalid_grant" | "invalid_request" | "unauthorized_client";

function token(prefix: string) {
  return `${prefix}${randomBytes(18).toString("base64url")}`;
}

const PREFIX: Record<SandboxTool, { access: string; refresh: string }> = {
  jira: { access: "atl_sbx_", refresh: "atl_sbx_rt_" },
  github: { access: "gho_sbx", refresh: "ghr_sbx" },
  notion: { access: "ntn_sbx_", refresh: "ntn_sbx_rt_" },
  slack: { access: "xoxb-sbx-", refresh: "xoxe-1-sbx-" },
};

export function checkClient(store: SandboxStore, clientId: string | undefined, clientSecret?: string | undefined): boolean {
  return store.state.oauth.clients.some((c) => c.clientId === clientId && (clientSecret === undefined || c.clientSecret === clientSecret));
}

/**
 * The authorize step: the sandbox has no login screen, so it approves at once for `personId` (by
 * default the company's admin) and returns the code to put on the redirect.
 */
export function issueAuthorizationCode(
  store: SandboxStore,
  input: { tool: SandboxTool; clientId: string; redirectUri: string; scopes: string[]; personId?: string; codeChallenge?: string },
): string {
  const personId = input.personId ?? store.state.company.people.find((p) => p.role === "admin")?.id ?? "p1";
  const code = token("code_");
  store.state.oauth.codes.push({
    tool: input.tool,
    code,
    clientId: input.clientId,
    redirectUri: input.redirectUri,
    scopes: input.scopes,
    personId,
    ...(input.codeChallenge ? { codeChallenge: input.codeChallenge } : {}),
    expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
  });
  return code;
}

export interface TokenGrant {
  accessToken: string;
  refreshToken: string | null;
  expiresIn: number | null;
  scopes: string[];
  personId: string;
}

function grant(store: SandboxStore, tool: SandboxTool, clientId: string, scopes: string[], personId: string, withRefresh: boolean, ttl: number | null): TokenGrant {
  const access: IssuedToken = {
    tool,
    token: token(PREFIX[tool].access),
    kind: "access",
    clientId,
    personId,
    scopes,
    expiresAt: ttl ? new Date(Date.now() + ttl * 1000).toISOString() : null,
    revoked: false,
  };
  store.state.oauth.tokens.push(access);
  let refreshToken: string | null = null;
  if (withRefresh) {
    refreshToken = token(PREFIX[tool].refresh);
    store.state.oauth.tokens.push({ tool, token: refreshToken, kind: "refresh", clientId, personId, scopes, expiresAt: null, revoked: false, used: false });
  }
  return { accessToken: access.token, refreshToken, expiresIn: ttl, scopes, personId };
}

/**
 * The code grant. Codes are single-use, bound to the client and redirect URI, and checked against
 * the PKCE challenge when one was sent.
 */
export function exchangeCode(
  store: SandboxStore,
  input: { tool: SandboxTool; code: string; clientId: string; clientSecret: string; redirectUri?: string; codeVerifier?: string; withRefresh: boolean; ttlSeconds?: number | null },
): TokenGrant | { error: OAuthError; description: string } {
  if (!checkClient(store, input.clientId, input.clientSecret)) return { error: "invalid_client", description: "Unknown client or wrong client secret." };
  const codes = store.state.oauth.codes;
  const i = codes.findIndex((c) => c.code === input.code && c.tool === input.tool);
  const pending = codes[i];
  if (!pending) return { error: "invalid_grant", description: "The authorization code is invalid or was already used." };
  codes.splice(i, 1);
  if (pending.clientId !== input.clientId) return { error: "invalid_grant", description: "The code was issued to another client." };
  if (input.redirectUri !== undefined && pending.redirectUri !== input.redirectUri) return { error: "invalid_grant", description: "redirect_uri does not match the authorization request." };
  if (new Date(pending.expiresAt).getTime() < Date.now()) return { error: "invalid_grant", description: "The authorization code has expired." };
  if (pending.codeChallenge) {
    const expected = input.codeVerifier ? createHash("sha256").update(input.codeVerifier).digest("base64url") : null;
    if (expected !== pending.codeChallenge) return { error: "invalid_grant", description: "PKCE verification failed." };
  }
  return grant(store, input.tool, input.clientId, pending.scopes, pending.personId, input.withRefresh, input.ttlSeconds === undefined ? ACCESS_TOKEN_TTL_SECONDS : input.ttlSeconds);
}

/**
 * The refresh grant. With `rotate`, a refresh token works once: using it again is refused (and, as
 * Atlassian does on reuse, nothing new is issued), so clients must persist the new one.
 */
export function refreshGrant(
  store: SandboxStore,
  input: { tool: SandboxTool; refreshToken: string; clientId: string; clientSecret: string; rotate: boolean; ttlSeconds?: number | null },
): TokenGrant | { error: OAuthError; description: string } {
  if (!checkClient(store, input.clientId, input.clientSecret)) return { error: "invalid_client", description: "Unknown client or wrong client secret." };
  const rt = store.state.oauth.tokens.find((t) => t.kind === "refresh" && t.tool === input.tool && t.token === input.refreshToken);
  if (!rt || rt.revoked) return { error: "invalid_grant", description: "Unknown or revoked refresh token." };
  if (rt.used) return { error: "invalid_grant", description: "The refresh token was already used (refresh tokens rotate)." };
  if (input.rotate) rt.used = true;
  const result = grant(store, input.tool, input.clientId, rt.scopes, rt.personId, input.rotate, input.ttlSeconds === undefined ? ACCESS_TOKEN_TTL_SECONDS : input.ttlSeconds);
  return input.rotate ? result : { ...result, refreshToken: rt.token };
}

/** Revokes every token of `tool` issued for `clientId` (an uninstall or a revoked grant). */
export function revokeTokens(store: SandboxStore, tool: SandboxTool, predicate: (t: IssuedToken) => boolean = () => true): number {
  let n = 0;
  for (const t of store.state.oauth.tokens) {
    if (t.tool === tool && predicate(t) && !t.revoked) {
      t.revoked = true;
      n++;
    }
  }
  return n;
}
