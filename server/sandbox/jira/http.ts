import { createHash } from "node:crypto";
import { type Context, type MiddlewareHandler } from "hono";
import { type ContentfulStatusCode } from "hono/utils/http-status";
import { authenticate, hasScope } from "../core/auth";
import { type IssuedToken } from "../core/oauth-state";
import { type SandboxStore } from "../core/store";
import { type Person } from "../core/types";
import { JqlError } from "./jql";
import { buildLookup, sandboxNow, type JiraLookup } from "./lookup";
import { FieldErrors, JiraRequestError } from "./mutations";
import { type JqlContext } from "./jql-eval";
import { type Wire } from "./wire";

/**
 * The HTTP plumbing shared by the Jira routes: the site middleware (cloud id, credentials),
 * Jira's error bodies, scope checks, query-parameter parsing and pagination.
 */

export type JiraEnv = { Variables: { token: IssuedToken; person: Person; lookup?: JiraLookup } };
export type JiraContext = Context<JiraEnv>;

/** Jira's error body: `{ errorMessages: [...], errors: {...} }`. */
export function jiraError(c: Context, status: ContentfulStatusCode, errorMessages: string[], errors: Record<string, string> = {}) {
  return c.json({ errorMessages, errors }, status);
}

/**
 * Classic OAuth scopes and the granular scopes that also grant them. A call needs one of the
 * listed scopes; API tokens carry "*".
 */
const SCOPES = {
  "read:jira-work": ["read:jira-work", "read:issue:jira", "read:issue-details:jira", "read:jql:jira", "read:project:jira", "read:board-scope:jira-software", "read:sprint:jira-software", "read:issue.changelog:jira", "read:comment:jira"],
  "write:jira-work": ["write:jira-work", "write:issue:jira", "write:comment:jira", "write:sprint:jira-software", "write:board-scope:jira-software", "write:issue-link:jira"],
  "read:jira-user": ["read:jira-user", "read:user:jira", "read:me"],
} as const;

export type JiraScope = keyof typeof SCOPES;

/**
 * Refuses the call unless the token has `scope`. Atlassian's gateway answers a scope mismatch
 * with 401 "Unauthorized; scope does not match" (jira.js turns it into a ScopeError).
 */
export function requireScope(scope: JiraScope): MiddlewareHandler<JiraEnv> {
  return async (c, next) => {
    const token = c.get("token");
    if (!SCOPES[scope].some((s) => hasScope(token, s))) return c.json({ code: 401, message: "Unauthorized; scope does not match" }, 401);
    await next();
  };
}

/** Resolves the site (404 for another cloud id) and the caller, answering Jira's 401s. */
export function siteMiddleware(store: SandboxStore): MiddlewareHandler<JiraEnv> {
  return async (c, next) => {
    if (c.req.param("cloudId") !== store.state.company.cloudId) return c.json({ code: 404, message: "Not Found" }, 404);
    const auth = authenticate(store, "jira", c);
    if (!auth.ok) {
      const bearer = /^bearer\s/i.test(c.req.header("authorization") ?? "");
      if (bearer) return c.json({ code: 401, message: "Unauthorized" }, 401, { "WWW-Authenticate": 'Bearer realm="api.atlassian.com", error="invalid_token"' });
      return c.json({ errorMessages: ["Client must be authenticated to access this resource."], errors: {} }, 401, auth.reason === "missing" ? {} : { "X-Seraph-LoginReason": "AUTHENTICATED_FAILED" });
    }
    const person = store.state.company.people.find((p) => p.id === auth.token.personId);
    if (!person) return c.json({ code: 401, message: "Unauthorized" }, 401);
    c.set("token", auth.token);
    c.set("person", person);
    await next();
  };
}

/** Turns domain errors into Jira's responses. */
export function onJiraError(err: Error, c: Context) {
  if (err instanceof JqlError) return jiraError(c, 400, err.messages);
  if (err instanceof FieldErrors) return jiraError(c, 400, [], err.errors);
  if (err instanceof JiraRequestError) return jiraError(c, err.status, err.messages);
  if (err instanceof BadRequest) return jiraError(c, 400, [err.message]);
  console.error("[sandbox/jira]", err);
  return jiraError(c, 500, ["Internal server error."]);
}

export class BadRequest extends Error {}

/** Per-request lookup tables, built once. */
export function lookupOf(c: JiraContext, store: SandboxStore): JiraLookup {
  let lookup = c.get("lookup");
  if (!lookup) {
    lookup = buildLookup(store.state);
    c.set("lookup", lookup);
  }
  return lookup;
}

export function wireOf(c: JiraContext, store: SandboxStore): Wire {
  const origin = new URL(c.req.url).origin;
  return { base: `${origin}/ex/jira/${store.state.company.cloudId}`, site: store.state.company.jiraSite, lookup: lookupOf(c, store) };
}

export function jqlContext(c: JiraContext, store: SandboxStore): JqlContext {
  const person = c.get("person");
  return { lookup: lookupOf(c, store), now: sandboxNow(store.state), currentAccountId: person.jiraAccountId, timeZone: person.timezone };
}

/** A list parameter given repeated and/or comma-separated. */
export function listParam(c: Context, name: string): string[] | undefined {
  const values = c.req.queries(name);
  if (!values) return undefined;
  return values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
}

export function listValue(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((v) => String(v).split(",")).map((v) => v.trim()).filter(Boolean);
}

export function intParam(c: Context, name: string, fallback: number): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new BadRequest(`The '${name}' parameter must be an integer.`);
  return n;
}

export function boolParam(c: Context, name: string): boolean | undefined {
  const raw = c.req.query(name);
  return raw === undefined ? undefined : raw === "true";
}

/** The request's JSON body, or a 400 in Jira's words. */
export async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text.trim()) throw new BadRequest("No content to map due to end-of-input");
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== "object" || Array.isArray(value)) throw new BadRequest("The request body must be a JSON object.");
    return value as Record<string, unknown>;
  } catch (e) {
    if (e instanceof BadRequest) throw e;
    throw new BadRequest("Unexpected character in the request body: it is not valid JSON.");
  }
}

/** A startAt/maxResults page of `items`, with Jira's Page fields. */
export function page<T>(items: T[], startAt: number, maxResults: number) {
  const start = Math.max(0, startAt);
  const size = Math.max(0, maxResults);
  const values = items.slice(start, start + size);
  return { startAt: start, maxResults: size, total: items.length, isLast: start + values.length >= items.length, values };
}

/** Jira's PageBean JSON for a `page()`: self and nextPage links to `self`, rendering each value with `render`. */
export function pageBean<T, R>(self: string, p: ReturnType<typeof page<T>>, render: (value: T) => R) {
  return {
    self: `${self}?maxResults=${p.maxResults}&startAt=${p.startAt}`,
    ...(p.isLast ? {} : { nextPage: `${self}?maxResults=${p.maxResults}&startAt=${p.startAt + p.values.length}` }),
    maxResults: p.maxResults,
    startAt: p.startAt,
    total: p.total,
    isLast: p.isLast,
    values: p.values.map(render),
  };
}

const tokenHash = (query: string) => createHash("sha1").update(query).digest("base64url").slice(0, 12);

/** Opaque continuation tokens for token-paginated endpoints, bound to the query they continue. */
export const pageToken = {
  encode(offset: number, query: string): string {
    return Buffer.from(JSON.stringify({ o: offset, q: tokenHash(query) })).toString("base64url");
  },
  decode(token: string | undefined, query: string): number {
    if (!token) return 0;
    try {
      const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { o?: unknown; q?: unknown };
      if (typeof parsed.o === "number" && parsed.o >= 0 && parsed.q === tokenHash(query)) return parsed.o;
    } catch {
      // fall through to the error below
    }
    throw new BadRequest("The provided next page token is invalid or expired.");
  },
};
