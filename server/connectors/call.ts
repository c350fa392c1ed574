import { ConnectorError } from "./errors";
import { type ConnectorContext } from "./types";

/**
 * Wraps one logical call to a tool: resilience (timeout, retries honouring Retry-After, the
 * connection's circuit breaker), error mapping to ConnectorError, and a record of the call with its
 * latency and retry count. Every connector request goes through here. Non-idempotent writes use
 * `mode: "write"`, which re-sends only refused requests (see ConnectionResilience.execute).
 */
export function createToolCall(ctx: ConnectorContext, mapError: (e: unknown) => ConnectorError, mode: "read" | "write" = "read") {
  return async function call<T>(operation: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const { value, retries } = await ctx.resilience.execute(async (signal) => {
        try {
          return await fn(signal);
        } catch (e) {
          throw e instanceof ConnectorError ? e : mapError(e);
        }
      }, mode);
      ctx.recorder.record({ tool: ctx.connection.tool, operation, status: "ok", latencyMs: elapsed(), retries });
      return value;
    } catch (e) {
      const error = e instanceof ConnectorError ? e : mapError(e);
      ctx.recorder.record({
        tool: ctx.connection.tool,
        operation,
        status: "error",
        httpStatus: error.details.status,
        latencyMs: elapsed(),
        retries: (e as { retries?: number }).retries ?? 0,
        error: `${error.kind}: ${error.message}`.slice(0, 500),
      });
      throw Object.assign(error, { details: { ...error.details, operation } });
    }
  };
}

/** Throws bad_response unless `value` has every listed field: a response missing what the API promises is not data. */
export function requireFields<T extends object>(value: T, fields: (keyof T)[], what: string): T {
  for (const f of fields) {
    if (value[f] === undefined || value[f] === null) throw new ConnectorError("bad_response", `${what} is missing "${String(f)}"`);
  }
  return value;
}
