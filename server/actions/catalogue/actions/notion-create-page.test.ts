import { describe, expect, it } from "vitest";
import { type NotionParentState } from "../types";
import { notionCreatePage, notionCreatePageInput } from "./notion-create-page";
import { notionUpdatePageInput } from "./notion-update-page";

const state = (archived = false): NotionParentState => ({ parent: { id: "p1", type: "page", title: "Payments", archived } });

describe("notion.createPage", () => {
  it("previews the page and accepts long paragraphs (they are split into 2,000-character pieces)", () => {
    const input = notionCreatePageInput.parse({ parentId: "p1", parentType: "page", title: "Sprint 8 review", markdown: `# Notes\n\n${"y".repeat(5000)}` });
    expect(notionCreatePage.validate(input, state())).toEqual([]);
    expect(notionCreatePage.preview(input, state())).toEqual({ type: "page", title: "Sprint 8 review", markdown: input.markdown });
  });

  it("refuses a title over Notion's 2,000-character rich-text limit", () => {
    const input = notionCreatePageInput.parse({ parentId: "p1", parentType: "page", title: "t".repeat(2001), markdown: "" });
    expect(notionCreatePage.validate(input, state())).toEqual([
      { path: "title", message: "Notion titles hold at most 2,000 characters (this one has 2,001). Shorten it." },
    ]);
  });

  it("refuses a paragraph that needs more than 100 rich-text pieces", () => {
    const input = notionCreatePageInput.parse({ parentId: "p1", parentType: "page", title: "Dump", markdown: "z".repeat(200_001) });
    expect(notionCreatePage.validate(input, state())[0]?.message).toBe(
      "One paragraph is too long for Notion (a block holds at most 200,000 characters of text). Split it into several paragraphs.",
    );
  });

  it("refuses a parent in the trash", () => {
    const input = notionCreatePageInput.parse({ parentId: "p1", parentType: "page", title: "x", markdown: "" });
    expect(notionCreatePage.validate(input, state(true))[0]?.message).toBe('"Payments" is in Notion\'s trash. Restore it, or pick another parent.');
  });

  it("compensates by archiving the created page through notion.updatePage", () => {
    const input = notionCreatePageInput.parse({ parentId: "p1", parentType: "page", title: "x", markdown: "" });
    const inv = notionCreatePage.inverse(input, state(), { pageId: "new-1", url: "https://notion.so/new-1" });
    expect("compensating" in inv && inv.compensating).toEqual({ kind: "notion.updatePage", input: { pageId: "new-1", archived: true } });
    expect("compensating" in inv && notionUpdatePageInput.safeParse(inv.compensating.input).success).toBe(true);
  });
});
