import { type PageObjectResponse } from "@notionhq/client";
import { type Hono } from "hono";
import { z } from "zod";
import { type NotionAccess } from "./access";
import { parseBlockRequest, type BlockSpec } from "./blocks";
import { fromZod, notFound, validationError } from "./errors";
import { filterProperties, readBody, type NotionEnv } from "./http";
import { newNotionId, notionUrl } from "./ids";
import { markdownToBlocks } from "./markdown";
import { pageSize, paginate } from "./pagination";
import { emptyValue, findProperty, pageTitle, parsePropertyValue, propertyItems, type PropertyConfig, type PropertyValue, type ValueContext } from "./properties";
import { richTextFromRequest, richTextRequestSchema } from "./rich-text";
import { type PageParent } from "./workspace";

const MAX_CHILDREN = 100;

const iconSchema = z
  .union([
    z.object({ type: z.literal("emoji").optional(), emoji: z.string() }),
    z.object({ type: z.literal("external").optional(), external: z.object({ url: z.string() }) }),
  ])
  .nullable()
  .optional();

const coverSchema = z
  .object({ type: z.literal("external").optional(), external: z.object({ url: z.string() }) })
  .nullable()
  .optional();

const createSchema = z.object({
  parent: z.union([
    z.object({ type: z.literal("page_id").optional(), page_id: z.string() }),
    z.object({ type: z.literal("data_source_id").optional(), data_source_id: z.string() }),
    z.object({ type: z.literal("database_id").optional(), database_id: z.string() }),
    z.object({ type: z.literal("workspace").optional(), workspace: z.literal(true) }),
  ]),
  properties: z.record(z.string(), z.unknown()).optional(),
  children: z.array(z.unknown()).optional(),
  content: z.array(z.unknown()).optional(),
  markdown: z.string().optional(),
  icon: iconSchema,
  cover: coverSchema,
});

const updateSchema = z.object({
  properties: z.record(z.string(), z.unknown()).optional(),
  in_trash: z.boolean().optional(),
  archived: z.boolean().optional(),
  is_archived: z.boolean().optional(),
  is_locked: z.boolean().optional(),
  icon: iconSchema,
  cover: coverSchema,
});

type Icon = z.infer<typeof iconSchema>;

function toIcon(icon: Icon): PageObjectResponse["icon"] {
  if (!icon) return null;
  return "emoji" in icon ? { type: "emoji", emoji: icon.emoji } : { type: "external", external: { url: icon.external.url } };
}

function valueContext(access: NotionAccess): ValueContext {
  return { ...access.resolver(), userExists: (id) => access.state.users.some((u) => u.id === id), newOptionId: () => newNotionId(access.store) };
}

/**
 * Parses a page-parented page's properties: only its title may be set, either as Notion's
 * documented shorthand `{title: [rich text]}` or as a property value `{title: {title: [...]}}`.
 */
function documentProperties(raw: Record<string, unknown>, access: NotionAccess): Record<string, PropertyValue> {
  const entries = Object.entries(raw);
  const out: Record<string, PropertyValue> = {};
  for (const [key, value] of entries) {
    if (key !== "title" && !(value && typeof value === "object" && "title" in value)) {
      throw validationError(`${key} is not a property that exists. Pages whose parent is a page only have a title property.`);
    }
    const parsed = z.object({ title: z.array(richTextRequestSchema).max(100) }).safeParse(Array.isArray(value) ? { title: value } : value, { reportInput: true });
    if (!parsed.success) throw fromZod(parsed.error, `body.properties.${key}`);
    out.title = { id: "title", type: "title", title: richTextFromRequest(parsed.data.title, access.resolver()) };
  }
  return out;
}

function rowProperties(raw: Record<string, unknown>, schema: Record<string, PropertyConfig>, access: NotionAccess): Record<string, PropertyValue> {
  const ctx = valueContext(access);
  const out: Record<string, PropertyValue> = {};
  for (const [key, value] of Object.entries(raw)) {
    const config = findProperty(schema, key);
    if (!config) throw validationError(`${key} is not a property that exists.`);
    out[config.name] = parsePropertyValue(key, value, config, ctx);
  }
  return out;
}

function parseChildren(list: unknown[], access: NotionAccess, field = "children"): BlockSpec[] {
  if (list.length > MAX_CHILDREN) throw validationError(`body failed validation: body.${field}.length should be ≤ \`${MAX_CHILDREN}\`, instead was \`${list.length}\`.`);
  const resolve = access.resolver();
  return list.map((child, i) => parseBlockRequest(child, `body.${field}[${i}]`, resolve));
}

export function renderPage(page: PageObjectResponse, keep: string[] | null): PageObjectResponse {
  if (!keep) return page;
  return { ...page, properties: Object.fromEntries(Object.entries(page.properties).filter(([, v]) => keep.includes(v.id) || keep.includes(decodeURIComponent(v.id)))) };
}

const ARCHIVED_MESSAGE = "Can't edit block that is archived. You must unarchive the block before editing.";

/** POST /v1/pages, GET and PATCH /v1/pages/{id}, GET /v1/pages/{id}/properties/{property_id}. */
export function registerPageRoutes(app: Hono<NotionEnv>): void {
  app.post("/v1/pages", async (c) => {
    const access = c.get("access");
    access.require("insert_content");
    const parsed = createSchema.safeParse(await readBody(c), { reportInput: true });
    if (!parsed.success) throw fromZod(parsed.error);
    const body = parsed.data;
    const ws = access.writer();
    let parent: PageParent;
    let properties: Record<string, PropertyValue>;
    if ("page_id" in body.parent) {
      const host = access.page(body.parent.page_id);
      if (host.in_trash) throw validationError(ARCHIVED_MESSAGE);
      parent = { type: "page_id", page_id: host.id };
      properties = documentProperties(body.properties ?? {}, access);
      properties.title ??= { id: "title", type: "title", title: [] };
    } else if ("workspace" in body.parent) {
      if (access.token.kind === "api") throw validationError("Internal integrations cannot create workspace-level pages; choose a page or a data source as the parent.");
      parent = { type: "workspace", workspace: true };
      properties = documentProperties(body.properties ?? {}, access);
      properties.title ??= { id: "title", type: "title", title: [] };
    } else {
      const ds =
        "data_source_id" in body.parent
          ? access.dataSource(body.parent.data_source_id)
          : (() => {
              const db = access.database(body.parent.database_id);
              if (db.data_sources.length !== 1) throw validationError(`Database ${db.id} has ${db.data_sources.length} data sources; create the page in one of them with parent.data_source_id.`);
              return access.dataSource(db.data_sources[0]!.id);
            })();
      if (ds.in_trash) throw validationError(ARCHIVED_MESSAGE);
      parent = { type: "data_source_id", data_source_id: ds.id, database_id: ds.parent.database_id };
      const given = rowProperties(body.properties ?? {}, ds.properties, access);
      properties = Object.fromEntries(Object.values(ds.properties).map((config) => [config.name, given[config.name] ?? emptyValue(config)]));
    }
    const blocks = body.markdown !== undefined ? markdownToBlocks(body.markdown) : parseChildren(body.children ?? body.content ?? [], access, body.children ? "children" : "content");
    const page = ws.createPage({ parent, properties, stamp: access.writeStamp(), children: blocks });
    page.icon = toIcon(body.icon);
    if (body.cover) page.cover = { type: "external", external: { url: body.cover.external.url } };
    return c.json(renderPage(page, filterProperties(c)));
  });

  app.get("/v1/pages/:page_id", (c) => {
    const access = c.get("access");
    access.require("read_content");
    return c.json(renderPage(access.page(c.req.param("page_id")), filterProperties(c)));
  });

  app.patch("/v1/pages/:page_id", async (c) => {
    const access = c.get("access");
    access.require("update_content");
    const page = access.page(c.req.param("page_id"));
    const parsed = updateSchema.safeParse(await readBody(c), { reportInput: true });
    if (!parsed.success) throw fromZod(parsed.error);
    const body = parsed.data;
    const trash = body.in_trash ?? body.archived ?? body.is_archived;
    const editsContent = body.properties !== undefined || body.icon !== undefined || body.cover !== undefined || body.is_locked !== undefined;
    if (page.in_trash && trash !== false && editsContent) throw validationError(ARCHIVED_MESSAGE);

    if (body.properties) {
      const updates =
        page.parent.type === "data_source_id"
          ? rowProperties(body.properties, access.dataSource(page.parent.data_source_id).properties, access)
          : documentProperties(body.properties, access);
      Object.assign(page.properties, updates);
    }
    if (body.icon !== undefined) page.icon = toIcon(body.icon);
    if (body.cover !== undefined) page.cover = body.cover ? { type: "external", external: { url: body.cover.external.url } } : null;
    if (body.is_locked !== undefined) page.is_locked = body.is_locked;
    if (trash !== undefined) {
      page.in_trash = trash;
      page.archived = trash;
      page.is_archived = trash;
    }
    const stamp = access.writeStamp();
    page.last_edited_time = stamp.time;
    page.last_edited_by = { object: "user", id: stamp.userId };
    const title = pageTitle(page);
    page.url = notionUrl(title, page.id);
    const marker = access.state.blocks.find((b) => b.id === page.id);
    if (marker && marker.type === "child_page") {
      marker.child_page.title = title;
      marker.in_trash = page.in_trash;
      marker.archived = page.in_trash;
      marker.last_edited_time = stamp.time;
      marker.last_edited_by = { object: "user", id: stamp.userId };
    }
    return c.json(renderPage(page, filterProperties(c)));
  });

  app.get("/v1/pages/:page_id/properties/:property_id", (c) => {
    const access = c.get("access");
    access.require("read_content");
    const page = access.page(c.req.param("page_id"));
    const wanted = decodeURIComponent(c.req.param("property_id"));
    const value = Object.values(page.properties).find((v) => v.id === wanted || decodeURIComponent(v.id) === wanted);
    if (!value) throw notFound("page", `${page.id}/properties/${wanted}`);
    const items = propertyItems(value);
    if (!items.list) return c.json(items.item);
    const size = pageSize(c.req.query("page_size"), "query");
    const indexed = items.items.map((item, i) => ({ item, cursor: `${value.id}-${i}` }));
    const page_ = paginate(indexed, (x) => x.cursor, c.req.query("start_cursor"), size);
    const empty = {};
    return c.json({
      object: "list",
      results: page_.results.map((x) => x.item),
      next_cursor: page_.next_cursor,
      has_more: page_.has_more,
      type: "property_item",
      property_item: { id: value.id, next_url: null, type: value.type, [value.type]: empty },
    });
  });
}
