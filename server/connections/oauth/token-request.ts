import { type Tool } from "@/server/db/generated/enums";
import { ConnectorError, retryAfterMs } from "@/server/connectors/errors";

/**
 * One call to a provider's token endpoint, in that provider's format: Atlassian takes JSON with the
 * client credentials in the body, Notion JSON with HTTP Basic client auth, GitHub and Slack a form.
 * Used for both the code exchange and refreshes. Answers the parsed body, or throws a
 * ConnectorError that says which endpoint refused and why.
 */
export async function requestToken(
  tool: Tool,
  input: { tokenUrl: string; clientId: string; clientSecret: string; grant: Record<string, string>; what: string },
  fetchImpl: typeof fetch = fetch,
): Promise<Record<string, unknown>> {
  const { tokenUrl, clientId, clientSecret, grant, what } = input;
  const init: RequestInit =
    tool === "JIRA"
      ? { headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify({ ...grant, client_id: clientId, client_secret: clientSecret }) }
      : tool === "NOTION"
        ? {
            headers: { "content-type": "application/json", accept: "application/json", authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}` },
            body: JSON.stringify(grant),
          }
        : { headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body: new URLSearchParams({ ...grant, client_id: clientId, client_secret: clientSecret }).toString() };

  let res: Response;
  try {
    res = await fetchImpl(tokenUrl, { method: "POST", ...init });
  } catch (e) {
    throw new ConnectorError("network", `Could not reach ${what}: ${(e as Error).message}`, { cause: e });
  }
  const text = await res.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new ConnectorError(res.status >= 500 ? "unavailable" : "bad_response", `${what} answered HTTP ${res.status} without JSON`, { status: res.status });
  }
  if (res.status === 429) throw new ConnectorError("rate_limited", `${what} is rate limiting us`, { status: 429, retryAfterMs: retryAfterMs(res.headers.get("retry-after")) });
  if (res.status >= 500) throw new ConnectorError("unavailable", `${what} answered ${res.status}`, { status: res.status });
  if (!res.ok || body.ok === false || body.error) {
    throw new ConnectorError("auth", `${what} refused: ${String(body.error_description ?? body.error ?? res.status)}`, { status: res.status });
  }
  return body;
}

/** When a token from `body` expires (ISO), if the provider said. */
export function expiresAtFrom(body: Record<string, unknown>): string | null {
  return typeof body.expires_in === "number" ? new Date(Date.now() + body.expires_in * 1000).toISOString() : null;
}
