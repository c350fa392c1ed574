import { type DataSourceObjectResponse, type PageObjectResponse } from "@notionhq/client";
import { type Hono } from "hono";
import { z } from "zod";
import { fromZod, validationError } from "./errors";
import { readBody, filterProperties, type NotionEnv } from "./http";
import { pageSize, paginate } from "./pagination";
import { renderPage } from "./pages-api";
import { pageTitle } from "./properties";
import { matchesFilter, sortPages, validateFilter, validateSorts } from "./query";
import { plainText } from "./rich-text";

const searchSchema = z.object({
  query: z.string().optional(),
  sort: z
    .object({ timestamp: z.literal("last_edited_time"), direction: z.enum(["ascending", "descending"]) })
    .optional(),
  filter: z
    .object({
      property: z.literal("object"),
      value: z.enum(["page", "data_source"]),
    })
    .optional(),
  start_cursor: z.string().nullable().optional(),
  page_size: z.unknown().optional(),
});

const querySchema = z.object({
  filter: z.unknown().optional(),
  sorts: z.unknown().optional(),
  start_cursor: z.string().nullable().optional(),
  page_size: z.unknown().optional(),
  in_trash: z.boolean().optional(),
  archived: z.boolean().optional(),
  result_type: z.enum(["page", "data_source"]).optional(),
});

type Searchable = PageObjectResponse | DataSourceObjectResponse;

/** POST /v1/search, GET /v1/databases/{id}, GET /v1/data_sources/{id}, POST /v1/data_sources/{id}/query. */
export function registerDataRoutes(app: Hono<NotionEnv>): void {
  app.post("/v1/search", async (c) => {
    const access = c.get("access");
    access.require("read_content");
    const parsed = searchSchema.safeParse(await readBody(c), { reportInput: true });
    if (!parsed.success) throw fromZod(parsed.error);
    const { query, sort, filter, start_cursor } = parsed.data;
    const size = pageSize(parsed.data.page_size, "body");
    const needle = query?.trim().toLowerCase() ?? "";
    const state = access.state;
    const items: Searchable[] = [
      ...(filter?.value === "data_source" ? [] : state.pages.filter((p) => !p.in_trash && access.shared(p.id) && pageTitle(p).toLowerCase().includes(needle))),
      ...(filter?.value === "page" ? [] : state.dataSources.filter((d) => !d.in_trash && access.shared(d.id) && plainText(d.title).toLowerCase().includes(needle))),
    ];
    const direction = sort?.direction === "ascending" ? 1 : -1;
    items.sort((a, b) => (a.last_edited_time === b.last_edited_time ? (a.id < b.id ? -1 : 1) : a.last_edited_time < b.last_edited_time ? -direction : direction));
    const page = paginate(items, (i) => i.id, start_cursor, size);
    return c.json({ object: "list", results: page.results, next_cursor: page.next_cursor, has_more: page.has_more, type: "page_or_data_source", page_or_data_source: {} });
  });

  app.get("/v1/databases/:database_id", (c) => {
    const access = c.get("access");
    access.require("read_content");
    return c.json(access.database(c.req.param("database_id")));
  });

  app.get("/v1/data_sources/:data_source_id", (c) => {
    const access = c.get("access");
    access.require("read_content");
    return c.json(access.dataSource(c.req.param("data_source_id")));
  });

  app.post("/v1/data_sources/:data_source_id/query", async (c) => {
    const access = c.get("access");
    access.require("read_content");
    const ds = access.dataSource(c.req.param("data_source_id"));
    const parsed = querySchema.safeParse(await readBody(c), { reportInput: true });
    if (!parsed.success) throw fromZod(parsed.error);
    const body = parsed.data;
    if (body.result_type === "data_source") throw validationError("result_type data_source is only valid for wiki data sources.");
    const size = pageSize(body.page_size, "body");
    if (body.filter !== undefined) validateFilter(body.filter, ds.properties);
    const sorts = validateSorts(body.sorts, ds.properties);
    const inTrash = body.in_trash ?? body.archived ?? false;
    const now = new Date(access.store.state.company.now);
    const rows = access.state.pages.filter(
      (p) =>
        p.parent.type === "data_source_id" &&
        p.parent.data_source_id === ds.id &&
        p.in_trash === inTrash &&
        (body.filter === undefined || matchesFilter(p, body.filter as Record<string, unknown>, ds.properties, now)),
    );
    const page = paginate(sortPages(rows, sorts, ds.properties), (p) => p.id, body.start_cursor, size);
    const keep = filterProperties(c);
    return c.json({
      object: "list",
      results: page.results.map((p) => renderPage(p, keep)),
      next_cursor: page.next_cursor,
      has_more: page.has_more,
      type: "page_or_data_source",
      page_or_data_source: {},
    });
  });
}
