import {
  APIResponseError,
  Client,
  collectPaginatedAPI,
  isFullBlock,
  isFullDatabase,
  isFullDataSource,
  isFullPage,
  isFullUser,
  UnknownHTTPResponseError,
  type BlockObjectResponse,
  type PageObjectResponse,
  type RichTextItemResponse,
} from "@notionhq/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_CREDENTIALS } from "../core/seed";
import { startSandboxServer, type RunningSandbox } from "../core/server";
import { SandboxStore } from "../core/store";
import { blockPayload } from "./blocks";
import { pageTitle } from "./properties";
import { plainText } from "./rich-text";
import { NotionOpenApi } from "./testing/openapi";

const openapi = new NotionOpenApi();
let sandbox: RunningSandbox;
let notion: Client;

function client(auth: string | undefined, options: { notionVersion?: string } = {}): Client {
  return new Client({
    auth,
    baseUrl: sandbox.urls.notionBaseUrl,
    notionVersion: options.notionVersion ?? "2025-09-03",
    fetch: openapi.recordingFetch(sandbox.urls.notionBaseUrl),
    retry: false,
    logger: () => {},
  });
}

beforeAll(async () => {
  sandbox = await startSandboxServer({ seed: 1 });
  notion = client(SANDBOX_CREDENTIALS.apiTokens.notion);
});
afterAll(() => sandbox.close());
afterEach(() => expect(openapi.drain()).toEqual([]));

const state = () => sandbox.store.state.notion;
const textOf = (b: BlockObjectResponse) => plainText((blockPayload(b).rich_text as RichTextItemResponse[] | undefined) ?? []);
async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to fail");
}

describe("seeded workspace", () => {
  it("has specs, a roadmap, meeting notes, a risk log and hostile content", async () => {
    const s = state();
    expect(s.specPageIds.length).toBeGreaterThanOrEqual(10);
    const roadmap = await collectPaginatedAPI(notion.dataSources.query, { data_source_id: s.dataSourceIds.roadmap, page_size: 100 });
    expect(roadmap.length).toBeGreaterThanOrEqual(15);
    expect(s.hostileIds.length).toBeGreaterThanOrEqual(3);
    expect(s.hostileIds.length).toBeLessThanOrEqual(6);
    const titles = s.pages.map(pageTitle);
    expect(titles).toEqual(expect.arrayContaining(["Risk log", "Meeting notes", "Engineering handbook", "Reference: TANF Data Portal sprint reviews"]));
    expect(titles.filter((t) => t.startsWith("TDP Sprint")).length).toBe(6);
    const hostileText = s.hostileIds.map((id) => {
      const block = s.blocks.find((b) => b.id === id);
      const comment = s.comments.find((c) => c.id === id);
      return block ? textOf(block) : plainText(comment?.rich_text ?? []);
    });
    for (const t of hostileText) expect(t).toMatch(/AI|Lumen|SYSTEM|agent/);
  });

  it("links specs to Jira epics and keeps unresolved open questions in them", async () => {
    const specs = await collectPaginatedAPI(notion.dataSources.query, { data_source_id: state().dataSourceIds.specs });
    const linked = specs.filter((p) => isFullPage(p) && p.properties["Jira epic"]?.type === "rich_text" && p.properties["Jira epic"].rich_text.length > 0);
    expect(linked.length).toBeGreaterThan(0);
    const spec = linked[0] as PageObjectResponse;
    const epic = spec.properties["Jira epic"]!;
    expect(epic.type === "rich_text" && epic.rich_text[0]!.href).toMatch(new RegExp(`^${sandbox.origin}/web/jira/browse/[A-Z]+-\\d+$`));
    const blocks = await collectPaginatedAPI(notion.blocks.children.list, { block_id: spec.id, page_size: 10 });
    const headings = blocks.filter((b) => isFullBlock(b) && b.type === "heading_2").map((b) => textOf(b as BlockObjectResponse));
    expect(headings).toEqual(expect.arrayContaining(["Problem", "Goals", "Non-goals", "Requirements", "Open questions", "Rollout"]));
    const open = blocks.filter((b): b is BlockObjectResponse => isFullBlock(b) && b.type === "to_do" && !b.to_do.checked);
    expect(open.length).toBeGreaterThan(0);
  });

  it("answers 404 for the page never shared with the integration, even by search", async () => {
    const [hidden] = state().unsharedIds;
    const err = await rejection(notion.pages.retrieve({ page_id: hidden! }));
    expect(err).toBeInstanceOf(APIResponseError);
    expect(err).toMatchObject({ status: 404, code: "object_not_found" });
    const found = await notion.search({ query: "Compensation" });
    expect(found.results).toEqual([]);
  });
});

describe("search", () => {
  it("pages through every shared page and data source", async () => {
    const s = state();
    const all = await collectPaginatedAPI(notion.search, { page_size: 7 });
    const expected = s.pages.filter((p) => !p.in_trash && !s.unsharedIds.includes(p.id)).length + s.dataSources.length;
    expect(all.length).toBe(expected);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    const edited = all.map((r) => ("last_edited_time" in r ? r.last_edited_time : ""));
    expect([...edited].sort().reverse()).toEqual(edited);
  });

  it("filters by object, matches titles and sorts ascending", async () => {
    const sources = await notion.search({ filter: { property: "object", value: "data_source" } });
    expect(sources.results.every((r) => r.object === "data_source" && isFullDataSource(r))).toBe(true);
    expect(sources.results.map((r) => (isFullDataSource(r) ? plainText(r.title) : "")).sort()).toEqual(["Roadmap", "Specs & PRDs"]);
    const reviews = await notion.search({ query: "sprint review", filter: { property: "object", value: "page" }, sort: { timestamp: "last_edited_time", direction: "ascending" } });
    expect(reviews.results.length).toBeGreaterThanOrEqual(6);
    expect(reviews.results.every((r) => isFullPage(r) && pageTitle(r).toLowerCase().includes("sprint review"))).toBe(true);
  });

  it("rejects a bad cursor and the pre-2025-09-03 'database' filter", async () => {
    expect(await rejection(notion.search({ start_cursor: "not-a-cursor" }))).toMatchObject({ status: 400, code: "validation_error" });
    expect(await rejection(notion.search({ filter: { property: "object", value: "database" as "page" } }))).toMatchObject({ status: 400, code: "validation_error" });
    // Notion's description agrees that the second request is invalid.
    expect(openapi.drain()).toEqual([expect.stringContaining("filter/value")]);
  });
});

describe("pages, blocks and properties", () => {
  it("retrieves a page, its blocks, nested children and the page as a block", async () => {
    const hub = state().pages.find((p) => pageTitle(p) === "Northwind Product Hub")!;
    const page = await notion.pages.retrieve({ page_id: hub.id.replace(/-/g, "") });
    expect(isFullPage(page) && page.id).toBe(hub.id);
    const children = await collectPaginatedAPI(notion.blocks.children.list, { block_id: hub.id });
    const types = children.map((b) => (isFullBlock(b) ? b.type : ""));
    expect(types).toEqual(expect.arrayContaining(["paragraph", "callout", "heading_2", "bulleted_list_item", "child_database", "child_page"]));
    const database = children.find((b) => isFullBlock(b) && b.type === "child_database")!;
    const db = await notion.databases.retrieve({ database_id: database.id });
    expect(isFullDatabase(db) && db.data_sources.length).toBe(1);

    const toggleParent = state().blocks.find((b) => b.type === "toggle" && b.has_children)!;
    const nested = await notion.blocks.children.list({ block_id: toggleParent.id });
    expect(nested.results.length).toBeGreaterThan(0);
    const asBlock = await notion.blocks.retrieve({ block_id: state().specPageIds[0]! });
    expect(isFullBlock(asBlock) && asBlock.type).toBe("child_page");
  });

  it("paginates long pages 100 blocks at a time", async () => {
    const long = state().pages.find((p) => pageTitle(p).startsWith("TDP Sprint 122"))!;
    const first = await notion.blocks.children.list({ block_id: long.id });
    const total = state().blocks.filter((b) => b.parent.type === "page_id" && b.parent.page_id === long.id).length;
    expect(first.results.length).toBe(Math.min(100, total));
    expect(first.has_more).toBe(total > 100);
    const all = await collectPaginatedAPI(notion.blocks.children.list, { block_id: long.id });
    expect(all.length).toBe(total);
  });

  it("reads property items: title as a list, status as an item", async () => {
    const spec = state().pages.find((p) => p.id === state().specPageIds[0])!;
    const title = await notion.pages.properties.retrieve({ page_id: spec.id, property_id: "title" });
    expect(title.object).toBe("list");
    const status = spec.properties.Status!;
    const item = await notion.pages.properties.retrieve({ page_id: spec.id, property_id: status.id });
    expect(item).toMatchObject({ object: "property_item", type: "status" });
  });

  it("answers Notion's errors for unknown and malformed ids", async () => {
    expect(await rejection(notion.pages.retrieve({ page_id: "00000000-0000-4000-8000-000000000000" }))).toMatchObject({ status: 404, code: "object_not_found" });
    expect(await rejection(notion.blocks.retrieve({ block_id: "nope" }))).toMatchObject({ status: 400, code: "validation_error" });
  });
});

describe("data source queries", () => {
  const roadmap = () => state().dataSourceIds.roadmap;

  it("retrieves the data source schema", async () => {
    const ds = await notion.dataSources.retrieve({ data_source_id: roadmap() });
    expect(isFullDataSource(ds)).toBe(true);
    if (!isFullDataSource(ds)) return;
    expect(Object.keys(ds.properties).sort()).toEqual(["Confidence", "Customer-facing", "Jira epic URL", "Name", "Owner", "Quarter", "Status", "Target date", "Team"].sort());
    expect(ds.properties.Status?.type).toBe("status");
  });

  it("filters on status, select, date, people and checkbox with and/or, and sorts", async () => {
    const rows = state().pages.filter((p) => p.parent.type === "data_source_id" && p.parent.data_source_id === roadmap());
    const value = (p: PageObjectResponse, name: string) => p.properties[name]!;
    const statusName = (p: PageObjectResponse) => {
      const v = value(p, "Status");
      return v.type === "status" ? v.status?.name : undefined;
    };
    const atRisk = await collectPaginatedAPI(notion.dataSources.query, { data_source_id: roadmap(), filter: { property: "Status", status: { equals: "At risk" } } });
    expect(atRisk.length).toBe(rows.filter((r) => statusName(r) === "At risk").length);

    const owner = value(rows[0]!, "Owner");
    const ownerId = owner.type === "people" ? owner.people[0]!.id : "";
    const mixed = await collectPaginatedAPI(notion.dataSources.query, {
      data_source_id: roadmap(),
      filter: {
        and: [
          { or: [{ property: "Team", select: { equals: "Payments" } }, { property: "Customer-facing", checkbox: { equals: false } }] },
          { property: "Target date", date: { on_or_after: "2026-01-01" } },
          { property: "Owner", people: { contains: ownerId } },
        ],
      },
      sorts: [{ property: "Target date", direction: "ascending" }],
    });
    const expected = rows.filter((r) => {
      const team = value(r, "Team");
      const facing = value(r, "Customer-facing");
      const date = value(r, "Target date");
      const people = value(r, "Owner");
      return (
        ((team.type === "select" && team.select?.name === "Payments") || (facing.type === "checkbox" && !facing.checkbox)) &&
        date.type === "date" &&
        !!date.date &&
        date.date.start >= "2026-01-01" &&
        people.type === "people" &&
        people.people.some((u) => u.id === ownerId)
      );
    });
    expect(mixed.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
    const dates = mixed.map((r) => (isFullPage(r) && r.properties["Target date"]?.type === "date" ? r.properties["Target date"].date!.start : ""));
    expect([...dates].sort()).toEqual(dates);
  });

  it("pages through every row and rejects unknown properties", async () => {
    const first = await notion.dataSources.query({ data_source_id: roadmap(), page_size: 4 });
    expect(first.results.length).toBe(4);
    expect(first.has_more).toBe(true);
    const all = await collectPaginatedAPI(notion.dataSources.query, { data_source_id: roadmap(), page_size: 4 });
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    expect(await rejection(notion.dataSources.query({ data_source_id: roadmap(), filter: { property: "Nope", select: { equals: "x" } } }))).toMatchObject({
      status: 400,
      code: "validation_error",
    });
    expect(await rejection(notion.dataSources.query({ data_source_id: roadmap(), page_size: 101 }))).toMatchObject({ status: 400, code: "validation_error" });
  });
});

describe("writes", () => {
  it("creates a roadmap row with properties and children, reads it back, and moves the hash and clock", async () => {
    const before = sandbox.store.hash();
    const clockBefore = sandbox.store.state.counters.clock ?? 0;
    const person = sandbox.store.state.company.people[0]!;
    const created = await notion.pages.create({
      parent: { data_source_id: state().dataSourceIds.roadmap },
      properties: {
        Name: { title: [{ text: { content: "Sandbox write test" } }] },
        Status: { status: { name: "Planned" } },
        Team: { select: { name: "Platform" } },
        "Target date": { date: { start: "2027-02-01" } },
        Owner: { people: [{ id: person.notionUserId }] },
        "Customer-facing": { checkbox: true },
      },
      children: [
        { heading_2: { rich_text: [{ text: { content: "Why" } }] } },
        { paragraph: { rich_text: [{ text: { content: "Created by the sandbox test." }, annotations: { bold: true } }] } },
        { to_do: { rich_text: [{ text: { content: "Decide the owner" } }], checked: false } },
      ],
    });
    expect(isFullPage(created)).toBe(true);
    if (!isFullPage(created)) return;
    expect(pageTitle(created)).toBe("Sandbox write test");
    expect(created.properties.Status).toMatchObject({ type: "status", status: { name: "Planned" } });
    expect(created.created_time >= sandbox.store.state.company.now.slice(0, 16)).toBe(true);
    expect(sandbox.store.state.counters.clock).toBeGreaterThan(clockBefore);
    expect(sandbox.store.hash()).not.toBe(before);
    const read = await notion.pages.retrieve({ page_id: created.id });
    expect(read).toEqual(created);
    const blocks = await notion.blocks.children.list({ block_id: created.id });
    expect(blocks.results.map((b) => (isFullBlock(b) ? b.type : ""))).toEqual(["heading_2", "paragraph", "to_do"]);
  });

  it("appends blocks (after a sibling too), caps a request at 100 children, and deletes a block", async () => {
    const page = state().pages.find((p) => pageTitle(p) === "Risk log")!;
    const appended = await notion.blocks.children.append({ block_id: page.id, children: [{ paragraph: { rich_text: [{ text: { content: "Appended risk" } }] } }] });
    const [added] = appended.results;
    expect(added && isFullBlock(added) && textOf(added)).toBe("Appended risk");
    await notion.blocks.children.append({ block_id: page.id, after: added!.id, children: [{ bulleted_list_item: { rich_text: [{ text: { content: "Right after it" } }] } }] });
    const all = await collectPaginatedAPI(notion.blocks.children.list, { block_id: page.id });
    const at = all.findIndex((b) => b.id === added!.id);
    expect(isFullBlock(all[at + 1]!) && textOf(all[at + 1] as BlockObjectResponse)).toBe("Right after it");

    const tooMany = Array.from({ length: 101 }, () => ({ paragraph: { rich_text: [{ text: { content: "x" } }] } }));
    expect(await rejection(notion.blocks.children.append({ block_id: page.id, children: tooMany }))).toMatchObject({ status: 400, code: "validation_error" });

    const deleted = await notion.blocks.delete({ block_id: added!.id });
    expect(isFullBlock(deleted) && deleted.in_trash).toBe(true);
    const after = await collectPaginatedAPI(notion.blocks.children.list, { block_id: page.id });
    expect(after.some((b) => b.id === added!.id)).toBe(false);
  });

  it("updates properties, trashes a row (queries drop it) and restores it", async () => {
    const row = state().pages.find((p) => p.parent.type === "data_source_id" && p.parent.data_source_id === state().dataSourceIds.roadmap)!;
    const updated = await notion.pages.update({ page_id: row.id, properties: { Status: { status: { name: "At risk" } }, Confidence: { select: { name: "Low" } } } });
    expect(isFullPage(updated) && updated.properties.Status).toMatchObject({ status: { name: "At risk" } });
    expect(await rejection(notion.pages.update({ page_id: row.id, properties: { Nope: { checkbox: true } } }))).toMatchObject({ status: 400, code: "validation_error" });

    await notion.pages.update({ page_id: row.id, in_trash: true });
    const live = await collectPaginatedAPI(notion.dataSources.query, { data_source_id: state().dataSourceIds.roadmap });
    expect(live.some((r) => r.id === row.id)).toBe(false);
    expect(await rejection(notion.pages.update({ page_id: row.id, properties: { Confidence: { select: { name: "High" } } } }))).toMatchObject({ status: 400, code: "validation_error" });
    const restored = await notion.pages.update({ page_id: row.id, in_trash: false });
    expect(isFullPage(restored) && restored.in_trash).toBe(false);
  });

  it("keeps text links as href and refuses a link that is not an absolute URL, writing nothing", async () => {
    const parent = state().pages.find((p) => pageTitle(p) === "Meeting notes")!;
    const linked = (url: string) => [{ paragraph: { rich_text: [{ text: { content: "Proposed in Lumen · " } }, { text: { content: "view the approval", link: { url } } }] } }];
    const approval = "http://localhost:3000/approvals/p1?action=a1";
    const page = await notion.pages.create({ parent: { page_id: parent.id }, properties: { title: { title: [{ text: { content: "Linked page" } }] } }, children: linked(approval) });
    const [block] = (await notion.blocks.children.list({ block_id: page.id })).results;
    expect(block && isFullBlock(block) && block.type === "paragraph" && block.paragraph.rich_text.map((t) => t.href)).toEqual([null, approval]);

    const pages = state().pages.length;
    for (const url of ["/approvals/p1", "approval", "https://example.com/a b", "https://例え.jp/承認"]) {
      const error = await rejection(notion.pages.create({ parent: { page_id: parent.id }, properties: { title: { title: [{ text: { content: "Bad link" } }] } }, children: linked(url) }));
      expect(error).toMatchObject({ status: 400, code: "validation_error", message: "Content creation Failed. Fix the following: \nInvalid URL for link." });
    }
    expect(state().pages.length).toBe(pages);
    expect(await rejection(notion.blocks.children.append({ block_id: page.id, children: linked("not a url") }))).toMatchObject({ status: 400, code: "validation_error" });
  });

  it("creates a sub-page and comments on it", async () => {
    const parent = state().pages.find((p) => pageTitle(p) === "Meeting notes")!;
    const page = await notion.pages.create({ parent: { page_id: parent.id }, properties: { title: { title: [{ text: { content: "Lumen weekly status" } }] } } });
    const children = await collectPaginatedAPI(notion.blocks.children.list, { block_id: parent.id });
    expect(children.some((b) => b.id === page.id && isFullBlock(b) && b.type === "child_page")).toBe(true);
    const comment = await notion.comments.create({ parent: { page_id: page.id }, rich_text: [{ text: { content: "Draft ready for review." } }] });
    const list = await notion.comments.list({ block_id: page.id });
    expect(list.results.map((c) => c.id)).toEqual([comment.id]);
  });
});

describe("users", () => {
  it("lists users page by page, retrieves one and reports the bot", async () => {
    const users = await collectPaginatedAPI(notion.users.list, { page_size: 5 });
    expect(users.length).toBe(state().users.length);
    expect(users.every((u) => isFullUser(u))).toBe(true);
    const person = sandbox.store.state.company.people[0]!;
    const one = await notion.users.retrieve({ user_id: person.notionUserId });
    expect(one).toMatchObject({ type: "person", name: person.name, person: { email: person.email } });
    const me = await notion.users.me({});
    expect(me).toMatchObject({ type: "bot", id: state().botUserId, bot: { owner: { type: "workspace", workspace: true } } });
  });
});

describe("authentication and capabilities", () => {
  it("answers 401 for missing, unknown and revoked tokens", async () => {
    expect(await rejection(client(undefined).users.me({}))).toMatchObject({ status: 401, code: "unauthorized" });
    expect(await rejection(client("ntn_nope").users.me({}))).toMatchObject({ status: 401, code: "unauthorized" });
    sandbox.store.state.oauth.tokens.push({ tool: "notion", token: "ntn_revoked_test", kind: "access", clientId: null, personId: "p1", scopes: ["*"], expiresAt: null, revoked: true });
    expect(await rejection(client("ntn_revoked_test").users.me({}))).toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("answers 400 missing_version without a Notion-Version header", async () => {
    const err = await rejection(client(SANDBOX_CREDENTIALS.apiTokens.notion, { notionVersion: "" }).users.me({}));
    expect(err).toBeInstanceOf(UnknownHTTPResponseError);
    expect(JSON.parse((err as UnknownHTTPResponseError).body)).toMatchObject({ object: "error", status: 400, code: "missing_version" });
  });

  it("answers 403 restricted_resource when the token lacks a capability", async () => {
    sandbox.store.state.oauth.tokens.push({ tool: "notion", token: "ntn_read_only_test", kind: "access", clientId: null, personId: "p1", scopes: ["read_content"], expiresAt: null, revoked: false });
    const readOnly = client("ntn_read_only_test");
    await readOnly.search({ page_size: 1 });
    expect(await rejection(readOnly.users.list({}))).toMatchObject({ status: 403, code: "restricted_resource" });
    const page = state().pages[0]!;
    expect(await rejection(readOnly.pages.update({ page_id: page.id, in_trash: false }))).toMatchObject({ status: 403, code: "restricted_resource" });
  });

  it("passes injected rate limits through as 429 rate_limited", async () => {
    sandbox.faults.add({ kind: "rate_limit", tool: "notion", path: "^/v1/users/me$", times: 1 });
    expect(await rejection(notion.users.me({}))).toMatchObject({ status: 429, code: "rate_limited" });
    sandbox.faults.clear();
  });
});

describe("OAuth (public integration)", () => {
  const { clientId, clientSecret } = SANDBOX_CREDENTIALS.oauthClient;
  const redirectUri = "http://localhost:3000/api/connections/notion/callback";

  async function authorize(person?: string): Promise<string> {
    const url = new URL(sandbox.urls.notionAuthorizeUrl);
    url.search = new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, response_type: "code", owner: "user", state: "xyz", ...(person ? { sandbox_person: person } : {}) }).toString();
    const res = await fetch(url, { redirect: "manual" });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get("state")).toBe("xyz");
    return location.searchParams.get("code")!;
  }

  it("exchanges a code, uses the token, refreshes it and refuses the used refresh token", async () => {
    const pm = sandbox.store.state.company.people.find((p) => p.role === "pm")!;
    const code = await authorize(pm.id);
    const token = await notion.oauth.token({ grant_type: "authorization_code", code, redirect_uri: redirectUri, client_id: clientId, client_secret: clientSecret });
    expect(token).toMatchObject({ token_type: "bearer", bot_id: state().botUserId, workspace_id: state().workspace.id, workspace_name: "Northwind Robotics", duplicated_template_id: null });
    expect(token.owner).toMatchObject({ type: "user", user: { id: pm.notionUserId } });
    const asUser = client(token.access_token);
    const me = await asUser.users.me({});
    expect(me).toMatchObject({ type: "bot", bot: { owner: { type: "user", user: { id: pm.notionUserId } } } });

    const refreshed = await notion.oauth.token({ grant_type: "refresh_token", refresh_token: token.refresh_token!, client_id: clientId, client_secret: clientSecret });
    expect(refreshed.access_token).not.toBe(token.access_token);
    await client(refreshed.access_token).search({ page_size: 1 });
    const reused = await rejection(notion.oauth.token({ grant_type: "refresh_token", refresh_token: token.refresh_token!, client_id: clientId, client_secret: clientSecret }));
    expect(reused).toMatchObject({ status: 400 });
    expect(JSON.parse((reused as UnknownHTTPResponseError).body)).toMatchObject({ error: "invalid_grant" });

    const badClient = await rejection(notion.oauth.token({ grant_type: "authorization_code", code: "x", redirect_uri: redirectUri, client_id: clientId, client_secret: "wrong" }));
    expect(badClient).toMatchObject({ status: 401 });
    // The token endpoint's errors are RFC 6749 bodies, not Notion error objects; drop them from the spec check.
    openapi.exchanges.splice(0, openapi.exchanges.length, ...openapi.exchanges.filter((x) => !x.path.startsWith("/v1/oauth")));
  });
});

describe("the description check itself", () => {
  it("flags requests and answers that break Notion's schemas", () => {
    expect(openapi.check({ method: "GET", path: "/v1/users/me", requestBody: undefined, status: 200, responseBody: { object: 5 } })).toHaveLength(1);
    expect(openapi.check({ method: "POST", path: "/v1/pages", requestBody: { parent: { nope: 1 }, properties: {} }, status: 200, responseBody: {} })).toHaveLength(1);
    expect(openapi.check({ method: "GET", path: "/v1/nowhere", requestBody: undefined, status: 200, responseBody: {} })).toHaveLength(1);
  });
});

describe("determinism", () => {
  it("seeds the same workspace for the same seed and a different one for another", () => {
    const a = new SandboxStore(7);
    const b = new SandboxStore(7);
    const c = new SandboxStore(8);
    expect(a.hash()).toBe(b.hash());
    expect(JSON.stringify(a.state.notion)).toBe(JSON.stringify(b.state.notion));
    expect(JSON.stringify(c.state.notion)).not.toBe(JSON.stringify(a.state.notion));
  });
});
