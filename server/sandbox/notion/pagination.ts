import { validationError } from "./errors";

export const MAX_PAGE_SIZE = 100;

/** Reads page_size from a query string or body value: default 100, 1..100 or a validation error. */
export function pageSize(raw: unknown, where: "query" | "body"): number {
  if (raw === undefined || raw === null || raw === "") return MAX_PAGE_SIZE;
  const n = typeof raw === "number" ? raw : Number(raw);
  if (!Number.isInteger(n)) throw validationError(`${where} failed validation: ${where}.page_size should be a number, instead was \`${JSON.stringify(raw)}\`.`);
  if (n > MAX_PAGE_SIZE) throw validationError(`${where} failed validation: ${where}.page_size should be ≤ \`${MAX_PAGE_SIZE}\`, instead was \`${n}\`.`);
  if (n < 1) throw validationError(`${where} failed validation: ${where}.page_size should be ≥ \`1\`, instead was \`${n}\`.`);
  return n;
}

/**
 * Notion's cursor pagination: the cursor is the id of the first item of the next page, so a
 * cursor that names no item in the list is rejected rather than silently restarting.
 */
export function paginate<T>(items: readonly T[], idOf: (item: T) => string, startCursor: string | null | undefined, size: number) {
  let start = 0;
  if (startCursor) {
    start = items.findIndex((i) => idOf(i) === startCursor);
    if (start < 0) throw validationError(`start_cursor provided is invalid: ${startCursor}`);
  }
  const results = items.slice(start, start + size);
  const next = items[start + size];
  return { results, has_more: next !== undefined, next_cursor: next !== undefined ? idOf(next) : null };
}
