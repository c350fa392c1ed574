/**
 * What can go wrong talking to a tool, in terms the product can act on. Each connector maps its
 * client's errors onto these; the UI turns them into a sentence and a next step.
 */
export type ConnectorErrorKind =
  /** The token is missing, invalid, expired or revoked: reconnect. */
  | "auth"
  /** The token lacks a scope the operation needs: reconnect granting it. */
  | "scope"
  /** The tool asked us to slow down; `retryAfterMs` says for how long. */
  | "rate_limited"
  /** The tool is down or answered with a server error or an HTML error page. */
  | "unavailable"
  /** The tool answered, but not with what its API promises (invalid JSON, missing fields). */
  | "bad_response"
  | "not_found"
  | "invalid_request"
  /** Our own circuit breaker is open for this connection. */
  | "circuit_open"
  | "timeout"
  | "network";

export class ConnectorError extends Error {
  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; operation?: string; cause?: unknown } = {},
  ) {
    super(message);
    this.name = "ConnectorError";
  }

  /** Worth retrying after a pause: rate limits, outages, timeouts and dropped connections. */
  get retryable(): boolean {
    return this.kind === "rate_limited" || this.kind === "unavailable" || this.kind === "timeout" || this.kind === "network";
  }

  /** Counts against the connection's health (the circuit breaker): the tool, not our request, failed. */
  get isOutage(): boolean {
    return this.kind === "unavailable" || this.kind === "timeout" || this.kind === "network" || this.kind === "bad_response";
  }
}

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A message for people: what happened and what to do. */
export function describeConnectorError(e: ConnectorError, toolName: string): string {
  switch (e.kind) {
    case "auth":
      return `${toolName} rejected the connection's credentials (expired or revoked). Reconnect ${toolName}.`;
    case "scope":
      return `${toolName} refused: the connection is missing a permission (${e.message}). Reconnect and grant it.`;
    case "rate_limited":
      return `${toolName} is rate limiting us; we'll retry${e.details.retryAfterMs ? ` in ${Math.ceil(e.details.retryAfterMs / 1000)} s` : ""}.`;
    case "unavailable":
      return `${toolName} is unavailable right now${e.details.status ? ` (HTTP ${e.details.status})` : ""}. Showing the last synced data; we'll retry.`;
    case "bad_response":
      return `${toolName} sent a response we could not read. Nothing was saved from it; we'll retry.`;
    case "circuit_open":
      return `${toolName} has failed repeatedly, so calls are paused for a moment. Showing the last synced data.`;
    case "timeout":
      return `${toolName} did not answer in time. We'll retry.`;
    case "network":
      return `We could not reach ${toolName}. Check the connection's URL and your network.`;
    case "not_found":
      return `${toolName} says that item does not exist, or the connection cannot see it.`;
    case "invalid_request":
      return `${toolName} refused the request: ${e.message}`;
  }
}
