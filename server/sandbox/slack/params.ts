import { type Context } from "hono";
import { invalidArguments, SlackError } from "./errors";

export type SlackParams = Record<string, unknown>;

/**
 * Method arguments the way the Web API takes them: query string for GET, and for POST a
 * form-encoded, multipart or JSON body (JSON values keep their types; form values are strings).
 */
export async function readParams(c: Context): Promise<SlackParams> {
  const params: SlackParams = { ...c.req.query() };
  if (c.req.method !== "POST") return params;
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (type.includes("application/json")) {
    const raw = await c.req.text();
    if (!raw.trim()) return params;
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new SlackError("invalid_json");
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) throw new SlackError("json_not_object");
    return { ...params, ...(body as SlackParams) };
  }
  if (type.includes("multipart/form-data")) {
    const form = await c.req.parseBody();
    for (const [k, v] of Object.entries(form)) if (typeof v === "string") params[k] = v;
    return params;
  }
  for (const [k, v] of new URLSearchParams(await c.req.text())) params[k] = v;
  return params;
}

export function str(params: SlackParams, name: string): string | undefined {
  const v = params[name];
  if (v === undefined || v === null || v === "") return undefined;
  return typeof v === "string" ? v : String(v);
}

export function bool(params: SlackParams, name: string, fallback = false): boolean {
  const v = params[name];
  if (v === undefined || v === null || v === "") return fallback;
  if (typeof v === "boolean") return v;
  return v === "true" || v === "1";
}

/** An integer argument; non-numbers are invalid_arguments, out-of-range values are clamped like Slack does. */
export function int(params: SlackParams, name: string, fallback: number, max: number): number {
  const v = params[name];
  if (v === undefined || v === null || v === "") return fallback;
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isFinite(n)) throw invalidArguments(`${name} must be an integer`);
  if (n <= 0) return fallback;
  return Math.min(Math.floor(n), max);
}

/** A JSON argument (blocks), sent by the client as a JSON string in form bodies. */
export function json(params: SlackParams, name: string): unknown {
  const v = params[name];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    throw new SlackError(name === "blocks" ? "invalid_blocks_format" : "invalid_arguments");
  }
}
