import { randomUUID } from "node:crypto";
import { type Context } from "hono";
import { type z } from "zod";

/** A Notion API error: answered as {object:"error", status, code, message, request_id}. */
export class NotionApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 429 | 500,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function validationError(message: string): NotionApiError {
  return new NotionApiError(400, "validation_error", message);
}

/** Notion's answer for ids that do not exist and for objects not shared with the integration alike. */
export function notFound(kind: "page" | "block" | "database" | "data_source" | "user" | "comment", id: string): NotionApiError {
  const what = kind === "data_source" ? "data source" : kind;
  return new NotionApiError(404, "object_not_found", `Could not find ${what} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`);
}

export function restricted(): NotionApiError {
  return new NotionApiError(403, "restricted_resource", "Insufficient permissions for this endpoint.");
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  return JSON.stringify(value) ?? String(value);
}

function pathOf(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : `${acc}.${String(p)}`), root);
}

/** Renders a zod failure the way Notion words body validation errors. */
export function fromZod(error: z.ZodError, root = "body"): NotionApiError {
  const issue = error.issues[0];
  if (!issue) return validationError(`${root} failed validation.`);
  const at = pathOf(root, issue.path);
  const input = (issue as { input?: unknown }).input;
  let detail: string;
  switch (issue.code) {
    case "too_big":
      detail = `${at}${issue.origin === "array" || issue.origin === "string" ? ".length" : ""} should be ≤ \`${String(issue.maximum)}\`, instead was \`${
        Array.isArray(input) || typeof input === "string" ? input.length : describe(input)
      }\`.`;
      break;
    case "too_small":
      detail = `${at}${issue.origin === "array" || issue.origin === "string" ? ".length" : ""} should be ≥ \`${String(issue.minimum)}\`, instead was \`${
        Array.isArray(input) || typeof input === "string" ? input.length : describe(input)
      }\`.`;
      break;
    case "invalid_type":
      detail = input === undefined ? `${at} should be defined, instead was \`undefined\`.` : `${at} should be ${issue.expected === "object" ? "an object" : `a ${issue.expected}`}, instead was \`${describe(input)}\`.`;
      break;
    default:
      detail = `${at} is invalid: ${issue.message}.`;
  }
  return validationError(`${root} failed validation: ${detail}`);
}

export function errorResponse(c: Context, err: NotionApiError) {
  return c.json({ object: "error", status: err.status, code: err.code, message: err.message, request_id: randomUUID() }, err.status);
}
