/**
 * Test support: checks what the official Notion client sends to the sandbox and what it gets back
 * against Notion's published OpenAPI 3.1 description (server/sandbox/specs/notion/notion-openapi.json,
 * the file Notion ships with @notionhq/notion-mcp-server). Exchanges are recorded by a fetch
 * wrapper handed to the client, then each request body and response body is validated against the
 * matching operation's schemas with Ajv's 2020-12 dialect.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

type Schema = Record<string, unknown>;
type Operation = { requestBody?: { content?: Record<string, { schema?: Schema }> }; responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };
interface Description {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Exchange {
  method: string;
  /** Path after the client's base URL, e.g. /v1/pages/abc. */
  path: string;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
}

/** The copies in server/sandbox/specs (see its SOURCE.txt); SANDBOX_SPECS_DIR overrides. */
export function specsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [process.env.SANDBOX_SPECS_DIR, path.resolve(here, "../../specs")].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`API descriptions not found (looked in ${candidates.join(", ")}); set SANDBOX_SPECS_DIR`);
  return found;
}

/**
 * Where the description is older than the official client (@notionhq/client 5, Notion-Version
 * 2025-09-03), the client's types win:
 * - POST /v1/pages `parent` may be {data_source_id} (CreatePageBodyParameters.parent); the
 *   description only lists page_id, database_id and workspace parents.
 * - POST /v1/pages `children`, `icon` and `cover` are objects (BlockObjectRequest, PageIconRequest,
 *   PageCoverRequest); the description types them as strings, as the MCP server passes them.
 * - Rich text in requests may carry `annotations` (RichTextItemRequestCommon).
 */
function patchDescription(d: Description): Description {
  const schemas = d.components.schemas;
  const parent = schemas.parentRequest as { oneOf: Schema[] };
  parent.oneOf.push({ type: "object", properties: { type: { const: "data_source_id" }, data_source_id: { type: "string", format: "uuid" } }, required: ["data_source_id"] });
  const rich = schemas.richTextRequest as { properties: Record<string, Schema> };
  rich.properties.annotations = { type: "object" };
  const create = d.paths["/v1/pages"]!.post!.requestBody!.content!["application/json"]!.schema as { properties: Record<string, Schema> };
  create.properties.children = { type: "array", items: { type: "object" }, maxItems: 100 };
  create.properties.icon = { type: ["object", "null"] };
  create.properties.cover = { type: ["object", "null"] };
  return d;
}

export class NotionOpenApi {
  private readonly description: Description;
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; pattern: RegExp; literals: number }[];
  readonly exchanges: Exchange[] = [];

  constructor() {
    this.description = patchDescription(JSON.parse(readFileSync(path.join(specsDir(), "notion", "notion-openapi.json"), "utf8")) as Description);
    this.ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
    addFormats(this.ajv);
    this.ajv.addFormat("json", true);
    this.ajv.addFormat("int32", true);
    this.ajv.addSchema({ $id: "notion", components: this.description.components, paths: this.description.paths });
    this.templates = Object.keys(this.description.paths).map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
      literals: template.split("/").filter((s) => s && !s.startsWith("{")).length,
    }));
  }

  /** A fetch for the client's `fetch` option that records every exchange. */
  recordingFetch(baseUrl: string) {
    return async (url: string, init?: RequestInit): Promise<Response> => {
      const res = await fetch(url, init);
      const text = await res.clone().text();
      const requestBody = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
      let responseBody: unknown = text;
      try {
        responseBody = JSON.parse(text);
      } catch {
        // Non-JSON answers are recorded as text and fail validation below.
      }
      this.exchanges.push({ method: (init?.method ?? "GET").toUpperCase(), path: new URL(url).pathname.slice(new URL(baseUrl).pathname.length), requestBody, status: res.status, responseBody });
      return res;
    };
  }

  private template(p: string): string | null {
    const matches = this.templates.filter((t) => t.pattern.test(p)).sort((a, b) => b.literals - a.literals);
    return matches[0]?.template ?? null;
  }

  /** The compiled schema at a JSON pointer below /paths of the description. */
  private validator(pointer: string): ValidateFunction {
    let v = this.compiled.get(pointer);
    if (!v) {
      v = this.ajv.compile({ $ref: `notion#/paths/${pointer}` });
      this.compiled.set(pointer, v);
    }
    return v;
  }

  /** Problems with one exchange: an undocumented operation, or a body that breaks its schema. */
  check(x: Exchange): string[] {
    const template = this.template(x.path);
    if (!template) return [`${x.method} ${x.path}: no such path in Notion's description`];
    const method = x.method.toLowerCase();
    const op = this.description.paths[template]?.[method];
    if (!op) return [`${x.method} ${template}: no such operation in Notion's description`];
    const pointer = `${template.replace(/~/g, "~0").replace(/\//g, "~1")}/${method}`;
    const problems: string[] = [];
    const reqSchema = op.requestBody?.content?.["application/json"]?.schema;
    if (reqSchema && x.requestBody !== undefined) {
      const v = this.validator(`${pointer}/requestBody/content/application~1json/schema`);
      if (!v(x.requestBody)) problems.push(`${x.method} ${template} request: ${this.ajv.errorsText(v.errors)}`);
    }
    const status = String(x.status);
    const response = op.responses?.[status] ?? (x.status >= 400 ? op.responses?.["400"] : undefined);
    const resSchema = response?.content?.["application/json"]?.schema;
    if (resSchema) {
      const key = op.responses?.[status] ? status : "400";
      const v = this.validator(`${pointer}/responses/${key}/content/application~1json/schema`);
      if (!v(x.responseBody)) problems.push(`${x.method} ${template} ${x.status} response: ${this.ajv.errorsText(v.errors)}`);
    } else if (x.status >= 400 && !(x.responseBody && typeof x.responseBody === "object" && (x.responseBody as { object?: string }).object === "error")) {
      problems.push(`${x.method} ${template} ${x.status}: not a Notion error object`);
    }
    return problems;
  }

  /** Checks and forgets every recorded exchange. */
  drain(): string[] {
    const problems = this.exchanges.flatMap((x) => this.check(x));
    this.exchanges.length = 0;
    return problems;
  }
}
