import {
  type BlockObjectRequest,
  type BlockObjectResponse,
  type Client,
  type PageObjectResponse,
  type RichTextItemResponse,
  isFullBlock,
  isFullDataSource,
  isFullPage,
} from "@notionhq/client";
import { type NotionAppendBlocksInput, type NotionAppendBlocksResult } from "@/server/actions/catalogue/actions/notion-append-blocks";
import { type NotionCreatePageInput, type NotionCreatePageResult } from "@/server/actions/catalogue/actions/notion-create-page";
import { type NotionUpdatePageInput } from "@/server/actions/catalogue/actions/notion-update-page";
import { batchBlocks, blockRichText, markdownToNotionBlocks, NOTION_BLOCKS_PER_REQUEST, plainRichText, type NotionBlock } from "@/server/actions/catalogue/markdown";
import { sameValue } from "@/server/actions/catalogue/shared";
import {
  type NotionPageSnapshot,
  type NotionPageState,
  type NotionParentState,
  type NotionPropertyValue,
} from "@/server/actions/catalogue/types";
import { type ActionWriter, type ActionWriters, type WriteMarker, type WriteResultBase } from "@/server/actions/catalogue/writer";
import { createToolCall } from "../call";
import { ConnectorError } from "../errors";
import { type ConnectorContext } from "../types";

/**
 * How Lumen performs approved Notion actions: create a page, add blocks to a page, update a page's
 * title, properties or trash state. Every request goes through the connector's calls; creations
 * and appends use the write-mode call, which never re-sends after a timeout or a 5xx, so a write
 * whose outcome is unknown is looked for (findLanded) before anything is sent again.
 */

/** What notion.updatePage reports: the page it changed. */
export interface NotionUpdatePageResult {
  pageId: string;
}

/** The connector's client and context; the writers build their own read and write calls from them. */
export interface NotionWriterDeps {
  ctx: ConnectorContext;
  notion: Client;
  mapError: (e: unknown) => ConnectorError;
}

/** The first request of a new page carries the body's first blocks and the provenance paragraph. */
const FIRST_BATCH = NOTION_BLOCKS_PER_REQUEST - 1;
/** Same-titled pages examined for an earlier attempt's provenance link, newest first. */
const MAX_CANDIDATES = 25;

type PageProperty = PageObjectResponse["properties"][string];

/* ------------------------------------------------------------------------------------------------
 * Reading Notion objects as the catalogue sees them
 * ---------------------------------------------------------------------------------------------- */

function plain(items: readonly RichTextItemResponse[] | undefined): string {
  return (items ?? []).map((t) => t.plain_text).join("");
}

function titleProperty(page: PageObjectResponse): [string, PageProperty] | undefined {
  return Object.entries(page.properties).find(([, p]) => p.type === "title");
}

function titleOf(page: PageObjectResponse): string {
  const found = titleProperty(page);
  return found && found[1].type === "title" ? plain(found[1].title) : "";
}

/**
 * A property's value as a plain scalar, or undefined for the types the catalogue does not handle
 * (title apart; people, relations, multi-selects, formulas…): those are left out of snapshots, so
 * an update naming them fails validation instead of writing something lossy.
 */
function simpleValue(p: PageProperty): NotionPropertyValue | undefined {
  switch (p.type) {
    case "rich_text":
      return plain(p.rich_text);
    case "select":
      return p.select?.name ?? null;
    case "status":
      return p.status?.name ?? null;
    case "number":
      return p.number;
    case "checkbox":
      return p.checkbox;
    case "date":
      return p.date?.start ?? null;
    case "url":
      return p.url;
    case "email":
      return p.email;
    case "phone_number":
      return p.phone_number;
    default:
      return undefined;
  }
}

/** The page as the catalogue's NotionPageSnapshot: the title apart, simple properties by name. */
export function pageSnapshot(page: PageObjectResponse): NotionPageSnapshot {
  const properties: Record<string, NotionPropertyValue> = {};
  for (const [name, p] of Object.entries(page.properties)) {
    const value = simpleValue(p);
    if (value !== undefined) properties[name] = value;
  }
  return { id: page.id, title: titleOf(page), archived: page.in_trash, updated: page.last_edited_time, properties };
}

/** Notion ids compare without dashes and case ("abc-…" and "ABC…" name the same page). */
function sameId(a: string, b: string): boolean {
  return a.replace(/-/g, "").toLowerCase() === b.replace(/-/g, "").toLowerCase();
}

function blockText(block: BlockObjectResponse): string {
  const data = (block as unknown as Record<string, { rich_text?: RichTextItemResponse[] } | undefined>)[block.type];
  return plain(data?.rich_text);
}

function intendedText(block: NotionBlock): string {
  return blockRichText(block)
    .map((t) => t.text.content)
    .join("");
}

/** Whether a block Notion holds is the one we meant to write: same type, same plain text. */
function sameBlock(held: BlockObjectResponse, meant: NotionBlock): boolean {
  return held.type === meant.type && blockText(held) === intendedText(meant);
}

function quote(text: string, max = 60): string {
  const one = text.replace(/\s+/g, " ").trim();
  return `"${one.length > max ? `${one.slice(0, max - 1)}…` : one}"`;
}

/* ------------------------------------------------------------------------------------------------
 * Provenance: the last paragraph of a page Lumen creates links back to its approval
 * ---------------------------------------------------------------------------------------------- */

/** "Proposed in Lumen · view the approval", the last words linking to the approval (the action's marker). */
function provenanceBlock(marker: WriteMarker): NotionBlock {
  const [lead] = plainRichText("Proposed in Lumen · ");
  const [link] = plainRichText("view the approval");
  return {
    object: "block",
    type: "paragraph",
    paragraph: { rich_text: [lead!, { ...link!, text: { ...link!.text, link: { url: marker.approvalUrl } } }] },
  };
}

function isProvenance(block: BlockObjectResponse, marker: WriteMarker): boolean {
  if (block.type !== "paragraph") return false;
  return block.paragraph.rich_text.some((t) => t.href === marker.approvalUrl || (t.type === "text" && t.text.link?.url === marker.approvalUrl));
}

/* ------------------------------------------------------------------------------------------------
 * Property values for page updates
 * ---------------------------------------------------------------------------------------------- */

function refuse(message: string): ConnectorError {
  return new ConnectorError("invalid_request", message);
}

/** A simple value as the request body Notion expects for the property's type. */
function propertyRequest(name: string, type: string, value: NotionPropertyValue): Record<string, unknown> {
  const text = value === null ? null : String(value);
  switch (type) {
    case "rich_text":
      return { rich_text: text === null ? [] : plainRichText(text) };
    case "select":
      return { select: text === null || text === "" ? null : { name: text } };
    case "status":
      return { status: text === null || text === "" ? null : { name: text } };
    case "number": {
      if (value === null || value === "") return { number: null };
      const n = typeof value === "number" ? value : Number(value);
      if (typeof value === "boolean" || !Number.isFinite(n)) throw refuse(`"${name}" takes a number; ${JSON.stringify(value)} is not one. Edit the action and enter a number.`);
      return { number: n };
    }
    case "checkbox":
      if (typeof value !== "boolean" && value !== null) throw refuse(`"${name}" is a checkbox; set it to yes or no.`);
      return { checkbox: value === true };
    case "date":
      if (text !== null && Number.isNaN(Date.parse(text))) throw refuse(`"${name}" takes a date such as 2026-12-01; ${JSON.stringify(value)} is not one.`);
      return { date: text === null || text === "" ? null : { start: text } };
    case "url":
    case "email":
    case "phone_number":
      return { [type]: text === "" ? null : text };
    default:
      throw refuse(`"${name}" is a ${type.replace(/_/g, " ")} property, which Lumen cannot set. Change it in Notion by hand.`);
  }
}

/** The value a property of this type holds once `wanted` is written (see propertyRequest). */
function heldAfterWrite(type: string, wanted: NotionPropertyValue): NotionPropertyValue {
  switch (type) {
    case "rich_text":
      return wanted === null ? "" : String(wanted);
    case "checkbox":
      return wanted === true;
    case "number":
      return wanted === null || wanted === "" ? null : Number(wanted);
    default:
      return wanted === null || wanted === "" ? null : String(wanted);
  }
}

/** Whether a held value is what writing `wanted` leaves; dates match when they name the same moment. */
function sameProperty(type: string, held: NotionPropertyValue | undefined, wanted: NotionPropertyValue): boolean {
  const expected = heldAfterWrite(type, wanted);
  if (type === "date" && typeof held === "string" && typeof expected === "string") return held === expected || Date.parse(held) === Date.parse(expected);
  return sameValue(held ?? null, expected);
}

/** What about the page differs from what the update asked for (empty: the page holds it all). */
function updateDifferences(input: NotionUpdatePageInput, page: PageObjectResponse): string[] {
  const out: string[] = [];
  const title = titleOf(page);
  if (input.title !== undefined && title !== input.title) out.push(`The title is ${quote(title)}, not ${quote(input.title)}.`);
  if (input.archived !== undefined && page.in_trash !== input.archived) out.push(input.archived ? "The page is not in Notion's trash." : "The page is still in Notion's trash.");
  for (const [name, wanted] of Object.entries(input.properties ?? {})) {
    const p = page.properties[name];
    if (!p) {
      out.push(`The page has no property "${name}".`);
      continue;
    }
    const held = simpleValue(p);
    if (!sameProperty(p.type, held, wanted)) out.push(`"${name}" is ${JSON.stringify(held ?? null)}, not ${JSON.stringify(wanted)}.`);
  }
  return out;
}

/* ------------------------------------------------------------------------------------------------
 * The writers
 * ---------------------------------------------------------------------------------------------- */

/**
 * The Notion writers (catalogue kinds notion.createPage, notion.appendBlocks, notion.updatePage),
 * for the connector to offer as `writers`.
 */
export function createNotionWriters({ ctx, notion, mapError }: NotionWriterDeps): ActionWriters {
  const call = createToolCall(ctx, mapError);
  const write = createToolCall(ctx, mapError, "write");
  let botId: Promise<string> | undefined;

  /**
   * Null when the object does not exist for the integration (404; with `malformed`, also a 400 for
   * an id Notion cannot parse). Anything else still throws: an outage is not an answer.
   */
  const orNull = async <T>(p: Promise<T>, malformed = true): Promise<T | null> => {
    try {
      return await p;
    } catch (e) {
      if (e instanceof ConnectorError && (e.kind === "not_found" || (malformed && e.kind === "invalid_request" && e.details.status === 400))) return null;
      throw e;
    }
  };

  async function retrievePage(pageId: string): Promise<PageObjectResponse> {
    const auth = await ctx.accessToken();
    const page = await call("pages.retrieve", () => notion.pages.retrieve({ auth, page_id: pageId }));
    if (!isFullPage(page)) throw new ConnectorError("bad_response", "Notion answered with a partial page");
    return page;
  }

  async function listChildren(blockId: string): Promise<BlockObjectResponse[]> {
    const out: BlockObjectResponse[] = [];
    let cursor: string | undefined;
    do {
      const auth = await ctx.accessToken();
      const page = await call("blocks.children.list", () => notion.blocks.children.list({ auth, block_id: blockId, start_cursor: cursor, page_size: 100 }));
      for (const block of page.results) if (isFullBlock(block)) out.push(block);
      cursor = page.has_more ? (page.next_cursor ?? undefined) : undefined;
    } while (cursor);
    return out;
  }

  /** The name of a data source's title property (rows' titles are written there). */
  async function titlePropertyOf(dataSourceId: string): Promise<string> {
    const auth = await ctx.accessToken();
    const ds = await call("dataSources.retrieve", () => notion.dataSources.retrieve({ auth, data_source_id: dataSourceId }));
    if (!isFullDataSource(ds)) throw new ConnectorError("bad_response", "Notion answered with a partial data source");
    const title = Object.values(ds.properties).find((p) => p.type === "title");
    if (!title) throw new ConnectorError("bad_response", "The Notion data source has no title property");
    return title.name;
  }

  /** The integration's own user: what Notion records as the author of everything Lumen writes. */
  function integrationUserId(): Promise<string> {
    botId ??= (async () => {
      const auth = await ctx.accessToken();
      // The client types this call's parameters as an empty record, which `auth` does not fit.
      const me = await call("users.me", () => notion.users.me({ auth } as never));
      return me.id;
    })();
    botId.catch(() => (botId = undefined));
    return botId;
  }

  /**
   * Appends `blocks` to a page in request-sized batches; each later batch goes after the last block
   * of the one before, so the blocks stay together even if someone else appends meanwhile. The
   * position is Notion-Version 2025-09-03's `after` (2026-03-11 replaces it with `position`).
   */
  async function appendBatches(pageId: string, blocks: NotionBlock[], after: string | undefined): Promise<string[]> {
    const ids: string[] = [];
    let anchor = after;
    for (const batch of batchBlocks(blocks)) {
      const auth = await ctx.accessToken();
      const position = anchor;
      const appended = await write("blocks.children.append", () =>
        notion.blocks.children.append({ auth, block_id: pageId, children: batch as unknown as BlockObjectRequest[], ...(position ? { after: position } : {}) }),
      );
      const created = appended.results.map((b) => b.id);
      if (created.length !== batch.length) throw new ConnectorError("bad_response", `Notion reported ${created.length} new blocks for ${batch.length} sent`);
      ids.push(...created);
      anchor = created.at(-1);
    }
    return ids;
  }

  /**
   * Writes the body blocks a new page does not hold yet. The provenance paragraph went out with the
   * first request, so it marks the page from the start; the body blocks before it are those that
   * landed, and the rest go in after the last of them.
   */
  async function finishBody(pageId: string, body: NotionBlock[], blocks: BlockObjectResponse[], marker: WriteMarker): Promise<void> {
    const at = blocks.findIndex((b) => isProvenance(b, marker));
    if (at < 0) throw new ConnectorError("bad_response", "The new Notion page has lost the paragraph that links to its approval");
    const rest = body.slice(at);
    if (rest.length === 0) return;
    const anchor = blocks[at - 1]?.id;
    if (!anchor) {
      throw new ConnectorError("invalid_request", "The Notion page Lumen created was changed before it was finished; add the rest of its content in Notion by hand.");
    }
    await appendBatches(pageId, rest, anchor);
  }

  function createdResult(input: NotionCreatePageInput, page: PageObjectResponse): NotionCreatePageResult & WriteResultBase {
    return { pageId: page.id, url: page.url, ref: input.title };
  }

  /** Pages under the parent titled like the action's page, newest first: where an earlier attempt would be. */
  async function sameTitled(input: NotionCreatePageInput): Promise<string[]> {
    if (input.parentType === "page") {
      const children = await listChildren(input.parentId);
      return children
        .filter((b) => b.type === "child_page" && b.child_page.title === input.title)
        .sort((a, b) => Date.parse(b.created_time) - Date.parse(a.created_time))
        .slice(0, MAX_CANDIDATES)
        .map((b) => b.id);
    }
    const title = await titlePropertyOf(input.parentId);
    const auth = await ctx.accessToken();
    const rows = await call("dataSources.query", () =>
      notion.dataSources.query({
        auth,
        data_source_id: input.parentId,
        filter: { property: title, title: { equals: input.title } },
        sorts: [{ timestamp: "created_time", direction: "descending" }],
        page_size: MAX_CANDIDATES,
      }),
    );
    return rows.results.map((r) => r.id);
  }

  const createPage: ActionWriter<NotionCreatePageInput, NotionParentState, NotionCreatePageResult & WriteResultBase> = {
    async readState(input) {
      const auth = await ctx.accessToken();
      if (input.parentType === "page") {
        const page = await orNull(retrievePage(input.parentId));
        return { parent: page ? { id: page.id, type: "page", title: titleOf(page), archived: page.in_trash } : null };
      }
      const ds = await orNull(call("dataSources.retrieve", () => notion.dataSources.retrieve({ auth, data_source_id: input.parentId })));
      if (!ds) return { parent: null };
      if (!isFullDataSource(ds)) throw new ConnectorError("bad_response", "Notion answered with a partial data source");
      return { parent: { id: ds.id, type: "data_source", title: plain(ds.title), archived: ds.in_trash } };
    },

    async execute(input, _state, marker) {
      const titleName = input.parentType === "data_source" ? await titlePropertyOf(input.parentId) : "title";
      const body = markdownToNotionBlocks(input.markdown);
      const first = [...body.slice(0, FIRST_BATCH), provenanceBlock(marker)];
      const auth = await ctx.accessToken();
      const parent = input.parentType === "page" ? { page_id: input.parentId } : { data_source_id: input.parentId };
      const created = await write("pages.create", () =>
        notion.pages.create({
          auth,
          parent,
          properties: { [titleName]: { title: plainRichText(input.title) } },
          children: first as unknown as BlockObjectRequest[],
        }),
      );
      if (body.length > FIRST_BATCH) await finishBody(created.id, body, await listChildren(created.id), marker);
      return createdResult(input, isFullPage(created) ? created : await retrievePage(created.id));
    },

    // The action's provenance link is exact, so no time window is needed to tell our page from
    // others with the same title; `since` is not compared with Notion's clock (minute-rounded, and
    // not ours).
    async findLanded(input, _before, marker, _since) {
      // A parent that is gone holds nothing; the action then fails validation instead of writing.
      const candidates = await orNull(sameTitled(input), false);
      if (!candidates) return null;
      const body = markdownToNotionBlocks(input.markdown);
      for (const id of candidates) {
        const blocks = await listChildren(id);
        if (!blocks.some((b) => isProvenance(b, marker))) continue;
        await finishBody(id, body, blocks, marker);
        return createdResult(input, await retrievePage(id));
      }
      return null;
    },

    async verify(input, result, marker) {
      const page = await orNull(retrievePage(result.pageId));
      if (!page) return [`The page ${quote(input.title)} was not found in Notion.`];
      const out: string[] = [];
      if (page.in_trash) out.push("The page is in Notion's trash.");
      const title = titleOf(page);
      if (title !== input.title) out.push(`The title is ${quote(title)}, not ${quote(input.title)}.`);
      const parentId = page.parent.type === "page_id" ? page.parent.page_id : page.parent.type === "data_source_id" ? page.parent.data_source_id : null;
      if (!parentId || !sameId(parentId, input.parentId)) out.push("The page is not under the parent the action named.");
      const blocks = await listChildren(page.id);
      const at = blocks.findIndex((b) => isProvenance(b, marker));
      if (at < 0) return [...out, "The paragraph linking to the approval is missing."];
      const body = markdownToNotionBlocks(input.markdown);
      if (at !== body.length) out.push(`The page holds ${at} blocks before the approval link; the action wrote ${body.length}.`);
      const differing = body.filter((meant, i) => blocks[i] && i < at && !sameBlock(blocks[i], meant)).length;
      if (differing > 0) out.push(`${differing} block${differing === 1 ? "" : "s"} of the page differ from the Markdown the action wrote.`);
      return out;
    },
  };

  const appendBlocks: ActionWriter<NotionAppendBlocksInput, NotionPageState, NotionAppendBlocksResult & WriteResultBase> = {
    async readState(input) {
      const page = await orNull(retrievePage(input.pageId));
      return { page: page ? pageSnapshot(page) : null };
    },

    async execute(input) {
      const page = await retrievePage(input.pageId);
      const body = markdownToNotionBlocks(input.markdown);
      if (body.length === 0) throw refuse("The text to add turns into no Notion blocks. Write something to add.");
      const blockIds = await appendBatches(page.id, body, input.afterBlockId);
      return { blockIds, url: blockUrl(page.url, blockIds[0]!), ref: titleOf(page) };
    },

    // Appended blocks carry no marker, so they are recognised by what they say: a run of blocks the
    // integration wrote since the page was read (Notion's own clock, so no skew), matching the
    // Markdown from its first block. The first batch lands whole or not at all.
    async findLanded(input, before) {
      if (!before.page) return null;
      const page = await orNull(retrievePage(input.pageId), false);
      if (!page) return null;
      const body = markdownToNotionBlocks(input.markdown);
      if (body.length === 0) return null;
      const [bot, blocks] = await Promise.all([integrationUserId(), listChildren(page.id)]);
      const readAt = Date.parse(before.page.updated);
      const ours = (b: BlockObjectResponse) => b.created_by.id === bot && Date.parse(b.created_time) >= readAt;
      const anchor = input.afterBlockId;
      const from = anchor ? blocks.findIndex((b) => sameId(b.id, anchor)) + 1 : 0;
      const need = Math.min(NOTION_BLOCKS_PER_REQUEST, body.length);
      let run: { start: number; length: number } | null = null;
      for (let i = from; i < blocks.length; i++) {
        let k = 0;
        while (k < body.length && i + k < blocks.length && ours(blocks[i + k]!) && sameBlock(blocks[i + k]!, body[k]!)) k++;
        if (k < need) continue;
        run = { start: i, length: k };
        // After a given block: ours is the first match behind it. At the end: the last match.
        if (anchor) break;
      }
      if (!run) return null;
      const landed = run.length === body.length ? run.length : run.length - (run.length % NOTION_BLOCKS_PER_REQUEST);
      const blockIds = blocks.slice(run.start, run.start + landed).map((b) => b.id);
      if (landed < body.length) blockIds.push(...(await appendBatches(page.id, body.slice(landed), blockIds.at(-1))));
      return { blockIds, url: blockUrl(page.url, blockIds[0]!), ref: titleOf(page) };
    },

    async verify(input, result) {
      const blocks = await orNull(listChildren(input.pageId));
      if (!blocks) return ["The page was not found in Notion."];
      const body = markdownToNotionBlocks(input.markdown);
      const out: string[] = [];
      if (result.blockIds.length !== body.length) out.push(`${result.blockIds.length} blocks were added; the Markdown makes ${body.length}.`);
      const positions = result.blockIds.map((id) => blocks.findIndex((b) => b.id === id));
      const missing = positions.filter((p) => p < 0).length;
      if (missing > 0) return [...out, `${missing} of the ${result.blockIds.length} added blocks are no longer on the page.`];
      if (positions.some((p, i) => p !== positions[0]! + i)) out.push("The added blocks are no longer together, in order, on the page.");
      const differing = positions.filter((p, i) => body[i] && !sameBlock(blocks[p]!, body[i])).length;
      if (differing > 0) out.push(`${differing} added block${differing === 1 ? "" : "s"} differ from the Markdown the action wrote.`);
      if (input.afterBlockId && positions.length > 0) {
        const previous = blocks[positions[0]! - 1];
        if (!previous || !sameId(previous.id, input.afterBlockId)) out.push("The added blocks do not follow the block the action named.");
      }
      return out;
    },
  };

  function updatedResult(input: NotionUpdatePageInput, page: PageObjectResponse): NotionUpdatePageResult & WriteResultBase {
    return { pageId: page.id, url: page.url, ref: titleOf(page) || input.title || page.id };
  }

  const updatePage: ActionWriter<NotionUpdatePageInput, NotionPageState, NotionUpdatePageResult & WriteResultBase> = {
    async readState(input) {
      const page = await orNull(retrievePage(input.pageId));
      return { page: page ? pageSnapshot(page) : null };
    },

    async execute(input) {
      // The page's own property types decide each value's shape (a select takes a name, a date a start).
      const page = await retrievePage(input.pageId);
      const properties: Record<string, unknown> = {};
      if (input.title !== undefined) {
        const [name] = titleProperty(page) ?? ["title"];
        properties[name] = { title: plainRichText(input.title) };
      }
      for (const [name, value] of Object.entries(input.properties ?? {})) {
        const current = page.properties[name];
        if (!current) throw refuse(`${quote(titleOf(page))} has no property "${name}". Edit the action and pick one of its properties.`);
        properties[name] = propertyRequest(name, current.type, value);
      }
      const auth = await ctx.accessToken();
      const updated = await write("pages.update", () =>
        notion.pages.update({
          auth,
          page_id: page.id,
          ...(Object.keys(properties).length > 0 ? { properties: properties as never } : {}),
          ...(input.archived !== undefined ? { in_trash: input.archived } : {}),
        }),
      );
      return updatedResult(input, isFullPage(updated) ? updated : await retrievePage(page.id));
    },

    async findLanded(input) {
      const page = await orNull(retrievePage(input.pageId), false);
      if (!page) return null;
      return updateDifferences(input, page).length === 0 ? updatedResult(input, page) : null;
    },

    async verify(input, result) {
      const page = await orNull(retrievePage(result.pageId));
      if (!page) return ["The page was not found in Notion."];
      return updateDifferences(input, page);
    },
  };

  return { "notion.createPage": loosely(createPage), "notion.appendBlocks": loosely(appendBlocks), "notion.updatePage": loosely(updatePage) };
}

/** ActionWriters holds writers of every kind under one type; the executor pairs each with its own kind's input. */
function loosely<I, S, R extends WriteResultBase>(writer: ActionWriter<I, S, R>): ActionWriter<never, never, WriteResultBase> {
  return writer as unknown as ActionWriter<never, never, WriteResultBase>;
}

/** A link to a block: Notion opens the page scrolled to the block named in the fragment. */
function blockUrl(pageUrl: string, blockId: string): string {
  return `${pageUrl.replace(/#.*$/, "")}#${blockId.replace(/-/g, "")}`;
}
