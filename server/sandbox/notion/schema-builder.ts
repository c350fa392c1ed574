import { type RichTextItemResponse } from "@notionhq/client";
import { type Rng } from "../core/rng";
import { type PropertyConfig, type PropertyValue } from "./properties";
import { text } from "./rich-text";

type OptionColor = "default" | "gray" | "brown" | "orange" | "yellow" | "green" | "blue" | "purple" | "pink" | "red";

/**
 * Builds a data source's property schema and the matching row values with Notion's shapes
 * (short property ids, option ids, status groups), seeded for determinism.
 */
export class SchemaBuilder {
  readonly properties: Record<string, PropertyConfig> = {};

  constructor(private readonly rng: Rng) {}

  private pid(): string {
    return encodeURIComponent(this.rng.string.alphanumeric({ length: 4, casing: "mixed" }));
  }

  title(name: string): this {
    this.properties[name] = { id: "title", name, description: null, type: "title", title: {} };
    return this;
  }

  simple(name: string, type: "rich_text" | "url" | "date" | "people" | "checkbox"): this {
    const id = this.pid();
    const base = { id, name, description: null };
    const config: PropertyConfig =
      type === "rich_text"
        ? { ...base, type, rich_text: {} }
        : type === "url"
          ? { ...base, type, url: {} }
          : type === "date"
            ? { ...base, type, date: {} }
            : type === "people"
              ? { ...base, type, people: {} }
              : { ...base, type, checkbox: {} };
    this.properties[name] = config;
    return this;
  }

  select(name: string, options: [string, OptionColor][]): this {
    this.properties[name] = {
      id: this.pid(),
      name,
      description: null,
      type: "select",
      select: { options: options.map(([n, color]) => ({ id: this.rng.string.uuid(), name: n, color, description: null })) },
    };
    return this;
  }

  /** A status property; `groups` lists Notion's three groups with the option names in each. */
  status(name: string, groups: { name: "To-do" | "In progress" | "Complete"; color: OptionColor; options: [string, OptionColor][] }[]): this {
    const options = groups.flatMap((g) => g.options.map(([n, color]) => ({ id: this.rng.string.uuid(), name: n, color, description: null })));
    this.properties[name] = {
      id: this.pid(),
      name,
      description: null,
      type: "status",
      status: {
        options,
        groups: groups.map((g) => ({
          id: this.rng.string.uuid(),
          name: g.name,
          color: g.color,
          option_ids: options.filter((o) => g.options.some(([n]) => n === o.name)).map((o) => o.id),
        })),
      },
    };
    return this;
  }
}

/** Row values for a schema built above; unknown names throw, so seeds cannot drift from the schema. */
export class RowValues {
  constructor(private readonly schema: Record<string, PropertyConfig>) {}

  private config(name: string): PropertyConfig {
    const c = this.schema[name];
    if (!c) throw new Error(`No property ${name} in the seeded schema`);
    return c;
  }

  title(name: string, value: string | RichTextItemResponse[]): [string, PropertyValue] {
    return [name, { id: this.config(name).id, type: "title", title: typeof value === "string" ? [text(value)] : value }];
  }

  richText(name: string, value: RichTextItemResponse[]): [string, PropertyValue] {
    return [name, { id: this.config(name).id, type: "rich_text", rich_text: value }];
  }

  option(name: string, optionName: string | null): [string, PropertyValue] {
    const c = this.config(name);
    const options = c.type === "select" ? c.select.options : c.type === "status" ? c.status.options : null;
    if (!options) throw new Error(`${name} is not a select or status property`);
    const o = optionName === null ? null : options.find((x) => x.name === optionName);
    if (optionName !== null && !o) throw new Error(`No option ${optionName} in ${name}`);
    const value = o ? { id: o.id, name: o.name, color: o.color } : null;
    return [name, c.type === "select" ? { id: c.id, type: "select", select: value } : { id: c.id, type: "status", status: value }];
  }

  date(name: string, start: string | null): [string, PropertyValue] {
    return [name, { id: this.config(name).id, type: "date", date: start ? { start, end: null, time_zone: null } : null }];
  }

  people(name: string, userIds: string[]): [string, PropertyValue] {
    return [name, { id: this.config(name).id, type: "people", people: userIds.map((id) => ({ object: "user" as const, id })) }];
  }

  url(name: string, url: string | null): [string, PropertyValue] {
    return [name, { id: this.config(name).id, type: "url", url }];
  }

  checkbox(name: string, checked: boolean): [string, PropertyValue] {
    return [name, { id: this.config(name).id, type: "checkbox", checkbox: checked }];
  }
}
