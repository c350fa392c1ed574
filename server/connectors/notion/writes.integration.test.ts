import { randomBytes } from "node:crypto";
import { type BlockObjectResponse, type PageObjectResponse, type RichTextItemResponse } from "@notionhq/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { notionAppendBlocks, type NotionAppendBlocksInput, type NotionAppendBlocksResult } from "@/server/actions/catalogue/actions/notion-append-blocks";
import { notionCreatePage, type NotionCreatePageInput, type NotionCreatePageResult } from "@/server/actions/catalogue/actions/notion-create-page";
import { notionUpdatePage, type NotionUpdatePageInput } from "@/server/actions/catalogue/actions/notion-update-page";
import { type NotionPageState, type NotionParentState } from "@/server/actions/catalogue/types";
import { type ActionWriter, type WriteMarker, type WriteResultBase } from "@/server/actions/catalogue/writer";
import { connectSandbox } from "@/server/connections/sandbox-connections";
import { openConnection } from "@/server/connections/open-connection";
import { startSandboxServer, type RunningSandbox } from "@/server/sandbox/core/server";
import { blockPayload } from "@/server/sandbox/notion/blocks";
import { pageTitle } from "@/server/sandbox/notion/properties";
import { createOrg, testDb } from "@/test/db";
import { FAST } from "@/test/synced-org";
import { generateKey } from "../crypto";
import { ConnectorError } from "../errors";
import { type Connector } from "../types";
import { type NotionUpdatePageResult } from "./writes";

type Writer<I, S, R> = ActionWriter<I, S, R & WriteResultBase>;

let sandbox: RunningSandbox;
let connector: Connector;

beforeAll(async () => {
  process.env.TOKEN_ENCRYPTION_KEY ??= generateKey();
  sandbox = await startSandboxServer({ seed: 5 });
  const org = await createOrg(["ADMIN"]);
  const connections = await connectSandbox(testDb(), { organizationId: org.org.id, origin: sandbox.origin, company: sandbox.store.state.company });
  const notion = connections.find((c) => c.tool === "NOTION")!;
  connector = (await openConnection(testDb(), { organizationId: org.org.id, connectionId: notion.id, resilience: FAST })).connector;
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(() => {
  sandbox.faults.clear();
});

const createPage = () => connector.writers!["notion.createPage"] as unknown as Writer<NotionCreatePageInput, NotionParentState, NotionCreatePageResult>;
const appendBlocks = () => connector.writers!["notion.appendBlocks"] as unknown as Writer<NotionAppendBlocksInput, NotionPageState, NotionAppendBlocksResult>;
const updatePage = () => connector.writers!["notion.updatePage"] as unknown as Writer<NotionUpdatePageInput, NotionPageState, NotionUpdatePageResult>;

const ns = () => sandbox.store.state.notion;
const pageNamed = (title: string) => ns().pages.find((p) => pageTitle(p) === title && !p.in_trash)!;
const roadmapRows = () => ns().pages.filter((p) => p.parent.type === "data_source_id" && p.parent.data_source_id === ns().dataSourceIds.roadmap && !p.in_trash);

/** The page's top-level blocks in order, as the sandbox stores them. */
function blocksOf(pageId: string): BlockObjectResponse[] {
  return ns().blocks.filter((b) => b.parent.type === "page_id" && b.parent.page_id === pageId && !b.in_trash);
}
function textOf(block: BlockObjectResponse): string {
  return ((blockPayload(block).rich_text as RichTextItemResponse[] | undefined) ?? []).map((t) => t.plain_text).join("");
}
function linksOf(block: BlockObjectResponse): string[] {
  return ((blockPayload(block).rich_text as RichTextItemResponse[] | undefined) ?? []).flatMap((t) => (t.href ? [t.href] : []));
}
function pagesTitled(title: string): PageObjectResponse[] {
  return ns().pages.filter((p) => pageTitle(p) === title);
}

/** A marker as the executor builds it: the action id inside the approval's URL. */
function newMarker(): WriteMarker {
  const actionId = `act_${randomBytes(6).toString("hex")}`;
  return { actionId, approvalUrl: `http://localhost:3000/approvals/prop_${randomBytes(4).toString("hex")}?action=${actionId}` };
}
const unique = (what: string) => `${what} ${randomBytes(3).toString("hex")}`;

function requests(method: string, path: RegExp) {
  return sandbox.requests.filter((r) => r.tool === "notion" && r.method === method && path.test(r.path));
}
async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to fail");
}

/** Markdown that converts to `n` top-level blocks (a heading, then numbered paragraphs). */
function longMarkdown(n: number): string {
  return ["# Release readiness review", ...Array.from({ length: n - 1 }, (_, i) => `Finding ${i + 1}: payouts retry path checked against the runbook.`)].join("\n\n");
}

describe("notion.createPage", () => {
  it("creates a page under a page with the body and a last paragraph linking to the approval", async () => {
    const parent = pageNamed("Meeting notes");
    const input = notionCreatePage.inputSchema.parse({
      parentId: parent.id,
      parentType: "page",
      title: unique("Sprint 14 review"),
      markdown: "## Outcomes\n\nPayouts retry shipped behind a flag.\n\n- PAY-12 done\n- PAY-19 moved to next sprint\n\n> Keep the flag off for EU merchants.",
    });
    const state = await createPage().readState(input);
    expect(state.parent).toEqual({ id: parent.id, type: "page", title: "Meeting notes", archived: false });
    expect(notionCreatePage.validate(input, state)).toEqual([]);

    const marker = newMarker();
    const result = await createPage().execute(input, state, marker);
    const [page] = pagesTitled(input.title);
    expect(pagesTitled(input.title)).toHaveLength(1);
    expect(result).toMatchObject({ pageId: page!.id, ref: input.title });
    expect(result.url).toContain(page!.id.replace(/-/g, ""));
    expect(page!.parent).toEqual({ type: "page_id", page_id: parent.id });
    const blocks = blocksOf(page!.id);
    expect(blocks.map((b) => b.type)).toEqual(["heading_2", "paragraph", "bulleted_list_item", "bulleted_list_item", "quote", "paragraph"]);
    expect(blocks.map(textOf).slice(0, 5)).toEqual(["Outcomes", "Payouts retry shipped behind a flag.", "PAY-12 done", "PAY-19 moved to next sprint", "Keep the flag off for EU merchants."]);
    expect(textOf(blocks.at(-1)!)).toBe("Proposed in Lumen · view the approval");
    expect(linksOf(blocks.at(-1)!)).toEqual([marker.approvalUrl]);
    // The parent lists the new page as a child page.
    expect(ns().blocks.some((b) => b.id === page!.id && b.type === "child_page" && b.child_page.title === input.title)).toBe(true);

    expect(await createPage().verify(input, result, marker)).toEqual([]);
    expect(await createPage().findLanded(input, state, marker, new Date())).toEqual(result);
    expect(await createPage().findLanded(input, state, newMarker(), new Date())).toBeNull();
  });

  it("creates a roadmap row titled in the data source's title property, sending a long body in batches of 100", async () => {
    const roadmap = ns().dataSourceIds.roadmap;
    const input = notionCreatePage.inputSchema.parse({ parentId: roadmap, parentType: "data_source", title: unique("Instant payouts for EU"), markdown: longMarkdown(230) });
    const state = await createPage().readState(input);
    expect(state.parent).toEqual({ id: roadmap, type: "data_source", title: "Roadmap", archived: false });
    expect(notionCreatePage.validate(input, state)).toEqual([]);

    const marker = newMarker();
    const appendsBefore = requests("PATCH", /\/children$/).length;
    const result = await createPage().execute(input, state, marker);
    expect(requests("PATCH", /\/children$/).length - appendsBefore).toBe(2);
    const [row] = pagesTitled(input.title);
    expect(pagesTitled(input.title)).toHaveLength(1);
    expect(row!.parent).toMatchObject({ type: "data_source_id", data_source_id: roadmap });
    expect(row!.properties.Name).toMatchObject({ type: "title" });
    const blocks = blocksOf(row!.id);
    expect(blocks).toHaveLength(231);
    expect(blocks.slice(0, 230).map(textOf)).toEqual(["Release readiness review", ...Array.from({ length: 229 }, (_, i) => `Finding ${i + 1}: payouts retry path checked against the runbook.`)]);
    expect(linksOf(blocks.at(-1)!)).toEqual([marker.approvalUrl]);

    expect(await createPage().verify(input, result, marker)).toEqual([]);
    expect(await createPage().findLanded(input, state, marker, new Date())).toEqual(result);
    expect(await createPage().findLanded(input, state, newMarker(), new Date())).toBeNull();
  });

  it("finds a page whose create response was lost, finishes its body, and leaves exactly one", async () => {
    const parent = pageNamed("Meeting notes");
    const input = notionCreatePage.inputSchema.parse({ parentId: parent.id, parentType: "page", title: unique("Retro notes"), markdown: longMarkdown(150) });
    const state = await createPage().readState(input);
    const marker = newMarker();
    const since = new Date();
    sandbox.faults.add({ kind: "lost_response", tool: "notion", method: "POST", path: "^/v1/pages$" });

    const error = await rejection(createPage().execute(input, state, marker));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(pagesTitled(input.title)).toHaveLength(1);
    // Only the first request landed: 99 body blocks and the provenance paragraph.
    expect(blocksOf(pagesTitled(input.title)[0]!.id)).toHaveLength(100);

    const landed = await createPage().findLanded(input, state, marker, since);
    const [page] = pagesTitled(input.title);
    expect(landed).toMatchObject({ pageId: page!.id, ref: input.title });
    expect(pagesTitled(input.title)).toHaveLength(1);
    const blocks = blocksOf(page!.id);
    expect(blocks).toHaveLength(151);
    expect(textOf(blocks[149]!)).toBe("Finding 149: payouts retry path checked against the runbook.");
    expect(linksOf(blocks.at(-1)!)).toEqual([marker.approvalUrl]);
    expect(await createPage().verify(input, landed!, marker)).toEqual([]);
  });

  it("never re-sends a create that met a server error, and finds nothing landed", async () => {
    const parent = pageNamed("Meeting notes");
    const input = notionCreatePage.inputSchema.parse({ parentId: parent.id, parentType: "page", title: unique("Incident review"), markdown: "Timeline and follow-ups." });
    const state = await createPage().readState(input);
    const marker = newMarker();
    const creates = requests("POST", /\/v1\/pages$/).length;
    sandbox.faults.add({ kind: "server_error", tool: "notion", method: "POST", path: "^/v1/pages$" });

    const error = await rejection(createPage().execute(input, state, marker));
    expect(error).toMatchObject({ kind: "unavailable" });
    expect(requests("POST", /\/v1\/pages$/).length - creates).toBe(1);
    expect(pagesTitled(input.title)).toHaveLength(0);
    expect(await createPage().findLanded(input, state, marker, new Date())).toBeNull();
  });

  it("finishes a page whose later batch failed, without repeating the batches that landed", async () => {
    const roadmap = ns().dataSourceIds.roadmap;
    const input = notionCreatePage.inputSchema.parse({ parentId: roadmap, parentType: "data_source", title: unique("Card vaulting"), markdown: longMarkdown(250) });
    const state = await createPage().readState(input);
    const marker = newMarker();
    // The first append (blocks 100–199) lands; the second is refused with a 503 before it is handled.
    sandbox.faults.add({ kind: "server_error", status: 503, tool: "notion", method: "PATCH", path: "/children$", after: 1 });

    await expect(createPage().execute(input, state, marker)).rejects.toMatchObject({ kind: "unavailable" });
    const [row] = pagesTitled(input.title);
    expect(blocksOf(row!.id)).toHaveLength(200);

    const landed = await createPage().findLanded(input, state, marker, new Date());
    expect(landed).toMatchObject({ pageId: row!.id });
    const blocks = blocksOf(row!.id);
    expect(blocks).toHaveLength(251);
    expect(new Set(blocks.map(textOf)).size).toBe(251);
    expect(await createPage().verify(input, landed!, marker)).toEqual([]);
  });

  it("reads a parent that does not exist as null, so validation stops the action", async () => {
    const input = notionCreatePage.inputSchema.parse({ parentId: "0f0e0d0c-0b0a-4908-8706-050403020100", parentType: "page", title: "Nowhere", markdown: "" });
    const state = await createPage().readState(input);
    expect(state).toEqual({ parent: null });
    expect(notionCreatePage.validate(input, state)).toMatchObject([{ path: "parentId" }]);
    const ds = await createPage().readState({ ...input, parentType: "data_source", parentId: "not-an-id" });
    expect(ds).toEqual({ parent: null });
  });
});

describe("notion.appendBlocks", () => {
  it("appends at the end of a page", async () => {
    const page = pageNamed("Risk log");
    const input = notionAppendBlocks.inputSchema.parse({ pageId: page.id, markdown: "### New risk\n\nThe EU acquirer migration may slip past the freeze.\n\n- Owner: payments\n- Review at the next sprint review" });
    const state = await appendBlocks().readState(input);
    expect(state.page).toMatchObject({ id: page.id, title: "Risk log", archived: false, properties: {} });
    expect(notionAppendBlocks.validate(input, state)).toEqual([]);

    const result = await appendBlocks().execute(input, state, newMarker());
    const blocks = blocksOf(page.id);
    expect(result.blockIds).toEqual(blocks.slice(-4).map((b) => b.id));
    expect(blocks.slice(-4).map(textOf)).toEqual(["New risk", "The EU acquirer migration may slip past the freeze.", "Owner: payments", "Review at the next sprint review"]);
    expect(result.ref).toBe("Risk log");
    expect(result.url).toContain(`#${result.blockIds[0]!.replace(/-/g, "")}`);

    expect(await appendBlocks().verify(input, result, newMarker())).toEqual([]);
    expect(await appendBlocks().findLanded(input, state, newMarker(), new Date())).toEqual(result);
    const never = { ...input, markdown: "A note that was never written." };
    expect(await appendBlocks().findLanded(never, state, newMarker(), new Date())).toBeNull();
  });

  it("inserts after a given block", async () => {
    const page = pageNamed("Release process");
    const anchor = blocksOf(page.id)[1]!;
    const input = notionAppendBlocks.inputSchema.parse({ pageId: page.id, afterBlockId: anchor.id, markdown: "Freeze starts Thursday 12:00 UTC.\n\nHotfixes need two approvals." });
    const state = await appendBlocks().readState(input);
    expect(notionAppendBlocks.validate(input, state)).toEqual([]);

    const result = await appendBlocks().execute(input, state, newMarker());
    const blocks = blocksOf(page.id);
    const at = blocks.findIndex((b) => b.id === anchor.id);
    expect(blocks.slice(at + 1, at + 3).map((b) => b.id)).toEqual(result.blockIds);
    expect(blocks.slice(at + 1, at + 3).map(textOf)).toEqual(["Freeze starts Thursday 12:00 UTC.", "Hotfixes need two approvals."]);
    expect(await appendBlocks().verify(input, result, newMarker())).toEqual([]);
    expect(await appendBlocks().findLanded(input, state, newMarker(), new Date())).toEqual(result);
  });

  it("finds blocks whose append response was lost, and leaves exactly one copy", async () => {
    const page = pageNamed("On-call runbook");
    const input = notionAppendBlocks.inputSchema.parse({ pageId: page.id, markdown: "Escalate payout failures above 2% to the payments on-call within 10 minutes." });
    const state = await appendBlocks().readState(input);
    const count = () => blocksOf(page.id).filter((b) => textOf(b) === "Escalate payout failures above 2% to the payments on-call within 10 minutes.").length;
    sandbox.faults.add({ kind: "lost_response", tool: "notion", method: "PATCH", path: "/children$" });

    await expect(appendBlocks().execute(input, state, newMarker())).rejects.toBeInstanceOf(ConnectorError);
    expect(count()).toBe(1);
    const landed = await appendBlocks().findLanded(input, state, newMarker(), new Date());
    expect(landed?.blockIds).toEqual([blocksOf(page.id).at(-1)!.id]);
    expect(count()).toBe(1);
    expect(await appendBlocks().verify(input, landed!, newMarker())).toEqual([]);
  });

  it("never re-sends an append that met a server error, and finds nothing landed", async () => {
    const page = pageNamed("On-call runbook");
    const input = notionAppendBlocks.inputSchema.parse({ pageId: page.id, markdown: "Page the platform lead when the queue backs up." });
    const state = await appendBlocks().readState(input);
    const appends = requests("PATCH", /\/children$/).length;
    const blocksBefore = blocksOf(page.id).length;
    sandbox.faults.add({ kind: "server_error", tool: "notion", method: "PATCH", path: "/children$" });

    await expect(appendBlocks().execute(input, state, newMarker())).rejects.toMatchObject({ kind: "unavailable" });
    expect(requests("PATCH", /\/children$/).length - appends).toBe(1);
    expect(blocksOf(page.id)).toHaveLength(blocksBefore);
    expect(await appendBlocks().findLanded(input, state, newMarker(), new Date())).toBeNull();
  });

  it("finishes a long append whose second batch failed", async () => {
    const page = pageNamed("Engineering handbook");
    const input = notionAppendBlocks.inputSchema.parse({ pageId: page.id, markdown: longMarkdown(140) });
    const state = await appendBlocks().readState(input);
    const blocksBefore = blocksOf(page.id).length;
    sandbox.faults.add({ kind: "server_error", tool: "notion", method: "PATCH", path: "/children$", after: 1 });

    await expect(appendBlocks().execute(input, state, newMarker())).rejects.toMatchObject({ kind: "unavailable" });
    expect(blocksOf(page.id)).toHaveLength(blocksBefore + 100);
    const landed = await appendBlocks().findLanded(input, state, newMarker(), new Date());
    expect(landed?.blockIds).toHaveLength(140);
    expect(blocksOf(page.id)).toHaveLength(blocksBefore + 140);
    expect(blocksOf(page.id).slice(-140).map((b) => b.id)).toEqual(landed!.blockIds);
    expect(await appendBlocks().verify(input, landed!, newMarker())).toEqual([]);
  });
});

describe("notion.updatePage", () => {
  it("sets a roadmap row's title and properties by their types", async () => {
    const row = roadmapRows().find((r) => r.properties["Customer-facing"]?.type === "checkbox" && !r.properties["Customer-facing"].checkbox)!;
    const input = notionUpdatePage.inputSchema.parse({
      pageId: row.id,
      title: unique("Instant payouts (EU)"),
      properties: { Status: "At risk", Confidence: "Low", "Target date": "2027-03-15", "Customer-facing": true, "Jira epic URL": "https://status.example.com/epics/PAY-40" },
    });
    const state = await updatePage().readState(input);
    expect(state.page).toMatchObject({ id: row.id, title: pageTitle(row), archived: false });
    expect(Object.keys(state.page!.properties).sort()).toEqual(["Confidence", "Customer-facing", "Jira epic URL", "Quarter", "Status", "Target date", "Team"]);
    expect(notionUpdatePage.validate(input, state)).toEqual([]);

    const result = await updatePage().execute(input, state, newMarker());
    const stored = ns().pages.find((p) => p.id === row.id)!;
    expect(pageTitle(stored)).toBe(input.title);
    expect(stored.properties.Status).toMatchObject({ status: { name: "At risk" } });
    expect(stored.properties.Confidence).toMatchObject({ select: { name: "Low" } });
    expect(stored.properties["Target date"]).toMatchObject({ date: { start: "2027-03-15" } });
    expect(stored.properties["Customer-facing"]).toMatchObject({ checkbox: true });
    expect(stored.properties["Jira epic URL"]).toMatchObject({ url: "https://status.example.com/epics/PAY-40" });
    expect(result).toMatchObject({ pageId: row.id, ref: input.title });
    expect(result.url).toContain(row.id.replace(/-/g, ""));

    expect(await updatePage().verify(input, result, newMarker())).toEqual([]);
    expect(await updatePage().findLanded(input, state, newMarker(), new Date())).toEqual(result);
    const other = { ...input, properties: { Confidence: "High" } };
    expect(await updatePage().findLanded(other, state, newMarker(), new Date())).toBeNull();
    expect(await updatePage().verify(other, result, newMarker())).toEqual(['"Confidence" is "Low", not "High".']);
  });

  it("moves a page to the trash and restores it", async () => {
    const row = roadmapRows()[0]!;
    const trash = notionUpdatePage.inputSchema.parse({ pageId: row.id, archived: true });
    const state = await updatePage().readState(trash);
    expect(notionUpdatePage.validate(trash, state)).toEqual([]);
    const result = await updatePage().execute(trash, state, newMarker());
    expect(ns().pages.find((p) => p.id === row.id)!.in_trash).toBe(true);
    expect(await updatePage().verify(trash, result, newMarker())).toEqual([]);

    const restore = notionUpdatePage.inputSchema.parse({ pageId: row.id, archived: false });
    const trashed = await updatePage().readState(restore);
    expect(trashed.page?.archived).toBe(true);
    expect(notionUpdatePage.validate(restore, trashed)).toEqual([]);
    await updatePage().execute(restore, trashed, newMarker());
    expect(ns().pages.find((p) => p.id === row.id)!.in_trash).toBe(false);
  });

  it("recognises an update whose response was lost by the values the page now holds", async () => {
    const row = roadmapRows().find((r) => r.properties.Status?.type === "status" && r.properties.Status.status?.name !== "Done")!;
    const input = notionUpdatePage.inputSchema.parse({ pageId: row.id, properties: { Status: "Done" } });
    const state = await updatePage().readState(input);
    expect(notionUpdatePage.validate(input, state)).toEqual([]);
    sandbox.faults.add({ kind: "lost_response", tool: "notion", method: "PATCH", path: "^/v1/pages/" });
    await expect(updatePage().execute(input, state, newMarker())).rejects.toBeInstanceOf(ConnectorError);
    const landed = await updatePage().findLanded(input, state, newMarker(), new Date());
    expect(landed).toMatchObject({ pageId: row.id, ref: pageTitle(row) });
    expect(await updatePage().verify(input, landed!, newMarker())).toEqual([]);
  });

  it("refuses a value that does not fit the property's type before sending anything", async () => {
    const row = roadmapRows()[3]!;
    const input = notionUpdatePage.inputSchema.parse({ pageId: row.id, properties: { "Target date": "next Tuesday" } });
    const state = await updatePage().readState(input);
    const updates = requests("PATCH", /\/v1\/pages\//).length;
    await expect(updatePage().execute(input, state, newMarker())).rejects.toMatchObject({ kind: "invalid_request", message: expect.stringContaining("Target date") });
    expect(requests("PATCH", /\/v1\/pages\//).length).toBe(updates);
  });

  it("reads a missing page as null", async () => {
    const state = await updatePage().readState({ pageId: "0f0e0d0c-0b0a-4908-8706-050403020100", archived: true });
    expect(state).toEqual({ page: null });
  });
});

describe("when Notion is down", () => {
  it("findLanded throws instead of answering 'nothing landed'", async () => {
    const page = pageNamed("Risk log");
    const append = notionAppendBlocks.inputSchema.parse({ pageId: page.id, markdown: "Unwritten." });
    const appendState = await appendBlocks().readState(append);
    const create = notionCreatePage.inputSchema.parse({ parentId: page.id, parentType: "page", title: "Unwritten", markdown: "" });
    const update = notionUpdatePage.inputSchema.parse({ pageId: page.id, title: "Unwritten" });
    sandbox.faults.add({ kind: "server_error", status: 503, tool: "notion", method: "GET", times: null });

    await expect(createPage().findLanded(create, { parent: null }, newMarker(), new Date())).rejects.toBeInstanceOf(ConnectorError);
    await expect(appendBlocks().findLanded(append, appendState, newMarker(), new Date())).rejects.toBeInstanceOf(ConnectorError);
    await expect(updatePage().findLanded(update, appendState, newMarker(), new Date())).rejects.toBeInstanceOf(ConnectorError);
  });
});
