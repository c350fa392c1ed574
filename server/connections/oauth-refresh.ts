import { type Tool } from "@/server/db/generated/enums";
import { ConnectorError } from "@/server/connectors/errors";
import { type Credentials } from "@/server/connectors/types";
import { expiresAtFrom, requestToken } from "./oauth/token-request";

type OAuthCredentials = Extract<Credentials, { kind: "oauth" }>;

/**
 * Exchanges a refresh token for new credentials. Refresh tokens may rotate (Atlassian, Slack with
 * rotation): the result carries the new one, and the caller must persist it before anything else
 * uses the connection.
 */
export async function refreshCredentials(tool: Tool, creds: OAuthCredentials, fetchImpl: typeof fetch = fetch): Promise<OAuthCredentials> {
  if (!creds.refreshToken || !creds.tokenUrl || !creds.clientId || !creds.clientSecret) {
    throw new ConnectorError("auth", "The access token expired and this connection cannot refresh it. Reconnect.");
  }
  const body = await requestToken(
    tool,
    { tokenUrl: creds.tokenUrl, clientId: creds.clientId, clientSecret: creds.clientSecret, grant: { grant_type: "refresh_token", refresh_token: creds.refreshToken }, what: "The token endpoint" },
    fetchImpl,
  ).catch((e: unknown) => {
    if (e instanceof ConnectorError && e.kind === "auth") throw new ConnectorError("auth", `${e.message}. Reconnect to grant access again.`, e.details);
    throw e;
  });
  const accessToken = body.access_token;
  if (typeof accessToken !== "string") throw new ConnectorError("bad_response", "The token endpoint's answer has no access_token");
  return {
    ...creds,
    accessToken,
    refreshToken: typeof body.refresh_token === "string" ? body.refresh_token : creds.refreshToken,
    expiresAt: expiresAtFrom(body),
    scopes: typeof body.scope === "string" ? body.scope.split(/[ ,]+/).filter(Boolean) : creds.scopes,
  };
}
