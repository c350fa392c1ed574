import { APIResponseError, Client, type PageObjectResponse, RequestTimeoutError, UnknownHTTPResponseError, isFullBlock, isFullPage } from "@notionhq/client";
import { createToolCall } from "../call";
import { ConnectorError, retryAfterMs } from "../errors";
import { type ConnectionCheck, type Connector, type ConnectorContext, type NormalizedDocument, type SyncBatch, type SyncRequest } from "../types";
import { createNotionWriters } from "./writes";

export const NOTION_VERSION = "2025-09-03";
const MAX_DEPTH = 3;

function mapError(e: unknown): ConnectorError {
  if (e instanceof ConnectorError) return e;
  if (e instanceof RequestTimeoutError) return new ConnectorError("timeout", "Notion did not answer in time", { cause: e });
  if (e instanceof APIResponseError || e instanceof UnknownHTTPResponseError) {
    const status = e.status;
    const retry = retryAfterMs(header(e.headers, "retry-after"));
    if (status === 429) return new ConnectorError("rate_limited", "Notion rate limit", { status, retryAfterMs: retry, cause: e });
    if (status === 401) return new ConnectorError("auth", "Notion rejected the token", { status, cause: e });
    if (status === 403) return new ConnectorError("scope", "The Notion integration lacks access to this content", { status, cause: e });
    if (status === 404) return new ConnectorError("not_found", "Not found in Notion (or not shared with the integration)", { status, cause: e });
    if (status >= 500) return new ConnectorError("unavailable", `Notion answered ${status}`, { status, retryAfterMs: retry, cause: e });
    if (e instanceof UnknownHTTPResponseError) return new ConnectorError("bad_response", `Notion sent an unreadable response (HTTP ${status})`, { status, cause: e });
    return new ConnectorError("invalid_request", e.message, { status, cause: e });
  }
  if (e instanceof SyntaxError) return new ConnectorError("bad_response", "Notion sent invalid JSON", { cause: e });
  return new ConnectorError("network", e instanceof Error ? e.message : String(e), { cause: e });
}

function header(headers: unknown, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined> | undefined)?.[name];
  return Array.isArray(value) ? value[0] : value;
}

type RichText = { plain_text?: string }[];

function richText(value: unknown): string {
  return Array.isArray(value) ? (value as RichText).map((t) => t.plain_text ?? "").join("") : "";
}

/** Plain values of a page's properties, for filtering and citing (status, owner, dates…). */
function propertyValues(properties: Record<string, unknown>): { title: string; values: Record<string, unknown> } {
  let title = "";
  const values: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(properties)) {
    const p = raw as Record<string, unknown> & { type?: string };
    const v = p.type ? p[p.type] : undefined;
    switch (p.type) {
      case "title":
        title = richText(v);
        values[name] = title;
        break;
      case "rich_text":
        values[name] = richText(v);
        break;
      case "select":
      case "status":
        values[name] = (v as { name?: string } | null)?.name ?? null;
        break;
      case "multi_select":
        values[name] = ((v as { name?: string }[] | null) ?? []).map((o) => o.name);
        break;
      case "date":
        values[name] = (v as { start?: string } | null)?.start ?? null;
        break;
      case "people":
        values[name] = ((v as { id?: string; name?: string }[] | null) ?? []).map((u) => u.name ?? u.id);
        break;
      case "url":
      case "number":
      case "checkbox":
      case "email":
        values[name] = v ?? null;
        break;
      default:
        break;
    }
  }
  return { title, values };
}

/**
 * Notion through @notionhq/client (API version 2025-09-03): every page and data-source row shared
 * with the integration, edited since the cursor, with its blocks flattened to text.
 */
export function createNotionConnector(ctx: ConnectorContext): Connector {
  const notion = new Client({ baseUrl: ctx.connection.baseUrl.replace(/\/$/, ""), notionVersion: NOTION_VERSION, retry: false, timeoutMs: 30_000, logLevel: undefined, logger: () => {} });
  const call = createToolCall(ctx, mapError);

  async function blocksText(blockId: string, depth: number): Promise<string> {
    const lines: string[] = [];
    let cursor: string | undefined;
    do {
      const auth = await ctx.accessToken();
      const page = await call("blocks.children.list", () => notion.blocks.children.list({ auth, block_id: blockId, start_cursor: cursor, page_size: 100 }));
      for (const block of page.results) {
        if (!isFullBlock(block)) continue;
        const data = (block as unknown as Record<string, { rich_text?: RichText; title?: string }>)[block.type];
        const text = data?.rich_text ? richText(data.rich_text) : block.type === "child_page" ? (data?.title ?? "") : "";
        const prefix = block.type.startsWith("heading") ? "## " : block.type.endsWith("list_item") ? "- " : block.type === "to_do" ? "[ ] " : "";
        if (text) lines.push(prefix + text);
        if (block.has_children && depth < MAX_DEPTH && block.type !== "child_page") lines.push(await blocksText(block.id, depth + 1));
      }
      cursor = page.has_more ? (page.next_cursor ?? undefined) : undefined;
    } while (cursor);
    return lines.filter(Boolean).join("\n");
  }

  async function toDocument(result: PageObjectResponse): Promise<NormalizedDocument> {
    const { title, values } = propertyValues(result.properties as Record<string, unknown>);
    const parent = result.parent as { type: string; page_id?: string; data_source_id?: string; database_id?: string };
    return {
      sourceId: result.id,
      title: title || "Untitled",
      url: result.url,
      kind: parent.type === "data_source_id" || parent.type === "database_id" ? "data_source_row" : "page",
      parentId: parent.page_id ?? parent.data_source_id ?? parent.database_id ?? null,
      text: await blocksText(result.id, 1),
      properties: values,
      createdAt: new Date(result.created_time),
      updatedAt: new Date(result.last_edited_time),
    };
  }

  return {
    tool: "NOTION",
    writers: createNotionWriters({ ctx, notion, mapError }),

    async queryDocuments(dataSourceId: string, filter?: unknown): Promise<NormalizedDocument[]> {
      const rows: NormalizedDocument[] = [];
      let cursor: string | undefined;
      do {
        const auth = await ctx.accessToken();
        const page = await call("dataSources.query", () =>
          notion.dataSources.query({ auth, data_source_id: dataSourceId, start_cursor: cursor, page_size: 100, ...(filter ? { filter: filter as never } : {}) }),
        );
        for (const result of page.results) if (isFullPage(result)) rows.push(await toDocument(result));
        cursor = page.has_more ? (page.next_cursor ?? undefined) : undefined;
      } while (cursor);
      return rows;
    },

    async test(): Promise<ConnectionCheck> {
      const auth = await ctx.accessToken();
      const me = await call("users.me", () => notion.users.me({ auth } as never));
      const bot = me as { id: string; name?: string | null; bot?: { workspace_name?: string | null } };
      return { account: { id: bot.id, name: bot.bot?.workspace_name ?? bot.name ?? "Notion workspace" }, scopes: ["read_content"], missingScopes: [] };
    },

    async *sync({ since }: SyncRequest): AsyncIterable<SyncBatch> {
      let cursor: string | undefined;
      let done = 0;
      do {
        const auth = await ctx.accessToken();
        const page = await call("search", () =>
          notion.search({ auth, filter: { property: "object", value: "page" }, sort: { timestamp: "last_edited_time", direction: "descending" }, start_cursor: cursor, page_size: 50 }),
        );
        const rows: NormalizedDocument[] = [];
        let reachedOld = false;
        for (const result of page.results) {
          if (!isFullPage(result)) continue;
          if (since && new Date(result.last_edited_time) < since) {
            reachedOld = true;
            break;
          }
          rows.push(await toDocument(result));
        }
        done += rows.length;
        yield { kind: "documents", resource: "notion:pages", progress: { done, total: null }, rows };
        cursor = !reachedOld && page.has_more ? (page.next_cursor ?? undefined) : undefined;
      } while (cursor);
    },
  };
}
