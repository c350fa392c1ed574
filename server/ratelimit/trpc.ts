import { TRPCError } from "@trpc/server";
import { type ResponseMeta } from "@trpc/server/http";
import { consume, RateLimitedError } from "./limiter";
import { type LimitName } from "./limits";

/** The part of an organisation procedure's context a limit is counted for. */
interface LimitedContext {
  session: { user: { id: string } };
  organization: { id: string };
}

/**
 * Counts one call of a mutation for the caller and their organisation. A refusal becomes
 * TOO_MANY_REQUESTS (HTTP 429) carrying the sentence, with the {@link RateLimitedError} as its
 * cause so {@link retryAfterMeta} can add Retry-After to the response.
 */
export async function enforceRateLimit(limit: LimitName, ctx: LimitedContext): Promise<void> {
  try {
    await consume(limit, { userId: ctx.session.user.id, organizationId: ctx.organization.id });
  } catch (error) {
    if (error instanceof RateLimitedError) throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: error.message, cause: error });
    throw error;
  }
}

/**
 * `responseMeta` for the tRPC HTTP handler: Retry-After when a call in the request was refused by
 * a rate limit (the longest wait, when a batch holds several).
 */
export function retryAfterMeta({ errors }: { errors: TRPCError[] }): ResponseMeta {
  const seconds = errors.map((e) => e.cause).flatMap((cause) => (cause instanceof RateLimitedError ? [cause.retryAfterSeconds] : []));
  if (!seconds.length) return {};
  return { headers: new Headers({ "Retry-After": String(Math.max(...seconds)) }) };
}
