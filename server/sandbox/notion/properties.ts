import { type DataSourceObjectResponse, type PageObjectResponse, type PropertyItemObjectResponse } from "@notionhq/client";
import { z } from "zod";
import { fromZod, validationError } from "./errors";
import { plainText, richTextFromRequest, richTextRequestSchema, type MentionResolver } from "./rich-text";

export type PropertyConfig = DataSourceObjectResponse["properties"][string];
export type PropertyValue = PageObjectResponse["properties"][string];
type SelectOption = { id: string; name: string; color: "default" | "gray" | "brown" | "orange" | "yellow" | "green" | "blue" | "purple" | "pink" | "red" };

/** Finds a data source property by name or by id (requests may use either). */
export function findProperty(schema: Record<string, PropertyConfig>, key: string): PropertyConfig | undefined {
  return schema[key] ?? Object.values(schema).find((p) => p.id === key || p.id === encodeURIComponent(key) || decodeURIComponent(p.id) === key);
}

/** The empty value of each property type, as a new row shows it. */
export function emptyValue(config: PropertyConfig): PropertyValue {
  const id = config.id;
  switch (config.type) {
    case "title":
      return { id, type: "title", title: [] };
    case "rich_text":
      return { id, type: "rich_text", rich_text: [] };
    case "number":
      return { id, type: "number", number: null };
    case "url":
      return { id, type: "url", url: null };
    case "email":
      return { id, type: "email", email: null };
    case "phone_number":
      return { id, type: "phone_number", phone_number: null };
    case "select":
      return { id, type: "select", select: null };
    case "status":
      return { id, type: "status", status: null };
    case "multi_select":
      return { id, type: "multi_select", multi_select: [] };
    case "date":
      return { id, type: "date", date: null };
    case "people":
      return { id, type: "people", people: [] };
    case "checkbox":
      return { id, type: "checkbox", checkbox: false };
    case "relation":
      return { id, type: "relation", relation: [] };
    default:
      throw new Error(`The sandbox does not store ${config.type} properties`);
  }
}

const optionRef = z.union([z.object({ id: z.string(), name: z.string().optional() }), z.object({ name: z.string(), id: z.string().optional() })]);
const dateValue = z.object({ start: z.string(), end: z.string().nullable().optional(), time_zone: z.string().nullable().optional() });

const valueSchemas = {
  title: z.object({ title: z.array(richTextRequestSchema).max(100) }),
  rich_text: z.object({ rich_text: z.array(richTextRequestSchema).max(100) }),
  number: z.object({ number: z.number().nullable() }),
  url: z.object({ url: z.string().nullable() }),
  email: z.object({ email: z.string().nullable() }),
  phone_number: z.object({ phone_number: z.string().nullable() }),
  select: z.object({ select: optionRef.nullable() }),
  status: z.object({ status: optionRef.nullable() }),
  multi_select: z.object({ multi_select: z.array(optionRef).max(100) }),
  date: z.object({ date: dateValue.nullable() }),
  people: z.object({ people: z.array(z.object({ id: z.string() })).max(100) }),
  checkbox: z.object({ checkbox: z.boolean() }),
  relation: z.object({ relation: z.array(z.object({ id: z.string() })).max(100) }),
} as const;

export interface ValueContext extends MentionResolver {
  userExists(id: string): boolean;
  /** New ids for select options a write introduces (Notion adds unknown select names to the schema). */
  newOptionId(): string;
}

function pickOption(options: SelectOption[], ref: z.infer<typeof optionRef>, allowCreate: boolean, ctx: ValueContext, propName: string): SelectOption {
  const found = options.find((o) => (ref.id !== undefined && o.id === ref.id) || (ref.name !== undefined && o.name === ref.name));
  if (found) return { id: found.id, name: found.name, color: found.color };
  if (!allowCreate || ref.name === undefined) throw validationError(`Invalid ${ref.name !== undefined ? `option name "${ref.name}"` : `option id "${ref.id ?? ""}"`} for property ${propName}.`);
  const created: SelectOption = { id: ctx.newOptionId(), name: ref.name, color: "default" };
  options.push({ ...created, description: null } as SelectOption);
  return created;
}

/**
 * Parses one property value of a create/update request against the data source's schema,
 * answering Notion's validation messages ("Status is expected to be status.").
 * Select and multi-select options unknown by name are added to `config`, as Notion does.
 */
export function parsePropertyValue(key: string, raw: unknown, config: PropertyConfig, ctx: ValueContext): PropertyValue {
  const id = config.id;
  const name = config.name;
  if (!raw || typeof raw !== "object" || !(config.type in (raw as object))) {
    const declared = raw && typeof raw === "object" ? Object.keys(raw).find((k) => k !== "type" && k !== "id") : undefined;
    throw validationError(declared ? `${name} is expected to be ${config.type}.` : `body failed validation: body.properties.${key}.${config.type} should be defined, instead was \`undefined\`.`);
  }
  const schema = valueSchemas[config.type as keyof typeof valueSchemas];
  if (!schema) throw validationError(`${name} is a ${config.type} property, which the sandbox cannot write.`);
  const parsed = schema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw fromZod(parsed.error, `body.properties.${key}`);
  const v = parsed.data as Record<string, unknown>;
  switch (config.type) {
    case "title":
      return { id, type: "title", title: richTextFromRequest(v.title as z.infer<typeof richTextRequestSchema>[], ctx) };
    case "rich_text":
      return { id, type: "rich_text", rich_text: richTextFromRequest(v.rich_text as z.infer<typeof richTextRequestSchema>[], ctx) };
    case "number":
      return { id, type: "number", number: v.number as number | null };
    case "url":
      return { id, type: "url", url: v.url as string | null };
    case "email":
      return { id, type: "email", email: v.email as string | null };
    case "phone_number":
      return { id, type: "phone_number", phone_number: v.phone_number as string | null };
    case "checkbox":
      return { id, type: "checkbox", checkbox: v.checkbox as boolean };
    case "select": {
      const ref = v.select as z.infer<typeof optionRef> | null;
      return { id, type: "select", select: ref ? pickOption(config.select.options as SelectOption[], ref, true, ctx, name) : null };
    }
    case "multi_select": {
      const refs = v.multi_select as z.infer<typeof optionRef>[];
      return { id, type: "multi_select", multi_select: refs.map((r) => pickOption(config.multi_select.options as SelectOption[], r, true, ctx, name)) };
    }
    case "status": {
      const ref = v.status as z.infer<typeof optionRef> | null;
      return { id, type: "status", status: ref ? pickOption(config.status.options as SelectOption[], ref, false, ctx, name) : null };
    }
    case "date": {
      const d = v.date as z.infer<typeof dateValue> | null;
      return { id, type: "date", date: d ? { start: d.start, end: d.end ?? null, time_zone: d.time_zone ?? null } : null };
    }
    case "people": {
      const people = v.people as { id: string }[];
      for (const p of people) if (!ctx.userExists(p.id)) throw validationError(`body failed validation: body.properties.${key}.people contains an unknown user id \`${p.id}\`.`);
      return { id, type: "people", people: people.map((p) => ({ object: "user" as const, id: p.id })) };
    }
    case "relation":
      return { id, type: "relation", relation: (v.relation as { id: string }[]).map((r) => ({ id: r.id })) };
    default:
      throw validationError(`${name} is a ${config.type} property, which the sandbox cannot write.`);
  }
}

/** The page's title text (the value of its title property). */
export function pageTitle(page: PageObjectResponse): string {
  const title = Object.values(page.properties).find((p) => p.type === "title");
  return title && title.type === "title" ? plainText(title.title) : "";
}

/** Property items for GET /v1/pages/{id}/properties/{property_id}: list types paginate, the rest are single items. */
export function propertyItems(value: PropertyValue): { list: true; items: PropertyItemObjectResponse[] } | { list: false; item: PropertyItemObjectResponse } {
  const base = { object: "property_item" as const, id: value.id };
  switch (value.type) {
    case "title":
      return { list: true, items: value.title.map((t) => ({ ...base, type: "title" as const, title: t })) };
    case "rich_text":
      return { list: true, items: value.rich_text.map((t) => ({ ...base, type: "rich_text" as const, rich_text: t })) };
    case "people":
      return {
        list: true,
        items: value.people.filter((p): p is { object: "user"; id: string } => "object" in p && p.object === "user").map((p) => ({ ...base, type: "people" as const, people: p })),
      };
    case "relation":
      return { list: true, items: value.relation.map((r) => ({ ...base, type: "relation" as const, relation: { id: r.id } })) };
    case "select":
      return { list: false, item: { ...base, type: "select", select: value.select } };
    case "status":
      return { list: false, item: { ...base, type: "status", status: value.status } };
    case "multi_select":
      return { list: false, item: { ...base, type: "multi_select", multi_select: value.multi_select } };
    case "date":
      return { list: false, item: { ...base, type: "date", date: value.date } };
    case "number":
      return { list: false, item: { ...base, type: "number", number: value.number } };
    case "url":
      return { list: false, item: { ...base, type: "url", url: value.url } };
    case "email":
      return { list: false, item: { ...base, type: "email", email: value.email } };
    case "phone_number":
      return { list: false, item: { ...base, type: "phone_number", phone_number: value.phone_number } };
    case "checkbox":
      return { list: false, item: { ...base, type: "checkbox", checkbox: value.checkbox } };
    case "created_time":
      return { list: false, item: { ...base, type: "created_time", created_time: value.created_time } };
    case "last_edited_time":
      return { list: false, item: { ...base, type: "last_edited_time", last_edited_time: value.last_edited_time } };
    default:
      throw validationError(`Property type ${value.type} is not readable as items in the sandbox.`);
  }
}
