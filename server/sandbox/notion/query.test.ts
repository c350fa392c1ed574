import { type PageObjectResponse } from "@notionhq/client";
import { describe, expect, it } from "vitest";
import { type PropertyConfig, type PropertyValue } from "./properties";
import { matchesFilter, sortPages, validateFilter, validateSorts } from "./query";
import { text } from "./rich-text";

const schema: Record<string, PropertyConfig> = {
  Name: { id: "title", name: "Name", description: null, type: "title", title: {} },
  Status: {
    id: "st",
    name: "Status",
    description: null,
    type: "status",
    status: {
      options: [
        { id: "o1", name: "Planned", color: "gray", description: null },
        { id: "o2", name: "At risk", color: "red", description: null },
      ],
      groups: [],
    },
  },
  Due: { id: "du", name: "Due", description: null, type: "date", date: {} },
  Points: { id: "pt", name: "Points", description: null, type: "number", number: { format: "number" } },
};

function row(name: string, status: string | null, due: string | null, points: number | null): PageObjectResponse {
  const properties: Record<string, PropertyValue> = {
    Name: { id: "title", type: "title", title: [text(name)] },
    Status: { id: "st", type: "status", status: status ? { id: status === "Planned" ? "o1" : "o2", name: status, color: "gray" } : null },
    Due: { id: "du", type: "date", date: due ? { start: due, end: null, time_zone: null } : null },
    Points: { id: "pt", type: "number", number: points },
  };
  return {
    object: "page",
    id: name,
    created_time: "2026-11-01T10:00:00.000Z",
    last_edited_time: "2026-11-10T10:00:00.000Z",
    created_by: { object: "user", id: "u" },
    last_edited_by: { object: "user", id: "u" },
    cover: null,
    icon: null,
    parent: { type: "workspace", workspace: true },
    in_trash: false,
    archived: false,
    is_archived: false,
    is_locked: false,
    properties,
    url: "https://www.notion.so/x",
    public_url: null,
  };
}

const now = new Date("2026-11-20T16:00:00.000Z");
const rows = [row("a", "Planned", "2026-12-01", 3), row("b", "At risk", "2026-11-25", null), row("c", null, null, 8)];
const names = (list: PageObjectResponse[]) => list.map((p) => p.id);

describe("data source filters", () => {
  it("evaluates property and compound filters", () => {
    const filter = { or: [{ property: "Status", status: { equals: "At risk" } }, { and: [{ property: "Points", number: { greater_than: 5 } }, { property: "Due", date: { is_empty: true } }] }] };
    validateFilter(filter, schema);
    expect(names(rows.filter((r) => matchesFilter(r, filter, schema, now)))).toEqual(["b", "c"]);
    expect(names(rows.filter((r) => matchesFilter(r, { property: "Name", title: { starts_with: "A" } }, schema, now)))).toEqual(["a"]);
    expect(names(rows.filter((r) => matchesFilter(r, { property: "Due", date: { next_week: {} } }, schema, now)))).toEqual(["b"]);
    expect(names(rows.filter((r) => matchesFilter(r, { timestamp: "created_time", created_time: { before: "2026-11-02" } }, schema, now)))).toEqual(["a", "b", "c"]);
  });

  it("rejects filters Notion rejects", () => {
    expect(() => validateFilter({ property: "Nope", select: { equals: "x" } }, schema)).toThrow(/Could not find property/);
    expect(() => validateFilter({ property: "Status", select: { equals: "x" } }, schema)).toThrow(/does not match filter select/);
    expect(() => validateFilter({ property: "Points", number: { contains: 1 } }, schema)).toThrow(/not a valid number filter condition/);
    const deep = { and: [{ or: [{ and: [{ property: "Points", number: { equals: 1 } }] }] }] };
    expect(() => validateFilter(deep, schema)).toThrow(/nesting depth/);
  });
});

describe("data source sorts", () => {
  it("sorts by option order, dates and numbers, with empty values last", () => {
    expect(names(sortPages(rows, validateSorts([{ property: "Status", direction: "descending" }], schema), schema))).toEqual(["b", "a", "c"]);
    expect(names(sortPages(rows, validateSorts([{ property: "Due", direction: "ascending" }], schema), schema))).toEqual(["b", "a", "c"]);
    expect(names(sortPages(rows, validateSorts([{ property: "Points", direction: "descending" }], schema), schema))).toEqual(["c", "a", "b"]);
    expect(() => validateSorts([{ property: "Nope", direction: "ascending" }], schema)).toThrow(/Could not find sort property/);
  });
});
