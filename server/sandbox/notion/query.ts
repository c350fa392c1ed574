import { type PageObjectResponse } from "@notionhq/client";
import { validationError } from "./errors";
import { findProperty, type PropertyConfig, type PropertyValue } from "./properties";
import { plainText } from "./rich-text";

/**
 * Data source query semantics (POST /v1/data_sources/{id}/query): Notion's filter objects —
 * property filters by type, timestamp filters, and/or compounds nested at most two deep — and
 * sorts by property or timestamp. Pure: the route validates, then filters and sorts with these.
 */

type Json = Record<string, unknown>;

const TEXT_TYPES = new Set(["title", "rich_text", "url", "email", "phone_number"]);
const CONDITIONS: Record<string, readonly string[]> = {
  text: ["equals", "does_not_equal", "contains", "does_not_contain", "starts_with", "ends_with", "is_empty", "is_not_empty"],
  number: ["equals", "does_not_equal", "greater_than", "less_than", "greater_than_or_equal_to", "less_than_or_equal_to", "is_empty", "is_not_empty"],
  checkbox: ["equals", "does_not_equal"],
  select: ["equals", "does_not_equal", "is_empty", "is_not_empty"],
  status: ["equals", "does_not_equal", "is_empty", "is_not_empty"],
  multi_select: ["contains", "does_not_contain", "is_empty", "is_not_empty"],
  people: ["contains", "does_not_contain", "is_empty", "is_not_empty"],
  relation: ["contains", "does_not_contain", "is_empty", "is_not_empty"],
  date: ["equals", "before", "after", "on_or_before", "on_or_after", "is_empty", "is_not_empty", "past_week", "past_month", "past_year", "next_week", "next_month", "next_year", "this_week"],
};

/** Filter type keys for a property type: text-like properties accept their own key (and title/rich_text accept each other's). */
function conditionKind(filterKey: string): string | null {
  if (TEXT_TYPES.has(filterKey)) return "text";
  return filterKey in CONDITIONS ? filterKey : null;
}

function isObject(v: unknown): v is Json {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

function singleCondition(kind: string, raw: unknown, where: string): [string, unknown] {
  if (!isObject(raw)) throw validationError(`body failed validation: ${where} should be an object, instead was \`${JSON.stringify(raw)}\`.`);
  const entries = Object.entries(raw);
  if (entries.length !== 1) throw validationError(`body failed validation: ${where} should have exactly one condition.`);
  const [condition, value] = entries[0]!;
  if (!CONDITIONS[kind]!.includes(condition)) throw validationError(`body failed validation: ${where}.${condition} is not a valid ${kind} filter condition.`);
  return [condition, value];
}

/** Checks a filter against the data source's schema before any row is read; throws Notion's validation errors. */
export function validateFilter(filter: unknown, schema: Record<string, PropertyConfig>, depth = 0, where = "body.filter"): void {
  if (!isObject(filter)) throw validationError(`body failed validation: ${where} should be an object, instead was \`${JSON.stringify(filter)}\`.`);
  for (const op of ["and", "or"] as const) {
    if (op in filter) {
      if (depth >= 2) throw validationError(`body failed validation: ${where}.${op} exceeds the maximum filter nesting depth of 2.`);
      const list = filter[op];
      if (!Array.isArray(list)) throw validationError(`body failed validation: ${where}.${op} should be an array, instead was \`${JSON.stringify(list)}\`.`);
      list.forEach((f, i) => validateFilter(f, schema, depth + 1, `${where}.${op}[${i}]`));
      return;
    }
  }
  if (typeof filter.timestamp === "string") {
    const ts = filter.timestamp;
    if (ts !== "created_time" && ts !== "last_edited_time") throw validationError(`body failed validation: ${where}.timestamp should be \`"created_time"\` or \`"last_edited_time"\`, instead was \`"${ts}"\`.`);
    singleCondition("date", filter[ts], `${where}.${ts}`);
    return;
  }
  if (typeof filter.property !== "string") throw validationError(`body failed validation: ${where}.property should be defined, instead was \`undefined\`.`);
  const config = findProperty(schema, filter.property);
  if (!config) throw validationError(`Could not find property with name or id: ${filter.property}`);
  const filterKey = Object.keys(filter).find((k) => k !== "property" && k !== "type");
  const kind = filterKey ? conditionKind(filterKey) : null;
  if (!filterKey || !kind) throw validationError(`body failed validation: ${where} should define a filter condition for property ${filter.property}.`);
  const propertyKind = TEXT_TYPES.has(config.type) ? "text" : config.type;
  if (kind !== propertyKind) throw validationError(`database property ${config.type} does not match filter ${filterKey}`);
  singleCondition(kind, filter[filterKey], `${where}.${filterKey}`);
}

const DAY = 86_400_000;

function relativeDate(value: unknown, now: Date): string | null {
  if (typeof value !== "string") return null;
  const offsets: Record<string, number> = { today: 0, tomorrow: 1, yesterday: -1, one_week_ago: -7, one_week_from_now: 7, one_month_ago: -30, one_month_from_now: 30 };
  if (value in offsets) return new Date(now.getTime() + offsets[value]! * DAY).toISOString().slice(0, 10);
  return value;
}

/** Compares by day when the filter names a day, by instant when it names a time. */
function dateCompare(actual: string, wanted: string): number {
  if (wanted.length <= 10) {
    const a = actual.slice(0, 10);
    return a < wanted ? -1 : a > wanted ? 1 : 0;
  }
  const diff = new Date(actual).getTime() - new Date(wanted).getTime();
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

function dateMatches(actual: string | null, condition: string, raw: unknown, now: Date): boolean {
  if (condition === "is_empty") return actual === null;
  if (condition === "is_not_empty") return actual !== null;
  if (actual === null) return false;
  const t = new Date(actual.length <= 10 ? `${actual}T00:00:00.000Z` : actual).getTime();
  const n = now.getTime();
  switch (condition) {
    case "past_week":
      return t <= n && t >= n - 7 * DAY;
    case "past_month":
      return t <= n && t >= n - 30 * DAY;
    case "past_year":
      return t <= n && t >= n - 365 * DAY;
    case "next_week":
      return t >= n && t <= n + 7 * DAY;
    case "next_month":
      return t >= n && t <= n + 30 * DAY;
    case "next_year":
      return t >= n && t <= n + 365 * DAY;
    case "this_week": {
      const start = new Date(now);
      start.setUTCHours(0, 0, 0, 0);
      start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
      return t >= start.getTime() && t < start.getTime() + 7 * DAY;
    }
  }
  const wanted = relativeDate(raw, now);
  if (wanted === null) return false;
  const cmp = dateCompare(actual, wanted);
  switch (condition) {
    case "equals":
      return cmp === 0;
    case "before":
      return cmp < 0;
    case "after":
      return cmp > 0;
    case "on_or_before":
      return cmp <= 0;
    case "on_or_after":
      return cmp >= 0;
    default:
      return false;
  }
}

function textMatches(actual: string, condition: string, raw: unknown): boolean {
  const wanted = typeof raw === "string" ? raw : "";
  const a = actual.toLowerCase();
  const w = wanted.toLowerCase();
  switch (condition) {
    case "equals":
      return actual === wanted;
    case "does_not_equal":
      return actual !== wanted;
    case "contains":
      return a.includes(w);
    case "does_not_contain":
      return !a.includes(w);
    case "starts_with":
      return a.startsWith(w);
    case "ends_with":
      return a.endsWith(w);
    case "is_empty":
      return actual === "";
    case "is_not_empty":
      return actual !== "";
    default:
      return false;
  }
}

function textOf(value: PropertyValue): string {
  switch (value.type) {
    case "title":
      return plainText(value.title);
    case "rich_text":
      return plainText(value.rich_text);
    case "url":
      return value.url ?? "";
    case "email":
      return value.email ?? "";
    case "phone_number":
      return value.phone_number ?? "";
    default:
      return "";
  }
}

function propertyMatches(value: PropertyValue, condition: string, raw: unknown, now: Date): boolean {
  switch (value.type) {
    case "number": {
      const n = value.number;
      if (condition === "is_empty") return n === null;
      if (condition === "is_not_empty") return n !== null;
      if (n === null || typeof raw !== "number") return false;
      return { equals: n === raw, does_not_equal: n !== raw, greater_than: n > raw, less_than: n < raw, greater_than_or_equal_to: n >= raw, less_than_or_equal_to: n <= raw }[condition] ?? false;
    }
    case "checkbox":
      return condition === "equals" ? value.checkbox === raw : value.checkbox !== raw;
    case "select":
    case "status": {
      const option = value.type === "select" ? value.select : value.status;
      if (condition === "is_empty") return option === null;
      if (condition === "is_not_empty") return option !== null;
      return condition === "equals" ? option?.name === raw : option?.name !== raw;
    }
    case "multi_select": {
      const names = value.multi_select.map((o) => o.name);
      if (condition === "is_empty") return names.length === 0;
      if (condition === "is_not_empty") return names.length > 0;
      return condition === "contains" ? names.includes(String(raw)) : !names.includes(String(raw));
    }
    case "people":
    case "relation": {
      const ids = value.type === "people" ? value.people.map((p) => p.id) : value.relation.map((r) => r.id);
      if (condition === "is_empty") return ids.length === 0;
      if (condition === "is_not_empty") return ids.length > 0;
      return condition === "contains" ? ids.includes(String(raw)) : !ids.includes(String(raw));
    }
    case "date":
      return dateMatches(value.date?.start ?? null, condition, raw, now);
    default:
      return textMatches(textOf(value), condition, raw);
  }
}

/** Whether `page` passes a filter already checked by validateFilter. `now` resolves relative dates. */
export function matchesFilter(page: PageObjectResponse, filter: Json, schema: Record<string, PropertyConfig>, now: Date): boolean {
  if (Array.isArray(filter.and)) return (filter.and as Json[]).every((f) => matchesFilter(page, f, schema, now));
  if (Array.isArray(filter.or)) return (filter.or as Json[]).some((f) => matchesFilter(page, f, schema, now));
  if (filter.timestamp === "created_time" || filter.timestamp === "last_edited_time") {
    const [condition, raw] = Object.entries(filter[filter.timestamp] as Json)[0]!;
    return dateMatches(page[filter.timestamp], condition, raw, now);
  }
  const config = findProperty(schema, String(filter.property))!;
  const value = page.properties[config.name];
  if (!value) return false;
  const filterKey = Object.keys(filter).find((k) => k !== "property" && k !== "type")!;
  const [condition, raw] = Object.entries(filter[filterKey] as Json)[0]!;
  return propertyMatches(value, condition, raw, now);
}

export type Sort = { property: string; direction: "ascending" | "descending" } | { timestamp: "created_time" | "last_edited_time"; direction: "ascending" | "descending" };

export function validateSorts(sorts: unknown, schema: Record<string, PropertyConfig>): Sort[] {
  if (sorts === undefined) return [];
  if (!Array.isArray(sorts)) throw validationError(`body failed validation: body.sorts should be an array, instead was \`${JSON.stringify(sorts)}\`.`);
  return sorts.map((s, i) => {
    if (!isObject(s) || (s.direction !== "ascending" && s.direction !== "descending")) {
      throw validationError(`body failed validation: body.sorts[${i}].direction should be \`"ascending"\` or \`"descending"\`.`);
    }
    if (s.timestamp === "created_time" || s.timestamp === "last_edited_time") return { timestamp: s.timestamp, direction: s.direction };
    if (typeof s.property !== "string") throw validationError(`body failed validation: body.sorts[${i}].property should be defined, instead was \`undefined\`.`);
    const config = findProperty(schema, s.property);
    if (!config) throw validationError(`Could not find sort property with name or id: ${s.property}`);
    return { property: config.name, direction: s.direction };
  });
}

/** A sortable key: null sorts after every value, whichever the direction, as in Notion. */
function sortKey(value: PropertyValue | undefined, config: PropertyConfig | undefined): string | number | null {
  if (!value) return null;
  switch (value.type) {
    case "number":
      return value.number;
    case "checkbox":
      return value.checkbox ? 1 : 0;
    case "date":
      return value.date?.start ?? null;
    case "select":
    case "status": {
      const option = value.type === "select" ? value.select : value.status;
      if (!option) return null;
      const options = config && (config.type === "select" ? config.select.options : config.type === "status" ? config.status.options : []);
      const index = options ? options.findIndex((o) => o.id === option.id) : -1;
      return index >= 0 ? index : option.name;
    }
    case "multi_select":
      return value.multi_select[0]?.name ?? null;
    case "people":
      return value.people[0]?.id ?? null;
    default: {
      const t = textOf(value);
      return t === "" ? null : t.toLowerCase();
    }
  }
}

export function sortPages(pages: PageObjectResponse[], sorts: Sort[], schema: Record<string, PropertyConfig>): PageObjectResponse[] {
  if (!sorts.length) return pages;
  const keyed = pages.map((page, index) => ({
    page,
    index,
    keys: sorts.map((s) => ("timestamp" in s ? page[s.timestamp] : sortKey(page.properties[s.property], schema[s.property]))),
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < sorts.length; i++) {
      const x = a.keys[i] ?? null;
      const y = b.keys[i] ?? null;
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const cmp = x < y ? -1 : 1;
      return sorts[i]!.direction === "ascending" ? cmp : -cmp;
    }
    return a.index - b.index;
  });
  return keyed.map((k) => k.page);
}
