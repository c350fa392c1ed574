/**
 * Reads a back-test CSV into typed rows. Two formats, told apart by their headers:
 *
 * - items:   `id,created,finished` (one row per work item; other columns ignored)
 * - sprints: `team,sprint,committed,completed` in sprint order, optionally `start,end`
 *
 * Headers match case-insensitively, ignoring spaces, `_` and `-`, through the aliases below. A `project`
 * or `team` column, when present, splits the file into groups that are back-tested separately.
 * Dates may be ISO 8601 (with or without time and offset), dd/MM/yyyy, MM/dd/yyyy, dd.MM.yyyy,
 * yyyy/MM/dd, "d MMM yyyy" or Jira's "dd/MMM/yy h:mm a"; one format is chosen for the whole file, the one
 * that reads the most values. Values without an offset are read in the given time zone.
 */
import { tz } from "@date-fns/tz";
import { parse as parseCsv } from "csv-parse/sync";
import { isValid, parse as parseDate, parseISO } from "date-fns";

export type BacktestFormat = "items" | "sprints";

/** A file the back-test cannot use at all. The message is one line, fit to show as is. */
export class BacktestInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BacktestInputError";
  }
}

export const ITEMS_COLUMNS_HINT =
  "items: id,created,finished (aliases created_date|createdAt|created_at, finished_date|resolved|resolutiondate|done|closed; optional project|team)";
export const SPRINTS_COLUMNS_HINT = "sprints: team,sprint,committed,completed in sprint order (optional start,end)";

/** One work item. `finished` is null for an item not finished (yet). */
export interface ItemRow {
  /** The id column's value, or the 1-based data row number when the file has no id column. */
  id: string;
  /** The group column's value; "all" when the file has none. */
  group: string;
  created: Date;
  finished: Date | null;
}

/** One sprint, in file order within its group. */
export interface SprintRow {
  group: string;
  sprint: string;
  committed: number | null;
  completed: number;
  start: Date | null;
  end: Date | null;
}

/** Why rows were left out, by reason; only reasons that occurred appear. */
export type SkipCounts = Record<string, number>;

interface ParsedCommon {
  /** Data rows read (header excluded). */
  rows: number;
  /** Rows dropped while reading, by reason. */
  skipped: SkipCounts;
  /** True when a project/team column split the file. */
  grouped: boolean;
  /** One-line remarks worth showing the reader, e.g. the date format chosen. */
  notes: string[];
}

export type ParsedBacktestFile =
  | (ParsedCommon & { format: "items"; items: ItemRow[] })
  | (ParsedCommon & { format: "sprints"; sprints: SprintRow[] });

export interface ParseOptions {
  /** Force a format instead of detecting it from the headers. */
  format?: BacktestFormat;
  /** IANA zone for date values without an offset; default UTC. */
  timezone?: string;
}

const ALIASES = {
  id: ["id", "key", "issue", "issuekey", "issueid"],
  created: ["created", "createddate", "createdat"],
  finished: ["finished", "finisheddate", "resolved", "resolutiondate", "done", "closed"],
  group: ["project", "team", "projectkey"],
  sprint: ["sprint", "sprintname", "iteration"],
  committed: ["committed", "commitment", "planned"],
  completed: ["completed", "delivered", "velocity"],
  start: ["start", "startdate", "sprintstart"],
  end: ["end", "enddate", "sprintend"],
} as const;

type Column = keyof typeof ALIASES;

/** Parses `text` (a whole CSV file). Throws {@link BacktestInputError} when the file cannot be used. */
export function parseBacktestCsv(text: string, options: ParseOptions = {}): ParsedBacktestFile {
  const records = readRecords(text);
  const header = records[0];
  if (!header || header.every((h) => h.trim() === "")) {
    throw new BacktestInputError(`The file is empty; expected a header row — ${ITEMS_COLUMNS_HINT}; or ${SPRINTS_COLUMNS_HINT}.`);
  }
  const columns = findColumns(header);
  const format = options.format ?? detectFormat(columns);
  const data = records.slice(1).filter((r) => r.some((cell) => cell.trim() !== ""));
  if (data.length === 0) {
    throw new BacktestInputError(`The file has a header but no data rows; expected ${format === "items" ? ITEMS_COLUMNS_HINT : SPRINTS_COLUMNS_HINT}.`);
  }
  const zone = options.timezone ?? "UTC";
  return format === "items" ? readItems(data, columns, zone) : readSprints(data, columns, zone);
}

function readRecords(text: string): string[][] {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  // Spreadsheets in many locales export with ";" (or tabs); the header line says which.
  const delimiter = [",", ";", "\t"].reduce((best, d) => (count(firstLine, d) > count(firstLine, best) ? d : best), ",");
  try {
    return parseCsv(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n", 1)[0] : String(error);
    throw new BacktestInputError(`The file is not readable CSV (${reason}).`);
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function normaliseHeader(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.]/g, "");
}

function findColumns(header: string[]): Partial<Record<Column, number>> {
  const normalised = header.map(normaliseHeader);
  const found: Partial<Record<Column, number>> = {};
  for (const column of Object.keys(ALIASES) as Column[]) {
    // Alias order is preference order: a Jira export with both "Created" and "Created Date" uses "Created".
    for (const alias of ALIASES[column]) {
      const index = normalised.indexOf(alias);
      if (index !== -1) {
        found[column] = index;
        break;
      }
    }
  }
  return found;
}

function detectFormat(columns: Partial<Record<Column, number>>): BacktestFormat {
  if (columns.sprint !== undefined && columns.completed !== undefined) return "sprints";
  if (columns.finished !== undefined) return "items";
  throw new BacktestInputError(
    `Unrecognised columns; expected one of — ${ITEMS_COLUMNS_HINT}; or ${SPRINTS_COLUMNS_HINT}.`,
  );
}

function requireColumns(columns: Partial<Record<Column, number>>, needed: Column[], hint: string) {
  const missing = needed.filter((c) => columns[c] === undefined);
  if (missing.length > 0) throw new BacktestInputError(`Missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; expected ${hint}.`);
}

function cell(row: string[], index: number | undefined): string {
  return index === undefined ? "" : (row[index] ?? "").trim();
}

function bump(counts: SkipCounts, reason: string) {
  counts[reason] = (counts[reason] ?? 0) + 1;
}

function readItems(data: string[][], columns: Partial<Record<Column, number>>, zone: string): ParsedBacktestFile {
  requireColumns(columns, ["created", "finished"], ITEMS_COLUMNS_HINT);
  const reader = chooseDateReader(
    data.flatMap((r) => [cell(r, columns.created), cell(r, columns.finished)]),
    zone,
  );
  const skipped: SkipCounts = {};
  const items: ItemRow[] = [];
  data.forEach((row, i) => {
    const createdText = cell(row, columns.created);
    const finishedText = cell(row, columns.finished);
    const created = createdText === "" ? null : reader.read(createdText);
    const finished = finishedText === "" ? null : reader.read(finishedText);
    if (createdText === "") return bump(skipped, "no created date");
    if (created === null || (finishedText !== "" && finished === null)) return bump(skipped, "unreadable date");
    items.push({
      id: cell(row, columns.id) || String(i + 1),
      group: cell(row, columns.group) || "all",
      created,
      finished,
    });
  });
  return {
    format: "items",
    items,
    rows: data.length,
    skipped,
    grouped: columns.group !== undefined,
    notes: reader.notes,
  };
}

function readSprints(data: string[][], columns: Partial<Record<Column, number>>, zone: string): ParsedBacktestFile {
  requireColumns(columns, ["sprint", "completed"], SPRINTS_COLUMNS_HINT);
  const reader = chooseDateReader(
    data.flatMap((r) => [cell(r, columns.start), cell(r, columns.end)]),
    zone,
  );
  const skipped: SkipCounts = {};
  const sprints: SprintRow[] = [];
  for (const row of data) {
    const completed = readNumber(cell(row, columns.completed));
    if (completed === null) {
      bump(skipped, "no completed figure");
      continue;
    }
    const startText = cell(row, columns.start);
    const endText = cell(row, columns.end);
    sprints.push({
      group: cell(row, columns.group) || "all",
      sprint: cell(row, columns.sprint),
      committed: readNumber(cell(row, columns.committed)),
      completed,
      start: startText === "" ? null : reader.read(startText),
      end: endText === "" ? null : reader.read(endText),
    });
  }
  return {
    format: "sprints",
    sprints,
    rows: data.length,
    skipped,
    grouped: columns.group !== undefined,
    notes: reader.notes,
  };
}

/** A non-negative number; accepts a decimal comma ("12,5"). */
function readNumber(text: string): number | null {
  if (!/^\d+([.,]\d+)?$/.test(text)) return null;
  return Number(text.replace(",", "."));
}

const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?)?`;
const TIME_FORMATS = ["", " H:mm", " H:mm:ss", " h:mm a", " h:mm:ss a", "'T'H:mm", "'T'H:mm:ss"];

interface DateCandidate {
  name: string;
  /** Cheap shape test; `plausible` checks day/month ranges on its captures. */
  shape: RegExp;
  plausible?: (m: RegExpMatchArray) => boolean;
  /** date-fns formats tried in order; null = ISO 8601 through parseISO. */
  formats: string[] | null;
}

const day = (s: string | undefined) => Number(s) >= 1 && Number(s) <= 31;
const month = (s: string | undefined) => Number(s) >= 1 && Number(s) <= 12;

/** In preference order: on a tie (e.g. every day ≤ 12) the earlier one wins. */
const DATE_CANDIDATES: DateCandidate[] = [
  {
    name: "ISO 8601",
    shape: /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/,
    formats: null,
  },
  {
    name: "dd/MM/yyyy",
    shape: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/\d{4}${TIME}$`),
    plausible: (m) => day(m[1]) && month(m[2]),
    formats: TIME_FORMATS.map((t) => `d/M/yyyy${t}`),
  },
  {
    name: "MM/dd/yyyy",
    shape: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/\d{4}${TIME}$`),
    plausible: (m) => month(m[1]) && day(m[2]),
    formats: TIME_FORMATS.map((t) => `M/d/yyyy${t}`),
  },
  {
    name: "dd.MM.yyyy",
    shape: new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.\d{4}${TIME}$`),
    plausible: (m) => day(m[1]) && month(m[2]),
    formats: TIME_FORMATS.map((t) => `d.M.yyyy${t}`),
  },
  {
    name: "yyyy/MM/dd",
    shape: new RegExp(String.raw`^\d{4}/(\d{1,2})/(\d{1,2})${TIME}$`),
    plausible: (m) => month(m[1]) && day(m[2]),
    formats: TIME_FORMATS.map((t) => `yyyy/M/d${t}`),
  },
  {
    name: "d MMM yyyy",
    shape: new RegExp(String.raw`^\d{1,2} [A-Za-z]{3,9}\.? \d{4}${TIME}$`),
    formats: TIME_FORMATS.flatMap((t) => [`d MMM yyyy${t}`, `d MMMM yyyy${t}`]),
  },
  {
    name: "dd/MMM/yy",
    shape: new RegExp(String.raw`^\d{1,2}/[A-Za-z]{3}/\d{2}${TIME}$`),
    formats: TIME_FORMATS.map((t) => `d/MMM/yy${t}`),
  },
];

// Two-digit years resolve to the century nearest this date (1950–2049), whatever today is.
const REFERENCE_DATE = new Date(Date.UTC(2000, 0, 1));

interface DateReader {
  read(text: string): Date | null;
  notes: string[];
}

/**
 * Picks the candidate whose shape fits the most distinct values and returns a reader for it. Deciding on
 * shapes first keeps date-fns parsing (slow with a time zone) to one candidate per distinct value.
 */
function chooseDateReader(values: string[], zone: string): DateReader {
  const distinct = [...new Set(values.filter((v) => v !== ""))];
  const scores = DATE_CANDIDATES.map((candidate) => ({
    candidate,
    fits: distinct.filter((v) => {
      const m = v.match(candidate.shape);
      return m !== null && (candidate.plausible?.(m) ?? true);
    }).length,
  }));
  const best = scores.reduce((a, b) => (b.fits > a.fits ? b : a));
  const notes: string[] = [];
  if (distinct.length > 0 && best.fits > 0) {
    notes.push(`dates read as ${best.candidate.name}${best.fits < distinct.length ? ` (${distinct.length - best.fits} distinct values did not fit)` : ""}`);
    const rival = scores.find((s) => s !== best && s.fits === best.fits && s.candidate.shape.source === best.candidate.shape.source);
    if (rival) notes.push(`every date also reads as ${rival.candidate.name}; chose ${best.candidate.name}, use ISO dates to be sure`);
  }
  const context = { in: tz(zone) };
  const cache = new Map<string, Date | null>();
  const candidate = best.candidate;
  const readOne = (text: string): Date | null => {
    const m = text.match(candidate.shape);
    if (m === null || !(candidate.plausible?.(m) ?? true)) return null;
    if (candidate.formats === null) return validOrNull(parseISO(isoForParse(text), context));
    for (const format of candidate.formats) {
      const parsed = parseDate(text, format, REFERENCE_DATE, context);
      if (isValid(parsed)) return new Date(parsed.getTime());
    }
    return null;
  };
  return {
    notes,
    read(text) {
      if (!cache.has(text)) cache.set(text, readOne(text));
      return cache.get(text) ?? null;
    },
  };
}

/** parseISO wants "T" between date and time and no space before the offset. */
function isoForParse(text: string): string {
  return text.replace(/^(\d{4}-\d{2}-\d{2}) /, "$1T").replace(/\s(?=(?:Z|[+-]\d{2}(?::?\d{2})?)$)/, "");
}

function validOrNull(date: Date): Date | null {
  return isValid(date) ? new Date(date.getTime()) : null;
}
