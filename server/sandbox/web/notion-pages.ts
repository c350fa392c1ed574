import { type BlockObjectResponse, type RichTextItemResponse } from "@notionhq/client";
import { Hono } from "hono";
import { html } from "hono/html";
import { type SandboxStore } from "../core/store";
import { normalizeId } from "../notion/ids";
import { pageTitle, type PropertyValue } from "../notion/properties";
import { plainText } from "../notion/rich-text";
import { notFoundPage, page, when } from "./layout";

const MAX_DEPTH = 8;

/** Notion's page urls: `/<slug>-<32 hex id>` (or the bare id), as pages report them in `url`. */
export function notionPages(store: SandboxStore): Hono {
  const app = new Hono();
  app.get("/:slug", (c) => {
    const notion = store.state.notion;
    const id = normalizeId(c.req.param("slug").match(/[0-9a-f]{32}$/i)?.[0] ?? "");
    const found = id ? notion.pages.find((p) => p.id === id) : undefined;
    if (!found) {
      const db = id ? notion.databases.find((d) => d.id === id) : undefined;
      if (!db) return notFoundPage(c, "Notion", "page with this link");
      const title = plainText(db.title) || "Untitled";
      const sources = new Set(db.data_sources.map((s) => s.id));
      const rows = notion.pages.filter((p) => p.parent.type === "data_source_id" && sources.has(p.parent.data_source_id) && !p.in_trash);
      return page(c, "Notion", title, html`<h1>${title}</h1><ul class="plain">${rows.map((r) => html`<li><a href="${r.id.replace(/-/g, "")}">${pageTitle(r) || "Untitled"}</a></li>`)}</ul>`);
    }
    const users = new Map(notion.users.map((u) => [u.id, u.name ?? u.id]));
    const childrenOf = (parentId: string) => notion.blocks.filter((b) => !b.in_trash && ((b.parent.type === "page_id" && b.parent.page_id === parentId) || (b.parent.type === "block_id" && b.parent.block_id === parentId)));
    const renderBlocks = (parentId: string, depth: number): unknown =>
      depth > MAX_DEPTH ? "" : html`<ul class="plain">${childrenOf(parentId).map((b) => html`<li class="text">${blockText(b)}${b.has_children ? renderBlocks(b.id, depth + 1) : ""}</li>`)}</ul>`;
    const title = pageTitle(found) || "Untitled";
    const properties = Object.entries(found.properties).filter(([, v]) => v.type !== "title");
    const body = html`
      <h1>${title}</h1>
      <p class="meta">Edited ${when(found.last_edited_time)} by ${users.get(found.last_edited_by.id) ?? found.last_edited_by.id}</p>
      ${properties.length ? html`<dl>${properties.map(([name, v]) => html`<dt>${name}</dt><dd>${propertyText(v, users) || "Empty"}</dd>`)}</dl>` : ""}
      ${renderBlocks(found.id, 0)}`;
    return page(c, "Notion", title, body);
  });
  return app;
}

/** A block's text as a reader sees it; list items and to-dos keep their marker. */
function blockText(b: BlockObjectResponse): string {
  if (b.type === "child_page") return `📄 ${b.child_page.title}`;
  if (b.type === "child_database") return `🗂 ${b.child_database.title}`;
  if (b.type === "divider") return "———";
  const content = (b as unknown as Record<string, { rich_text?: RichTextItemResponse[]; checked?: boolean } | undefined>)[b.type];
  const text = content?.rich_text ? plainText(content.rich_text) : "";
  switch (b.type) {
    case "bulleted_list_item":
      return `• ${text}`;
    case "numbered_list_item":
      return `– ${text}`;
    case "to_do":
      return `${content?.checked ? "☑" : "☐"} ${text}`;
    default:
      return text;
  }
}

function propertyText(v: PropertyValue, users: Map<string, string>): string {
  switch (v.type) {
    case "rich_text":
      return plainText(v.rich_text);
    case "number":
      return v.number === null ? "" : String(v.number);
    case "select":
      return v.select?.name ?? "";
    case "status":
      return v.status?.name ?? "";
    case "multi_select":
      return v.multi_select.map((o) => o.name).join(", ");
    case "date":
      return v.date ? [v.date.start, v.date.end].filter(Boolean).join(" → ") : "";
    case "people":
      return v.people.map((p) => users.get(p.id) ?? p.id).join(", ");
    case "checkbox":
      return v.checkbox ? "Yes" : "No";
    case "url":
      return v.url ?? "";
    case "email":
      return v.email ?? "";
    case "phone_number":
      return v.phone_number ?? "";
    case "relation":
      return `${v.relation.length} linked`;
    case "created_time":
      return when(v.created_time);
    case "last_edited_time":
      return when(v.last_edited_time);
    default:
      return "";
  }
}
