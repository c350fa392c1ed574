import { describe, expect, it } from "vitest";
import { adfToText } from "./adf";

describe("adfToText", () => {
  it("flattens paragraphs, lists, mentions and links", () => {
    const doc = {
      type: "doc",
      version: 1,
      content: [
        { type: "paragraph", content: [{ type: "text", text: "Ledger drift after " }, { type: "mention", attrs: { text: "@Lena" } }] },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "retry webhook" }] }] }] },
        { type: "paragraph", content: [{ type: "inlineCard", attrs: { url: "https://example.test/pr/1" } }] },
      ],
    };
    expect(adfToText(doc)).toBe("Ledger drift after @Lena\n- retry webhook\nhttps://example.test/pr/1");
  });

  it("passes strings through and ignores nothing-values", () => {
    expect(adfToText("plain")).toBe("plain");
    expect(adfToText(null)).toBe("");
    expect(adfToText(42)).toBe("");
  });
});
