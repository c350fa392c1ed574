/**
 * GitHub's HTTP conventions shared by the sandbox routes: error bodies, Link-header pagination,
 * media types and the API base URL a client used.
 */
import { type Context } from "hono";
import { z } from "zod";

const DOCS = "https://docs.github.com/rest";

export type GithubErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 422;

/** `{"message", "documentation_url", "status"}` — GitHub's error body (status is a string). */
export function githubError(c: Context, status: GithubErrorStatus, message: string, documentationUrl = DOCS, extra: Record<string, unknown> = {}) {
  return c.json({ message, ...extra, documentation_url: documentationUrl, status: String(status) }, status);
}

export const notFound = (c: Context, docs = DOCS) => githubError(c, 404, "Not Found", docs);
export const badCredentials = (c: Context) => githubError(c, 401, "Bad credentials");
export const requiresAuthentication = (c: Context) => githubError(c, 401, "Requires authentication");

export interface ValidationIssue {
  resource: string;
  field: string;
  code: "missing_field" | "invalid" | "already_exists" | "unprocessable" | "missing" | "custom";
  value?: string | number | null;
  message?: string;
}

/** 422 for well-formed requests GitHub refuses: `{"message": "Validation Failed", "errors": [...]}`. */
export const validationFailed = (c: Context, errors: ValidationIssue[], docs = DOCS) => githubError(c, 422, "Validation Failed", docs, { errors });

/** 422 for requests that break the operation's schema (a required field absent, a wrong type). */
export const invalidRequest = (c: Context, detail: string, docs = DOCS) => githubError(c, 422, `Invalid request.\n\n${detail}`, docs);

/** 400 for bodies that are not JSON at all. */
export const problemsParsingJson = (c: Context, docs = DOCS) => githubError(c, 400, "Problems parsing JSON", docs);

/**
 * The API base URL as the client reached it (origin plus the mount prefix, e.g.
 * http://127.0.0.1:4010/github), so URLs in bodies and Link headers lead back here.
 */
export function apiBase(c: Context): string {
  const url = new URL(c.req.url);
  const at = url.pathname.search(/\/(repos|repositories|user|users|orgs|organizations|rate_limit|login|applications)(\/|$)/);
  return `${url.origin}${at > 0 ? url.pathname.slice(0, at) : ""}`;
}

const pageQuery = z.object({
  per_page: z.coerce.number().int().optional().catch(undefined),
  page: z.coerce.number().int().optional().catch(undefined),
});

/**
 * One page of `items` per `per_page` (default 30, at most `max`) and `page`, with GitHub's Link
 * header (prev, next, last, first — only the ones that apply) pointing at `canonical` (an absolute
 * URL without query; the request's other query parameters are kept).
 */
export function paginate<T>(c: Context, items: T[], canonical: string, options: { max?: number; defaultPerPage?: number } = {}): T[] {
  const q = pageQuery.parse({ per_page: c.req.query("per_page"), page: c.req.query("page") });
  const perPage = Math.min(Math.max(q.per_page ?? options.defaultPerPage ?? 30, 1), options.max ?? 100);
  const page = Math.max(q.page ?? 1, 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const params = new URL(c.req.url).searchParams;
  const link = (n: number) => {
    const p = new URLSearchParams(params);
    p.delete("page");
    p.set("page", String(n));
    return `<${canonical}?${p.toString()}>`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`${link(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
  if (page > 1) rels.push(`${link(1)}; rel="first"`);
  if (rels.length) c.header("link", rels.join(", "));
  return items.slice((page - 1) * perPage, page * perPage);
}

export interface MediaType {
  /** "json", or "diff"/"patch" for the raw diff formats. */
  format: "json" | "diff" | "patch";
  /** raw | text | html | full for body formats, when asked for. */
  param: string | null;
  /** The X-GitHub-Media-Type value GitHub answers with. */
  header: string;
}

/** Reads `application/vnd.github[.v3][.param][+json]` from Accept. */
export function mediaType(c: Context): MediaType {
  const accept = c.req.header("accept") ?? "";
  const m = /application\/vnd\.github(?:\.(v3|[a-z-]+-preview))?(?:\.([a-z]+))?(?:\+([a-z]+))?/i.exec(accept);
  const version = m?.[1] && m[1] !== "v3" ? m[1] : "v3";
  const param = m?.[2]?.toLowerCase() ?? null;
  const suffix = m?.[3]?.toLowerCase() ?? null;
  const format = param === "diff" || param === "patch" ? param : "json";
  const parts = [`github.${version}`];
  if (param) parts.push(`param=${param}`);
  if (suffix || !param) parts.push(`format=${suffix ?? "json"}`);
  return { format, param: format === "json" ? param : null, header: parts.join("; ") };
}
