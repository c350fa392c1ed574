import { createHash, randomBytes } from "node:crypto";
import { type Db } from "@/server/db/client";
import { type Tool } from "@/server/db/generated/enums";
import { encryptJson } from "@/server/connectors/crypto";
import { ConnectorError } from "@/server/connectors/errors";
import { TOOL_NAMES } from "@/server/connectors/registry";
import { type Credentials } from "@/server/connectors/types";
import { oauthProvider, type ConnectTarget, type OAuthProvider } from "./providers";
import { expiresAtFrom, requestToken } from "./token-request";

const FLOW_TTL_MS = 10 * 60_000;

export function oauthRedirectUri(appUrl: string): string {
  return `${appUrl.replace(/\/$/, "")}/api/connections/oauth/callback`;
}

/**
 * Begins connecting `tool`: records the flow (state, PKCE verifier, who started it) and returns the
 * provider's authorize URL to send the admin's browser to.
 */
export async function startOAuth(db: Db, input: { organizationId: string; userId: string; tool: Tool; target: ConnectTarget; appUrl: string }): Promise<string> {
  const provider = oauthProvider(input.tool, input.target);
  if (!provider) throw new ConnectorError("invalid_request", `${TOOL_NAMES[input.tool]} has no OAuth app configured for ${input.target === "sandbox" ? "the sandbox" : "the cloud service"} in this deployment.`);
  const state = randomBytes(24).toString("base64url");
  const codeVerifier = provider.pkce ? randomBytes(32).toString("base64url") : null;
  const redirectUri = oauthRedirectUri(input.appUrl);
  await db.oAuthFlow.create({
    data: { organizationId: input.organizationId, userId: input.userId, tool: input.tool, state, codeVerifier, baseUrl: input.target, redirectUri, expiresAt: new Date(Date.now() + FLOW_TTL_MS) },
  });
  const url = new URL(provider.authorizeUrl);
  const params: Record<string, string> = {
    client_id: provider.clientId,
    redirect_uri: redirectUri,
    response_type: "code",
    state,
    ...provider.authorizeParams,
  };
  if (provider.scopes.length) params.scope = provider.scopes.join(provider.scopeSeparator);
  if (codeVerifier) {
    params.code_challenge = createHash("sha256").update(codeVerifier).digest("base64url");
    params.code_challenge_method = "S256";
  }
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

interface Exchanged {
  credentials: Extract<Credentials, { kind: "oauth" }>;
  baseUrl: string;
  externalAccountId: string;
  externalAccountName: string;
}

async function exchange(provider: OAuthProvider, code: string, redirectUri: string, codeVerifier: string | null): Promise<Exchanged> {
  const common = { clientId: provider.clientId, clientSecret: provider.clientSecret, tokenUrl: provider.tokenUrl };
  const scopes = (body: Record<string, unknown>) => (typeof body.scope === "string" ? body.scope.split(/[ ,]+/).filter(Boolean) : provider.scopes);
  const grant: Record<string, string> = {
    grant_type: "authorization_code",
    code,
    redirect_uri: redirectUri,
    ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
  };
  const body = await requestToken(provider.tool, { ...common, grant, what: `${TOOL_NAMES[provider.tool]}'s token endpoint` });
  const credentials: Exchanged["credentials"] = {
    kind: "oauth",
    accessToken: String(body.access_token),
    refreshToken: (body.refresh_token as string | undefined) ?? null,
    expiresAt: expiresAtFrom(body),
    scopes: provider.tool === "NOTION" ? [] : scopes(body),
    ...common,
  };
  switch (provider.tool) {
    case "JIRA": {
      const resources = (await fetch(provider.resourcesUrl!, { headers: { authorization: `Bearer ${credentials.accessToken}`, accept: "application/json" } }).then((r) => r.json())) as { id: string; name: string; url: string }[];
      const site = resources[0];
      if (!site) throw new ConnectorError("scope", "This Atlassian account has no Jira site the app may use. Grant access to a site and try again.");
      return { credentials, baseUrl: provider.apiBaseUrl.replace("{cloudId}", site.id), externalAccountId: site.id, externalAccountName: `${site.name} (${site.url.replace(/^https?:\/\//, "")})` };
    }
    case "GITHUB": {
      const headers = { authorization: `token ${credentials.accessToken}`, accept: "application/vnd.github+json" };
      const user = (await fetch(`${provider.apiBaseUrl}/user`, { headers }).then((r) => r.json())) as { login: string };
      const orgs = (await fetch(`${provider.apiBaseUrl}/user/orgs`, { headers }).then((r) => (r.ok ? r.json() : []))) as { login: string }[];
      const account = orgs[0]?.login ?? user.login;
      return { credentials, baseUrl: provider.apiBaseUrl, externalAccountId: account, externalAccountName: account };
    }
    case "NOTION":
      return { credentials, baseUrl: provider.apiBaseUrl, externalAccountId: String(body.workspace_id), externalAccountName: String(body.workspace_name ?? "Notion workspace") };
    case "SLACK": {
      const team = body.team as { id: string; name: string };
      return { credentials, baseUrl: provider.apiBaseUrl, externalAccountId: team.id, externalAccountName: team.name };
    }
  }
}

export class OAuthFlowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OAuthFlowError";
  }
}

/**
 * Completes the flow `state` started: checks it belongs to this admin and has not expired, swaps the
 * code for tokens, and creates (or refreshes) the connection with its credentials sealed. The flow
 * is consumed either way, so a state cannot be replayed.
 */
export async function completeOAuth(db: Db, input: { state: string; code: string; userId: string; organizationId: string }) {
  const flow = await db.oAuthFlow.findUnique({ where: { state: input.state } });
  if (!flow) throw new OAuthFlowError("This connection attempt is unknown or was already used. Start again from the Connections page.");
  await db.oAuthFlow.delete({ where: { id: flow.id } });
  if (flow.userId !== input.userId || flow.organizationId !== input.organizationId) throw new OAuthFlowError("This connection attempt was started by someone else. Start again from the Connections page.");
  if (flow.expiresAt < new Date()) throw new OAuthFlowError("This connection attempt expired. Start again from the Connections page.");
  const provider = oauthProvider(flow.tool, flow.baseUrl as ConnectTarget);
  if (!provider) throw new OAuthFlowError(`${TOOL_NAMES[flow.tool]}'s OAuth app is no longer configured.`);
  const result = await exchange(provider, input.code, flow.redirectUri, flow.codeVerifier);
  const data = {
    name: `${TOOL_NAMES[flow.tool]} · ${result.externalAccountName}`,
    baseUrl: result.baseUrl,
    authKind: "OAUTH" as const,
    externalAccountName: result.externalAccountName,
    encryptedCredentials: encryptJson(result.credentials),
    scopes: result.credentials.scopes ?? [],
    status: "ACTIVE" as const,
    statusMessage: null,
    lastSyncError: null,
  };
  return db.connection.upsert({
    where: { organizationId_tool_externalAccountId: { organizationId: flow.organizationId, tool: flow.tool, externalAccountId: result.externalAccountId } },
    create: { ...data, organizationId: flow.organizationId, tool: flow.tool, externalAccountId: result.externalAccountId, createdById: input.userId },
    update: data,
  });
}
