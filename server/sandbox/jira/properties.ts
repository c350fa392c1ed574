import { BadRequest } from "./http";

/**
 * Entity properties: the JSON values integrations store against issues and comments (Jira's
 * "issue properties" and "comment properties"). They are set with the entity (`properties` on
 * create), read with it (`properties=` on issues, `expand=properties` on comments) or one by one
 * under `/properties/{propertyKey}`.
 */

/** Jira refuses property keys longer than this. */
export const PROPERTY_KEY_LIMIT = 255;
/** Jira refuses property values whose JSON is longer than this. */
export const PROPERTY_VALUE_LIMIT = 32_768;

/** Something that can carry entity properties. */
export interface PropertyHolder {
  properties?: Record<string, unknown>;
}

/** Checks one key and value the way Jira does; throws a 400 with Jira's wording. */
export function checkProperty(key: unknown, value: unknown): asserts key is string {
  if (typeof key !== "string" || key.trim() === "") throw new BadRequest("The property key cannot be empty.");
  if (key.length > PROPERTY_KEY_LIMIT) throw new BadRequest(`The property key cannot be longer than ${PROPERTY_KEY_LIMIT} characters.`);
  if (value === undefined) throw new BadRequest(`The value of property '${key}' must be a valid, non-empty JSON value.`);
  if (JSON.stringify(value).length > PROPERTY_VALUE_LIMIT) throw new BadRequest(`The value of property '${key}' exceeds the maximum length of ${PROPERTY_VALUE_LIMIT} characters.`);
}

/**
 * The `properties` list of a create or edit body (`[{ key, value }]`), validated. Checked before
 * anything is written, so a bad list leaves the store unchanged.
 */
export function propertyList(raw: unknown): { key: string; value: unknown }[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new BadRequest("'properties' must be a list of {\"key\": ..., \"value\": ...} objects.");
  return raw.map((item) => {
    const entry = (item ?? {}) as { key?: unknown; value?: unknown };
    checkProperty(entry.key, entry.value);
    return { key: entry.key, value: entry.value };
  });
}

/** Stores `list` on `holder` (set semantics: an existing key is overwritten). */
export function setProperties(holder: PropertyHolder, list: { key: string; value: unknown }[]): void {
  if (list.length === 0) return;
  holder.properties = { ...holder.properties };
  for (const { key, value } of list) holder.properties[key] = structuredClone(value);
}

/**
 * The keys an issue's `properties` parameter selects: `*all`, names, and `-name` exclusions
 * ("*all,-prop1"), as in GET /issue and the enhanced search.
 */
export function selectProperties(holder: PropertyHolder, requested: string[]): Record<string, unknown> {
  const stored = holder.properties ?? {};
  const wanted = new Set<string>();
  for (const token of requested) {
    if (token === "*all") Object.keys(stored).forEach((k) => wanted.add(k));
    else if (!token.startsWith("-")) wanted.add(token);
  }
  for (const token of requested) if (token.startsWith("-")) wanted.delete(token.slice(1));
  return Object.fromEntries([...wanted].filter((k) => k in stored).map((k) => [k, stored[k]]));
}

/** A comment's properties as Jira lists them under `expand=properties`: `[{ key, value }]`. */
export function propertyEntries(holder: PropertyHolder): { key: string; value: unknown }[] {
  return Object.entries(holder.properties ?? {}).map(([key, value]) => ({ key, value }));
}
