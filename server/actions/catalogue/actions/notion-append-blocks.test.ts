import { describe, expect, it } from "vitest";
import { type NotionPageState } from "../types";
import { notionAppendBlocks, notionAppendBlocksInput } from "./notion-append-blocks";

const state: NotionPageState = { page: { id: "pg", title: "Sprint 8 review", archived: false, updated: "2025-03-10T10:00:00Z", properties: {} } };

describe("notion.appendBlocks", () => {
  it("validates against the page, previews under its title, and is irreversible listing the block ids", () => {
    const input = notionAppendBlocksInput.parse({ pageId: "pg", markdown: "- decision: ship Friday" });
    expect(notionAppendBlocks.validate(input, state)).toEqual([]);
    expect(notionAppendBlocks.validate(input, { page: null })[0]?.path).toBe("pageId");
    expect(notionAppendBlocks.preview(input, state)).toEqual({ type: "page", title: "Sprint 8 review", markdown: "- decision: ship Friday" });
    expect(notionAppendBlocks.inverse(input, state, { blockIds: ["b1", "b2"] })).toEqual({
      irreversible: true,
      reason: "The added blocks stay on the page; delete them in Notion by hand if needed (2 blocks: b1, b2).",
    });
  });

  it("rejects an empty body", () => {
    expect(notionAppendBlocksInput.safeParse({ pageId: "pg", markdown: "   " }).error?.issues[0]?.message).toBe("Write what to add; it cannot be empty.");
  });
});
