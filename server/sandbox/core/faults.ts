import { type Context, type MiddlewareHandler } from "hono";
import { z } from "zod";
import { type SandboxTool } from "./types";

export const faultKinds = [
  "rate_limit",
  "github_primary_limit",
  "github_secondary_limit",
  "notion_overloaded",
  "server_error",
  "html_error_page",
  "slow",
  "slow_response",
  "lost_response",
  "invalid_json",
  "missing_fields",
  "unauthorized",
] as const;

/**
 * One injected fault. It applies to requests matching `tool`, `method` and `path` (a regular
 * expression over the path after the tool's prefix), skips the first `after` matches, then fires
 * `times` times (default once; `null` = until cleared).
 */
export const faultRuleSchema = z.object({
  kind: z.enum(faultKinds),
  tool: z.enum(["jira", "github", "notion", "slack"]).optional(),
  method: z.string().toUpperCase().optional(),
  path: z.string().optional(),
  after: z.number().int().min(0).default(0),
  times: z.number().int().min(1).nullable().default(1),
  /** Seconds for Retry-After (rate limits) — default 1. */
  retryAfterSeconds: z.number().min(0).default(1),
  /** Delay for `slow` (before the handler) and `slow_response` (after it: the write is done, the answer late), in milliseconds. */
  delayMs: z.number().int().min(0).default(2000),
  /** Status for `server_error` (default 500). */
  status: z.number().int().min(500).max(599).default(500),
  /** Top-level response fields `missing_fields` removes (from the object, or from each item of its first array field). */
  dropFields: z.array(z.string()).default([]),
});

export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRule = z.output<typeof faultRuleSchema> & { id: string; seen: number; fired: number };

export class FaultInjector {
  private rules: FaultRule[] = [];
  private n = 0;

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = { ...faultRuleSchema.parse(input), id: `fault-${++this.n}`, seen: 0, fired: 0 };
    this.rules.push(rule);
    return rule;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** The rule to fire for this request, if any, counting the match. */
  match(tool: SandboxTool, method: string, path: string): FaultRule | null {
    for (const rule of this.rules) {
      if (rule.tool && rule.tool !== tool) continue;
      if (rule.method && rule.method !== method.toUpperCase()) continue;
      if (rule.path && !new RegExp(rule.path).test(path)) continue;
      if (rule.times !== null && rule.fired >= rule.times) continue;
      rule.seen++;
      if (rule.seen <= rule.after) continue;
      rule.fired++;
      return rule;
    }
    return null;
  }
}

const HTML_502 = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>`;

function errorBody(tool: SandboxTool, status: number, kind: string): unknown {
  switch (tool) {
    case "notion":
      return {
        object: "error",
        status,
        code: status === 429 ? "rate_limited" : status === 401 ? "unauthorized" : status === 529 || status === 503 ? "service_unavailable" : "internal_server_error",
        message:
          status === 429
            ? "You have been rate limited. Please try again in a few minutes."
            : status === 401
              ? "API token is invalid."
              : status === 529 || status === 503
                ? "Notion is unavailable. This can occur when the time to respond to a request takes longer than 60 seconds, the maximum request timeout. Please try again later."
                : "Unexpected error occurred.",
        request_id: "00000000-0000-4000-8000-000000000000",
      };
    case "slack":
      return { ok: false, error: status === 429 ? "ratelimited" : status === 401 ? "invalid_auth" : "internal_error" };
    case "github":
      return status === 401
        ? { message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" }
        : { message: status === 429 ? "API rate limit exceeded" : "Server Error", status: String(status) };
    case "jira":
      return status === 401
        ? { errorMessages: ["Client must be authenticated to access this resource."], errors: {} }
        : { errorMessages: [status === 429 ? "Rate limit exceeded." : `Internal server error (${kind}).`], errors: {} };
  }
}

function dropFields(json: unknown, fields: string[]): unknown {
  if (!json || typeof json !== "object") return json;
  const strip = (o: unknown) => {
    if (o && typeof o === "object" && !Array.isArray(o)) for (const f of fields) delete (o as Record<string, unknown>)[f];
  };
  if (Array.isArray(json)) json.forEach(strip);
  else {
    const record = json as Record<string, unknown>;
    const list = Object.values(record).find(Array.isArray);
    if (list && fields.every((f) => !(f in record))) list.forEach(strip);
    else strip(record);
  }
  return json;
}

/**
 * Hono middleware for one tool: fires matching faults before the handler (refusals) or after it
 * (a committed write whose response is lost, broken JSON, missing fields).
 */
export function faultMiddleware(faults: FaultInjector, tool: SandboxTool, prefixLength: (c: Context) => number): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path.slice(prefixLength(c)) || "/";
    const rule = faults.match(tool, c.req.method, path);
    if (!rule) return next();
    const retryAfter = String(Math.ceil(rule.retryAfterSeconds));
    switch (rule.kind) {
      case "rate_limit":
        return c.json(errorBody(tool, 429, rule.kind) as object, 429, { "Retry-After": retryAfter });
      case "github_primary_limit": {
        const reset = Math.floor(Date.now() / 1000) + Math.ceil(rule.retryAfterSeconds);
        return c.json(
          { message: "API rate limit exceeded for user ID 1.", documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api", status: "403" },
          403,
          { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "0", "x-ratelimit-used": "5000", "x-ratelimit-reset": String(reset), "x-ratelimit-resource": "core" },
        );
      }
      case "github_secondary_limit":
        return c.json(
          {
            message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.",
            documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
            status: "403",
          },
          403,
          { "retry-after": retryAfter },
        );
      case "notion_overloaded":
        return c.json(errorBody(tool, 529, rule.kind) as object, 529 as never);
      case "server_error":
        return c.json(errorBody(tool, rule.status, rule.kind) as object, rule.status as never);
      case "html_error_page":
        return c.html(HTML_502, 502);
      case "unauthorized":
        return c.json(errorBody(tool, 401, rule.kind) as object, 401);
      case "slow":
        await new Promise((r) => setTimeout(r, rule.delayMs));
        return next();
      case "slow_response":
        await next();
        await new Promise((r) => setTimeout(r, rule.delayMs));
        return;
      case "lost_response": {
        await next();
        // The write has happened; the client never hears about it.
        const incoming = (c.env as { incoming?: { socket?: { destroy: () => void } } } | undefined)?.incoming;
        if (incoming?.socket) {
          incoming.socket.destroy();
          return new Response(null, { status: 499 });
        }
        throw new Error("lost_response needs the Node server adapter");
      }
      case "invalid_json": {
        await next();
        const text = await c.res.text();
        c.res = new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), { status: c.res.status, headers: c.res.headers });
        return;
      }
      case "missing_fields": {
        await next();
        const json = (await c.res.json()) as unknown;
        const headers = new Headers(c.res.headers);
        headers.delete("content-length");
        c.res = new Response(JSON.stringify(dropFields(json, rule.dropFields)), { status: c.res.status, headers });
        return;
      }
    }
  };
}
