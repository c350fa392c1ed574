import { type BlockObjectResponse } from "@notionhq/client";
import { type Hono } from "hono";
import { z } from "zod";
import { type NotionAccess } from "./access";
import { blockPayload, parseBlockRequest, TEXT_BLOCK_TYPES } from "./blocks";
import { fromZod, validationError } from "./errors";
import { readBody, type NotionEnv } from "./http";
import { normalizeId } from "./ids";
import { pageSize, paginate } from "./pagination";
import { richTextFromRequest, richTextRequestSchema } from "./rich-text";

const MAX_CHILDREN = 100;
const ARCHIVED_MESSAGE = "Can't edit block that is archived. You must unarchive the block before editing.";

const appendSchema = z.object({
  children: z.array(z.unknown()).max(MAX_CHILDREN),
  after: z.string().optional(),
  position: z
    .union([z.object({ type: z.literal("after_block"), after_block: z.object({ id: z.string() }) }), z.object({ type: z.literal("start") }), z.object({ type: z.literal("end") })])
    .optional(),
});

const updateContent = z.object({
  rich_text: z.array(richTextRequestSchema).max(100).optional(),
  checked: z.boolean().optional(),
  color: z.string().optional(),
  language: z.string().optional(),
  caption: z.array(richTextRequestSchema).max(100).optional(),
  is_toggleable: z.boolean().optional(),
});

function parentIdOf(block: BlockObjectResponse): string | null {
  const p = block.parent;
  return p.type === "page_id" ? p.page_id : p.type === "block_id" ? p.block_id : null;
}

/** Children still present (trashed blocks drop out of their parent's list, as in Notion). */
function childrenOf(access: NotionAccess, parentId: string): BlockObjectResponse[] {
  return access.state.blocks.filter((b) => parentIdOf(b) === parentId && !b.in_trash && access.shared(b.id));
}

function touch(access: NotionAccess, block: BlockObjectResponse, stamp: { time: string; userId: string }): void {
  block.last_edited_time = stamp.time;
  block.last_edited_by = { object: "user", id: stamp.userId };
  let current: string | null = parentIdOf(block);
  for (let hops = 0; current && hops < 64; hops++) {
    const page = access.state.pages.find((p) => p.id === current);
    if (page) {
      page.last_edited_time = stamp.time;
      page.last_edited_by = { object: "user", id: stamp.userId };
      return;
    }
    const parent = access.state.blocks.find((b) => b.id === current);
    current = parent ? parentIdOf(parent) : null;
  }
}

/** Trashes or restores a block; a child_page block carries its page along. */
function setTrash(access: NotionAccess, block: BlockObjectResponse, trash: boolean): void {
  block.in_trash = trash;
  block.archived = trash;
  const page = access.state.pages.find((p) => p.id === block.id);
  if (page) {
    page.in_trash = trash;
    page.archived = trash;
    page.is_archived = trash;
  }
}

/** GET/PATCH/DELETE /v1/blocks/{id} and GET/PATCH /v1/blocks/{id}/children. */
export function registerBlockRoutes(app: Hono<NotionEnv>): void {
  app.get("/v1/blocks/:block_id", (c) => {
    const access = c.get("access");
    access.require("read_content");
    return c.json(access.block(c.req.param("block_id")));
  });

  app.get("/v1/blocks/:block_id/children", (c) => {
    const access = c.get("access");
    access.require("read_content");
    const container = access.container(c.req.param("block_id"));
    const id = container.type === "page_id" ? container.page_id : container.block_id;
    const size = pageSize(c.req.query("page_size"), "query");
    const page = paginate(childrenOf(access, id), (b) => b.id, c.req.query("start_cursor"), size);
    return c.json({ object: "list", results: page.results, next_cursor: page.next_cursor, has_more: page.has_more, type: "block", block: {} });
  });

  app.patch("/v1/blocks/:block_id/children", async (c) => {
    const access = c.get("access");
    access.require("insert_content");
    const container = access.container(c.req.param("block_id"));
    const parentId = container.type === "page_id" ? container.page_id : container.block_id;
    const host = container.type === "page_id" ? access.state.pages.find((p) => p.id === parentId) : access.state.blocks.find((b) => b.id === parentId);
    if (host?.in_trash) throw validationError(ARCHIVED_MESSAGE);
    const parsed = appendSchema.safeParse(await readBody(c), { reportInput: true });
    if (!parsed.success) throw fromZod(parsed.error);
    const resolve = access.resolver();
    const specs = parsed.data.children.map((child, i) => parseBlockRequest(child, `body.children[${i}]`, resolve));
    const afterRaw = parsed.data.position?.type === "after_block" ? parsed.data.position.after_block.id : parsed.data.after;
    let position: { after: string } | "start" | "end" = parsed.data.position?.type === "start" ? "start" : "end";
    if (afterRaw !== undefined) {
      const after = normalizeId(afterRaw);
      if (!after || !childrenOf(access, parentId).some((b) => b.id === after)) {
        throw validationError(`body failed validation: body.after should be the id of a child block of ${parentId}, instead was \`"${afterRaw}"\`.`);
      }
      position = { after };
    }
    const stamp = access.writeStamp();
    const created = access.writer().appendBlocks(container, specs, stamp, position);
    const owner = container.type === "block_id" ? access.state.blocks.find((b) => b.id === parentId) : undefined;
    if (owner) touch(access, owner, stamp);
    else {
      const page = access.state.pages.find((p) => p.id === parentId);
      if (page) {
        page.last_edited_time = stamp.time;
        page.last_edited_by = { object: "user", id: stamp.userId };
      }
    }
    return c.json({ object: "list", results: created, next_cursor: null, has_more: false, type: "block", block: {} });
  });

  app.patch("/v1/blocks/:block_id", async (c) => {
    const access = c.get("access");
    access.require("update_content");
    const block = access.block(c.req.param("block_id"));
    const body = await readBody(c);
    const trash = typeof body.in_trash === "boolean" ? body.in_trash : typeof body.archived === "boolean" ? body.archived : undefined;
    const key = Object.keys(body).find((k) => k !== "type" && k !== "in_trash" && k !== "archived");
    if (key !== undefined) {
      if (block.in_trash && trash !== false) throw validationError(ARCHIVED_MESSAGE);
      if (key !== block.type) throw validationError(`body failed validation: body.${key} does not match the block's type \`${block.type}\`.`);
      if (!(TEXT_BLOCK_TYPES as readonly string[]).includes(block.type)) throw validationError(`Blocks of type ${block.type} cannot be updated in the sandbox.`);
      const parsed = updateContent.safeParse(body[key], { reportInput: true });
      if (!parsed.success) throw fromZod(parsed.error, `body.${key}`);
      const payload = blockPayload(block);
      const u = parsed.data;
      if (u.rich_text) payload.rich_text = richTextFromRequest(u.rich_text, access.resolver());
      if (u.checked !== undefined && block.type === "to_do") payload.checked = u.checked;
      if (u.color !== undefined && "color" in payload) payload.color = u.color;
      if (u.language !== undefined && block.type === "code") payload.language = u.language;
      if (u.caption && block.type === "code") payload.caption = richTextFromRequest(u.caption, access.resolver());
    }
    if (trash !== undefined) setTrash(access, block, trash);
    touch(access, block, access.writeStamp());
    return c.json(block);
  });

  app.delete("/v1/blocks/:block_id", (c) => {
    const access = c.get("access");
    access.require("update_content");
    const block = access.block(c.req.param("block_id"));
    const stored = access.state.blocks.find((b) => b.id === block.id);
    if (stored) setTrash(access, stored, true);
    else {
      const page = access.page(block.id);
      page.in_trash = true;
      page.archived = true;
      page.is_archived = true;
    }
    const result = stored ?? access.block(block.id);
    touch(access, result, access.writeStamp());
    return c.json(result);
  });
}
