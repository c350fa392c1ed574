import { describe, expect, it } from "vitest";
import { type NotionPageSnapshot, type NotionPageState } from "../types";
import { notionUpdatePage, notionUpdatePageInput } from "./notion-update-page";

const page = (over: Partial<NotionPageSnapshot> = {}): NotionPageState => ({
  page: { id: "pg", title: "Checkout v2 spec", archived: false, updated: "2025-03-10T10:00:00Z", properties: { Status: "Draft", Owner: "Ana" }, ...over },
});

describe("notion.updatePage", () => {
  it("previews a property and title diff", () => {
    const input = notionUpdatePageInput.parse({ pageId: "pg", title: "Checkout v2", properties: { Status: "In review" } });
    expect(notionUpdatePage.validate(input, page())).toEqual([]);
    expect(notionUpdatePage.preview(input, page())).toEqual({
      type: "diff",
      fields: [
        { field: "title", label: "Title", before: "Checkout v2 spec", after: "Checkout v2" },
        { field: "properties.Status", label: "Status", before: "Draft", after: "In review" },
      ],
    });
  });

  it("refuses an unknown property and requires some change", () => {
    const input = notionUpdatePageInput.parse({ pageId: "pg", properties: { Stage: "Done" } });
    expect(notionUpdatePage.validate(input, page())).toEqual([
      { path: "properties.Stage", message: '"Checkout v2 spec" has no property called "Stage". Pick one of: Status, Owner.' },
    ]);
    expect(notionUpdatePageInput.safeParse({ pageId: "pg" }).error?.issues[0]?.message).toBe(
      "Change at least one thing: the title, a property, or whether the page is archived.",
    );
  });

  it("shows the property that changed since the proposal", () => {
    const input = notionUpdatePageInput.parse({ pageId: "pg", properties: { Status: "Done" }, baseUpdated: "2025-03-09T00:00:00Z", baseFields: { "properties.Status": "In review" } });
    const [stale] = notionUpdatePage.validate(input, page());
    expect(stale?.message).toBe('"Checkout v2 spec" changed since this was proposed (Status). Review the new values, edit the action if needed, then apply again.');
    expect(stale?.changes).toEqual([{ field: "properties.Status", label: "Status", proposedAgainst: "In review", now: "Draft" }]);
  });

  it("inverts exactly: old title, old properties, old archived flag", () => {
    const input = notionUpdatePageInput.parse({ pageId: "pg", title: "New", archived: true, properties: { Owner: "Bo" } });
    expect(notionUpdatePage.inverse(input, page(), undefined)).toEqual({
      kind: "notion.updatePage",
      input: { pageId: "pg", title: "Checkout v2 spec", archived: false, properties: { Owner: "Ana" } },
    });
  });
});
