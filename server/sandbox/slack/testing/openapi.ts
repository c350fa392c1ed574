/**
 * Test support: checks what @slack/web-api sends to the sandbox and what it gets back against
 * Slack's published Web API description (server/sandbox/specs/slack, Swagger 2.0 from slackapi/slack-api-specs).
 * A fetch wrapper handed to the WebClient records every call; each call's arguments are checked
 * against the method's documented parameters and each answer against its 200 (ok) or default
 * (error) schema, compiled with Ajv (draft-07 semantics, `definitions` resolved in place).
 */
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import path from "node:path";
import { specsDir } from "../../notion/testing/openapi";

type Schema = Record<string, unknown>;
interface Operation {
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<string, { schema?: Schema }>;
}
interface Description {
  paths: Record<string, Record<string, Operation>>;
  definitions: Record<string, Schema>;
}

export interface SlackCall {
  method: string;
  params: Record<string, string>;
  status: number;
  body: unknown;
}

/**
 * Swagger 2.0 has no oneOf, so Slack's description writes unions as `items: [A, B]` on
 * non-array schemas (objs_conversation, objs_user, `bot_id`, `latest`, …). JSON Schema reads that
 * as a tuple and checks nothing; turn each such list into `anyOf` so the union is enforced.
 */
function unionsFromItems<T>(node: T): T {
  if (Array.isArray(node)) return node.map(unionsFromItems) as T;
  if (!node || typeof node !== "object") return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node)) out[k] = unionsFromItems(v);
  if (Array.isArray(out.items)) {
    const variants = out.items as Schema[];
    delete out.items;
    if (out.type === "array") out.items = { anyOf: variants };
    else out.anyOf = variants;
  }
  return out as T;
}

/** Errors Slack answers today on every method that the description's per-method enums predate. */
const COMMON_ERRORS = ["not_authed", "invalid_auth", "token_revoked", "token_expired", "missing_scope", "ratelimited", "invalid_arguments", "invalid_cursor"];
const EXTRA_ERRORS: Record<string, string[]> = {
  "conversations.history": ["not_in_channel"],
  "conversations.replies": ["not_in_channel", "invalid_ts_latest", "invalid_ts_oldest"],
  "conversations.list": ["invalid_types"],
  "chat.postMessage": ["missing_scope", "invalid_blocks", "invalid_blocks_format", "invalid_thread_ts", "thread_not_found", "invalid_metadata_format", "invalid_metadata_schema"],
  "chat.update": ["invalid_metadata_format", "invalid_metadata_schema"],
};

/**
 * Where the description is older than the official client (@slack/web-api 8 types), the client's
 * types win:
 * - Messages carry `edited` and `app_id` (MessageElement in ConversationsHistoryResponse).
 * - conversations.history/replies answer `response_metadata.next_cursor` while `has_more`, and an
 *   empty page has no messages (ConversationsHistoryResponse.response_metadata, messages?: []).
 * - conversations.replies messages are full message objects with reactions, blocks and edits
 *   (ConversationsRepliesResponse.messages: MessageElement[]), not the description's two
 *   closed shapes.
 * - chat.update's `message.blocks` is an array of blocks (ChatUpdateResponse.message.blocks).
 * - Error answers may carry `needed`/`provided` (missing_scope) and `response_metadata`
 *   (invalid_arguments), and newer error codes (COMMON_ERRORS, EXTRA_ERRORS).
 * - oauth.v2.access takes grant_type and refresh_token (OauthV2AccessArguments) for rotation.
 * - Message metadata: chat.postMessage and chat.update take `metadata` (ChatPostMessageMetadata),
 *   conversations.history and conversations.replies take `include_all_metadata`
 *   (IncludeAllMetadata), and messages carry `metadata` {event_type, event_payload}
 *   (MessageElement.metadata).
 */
function patchDescription(d: Description): Description {
  const message = d.definitions.objs_message as { properties: Record<string, Schema> };
  message.properties.edited = { type: "object", properties: { user: { type: "string" }, ts: { $ref: "#/definitions/defs_ts" } }, required: ["user", "ts"] };
  message.properties.app_id = { $ref: "#/definitions/defs_app_id" };
  const ok = (name: string) => Object.values(d.paths[`/${name}`]!)[0]!.responses["200"]!.schema as { properties: Record<string, Schema>; required?: string[] };
  const cursorMeta = { type: "object", properties: { next_cursor: { type: "string" } }, required: ["next_cursor"], additionalProperties: false };
  const history = ok("conversations.history");
  history.properties.response_metadata = cursorMeta;
  delete history.properties.messages!.minItems;
  const replies = ok("conversations.replies");
  replies.properties.messages = { type: "array", items: { $ref: "#/definitions/objs_message" } };
  replies.properties.response_metadata = cursorMeta;
  const update = ok("chat.update");
  (update.properties.message as { properties: Record<string, Schema> }).properties.blocks = { $ref: "#/definitions/blocks" };
  for (const [p, ops] of Object.entries(d.paths)) {
    const name = p.slice(1);
    for (const op of Object.values(ops)) {
      const err = op.responses.default?.schema as { properties?: Record<string, Schema> } | undefined;
      if (!err?.properties) continue;
      err.properties.needed = { type: "string" };
      err.properties.provided = { type: "string" };
      err.properties.response_metadata = { type: "object" };
      const e = err.properties.error as { enum?: string[] } | undefined;
      if (e?.enum) e.enum = [...new Set([...e.enum, ...COMMON_ERRORS, ...(EXTRA_ERRORS[name] ?? [])])];
    }
  }
  const access = Object.values(d.paths["/oauth.v2.access"]!)[0]!;
  access.parameters!.push({ name: "grant_type", in: "query" }, { name: "refresh_token", in: "query" });
  message.properties.metadata = { type: "object", properties: { event_type: { type: "string" }, event_payload: { type: "object" } }, required: ["event_type"], additionalProperties: false };
  for (const name of ["chat.postMessage", "chat.update"]) Object.values(d.paths[`/${name}`]!)[0]!.parameters!.push({ name: "metadata", in: "formData" });
  for (const name of ["conversations.history", "conversations.replies"]) Object.values(d.paths[`/${name}`]!)[0]!.parameters!.push({ name: "include_all_metadata", in: "query" });
  return d;
}

export class SlackOpenApi {
  private readonly description: Description;
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly calls: SlackCall[] = [];

  constructor() {
    const raw = JSON.parse(readFileSync(path.join(specsDir(), "slack", "slack_web_openapi_v2_without_examples.json"), "utf8")) as Description;
    this.description = unionsFromItems(patchDescription(raw));
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(this.ajv);
    this.ajv.addFormat("url", true);
  }

  /** A fetch for the WebClient's `fetch` option that records every call. */
  recordingFetch() {
    return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const res = await fetch(input, init);
      const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
      const params = Object.fromEntries(new URLSearchParams(typeof init?.body === "string" ? init.body : url.search));
      const text = await res.clone().text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Recorded as text; validation reports it.
      }
      this.calls.push({ method: url.pathname.split("/").pop()!, params, status: res.status, body });
      return res;
    };
  }

  private operation(method: string): Operation | undefined {
    const ops = this.description.paths[`/${method}`];
    return ops ? Object.values(ops)[0] : undefined;
  }

  private validator(method: string, which: "200" | "default"): ValidateFunction {
    const key = `${method} ${which}`;
    let v = this.compiled.get(key);
    if (!v) {
      const schema = this.operation(method)!.responses[which]!.schema!;
      v = this.ajv.compile({ ...schema, definitions: this.description.definitions });
      this.compiled.set(key, v);
    }
    return v;
  }

  check(call: SlackCall): string[] {
    const op = this.operation(call.method);
    if (!op) return [`${call.method}: not a method in Slack's description`];
    const problems: string[] = [];
    const known = new Set([...(op.parameters ?? []).map((p) => p.name), "token", "team_id"]);
    for (const name of Object.keys(call.params)) if (!known.has(name)) problems.push(`${call.method}: argument ${name} is not documented`);
    if (call.status === 429) return problems;
    if (call.status !== 200) return [...problems, `${call.method}: HTTP ${call.status}, Slack answers 200`];
    const ok = (call.body as { ok?: unknown })?.ok === true;
    const v = this.validator(call.method, ok ? "200" : "default");
    if (!v(call.body)) problems.push(`${call.method} ${ok ? "ok" : "error"} answer: ${this.ajv.errorsText(v.errors)}`);
    return problems;
  }

  /** Checks and forgets every recorded call. */
  drain(): string[] {
    const problems = this.calls.flatMap((c) => this.check(c));
    this.calls.length = 0;
    return problems;
  }
}
