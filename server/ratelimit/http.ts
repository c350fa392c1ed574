import { type RateLimitedError } from "./limiter";

/**
 * A route handler's answer to a refused request: 429 with Retry-After, and the sentence as
 * `{ error }`, the body the chat already shows as it is.
 */
export function tooManyRequests(error: RateLimitedError): Response {
  return Response.json({ error: error.message }, { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } });
}
