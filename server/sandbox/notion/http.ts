import { type Context } from "hono";
import { type NotionAccess } from "./access";
import { NotionApiError, validationError } from "./errors";

export type NotionEnv = { Variables: { access: NotionAccess } };

/** The request's JSON body; an absent body is `{}` (the official client omits empty bodies). */
export async function readBody(c: Context): Promise<Record<string, unknown>> {
  const raw = await c.req.text();
  if (!raw.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new NotionApiError(400, "invalid_json", "Error parsing JSON body.");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw validationError("body failed validation: body should be an object.");
  return parsed as Record<string, unknown>;
}

/** `filter_properties` (repeated query parameter): the property ids to keep, or null for all. */
export function filterProperties(c: Context): string[] | null {
  const ids = c.req.queries("filter_properties");
  return ids?.length ? ids.map((id) => decodeURIComponent(id)) : null;
}
