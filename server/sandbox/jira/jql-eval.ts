import { TZDate } from "@date-fns/tz";
import { adfToText } from "./adf";
import { CF, ISSUE_TYPES, LINK_TYPES, PRIORITIES, RESOLUTIONS, STATUS_CATEGORIES, STATUSES, linkTypeById, statusById } from "./catalog";
import { JqlError, parseJql, type JqlExpr, type JqlLiteral, type JqlOperand, type JqlOperator, type JqlPredicate, type JqlQuery, type JqlSort } from "./jql";
import { type JiraLookup } from "./lookup";
import { type JiraIssue } from "./state";

/**
 * Gives JQL its meaning over the sandbox's issues: resolves fields, values and functions the way
 * Jira does (with Jira's validation messages), evaluates clauses including the history operators,
 * and sorts. Date literals and date functions are read in the searching user's time zone, as
 * Jira does; relative dates and date functions count from the sandbox's logical now.
 */

export interface JqlContext {
  lookup: JiraLookup;
  now: Date;
  /** The caller's account id for currentUser(); null for anonymous. */
  currentAccountId: string | null;
  /** The caller's time zone (IANA), in which date literals and startOfDay() etc. are read; UTC when absent. */
  timeZone?: string;
}

/** A parsed and validated query, ready to filter and sort issues. */
export interface CompiledJql {
  query: JqlQuery;
  /** Whether the query restricts the result (Jira's enhanced search refuses unbounded queries). */
  bounded: boolean;
  matches: (issue: JiraIssue) => boolean;
  compare: (a: JiraIssue, b: JiraIssue) => number;
}

type Key = string;

interface EqSpec {
  get: (issue: JiraIssue) => Key[];
  /** Keys for a literal value, or null when the value does not exist for the field. */
  resolve: (value: string) => Key[] | null;
  functions?: Record<string, (args: string[]) => Key[]>;
}

interface OrdSpec {
  get: (issue: JiraIssue) => number | null;
  /** A number for the literal, or an error message. */
  resolve: (lit: JqlLiteral) => number | string;
}

interface HistorySpec {
  /** The changelog item `field` this JQL field's history is recorded under. */
  field: string;
}

interface FieldSpec {
  /** The name Jira uses for the field in messages. */
  label: string;
  eq?: EqSpec;
  ord?: OrdSpec;
  text?: (issue: JiraIssue) => string;
  history?: HistorySpec;
  sort?: (issue: JiraIssue) => string | number | null;
  /** The message for a value that does not exist, when Jira words it differently. */
  unknownValue?: (value: string) => string;
  /** Default ORDER BY direction when none is given. */
  defaultDesc?: boolean;
}

const DAY = 86_400_000;
const lower = (s: string) => s.toLowerCase();

// ---------- dates ----------

/**
 * Jira's accepted date literal formats, plus relative periods ("-7d", "4w 2d", "-1h", "30m").
 * Absolute dates are wall-clock times in `zone` (the searching user's time zone).
 */
export function parseJqlDate(value: string, now: Date, zone = "UTC"): number | null {
  const abs = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(value.trim());
  if (abs) {
    const [y, m, d, hh, mm] = abs.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as number[];
    if (m! < 1 || m! > 12 || d! < 1 || d! > 31 || hh! > 23 || mm! > 59) return null;
    const t = new TZDate(y!, m! - 1, d!, hh!, mm!, zone);
    return t.getDate() === d ? t.getTime() : null;
  }
  const rel = value.trim();
  if (/^[+-]?\s*(\d+\s*[wdhm]\s*)+$/i.test(rel)) {
    const sign = rel.startsWith("-") ? -1 : 1;
    let ms = 0;
    for (const m of rel.matchAll(/(\d+)\s*([wdhm])/gi)) {
      const n = Number(m[1]);
      const unit = m[2]!.toLowerCase();
      ms += n * (unit === "w" ? 7 * DAY : unit === "d" ? DAY : unit === "h" ? 3_600_000 : 60_000);
    }
    return now.getTime() + sign * ms;
  }
  return null;
}

/** Midnight (in `zone`) of the day `offsetDays` after the day containing `t`. */
function startOfDayIn(t: number, zone: string, offsetDays = 0): number {
  const d = new TZDate(t, zone);
  return new TZDate(d.getFullYear(), d.getMonth(), d.getDate() + offsetDays, zone).getTime();
}

/** now(), startOfDay("-1d"), endOfWeek(), ... — Jira's date functions (weeks start on Sunday), in the user's `zone`. */
function dateFunction(name: string, args: string[], now: Date, zone = "UTC"): number | undefined {
  const fn = lower(name);
  const inc = args[0] ? parseJqlDate(args[0].startsWith("+") || args[0].startsWith("-") ? args[0] : `+${args[0]}`, new Date(0)) : 0;
  const shift = inc ?? 0;
  const t = now.getTime();
  const d = new TZDate(t, zone);
  const y = d.getFullYear();
  const mo = d.getMonth();
  const at = (year: number, month: number, day: number) => new TZDate(year, month, day, zone).getTime();
  switch (fn) {
    case "now":
      return t;
    case "startofday":
      return startOfDayIn(t, zone) + shift;
    case "endofday":
      return startOfDayIn(t, zone, 1) - 1 + shift;
    case "startofweek":
      return startOfDayIn(t, zone, -d.getDay()) + shift;
    case "endofweek":
      return startOfDayIn(t, zone, 7 - d.getDay()) - 1 + shift;
    case "startofmonth":
      return at(y, mo, 1) + shift;
    case "endofmonth":
      return at(y, mo + 1, 1) - 1 + shift;
    case "startofyear":
      return at(y, 0, 1) + shift;
    case "endofyear":
      return at(y + 1, 0, 1) - 1 + shift;
    default:
      return undefined;
  }
}

const dateError = (value: string, label: string) =>
  `Date value '${value}' for field '${label}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`;

function dateOrd(label: string, get: (issue: JiraIssue) => string | null, now: Date, zone: string): OrdSpec {
  return {
    get: (issue) => {
      const v = get(issue);
      // Date-only fields (due date) hold a calendar day: its start in the user's zone.
      return v ? (v.length === 10 ? (parseJqlDate(v, now, zone) ?? null) : new Date(v).getTime()) : null;
    },
    resolve: (lit) => {
      if (lit.kind === "function") return dateFunction(lit.name, lit.args, now, zone) ?? `Unable to find JQL function '${lit.name}()'.`;
      if (lit.kind !== "value") return dateError("EMPTY", label);
      return parseJqlDate(lit.value, now, zone) ?? dateError(lit.value, label);
    },
  };
}

// ---------- text ----------

const STOP_WORDS = new Set("a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with".split(" "));

function stem(word: string): string {
  for (const suffix of ["ing", "ies", "es", "ed", "s"]) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) return suffix === "ies" ? `${word.slice(0, -3)}y` : word.slice(0, -suffix.length);
  }
  return word;
}

const words = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}*]+/u).filter(Boolean);

/**
 * Jira's `~`: every term must occur (stemmed, stop words ignored, `*` as a suffix wildcard); a
 * query wrapped in quotes inside the JQL string is an exact phrase.
 */
export function textMatches(haystack: string, query: string): boolean {
  const q = query.trim();
  if (q.length > 1 && q.startsWith('"') && q.endsWith('"')) {
    const norm = (s: string) => s.toLowerCase().replace(/\s+/g, " ");
    return norm(haystack).includes(norm(q.slice(1, -1)).trim());
  }
  const terms = words(q).filter((t) => !STOP_WORDS.has(t));
  if (!terms.length) return false;
  const hay = new Set(words(haystack).map(stem));
  const hayRaw = words(haystack);
  return terms.every((term) => {
    if (term.endsWith("*")) {
      const prefix = term.replace(/\*+$/, "");
      return hayRaw.some((w) => w.startsWith(prefix));
    }
    return hay.has(stem(term.replace(/\*/g, "")));
  });
}

// ---------- fields ----------

function fieldSpecs(ctx: JqlContext): Map<string, FieldSpec> {
  const { lookup, now } = ctx;
  const { state } = lookup;
  const jira = state.jira;
  const specs = new Map<string, FieldSpec>();
  const add = (names: string[], spec: FieldSpec) => names.forEach((n) => specs.set(lower(n), spec));

  const issueRef = (value: string): Key[] | null => {
    const issue = lookup.issueById.get(value) ?? lookup.issueByKey.get(value.toUpperCase());
    return issue ? [issue.id] : null;
  };
  const userRef = (value: string): Key[] | null => {
    const v = lower(value);
    const hits = state.company.people.filter((p) => lower(p.jiraAccountId) === v || lower(p.email) === v || lower(p.name) === v);
    return hits.length ? hits.map((p) => p.jiraAccountId) : null;
  };
  const userFns = { currentuser: () => (ctx.currentAccountId ? [ctx.currentAccountId] : []) };
  const personName = (accountId: string | null) => (accountId ? (lookup.personByAccountId.get(accountId)?.name ?? accountId) : null);
  const byName = <T extends { id: string; name: string }>(items: readonly T[]) => (value: string) => {
    const hits = items.filter((i) => i.id === value || lower(i.name) === lower(value));
    return hits.length ? hits.map((i) => i.id) : null;
  };

  const issueKeyNumber = (issue: JiraIssue) => Number(issue.key.slice(issue.key.lastIndexOf("-") + 1));
  add(["key", "issuekey", "issue", "id"], {
    label: "key",
    unknownValue: (v) => `An issue with key '${v}' does not exist for field 'key'.`,
    eq: {
      get: (issue) => [issue.id],
      resolve: issueRef,
      functions: {
        linkedissues: (args) => {
          const target = args[0] ? issueRef(args[0]) : null;
          if (!target) return [];
          const wanted = args[1] ? lower(args[1]) : null;
          const out: Key[] = [];
          for (const link of lookup.linksByIssue.get(target[0]!) ?? []) {
            const type = linkTypeById(link.typeId);
            const outgoing = link.sourceId === target[0];
            const description = outgoing ? type?.outward : type?.inward;
            if (wanted && lower(description ?? "") !== wanted && lower(type?.name ?? "") !== wanted) continue;
            out.push(outgoing ? link.targetId : link.sourceId);
          }
          return out;
        },
      },
    },
    sort: (issue) => `${issue.key.slice(0, issue.key.lastIndexOf("-"))}-${String(issueKeyNumber(issue)).padStart(10, "0")}`,
  });
  add(["project"], {
    label: "project",
    eq: { get: (issue) => [issue.projectId], resolve: (v) => byName(jira.projects.flatMap((p) => [{ id: p.id, name: p.key }, { id: p.id, name: p.name }]))(v) },
    sort: (issue) => lookup.projectById.get(issue.projectId)?.name ?? "",
  });
  add(["status"], {
    label: "status",
    eq: { get: (issue) => [issue.statusId], resolve: byName(STATUSES) },
    history: { field: "status" },
    sort: (issue) => STATUSES.findIndex((s) => s.id === issue.statusId),
  });
  add(["statuscategory"], {
    label: "statusCategory",
    eq: {
      get: (issue) => [String(statusById(issue.statusId)?.categoryId ?? 1)],
      resolve: (v) => {
        const c = STATUS_CATEGORIES.find((x) => String(x.id) === v || lower(x.key) === lower(v) || lower(x.name) === lower(v));
        return c ? [String(c.id)] : null;
      },
    },
    sort: (issue) => ["2", "4", "3", "1"].indexOf(String(statusById(issue.statusId)?.categoryId ?? 1)),
  });
  add(["issuetype", "type"], {
    label: "issuetype",
    eq: {
      get: (issue) => [issue.issueTypeId],
      resolve: (v) => (lower(v) === "sub-task" ? ["10003"] : byName(ISSUE_TYPES)(v)),
      functions: {
        standardissuetypes: () => ISSUE_TYPES.filter((t) => !t.subtask).map((t) => t.id),
        subtaskissuetypes: () => ISSUE_TYPES.filter((t) => t.subtask).map((t) => t.id),
      },
    },
    sort: (issue) => ISSUE_TYPES.findIndex((t) => t.id === issue.issueTypeId),
  });
  const priorityRank = (id: string) => PRIORITIES.length - PRIORITIES.findIndex((p) => p.id === id);
  add(["priority"], {
    label: "priority",
    eq: { get: (issue) => [issue.priorityId], resolve: byName(PRIORITIES) },
    ord: {
      get: (issue) => priorityRank(issue.priorityId),
      resolve: (lit) => {
        const ids = lit.kind === "value" ? byName(PRIORITIES)(lit.value) : null;
        return ids ? priorityRank(ids[0]!) : `The value '${lit.kind === "value" ? lit.value : ""}' does not exist for the field 'priority'.`;
      },
    },
    history: { field: "priority" },
    sort: (issue) => priorityRank(issue.priorityId),
    defaultDesc: true,
  });
  add(["resolution"], {
    label: "resolution",
    eq: {
      get: (issue) => (issue.resolutionId ? [issue.resolutionId] : []),
      resolve: (v) => (lower(v) === "unresolved" ? [EMPTY] : byName(RESOLUTIONS)(v)),
    },
    history: { field: "resolution" },
    sort: (issue) => (issue.resolutionId ? RESOLUTIONS.findIndex((r) => r.id === issue.resolutionId) : null),
  });
  for (const [names, get, label] of [
    [["assignee"], (i: JiraIssue) => i.assigneeAccountId, "assignee"],
    [["reporter"], (i: JiraIssue) => i.reporterAccountId, "reporter"],
    [["creator"], (i: JiraIssue) => i.creatorAccountId, "creator"],
  ] as const) {
    add([...names], {
      label,
      eq: { get: (issue) => (get(issue) ? [get(issue)!] : []), resolve: userRef, functions: userFns },
      history: label === "creator" ? undefined : { field: label },
      sort: (issue) => personName(get(issue)),
    });
  }
  add(["labels"], {
    label: "labels",
    eq: { get: (issue) => issue.labels.map(lower), resolve: (v) => [lower(v)] },
  });
  const sprintFns = (state: "active" | "closed" | "future" | "open") => () =>
    jira.sprints.filter((s) => (state === "open" ? s.state !== "closed" : s.state === state)).map((s) => String(s.id));
  add(["sprint", `cf[${CF.sprint.slice(12)}]`], {
    label: "sprint",
    eq: {
      get: (issue) => issue.sprintIds.map(String),
      resolve: (v) => {
        const hits = jira.sprints.filter((s) => String(s.id) === v || lower(s.name) === lower(v));
        return hits.length ? hits.map((s) => String(s.id)) : null;
      },
      functions: { opensprints: sprintFns("open"), closedsprints: sprintFns("closed"), futuresprints: sprintFns("future") },
    },
    sort: (issue) => issue.sprintIds.at(-1) ?? null,
  });
  const epicOf = (issue: JiraIssue) => {
    const parent = issue.parentId ? lookup.issueById.get(issue.parentId) : undefined;
    return parent && parent.issueTypeId === "10000" ? parent : undefined;
  };
  add(["epic link", `cf[${CF.epicLink.slice(12)}]`], {
    label: "Epic Link",
    eq: { get: (issue) => (epicOf(issue) ? [epicOf(issue)!.id] : []), resolve: issueRef },
    sort: (issue) => epicOf(issue)?.key ?? null,
  });
  add(["parent"], {
    label: "parent",
    eq: { get: (issue) => (issue.parentId ? [issue.parentId] : []), resolve: issueRef },
    sort: (issue) => (issue.parentId ? (lookup.issueById.get(issue.parentId)?.key ?? null) : null),
  });
  const versionFns = (released: boolean | "earliest" | "latest") => (args: string[]) => {
    const project = args[0] ? jira.projects.find((p) => lower(p.key) === lower(args[0]!) || lower(p.name) === lower(args[0]!) || p.id === args[0]) : undefined;
    let vs = jira.versions.filter((v) => !project || v.projectId === project.id);
    if (released === "earliest") {
      const open = vs.filter((v) => !v.released && !v.archived).sort((a, b) => (a.releaseDate ?? "9999").localeCompare(b.releaseDate ?? "9999"));
      return open[0] ? [open[0].id] : [];
    }
    if (released === "latest") {
      const done = vs.filter((v) => v.released).sort((a, b) => (b.releaseDate ?? "").localeCompare(a.releaseDate ?? ""));
      return done[0] ? [done[0].id] : [];
    }
    vs = vs.filter((v) => v.released === released && !v.archived);
    return vs.map((v) => v.id);
  };
  add(["fixversion"], {
    label: "fixVersion",
    eq: {
      get: (issue) => issue.fixVersionIds,
      resolve: byName(jira.versions),
      functions: {
        releasedversions: versionFns(true),
        unreleasedversions: versionFns(false),
        earliestunreleasedversion: versionFns("earliest"),
        latestreleasedversion: versionFns("latest"),
      },
    },
  });
  add(["component"], {
    label: "component",
    eq: { get: (issue) => issue.componentIds, resolve: byName(jira.projects.flatMap((p) => p.components)) },
  });
  add(["flagged", `cf[${CF.flagged.slice(12)}]`], {
    label: "Flagged",
    eq: { get: (issue) => (issue.flagged ? ["10019"] : []), resolve: (v) => (lower(v) === "impediment" || v === "10019" ? ["10019"] : null) },
  });
  add(["issuelinktype"], {
    label: "issueLinkType",
    eq: {
      get: (issue) =>
        (lookup.linksByIssue.get(issue.id) ?? []).map((l) => {
          const t = linkTypeById(l.typeId);
          return lower((l.sourceId === issue.id ? t?.outward : t?.inward) ?? "");
        }),
      resolve: (v) => {
        const hit = LINK_TYPES.flatMap((t) => [t.inward, t.outward]).find((d) => lower(d) === lower(v));
        return hit ? [lower(hit)] : null;
      },
    },
  });
  add(["story point estimate", `cf[${CF.storyPoints.slice(12)}]`, "story points", "storypoints"], {
    label: "Story point estimate",
    ord: {
      get: (issue) => issue.storyPoints,
      resolve: (lit) => (lit.kind === "value" && lit.value.trim() !== "" && Number.isFinite(Number(lit.value)) ? Number(lit.value) : `'${lit.kind === "value" ? lit.value : ""}' is not a valid number for field 'Story point estimate'.`),
    },
    sort: (issue) => issue.storyPoints,
  });
  add(["rank", `cf[${CF.rank.slice(12)}]`], { label: "Rank", sort: (issue) => issue.rank });

  const commentText = (issue: JiraIssue) => issue.comments.map((c) => adfToText(c.body)).join("\n");
  add(["summary"], { label: "summary", text: (issue) => issue.summary, sort: (issue) => lower(issue.summary) });
  add(["description"], { label: "description", text: (issue) => adfToText(issue.description) });
  add(["comment"], { label: "comment", text: commentText });
  add(["environment"], { label: "environment", text: () => "" });
  add(["text"], { label: "text", text: (issue) => `${issue.summary}\n${adfToText(issue.description)}\n${commentText(issue)}` });

  const dates: [string[], string, (i: JiraIssue) => string | null][] = [
    [["created", "createddate"], "created", (i) => i.created],
    [["updated", "updateddate"], "updated", (i) => i.updated],
    [["resolved", "resolutiondate"], "resolved", (i) => i.resolutionDate],
    [["due", "duedate"], "due", (i) => i.dueDate],
    [["statuscategorychangeddate"], "statusCategoryChangedDate", (i) => i.statusCategoryChangedAt],
    [["lastviewed"], "lastViewed", () => null],
    [["start date", `cf[${CF.startDate.slice(12)}]`], "Start date", () => null],
  ];
  for (const [names, label, get] of dates) {
    const ord = dateOrd(label, get, now, ctx.timeZone ?? "UTC");
    add(names, { label, ord, sort: ord.get });
  }
  return specs;
}

const EMPTY = "\u0000empty";

// ---------- compile ----------

function literalText(lit: JqlLiteral): string {
  return lit.kind === "value" ? lit.value : lit.kind === "function" ? `${lit.name}()` : "EMPTY";
}

const KNOWN_FUNCTIONS = new Set([
  "currentuser",
  "opensprints",
  "closedsprints",
  "futuresprints",
  "releasedversions",
  "unreleasedversions",
  "earliestunreleasedversion",
  "latestreleasedversion",
  "standardissuetypes",
  "subtaskissuetypes",
  "linkedissues",
  "now",
  "startofday",
  "endofday",
  "startofweek",
  "endofweek",
  "startofmonth",
  "endofmonth",
  "startofyear",
  "endofyear",
]);

interface Compiler {
  specs: Map<string, FieldSpec>;
  errors: string[];
  ctx: JqlContext;
}

function spec(c: Compiler, field: string): FieldSpec | null {
  const s = c.specs.get(lower(field.trim()));
  if (!s) c.errors.push(`Field '${field}' does not exist or you do not have permission to view it.`);
  return s ?? null;
}

/** Resolves equality operands to key sets; records Jira's validation errors. */
function resolveKeys(c: Compiler, s: FieldSpec, operand: JqlOperand): Key[] {
  const items = operand.kind === "list" ? operand.items : [operand];
  const keys: Key[] = [];
  for (const lit of items) {
    if (lit.kind === "empty") {
      keys.push(EMPTY);
      continue;
    }
    if (lit.kind === "function") {
      const fn = s.eq?.functions?.[lower(lit.name)];
      if (!KNOWN_FUNCTIONS.has(lower(lit.name))) c.errors.push(`Unable to find JQL function '${lit.name}()'.`);
      else if (!fn) c.errors.push(`The function '${lit.name}' is not supported by the '${s.label}' field.`);
      else keys.push(...fn(lit.args));
      continue;
    }
    const resolved = s.eq!.resolve(lit.value);
    if (resolved === null) c.errors.push(s.unknownValue?.(lit.value) ?? `The value '${lit.value}' does not exist for the field '${s.label}'.`);
    else keys.push(...resolved);
  }
  return keys;
}

function resolveOrds(c: Compiler, s: FieldSpec, operand: JqlOperand): (number | typeof EMPTY)[] {
  const items = operand.kind === "list" ? operand.items : [operand];
  const out: (number | typeof EMPTY)[] = [];
  for (const lit of items) {
    if (lit.kind === "empty") {
      out.push(EMPTY);
      continue;
    }
    if (lit.kind === "function" && !KNOWN_FUNCTIONS.has(lower(lit.name))) {
      c.errors.push(`Unable to find JQL function '${lit.name}()'.`);
      continue;
    }
    const v = s.ord!.resolve(lit);
    if (typeof v === "string") c.errors.push(v);
    else out.push(v);
  }
  return out;
}

type Predicate = (issue: JiraIssue) => boolean;
const never: Predicate = () => false;

function unsupported(c: Compiler, op: JqlOperator, s: FieldSpec): Predicate {
  c.errors.push(`The operator '${op}' is not supported by the '${s.label}' field.`);
  return never;
}

function compileClause(c: Compiler, clause: Extract<JqlExpr, { type: "clause" }>): Predicate {
  const s = spec(c, clause.field);
  if (!s) return never;
  const op = clause.operator;
  const operand = clause.operand;

  if (op === "changed" || op.startsWith("was")) return compileHistory(c, s, clause);
  if (!operand) return never;
  if ((op === "in" || op === "not in") === false && operand.kind === "list") {
    c.errors.push(`The operator '${op}' does not support the list value '(${operand.items.map(literalText).join(", ")})' for field '${s.label}'.`);
    return never;
  }

  if (op === "is" || op === "is not") {
    if (operand.kind !== "empty") {
      c.errors.push(`The operator '${op}' only supports the use of 'EMPTY' or 'NULL' as values for field '${s.label}'.`);
      return never;
    }
    const isEmpty: Predicate = s.eq ? (i) => s.eq!.get(i).length === 0 : s.ord ? (i) => s.ord!.get(i) === null : s.text ? (i) => s.text!(i).trim() === "" : never;
    return op === "is" ? isEmpty : (i) => !isEmpty(i);
  }

  if (op === "~" || op === "!~") {
    if (!s.text) return unsupported(c, op, s);
    if (operand.kind !== "value") {
      c.errors.push(`The operator '${op}' does not support the value '${literalText(operand as JqlLiteral)}' for field '${s.label}'.`);
      return never;
    }
    const query = operand.value;
    const text = s.text;
    return op === "~" ? (i) => textMatches(text(i), query) : (i) => !textMatches(text(i), query);
  }

  if (op === ">" || op === ">=" || op === "<" || op === "<=") {
    if (s.label === "key") return compileKeyRange(c, op, operand);
    if (!s.ord) return unsupported(c, op, s);
    if (operand.kind === "empty") {
      c.errors.push(`The operator '${op}' does not support the value 'EMPTY' for field '${s.label}'.`);
      return never;
    }
    const [bound] = resolveOrds(c, s, operand);
    if (bound === undefined || bound === EMPTY) return never;
    const get = s.ord.get;
    const cmp = { ">": (a: number) => a > bound, ">=": (a: number) => a >= bound, "<": (a: number) => a < bound, "<=": (a: number) => a <= bound }[op];
    return (i) => {
      const v = get(i);
      return v !== null && cmp(v);
    };
  }

  // =, !=, in, not in
  const positive = op === "=" || op === "in";
  if (s.eq) {
    const keys = new Set(resolveKeys(c, s, operand));
    const wantsEmpty = keys.has(EMPTY);
    const get = s.eq.get;
    const hit: Predicate = (i) => {
      const vs = get(i);
      if (vs.length === 0) return wantsEmpty;
      return vs.some((v) => keys.has(v));
    };
    if (positive) return hit;
    // Jira's != and NOT IN leave out issues whose field is empty (unless EMPTY is listed).
    return (i) => {
      const vs = get(i);
      if (vs.length === 0) return false;
      return !vs.some((v) => keys.has(v));
    };
  }
  if (s.ord) {
    const values = resolveOrds(c, s, operand);
    const wantsEmpty = values.includes(EMPTY);
    const nums = new Set(values.filter((v): v is number => v !== EMPTY));
    const get = s.ord.get;
    return (i) => {
      const v = get(i);
      if (v === null) return positive ? wantsEmpty : false;
      return positive ? nums.has(v) : !nums.has(v);
    };
  }
  return unsupported(c, op, s);
}

/** `key > PAY-10`: issues of the same project with a higher number, as Jira does. */
function compileKeyRange(c: Compiler, op: ">" | ">=" | "<" | "<=", operand: JqlOperand): Predicate {
  if (operand.kind !== "value") {
    c.errors.push(`The operator '${op}' does not support the value '${literalText(operand as JqlLiteral)}' for field 'key'.`);
    return never;
  }
  const m = /^([A-Za-z][A-Za-z0-9_]*)-(\d+)$/.exec(operand.value.trim());
  const project = m ? c.ctx.lookup.projectByKey.get(m[1]!.toUpperCase()) : undefined;
  if (!m || !project) {
    c.errors.push(`An issue with key '${operand.value}' does not exist for field 'key'.`);
    return never;
  }
  const n = Number(m[2]);
  const cmp = { ">": (a: number) => a > n, ">=": (a: number) => a >= n, "<": (a: number) => a < n, "<=": (a: number) => a <= n }[op];
  return (i) => i.projectId === project.id && cmp(Number(i.key.slice(i.key.lastIndexOf("-") + 1)));
}

interface Window {
  from: number;
  to: number;
}

function predicateWindow(c: Compiler, predicates: JqlPredicate[], label: string): { window: Window; by: Set<string> | null; from: Set<Key> | null; to: Set<Key> | null } {
  const now = c.ctx.now;
  const zone = c.ctx.timeZone ?? "UTC";
  let window: Window = { from: -Infinity, to: Infinity };
  let by: Set<string> | null = null;
  let from: Set<Key> | null = null;
  let to: Set<Key> | null = null;
  const date = (lit: JqlLiteral | undefined): number | null => {
    if (!lit) return null;
    if (lit.kind === "function") {
      const v = dateFunction(lit.name, lit.args, now, zone);
      if (v === undefined) c.errors.push(`Unable to find JQL function '${lit.name}()'.`);
      return v ?? null;
    }
    if (lit.kind !== "value") return null;
    const v = parseJqlDate(lit.value, now, zone);
    if (v === null) c.errors.push(dateError(lit.value, label));
    return v;
  };
  for (const p of predicates) {
    const items = p.operand.kind === "list" ? p.operand.items : [p.operand];
    if (p.kind === "after") window = { ...window, from: Math.max(window.from, date(items[0]) ?? -Infinity) };
    else if (p.kind === "before") window = { ...window, to: Math.min(window.to, date(items[0]) ?? Infinity) };
    else if (p.kind === "on") {
      const d = date(items[0]);
      if (d !== null) window = { from: startOfDayIn(d, zone), to: startOfDayIn(d, zone, 1) };
    } else if (p.kind === "during") {
      const a = date(items[0]);
      const b = date(items[1]);
      window = { from: a ?? -Infinity, to: b ?? Infinity };
    } else if (p.kind === "by") {
      const userSpec = c.specs.get("assignee")!;
      by = new Set(resolveKeys(c, userSpec, p.operand));
    } else {
      const keys = new Set<Key>();
      if (p.kind === "from") from = keys;
      else to = keys;
      for (const k of p.operand.kind === "list" ? p.operand.items : [p.operand]) {
        if (k.kind === "empty") keys.add(EMPTY);
        else if (k.kind === "value") keys.add(k.value);
      }
    }
  }
  return { window, by, from, to };
}

/** WAS / WAS NOT / WAS IN / WAS NOT IN / CHANGED over the issue's changelog. */
function compileHistory(c: Compiler, s: FieldSpec, clause: Extract<JqlExpr, { type: "clause" }>): Predicate {
  const op = clause.operator;
  if (!s.history || !s.eq) {
    c.errors.push(`History searches do not support the '${s.label}' field.`);
    return never;
  }
  const field = s.history.field;
  const get = s.eq.get;
  const { window, by, from, to } = predicateWindow(c, clause.predicates, s.label);
  const resolveSet = (raw: Set<Key> | null): Set<Key> | null => {
    if (!raw) return null;
    const out = new Set<Key>();
    for (const v of raw) {
      if (v === EMPTY) {
        out.add(EMPTY);
        continue;
      }
      const keys = s.eq!.resolve(v);
      if (keys) keys.forEach((k) => out.add(k));
      else c.errors.push(`The value '${v}' does not exist for the field '${s.label}'.`);
    }
    return out;
  };
  const fromKeys = resolveSet(from);
  const toKeys = resolveSet(to);
  const changes = (issue: JiraIssue) =>
    issue.changelog.flatMap((h) => h.items.filter((it) => lower(it.field) === field).map((it) => ({ at: new Date(h.created).getTime(), author: h.authorAccountId, from: it.from, to: it.to })));

  if (op === "changed") {
    return (issue) =>
      changes(issue).some(
        (ch) =>
          ch.at >= window.from &&
          ch.at <= window.to &&
          (!by || by.has(ch.author)) &&
          (!fromKeys || fromKeys.has(ch.from ?? EMPTY)) &&
          (!toKeys || toKeys.has(ch.to ?? EMPTY)),
      );
  }
  const keys = new Set(clause.operand ? resolveKeys(c, s, clause.operand) : []);
  const was: Predicate = (issue) => {
    const list = changes(issue);
    const created = new Date(issue.created).getTime();
    const segments: { value: string | null; start: number; end: number; setter: string }[] = [];
    let value: string | null = list.length ? list[0]!.from : (get(issue)[0] ?? null);
    let start = created;
    let setter = issue.creatorAccountId;
    for (const ch of list) {
      segments.push({ value, start, end: ch.at, setter });
      value = ch.to;
      start = ch.at;
      setter = ch.author;
    }
    segments.push({ value, start, end: Infinity, setter });
    return segments.some((seg) => keys.has(seg.value ?? EMPTY) && seg.end >= window.from && seg.start <= window.to && (!by || by.has(seg.setter)));
  };
  return op === "was" || op === "was in" ? was : (issue) => !was(issue);
}

function compileExpr(c: Compiler, expr: JqlExpr): Predicate {
  switch (expr.type) {
    case "and": {
      const parts = expr.items.map((e) => compileExpr(c, e));
      return (i) => parts.every((p) => p(i));
    }
    case "or": {
      const parts = expr.items.map((e) => compileExpr(c, e));
      return (i) => parts.some((p) => p(i));
    }
    case "not": {
      const inner = compileExpr(c, expr.expr);
      return (i) => !inner(i);
    }
    case "clause":
      return compileClause(c, expr);
  }
}

function compileSort(c: Compiler, query: JqlQuery, fallback: JqlSort[]): (a: JiraIssue, b: JiraIssue) => number {
  const sorts = query.orderBy.length ? query.orderBy : fallback;
  const keys = sorts.flatMap((sort) => {
    const s = spec(c, sort.field);
    if (!s) return [];
    if (!s.sort) {
      c.errors.push(`Field '${sort.field}' does not support sorting.`);
      return [];
    }
    const desc = sort.direction ? sort.direction === "desc" : Boolean(s.defaultDesc);
    return [{ get: s.sort, desc }];
  });
  return (a, b) => {
    for (const k of keys) {
      const va = k.get(a);
      const vb = k.get(b);
      if (va === vb) continue;
      // Empty values sort last ascending and first descending, as in Jira.
      let r: number;
      if (va === null) r = 1;
      else if (vb === null) r = -1;
      else r = typeof va === "number" && typeof vb === "number" ? va - vb : String(va).localeCompare(String(vb));
      if (r !== 0) return k.desc ? -r : r;
    }
    return Number(a.id) - Number(b.id);
  };
}

/** Without ORDER BY, Jira's search sorts by key, newest first; boards and backlogs sort by rank. */
export const DEFAULT_SORT: JqlSort[] = [{ field: "key", direction: "desc" }];
export const RANK_SORT: JqlSort[] = [{ field: "rank", direction: "asc" }];

/** Parses and validates `jql`. Throws JqlError (status 400 material) on syntax or meaning errors. */
export function compileJql(jql: string, ctx: JqlContext, defaultSort: JqlSort[] = DEFAULT_SORT): CompiledJql {
  const query = parseJql(jql);
  const c: Compiler = { specs: fieldSpecs(ctx), errors: [], ctx };
  const matches = query.where ? compileExpr(c, query.where) : () => true;
  const compare = compileSort(c, query, defaultSort);
  if (c.errors.length) throw new JqlError([...new Set(c.errors)]);
  return { query, bounded: query.where !== null, matches, compare };
}

/** The issues matching `jql`, in the query's order. */
export function runJql(jql: string, ctx: JqlContext, issues: readonly JiraIssue[] = ctx.lookup.state.jira.issues, defaultSort: JqlSort[] = DEFAULT_SORT): JiraIssue[] {
  const compiled = compileJql(jql, ctx, defaultSort);
  return issues.filter(compiled.matches).sort(compiled.compare);
}
