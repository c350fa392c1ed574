/**
 * Test support: checks GitHub sandbox responses against GitHub's official OpenAPI description
 * (@octokit/openapi, api.github.com). The description is read once per instance and each
 * operation's response schema is compiled on first use, so a test file pays for it once.
 */
import { Octokit } from "@octokit/rest";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

type Schema = Record<string, unknown>;

interface Description {
  paths: Record<string, Record<string, { responses?: Record<string, Schema> }>>;
  components: { schemas: Record<string, Schema>; responses: Record<string, Schema> };
}

/** Error bodies for statuses an operation does not list (GitHub answers them on every route). */
const FALLBACK: Record<number, string> = { 401: "basic-error", 403: "basic-error", 404: "basic-error", 422: "validation-error" };

/**
 * OpenAPI 3.0's `nullable: true` means "null is also allowed". Ajv only understands it beside
 * `type` and leaves `enum` untouched, so: add null to enums, and turn typeless nullable schemas
 * (a oneOf or a $ref) into `anyOf: [schema, {type: "null"}]`.
 */
function openApiNullable<T>(node: T): T {
  if (Array.isArray(node)) return node.map(openApiNullable) as T;
  if (!node || typeof node !== "object") return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === "enum" || k === "example" || k === "examples" ? v : openApiNullable(v);
  if (out.nullable !== true) return out as T;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (out.type === undefined) {
    const { nullable: _n, ...rest } = out;
    return { anyOf: [rest, { type: "null" }] } as T;
  }
  return out as T;
}

/** GitHub's REST description with a response validator and a validating Octokit. */
export class GithubOpenApi {
  private readonly description: Description;
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; pattern: RegExp; literals: number }[];

  constructor() {
    const file = createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json");
    this.description = JSON.parse(readFileSync(file, "utf8")) as Description;
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ components: { schemas: openApiNullable(this.description.components.schemas) } }, "gh");
    this.templates = Object.keys(this.description.paths).map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`),
      literals: template.split("/").filter((s) => s && !s.startsWith("{")).length,
    }));
  }

  /** The description's path template for a request URL (absolute or a template), mapping /repositories/{id} to /repos/{owner}/{repo}. */
  template(url: string, baseUrl: string): string | null {
    let path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) : url;
    path = path.split("?")[0]!;
    if (path in this.description.paths) return path;
    path = path.replace(/^\/repositories\/\d+/, "/repos/{owner}/{repo}").replace(/^\/organizations\/\d+/, "/orgs/{org}");
    const matches = this.templates.filter((t) => t.pattern.test(path)).sort((a, b) => b.literals - a.literals);
    return matches[0]?.template ?? null;
  }

  private schemaFor(method: string, template: string | null, status: number): Schema | null {
    if (template === null) {
      if (FALLBACK[status]) return { $ref: `#/components/schemas/${FALLBACK[status]}` };
      throw new Error(`No operation in GitHub's description matches ${method} and answered ${status}`);
    }
    const op = this.description.paths[template]?.[method.toLowerCase()];
    if (!op) throw new Error(`No operation ${method} ${template} in GitHub's description`);
    let response = op.responses?.[String(status)];
    if (response && typeof response.$ref === "string") response = this.description.components.responses[response.$ref.split("/").pop()!];
    const content = response?.content as Record<string, { schema?: Schema }> | undefined;
    const schema = content?.["application/json"]?.schema;
    if (schema) return schema;
    if (FALLBACK[status]) return { $ref: `#/components/schemas/${FALLBACK[status]}` };
    if (!response) throw new Error(`GitHub's description has no ${status} response for ${method} ${template}`);
    return null;
  }

  /**
   * Validates `body` against the operation's response schema (for paths GitHub does not have,
   * against its generic error body); returns error text, or null when it conforms.
   */
  check(method: string, template: string | null, status: number, body: unknown): string | null {
    const key = `${method} ${template} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      const schema = this.schemaFor(method, template, status);
      if (!schema) return null;
      const anchored = openApiNullable(JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"gh#/')) as Schema);
      validate = this.ajv.compile(anchored);
      this.compiled.set(key, validate);
    }
    if (validate(body)) return null;
    const errors = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
    return `${key} does not match GitHub's schema:\n  ${errors.join("\n  ")}`;
  }

  /**
   * An Octokit whose every response (successes and errors) is validated: a body that breaks
   * GitHub's schema turns the call into a rejection naming the problem.
   */
  octokit(options: { auth?: string; baseUrl: string }): Octokit {
    const octokit = new Octokit({ ...options, log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } });
    const verify = (method: string, url: string, status: number, data: unknown) => {
      if (status === 204 || typeof data !== "object" || data === null) return;
      const template = this.template(url, options.baseUrl);
      if (!template && status < 400) throw new Error(`No operation in GitHub's description matches ${method} ${url}`);
      const problem = this.check(method, template, status, data);
      if (problem) throw new Error(problem);
    };
    octokit.hook.after("request", (response, request) => verify(request.method, request.url, response.status, response.data));
    octokit.hook.error("request", (error, request) => {
      const e = error as { status?: number; response?: { data?: unknown } };
      if (e.response && typeof e.status === "number") verify(request.method, request.url, e.status, e.response.data);
      throw error;
    });
    return octokit;
  }
}
