import { describe, expect, it } from "vitest";
import { batchBlocks, chunkText, markdownToAdf, markdownToMrkdwn, markdownToNotionBlocks, type NotionBlock } from "./markdown";

const plain = { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: "default" };
const rt = (content: string, extra: Partial<typeof plain> = {}, url: string | null = null) => ({
  type: "text",
  text: { content, link: url ? { url } : null },
  annotations: { ...plain, ...extra },
});

describe("markdownToAdf", () => {
  it("converts headings, marks and links", () => {
    expect(markdownToAdf("## Risk\n\nSee **PAY-12** and _the_ [spec](https://x.io/s) `now`")).toEqual({
      type: "doc",
      version: 1,
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Risk" }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "See " },
            { type: "text", text: "PAY-12", marks: [{ type: "strong" }] },
            { type: "text", text: " and " },
            { type: "text", text: "the", marks: [{ type: "em" }] },
            { type: "text", text: " " },
            { type: "text", text: "spec", marks: [{ type: "link", attrs: { href: "https://x.io/s" } }] },
            { type: "text", text: " " },
            { type: "text", text: "now", marks: [{ type: "code" }] },
          ],
        },
      ],
    });
  });

  it("converts bullet and ordered lists, with nesting", () => {
    expect(markdownToAdf("- a\n  - b\n\n3. x\n4. y").content).toEqual([
      {
        type: "bulletList",
        content: [
          {
            type: "listItem",
            content: [
              { type: "paragraph", content: [{ type: "text", text: "a" }] },
              { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "b" }] }] }] },
            ],
          },
        ],
      },
      {
        type: "orderedList",
        attrs: { order: 3 },
        content: [
          { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "x" }] }] },
          { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "y" }] }] },
        ],
      },
    ]);
  });

  it("keeps code blocks verbatim with their language", () => {
    expect(markdownToAdf("```sql\nselect *  from t;\n```").content).toEqual([
      { type: "codeBlock", attrs: { language: "sql" }, content: [{ type: "text", text: "select *  from t;" }] },
    ]);
  });
});

describe("markdownToMrkdwn", () => {
  it("uses Slack's bold, italic, strike and link syntax", () => {
    expect(markdownToMrkdwn("**Ship** _today_ ~~not~~ [board](https://j.io/b) `x`")).toBe("*Ship* _today_ ~not~ <https://j.io/b|board> `x`");
  });

  it("renders lists with bullets and numbers, headings as bold lines", () => {
    expect(markdownToMrkdwn("# Standup\n\n- one\n- **two**\n\n1. a\n2. b")).toBe("*Standup*\n\n• one\n• *two*\n\n1. a\n2. b");
  });

  it("escapes Slack's control characters in text", () => {
    expect(markdownToMrkdwn("a < b & c")).toBe("a &lt; b &amp; c");
  });

  it("renders bare URLs as plain links", () => {
    expect(markdownToMrkdwn("see https://x.io")).toBe("see <https://x.io>");
  });
});

describe("markdownToNotionBlocks", () => {
  it("maps headings, paragraphs, lists and code", () => {
    const blocks = markdownToNotionBlocks("# Plan\n\nShip **v2** [now](https://n.so)\n\n- a\n\n1. b\n\n```ts\nlet x\n```");
    expect(blocks).toEqual([
      { object: "block", type: "heading_1", heading_1: { rich_text: [rt("Plan")] } },
      {
        object: "block",
        type: "paragraph",
        paragraph: { rich_text: [rt("Ship "), rt("v2", { bold: true }), rt(" "), rt("now", {}, "https://n.so")] },
      },
      { object: "block", type: "bulleted_list_item", bulleted_list_item: { rich_text: [rt("a")] } },
      { object: "block", type: "numbered_list_item", numbered_list_item: { rich_text: [rt("b")] } },
      { object: "block", type: "code", code: { rich_text: [rt("let x")], language: "ts" } },
    ]);
  });

  it("nests sub-lists as children and caps headings at level 3", () => {
    const blocks = markdownToNotionBlocks("#### Deep\n\n- a\n  - b");
    expect(blocks[0]).toEqual({ object: "block", type: "heading_3", heading_3: { rich_text: [rt("Deep")] } });
    expect(blocks[1]).toEqual({
      object: "block",
      type: "bulleted_list_item",
      bulleted_list_item: { rich_text: [rt("a")], children: [{ object: "block", type: "bulleted_list_item", bulleted_list_item: { rich_text: [rt("b")] } }] },
    });
  });

  it("splits text longer than 2,000 characters into several rich-text objects with the same marks", () => {
    const long = "x".repeat(4500);
    const [block] = markdownToNotionBlocks(`**${long}**`) as [Extract<NotionBlock, { type: "paragraph" }>];
    const pieces = block.paragraph.rich_text;
    expect(pieces.map((p) => p.text.content.length)).toEqual([2000, 2000, 500]);
    expect(pieces.every((p) => p.annotations.bold)).toBe(true);
  });
});

describe("chunkText / batchBlocks", () => {
  it("never splits a surrogate pair", () => {
    // "a" + "😀" is 3 UTF-16 units; a limit of 2 would cut the emoji in half.
    expect(chunkText("a😀b", 2)).toEqual(["a", "😀", "b"]);
    expect(chunkText("", 2)).toEqual([]);
  });

  it("batches top-level blocks by 100", () => {
    const blocks = markdownToNotionBlocks(Array.from({ length: 250 }, (_, i) => `p${i}`).join("\n\n"));
    expect(batchBlocks(blocks).map((b) => b.length)).toEqual([100, 100, 50]);
  });
});
