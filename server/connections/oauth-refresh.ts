import { type Tool } from "@/server/db/generated/enums";
import { ConnectorError, retryAfterMs } from "@/server/connectors/errors";
import { type Credentials } from "@/server/connectors/types";

type OAuthCredentials = Extract<Credentials, { kind: "oauth" }>;

/**
 * Exchanges a refresh token for new credentials with each provider's own request format. Refresh
 * tokens may rotate (Atlassian, Slack with rotation): the result carries the new one, and the caller
 * must persist it before anything else uses the connection.
 */
export async function refreshCredentials(tool: Tool, creds: OAuthCredentials, fetchImpl: typeof fetch = fetch): Promise<OAuthCredentials> {
  if (!creds.refreshToken || !creds.tokenUrl || !creds.clientId || !creds.clientSecret) {
    throw new ConnectorError("auth", "The access token expired and this connection cannot refresh it. Reconnect.");
  }
  let res: Response;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  try {
    switch (tool) {
      case "JIRA":
        res = await fetchImpl(creds.tokenUrl, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({ grant_type: "refresh_token", client_id: creds.clientId, client_secret: creds.clientSecret, refresh_token: creds.refreshToken }),
        });
        break;
      case "NOTION":
        res = await fetchImpl(creds.tokenUrl, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            authorization: `Basic ${Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString("base64")}`,
          },
          body: JSON.stringify({ grant_type: "refresh_token", refresh_token: creds.refreshToken }),
        });
        break;
      case "SLACK":
      case "GITHUB":
        res = await fetchImpl(creds.tokenUrl, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: form({ grant_type: "refresh_token", refresh_token: creds.refreshToken, client_id: creds.clientId, client_secret: creds.clientSecret }),
        });
        break;
    }
  } catch (e) {
    throw new ConnectorError("network", `Could not reach the token endpoint: ${(e as Error).message}`, { cause: e });
  }
  const text = await res.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new ConnectorError(res.status >= 500 ? "unavailable" : "bad_response", `The token endpoint answered HTTP ${res.status} without JSON`, { status: res.status });
  }
  if (res.status === 429) throw new ConnectorError("rate_limited", "Token endpoint rate limit", { status: 429, retryAfterMs: retryAfterMs(res.headers.get("retry-after")) });
  if (res.status >= 500) throw new ConnectorError("unavailable", `The token endpoint answered ${res.status}`, { status: res.status });
  if (!res.ok || body.ok === false || body.error) {
    throw new ConnectorError("auth", `The refresh was refused (${String(body.error ?? res.status)}). Reconnect to grant access again.`, { status: res.status });
  }
  const accessToken = body.access_token;
  if (typeof accessToken !== "string") throw new ConnectorError("bad_response", "The token endpoint's answer has no access_token");
  const expiresIn = typeof body.expires_in === "number" ? body.expires_in : null;
  return {
    ...creds,
    accessToken,
    refreshToken: typeof body.refresh_token === "string" ? body.refresh_token : creds.refreshToken,
    expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000).toISOString() : null,
    scopes: typeof body.scope === "string" ? body.scope.split(/[ ,]+/).filter(Boolean) : creds.scopes,
  };
}
