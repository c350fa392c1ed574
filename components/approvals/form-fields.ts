import { sameValue } from "@/server/actions/catalogue/shared";
import { type ActionKind, type ValidationIssue } from "@/server/actions/catalogue/types";

/**
 * The edit forms, as data. Each action kind lists the fields a person may change, following the
 * kind's input schema; the form component only renders these specs. Everything else in an input
 * (baseUpdated, baseFields, Block Kit blocks, display helpers) is never shown but always kept,
 * because every change goes through {@link setAt} on the original object.
 */

/** How a field is edited. */
export type FieldControl =
  /** One line of text. */
  | "text"
  /** Several lines: Markdown bodies, messages. */
  | "textarea"
  /** A number, typed as text so a half-typed value is not thrown away. */
  | "number"
  /** An ISO day (YYYY-MM-DD). */
  | "date"
  /** A string array, typed as comma-separated text. */
  | "list"
  /** One of a set of choices (see {@link FieldSpec.options} and {@link FieldSpec.choices}). */
  | "select"
  /** The action's target: shown, never edited (changing it would make it another action). */
  | "readonly"
  /** Notion page properties: one input per property, typed by its current value. */
  | "properties";

/** Where a select's choices come from: the synced data (formOptions) or the target's live state (check). */
export type OptionSource = "sprint" | "jiraAssignee" | "transition" | "resolution" | "priority" | "issueType" | "slackChannel" | "repo";

/** One choice of a select. `value` is what goes into the input; `hint` is shown beside the label only. */
export interface Choice {
  value: unknown;
  label: string;
  hint?: string;
  disabled?: boolean;
}

export interface FieldSpec {
  /** Dotted path into the input ("fields.summary"); validation issues use the same paths. */
  path: string;
  label: string;
  control: FieldControl;
  /** For selects: where the choices come from. */
  options?: OptionSource;
  /** For selects: a fixed list of choices. */
  choices?: Choice[];
  /**
   * What an empty field means. `value: undefined` leaves the field out of the input, `null`
   * clears it on the target ("Backlog", "Unassigned"). Without `empty` the field is required: an
   * empty text stays "" so the schema can say what is missing.
   */
  empty?: { value: unknown; label: string };
  /** An optional change shown behind a "Change …" checkbox; unticked leaves the field out. */
  toggle?: boolean;
  /** A display-only sibling that names the chosen value (sprintName, displayName). */
  displayPath?: string;
  help?: string;
}

/** The synced choices the forms offer (the `formOptions` query). */
export interface FormOptions {
  sprints: { id: string; name: string; state: string; projectKey?: string | null }[];
  jiraUsers: { id: string; name: string }[];
  githubUsers: { id: string; name: string }[];
  slackChannels: { id: string; name: string }[];
  repos: string[];
}

const MESSAGE_FORMATS: Choice[] = [
  { value: undefined, label: "Markdown" },
  { value: "mrkdwn", label: "Slack mrkdwn (sent as written)" },
];

const TRASH_CHOICES: Choice[] = [
  { value: undefined, label: "Leave as it is" },
  { value: true, label: "Move to Notion's trash" },
  { value: false, label: "Restore from Notion's trash" },
];

const ISSUE_KEY: FieldSpec = { path: "issueKey", label: "Issue", control: "readonly" };

/** The form of every action kind, in the order fields are shown. */
export const FORM_FIELDS: Record<ActionKind, FieldSpec[]> = {
  "jira.createIssue": [
    { path: "projectKey", label: "Project key", control: "text" },
    { path: "issueType", label: "Issue type", control: "select", options: "issueType" },
    { path: "summary", label: "Summary", control: "text" },
    { path: "description", label: "Description", control: "textarea", empty: { value: undefined, label: "No description" }, help: "Markdown." },
    { path: "priority", label: "Priority", control: "select", options: "priority", empty: { value: undefined, label: "Project default" } },
    { path: "labels", label: "Labels", control: "list", empty: { value: undefined, label: "No labels" }, help: "Comma-separated, no spaces inside a label." },
    { path: "assigneeId", label: "Assignee", control: "select", options: "jiraAssignee", empty: { value: undefined, label: "Unassigned" } },
    { path: "storyPoints", label: "Story points", control: "number", empty: { value: undefined, label: "No estimate" } },
    { path: "parentKey", label: "Parent issue", control: "text", empty: { value: undefined, label: "No parent" } },
    { path: "sprintId", label: "Sprint", control: "select", options: "sprint", empty: { value: undefined, label: "Backlog" } },
  ],
  "jira.updateFields": [
    ISSUE_KEY,
    { path: "fields.summary", label: "Summary", control: "text", toggle: true },
    { path: "fields.description", label: "Description", control: "textarea", toggle: true, empty: { value: null, label: "Clear the description" }, help: "Markdown." },
    { path: "fields.priority", label: "Priority", control: "select", options: "priority", toggle: true, empty: { value: null, label: "Project default" } },
    { path: "fields.labels", label: "Labels", control: "list", toggle: true, empty: { value: [], label: "No labels" }, help: "Comma-separated, no spaces inside a label." },
    { path: "fields.storyPoints", label: "Story points", control: "number", toggle: true, empty: { value: null, label: "Clear the estimate" } },
    { path: "fields.dueDate", label: "Due date", control: "date", toggle: true, empty: { value: null, label: "No due date" } },
  ],
  "jira.transition": [
    ISSUE_KEY,
    { path: "toStatus", label: "Move to status", control: "select", options: "transition" },
    { path: "resolution", label: "Resolution", control: "select", options: "resolution", empty: { value: undefined, label: "None" } },
    { path: "comment", label: "Comment", control: "textarea", empty: { value: undefined, label: "No comment" }, help: "Added with the change. Markdown." },
  ],
  "jira.assign": [ISSUE_KEY, { path: "accountId", label: "Assignee", control: "select", options: "jiraAssignee", empty: { value: null, label: "Unassigned" }, displayPath: "displayName" }],
  "jira.moveToSprint": [ISSUE_KEY, { path: "sprintId", label: "Sprint", control: "select", options: "sprint", empty: { value: null, label: "Backlog" }, displayPath: "sprintName" }],
  "jira.comment": [ISSUE_KEY, { path: "body", label: "Comment", control: "textarea", help: "Markdown; Jira shows it formatted." }],
  "github.commentOnPullRequest": [
    { path: "repo", label: "Repository", control: "readonly" },
    { path: "number", label: "Pull request", control: "readonly" },
    { path: "body", label: "Comment", control: "textarea", help: "GitHub-flavoured Markdown." },
  ],
  "github.createIssue": [
    { path: "repo", label: "Repository", control: "select", options: "repo" },
    { path: "title", label: "Title", control: "text" },
    { path: "body", label: "Body", control: "textarea", empty: { value: undefined, label: "No body" }, help: "GitHub-flavoured Markdown." },
    { path: "labels", label: "Labels", control: "list", empty: { value: undefined, label: "No labels" }, help: "Comma-separated." },
    { path: "assignees", label: "Assignees", control: "list", empty: { value: undefined, label: "Nobody" }, help: "GitHub logins, comma-separated (at most 10)." },
  ],
  "notion.createPage": [
    { path: "parentId", label: "Parent", control: "readonly" },
    { path: "title", label: "Title", control: "text" },
    { path: "markdown", label: "Page content", control: "textarea", help: "Markdown; converted to Notion blocks." },
  ],
  "notion.appendBlocks": [
    { path: "pageId", label: "Page", control: "readonly" },
    { path: "markdown", label: "Content to add", control: "textarea", help: "Markdown; added at the end of the page." },
  ],
  "notion.updatePage": [
    { path: "pageId", label: "Page", control: "readonly" },
    { path: "title", label: "New title", control: "text", empty: { value: undefined, label: "Keep the title" } },
    { path: "archived", label: "Trash", control: "select", choices: TRASH_CHOICES },
    { path: "properties", label: "Properties", control: "properties" },
  ],
  "slack.postMessage": [
    { path: "channelId", label: "Channel", control: "select", options: "slackChannel" },
    { path: "text", label: "Message", control: "textarea" },
    { path: "format", label: "Written in", control: "select", choices: MESSAGE_FORMATS },
    { path: "threadTs", label: "Reply in thread", control: "text", empty: { value: undefined, label: "Post to the channel" }, help: "The parent message's timestamp; leave empty to post to the channel." },
  ],
  "slack.updateMessage": [
    { path: "channelId", label: "Channel", control: "readonly", options: "slackChannel" },
    { path: "ts", label: "Message", control: "readonly" },
    { path: "text", label: "New text", control: "textarea" },
    { path: "format", label: "Written in", control: "select", choices: MESSAGE_FORMATS },
  ],
};

/** The form of a kind; an unknown kind has no form. */
export function fieldsOf(kind: string): FieldSpec[] {
  return Object.hasOwn(FORM_FIELDS, kind) ? FORM_FIELDS[kind as ActionKind] : [];
}

// ---- reading and writing inputs ----------------------------------------------------------------

type Json = Record<string, unknown>;

function record(value: unknown): Json | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : null;
}

/** The value at a dotted path, or undefined when any step is missing. */
export function getAt(input: unknown, path: string): unknown {
  let current: unknown = input;
  for (const key of path.split(".")) {
    const r = record(current);
    if (!r || !Object.hasOwn(r, key)) return undefined;
    current = r[key];
  }
  return current;
}

/**
 * A copy of `input` with `value` at `path`; `undefined` removes the key. Only the objects on the
 * path are copied, so every field the form does not show stays exactly as it was.
 */
export function setAt(input: unknown, path: string, value: unknown): Json {
  const [head, ...rest] = path.split(".");
  const base: Json = { ...(record(input) ?? {}) };
  if (head === undefined) return base;
  if (rest.length === 0) {
    if (value === undefined) delete base[head];
    else base[head] = value;
    return base;
  }
  base[head] = setAt(base[head], rest.join("."), value);
  return base;
}

/** Whether an edited input differs from the one it started from (key order does not count). */
export function isEdited(input: unknown, original: unknown): boolean {
  return !sameValue(input ?? null, original ?? null);
}

/** A stable key for an input, to tell whether a server check was made for exactly this value. */
export function inputKey(input: unknown): string {
  return JSON.stringify(sortKeys(input)) ?? "";
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  const r = record(value);
  if (!r) return value;
  return Object.fromEntries(
    Object.keys(r)
      .filter((k) => r[k] !== undefined)
      .sort()
      .map((k) => [k, sortKeys(r[k])]),
  );
}

// ---- issues by path ----------------------------------------------------------------------------

/** The issues that belong to a field: its own path and anything below it ("assignees.1"). */
export function issuesAt(issues: readonly ValidationIssue[], path: string): ValidationIssue[] {
  return issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`));
}

/** Issues no field of the form shows (the whole action, or a field the form has no input for). */
export function looseIssues(issues: readonly ValidationIssue[], specs: readonly FieldSpec[]): ValidationIssue[] {
  return issues.filter((i) => !specs.some((s) => s.control !== "readonly" && (i.path === s.path || i.path.startsWith(`${s.path}.`))));
}

/** The same issues once each: a client parse and a server check often say the same thing. */
export function uniqueIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---- text <-> values ---------------------------------------------------------------------------

/** "a, b,,c" → ["a", "b", "c"]; empty text → `empty`. */
export function listFromText(text: string, empty: unknown): unknown {
  const items = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : empty;
}

export function textFromList(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(", ") : "";
}

/**
 * Typed text → the number the schema expects; empty → `empty`. Text that is not a number is kept
 * as text so the schema's own message ("must be a number") shows under the field.
 */
export function numberFromText(text: string, empty: unknown): unknown {
  const t = text.trim();
  if (!t) return empty;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

export function textOf(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** Empty text → the field's empty value (left out, null, or "" so the schema says it is required). */
export function valueFromText(spec: FieldSpec, text: string): unknown {
  if (spec.control === "list") return listFromText(text, spec.empty ? spec.empty.value : []);
  if (spec.control === "number") return numberFromText(text, spec.empty ? spec.empty.value : undefined);
  if (text.trim() === "" && spec.empty) return spec.empty.value;
  return text;
}

/** The editor for one Notion property, by the type of its current value. */
export function propertyControl(value: unknown): "checkbox" | "number" | "text" {
  if (typeof value === "boolean") return "checkbox";
  if (typeof value === "number") return "number";
  return "text";
}

// ---- choices -----------------------------------------------------------------------------------

/** What the form knows when building choices: synced options and the target's live state. */
export interface ChoiceContext {
  kind: string;
  input: unknown;
  /** `check.state` for this action (shape per kind), when the check has answered. */
  state?: unknown;
  options?: FormOptions | undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function strings(value: unknown): string[] {
  return list(value).filter((v): v is string => typeof v === "string");
}

/** "PAY-12" → "PAY". */
export function projectOfIssueKey(key: unknown): string | null {
  return typeof key === "string" ? (/^([A-Z][A-Z0-9_]+)-\d+$/.exec(key.trim())?.[1] ?? null) : null;
}

function sprintChoices(ctx: ChoiceContext): Choice[] | null {
  const fromState = list(record(ctx.state)?.sprints)
    .map(record)
    .filter((s): s is Json => s !== null && typeof s.id === "string" && typeof s.name === "string" && s.state !== "closed");
  if (fromState.length) return fromState.map((s) => ({ value: s.id, label: String(s.name), ...(s.state === "active" ? { hint: "active" } : {}) }));
  if (!ctx.options) return null;
  const project = ctx.kind === "jira.createIssue" ? (getAt(ctx.input, "projectKey") as string | undefined) : projectOfIssueKey(getAt(ctx.input, "issueKey"));
  const sprints = ctx.options.sprints.filter((s) => !project || !s.projectKey || s.projectKey === project);
  return sprints.map((s) => ({ value: s.id, label: s.name, ...(s.state === "active" ? { hint: "active" } : {}) }));
}

function assigneeChoices(ctx: ChoiceContext): Choice[] | null {
  const users = list(record(ctx.state)?.users)
    .map(record)
    .filter((u): u is Json => u !== null && typeof u.accountId === "string");
  if (users.length) {
    return users.map((u) => ({ value: u.accountId, label: typeof u.displayName === "string" ? u.displayName : String(u.accountId), ...(u.active === false ? { hint: "deactivated", disabled: true } : {}) }));
  }
  return ctx.options ? ctx.options.jiraUsers.map((u) => ({ value: u.id, label: u.name })) : null;
}

function namesFromState(ctx: ChoiceContext, pick: (state: Json) => unknown): Choice[] | null {
  const state = record(ctx.state);
  if (!state) return null;
  const names = strings(pick(state));
  return names.length ? names.map((n) => ({ value: n, label: n })) : null;
}

/** The choices a source offers before the empty choice and the current value are added; null = unknown. */
export function sourceChoices(source: OptionSource, ctx: ChoiceContext): Choice[] | null {
  switch (source) {
    case "sprint":
      return sprintChoices(ctx);
    case "jiraAssignee":
      return assigneeChoices(ctx);
    case "transition": {
      const state = record(ctx.state);
      if (!state) return null;
      const statuses = [...new Set(list(state.transitions).map((t) => record(t)?.toStatus).filter((s): s is string => typeof s === "string"))];
      return statuses.length ? statuses.map((s) => ({ value: s, label: s })) : null;
    }
    case "resolution":
      return namesFromState(ctx, (s) => s.resolutions);
    case "priority":
      return namesFromState(ctx, (s) => s.priorities);
    case "issueType":
      return namesFromState(ctx, (s) => record(s.project)?.issueTypes);
    case "slackChannel":
      return ctx.options ? ctx.options.slackChannels.map((c) => ({ value: c.id, label: `#${c.name.replace(/^#/, "")}` })) : null;
    case "repo":
      return ctx.options ? ctx.options.repos.map((r) => ({ value: r, label: r })) : null;
  }
}

/**
 * Every choice a select shows: the empty choice first (when the field may be empty), then the
 * known ones, and the current value when it is not among them, so opening the form never loses
 * what was proposed. Null when nothing is known yet: the form then falls back to a text input.
 */
export function choicesFor(spec: FieldSpec, ctx: ChoiceContext): Choice[] | null {
  const known = spec.choices ?? (spec.options ? sourceChoices(spec.options, ctx) : null);
  if (!known) return null;
  const current = getAt(ctx.input, spec.path);
  const out: Choice[] = [];
  if (spec.empty && !known.some((c) => sameValue(c.value, spec.empty!.value))) out.push({ value: spec.empty.value, label: spec.empty.label });
  out.push(...known);
  const hasEmpty = spec.empty !== undefined && sameValue(current, spec.empty.value);
  if (current !== undefined && !hasEmpty && !out.some((c) => sameValue(c.value, current))) {
    out.push({ value: current, label: displayOf(ctx.input, spec) ?? textOf(current), hint: "as proposed" });
  }
  return out;
}

/** The name a display helper carries ("Sprint 24"), for a value the choices do not know. */
function displayOf(input: unknown, spec: FieldSpec): string | null {
  if (!spec.displayPath) return null;
  const name = getAt(input, spec.displayPath);
  return typeof name === "string" && name ? name : null;
}

/** The index of the current value among the choices, or -1 when there is none. */
export function choiceIndex(choices: readonly Choice[], value: unknown): number {
  return choices.findIndex((c) => sameValue(c.value, value));
}

/**
 * The input after a field changed. A select that names its value in a display helper
 * (sprintName, displayName) updates that too, so the summary and the audit read right.
 */
export function withField(input: unknown, spec: FieldSpec, value: unknown, choice?: Choice): Json {
  let next = setAt(input, spec.path, value);
  if (spec.displayPath) next = setAt(next, spec.displayPath, value === null || value === undefined ? undefined : (choice?.label ?? undefined));
  return next;
}

/**
 * The value a toggled-on field starts from: what the target holds now when the check read it
 * (so "Change summary" starts from today's summary), else the field's empty value.
 */
export function initialValue(spec: FieldSpec, state: unknown): unknown {
  const field = spec.path.split(".").at(-1)!;
  const now = record(record(state)?.issue)?.[field];
  if (now !== undefined && now !== null) return now;
  if (spec.empty && spec.empty.value !== undefined) return spec.empty.value;
  if (spec.control === "list") return [];
  return spec.control === "number" || spec.control === "date" ? null : "";
}

// ---- edits in words ----------------------------------------------------------------------------

/** A field's label in a kind's form, for history ("fields.storyPoints" → "Story points"). */
export function fieldLabel(kind: string, path: string): string {
  const specs = fieldsOf(kind);
  const exact = specs.find((s) => s.path === path) ?? specs.find((s) => path.startsWith(`${s.path}.`));
  if (exact?.control === "properties") return path.split(".").slice(1).join(".") || exact.label;
  if (exact) return exact.label;
  const last = path.split(".").at(-1) ?? path;
  const words = last.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : "Action";
}

/** The labels of the fields an edit changed, once each, in form order. */
export function changedFields(kind: string, original: unknown, edited: unknown): string[] {
  const specs = fieldsOf(kind).filter((s) => s.control !== "readonly");
  const labels: string[] = [];
  for (const spec of specs) {
    if (spec.control === "properties") {
      const before = record(getAt(original, spec.path)) ?? {};
      const after = record(getAt(edited, spec.path)) ?? {};
      for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) if (!sameValue(before[name], after[name])) labels.push(name);
      continue;
    }
    if (!sameValue(getAt(original, spec.path), getAt(edited, spec.path))) labels.push(spec.label);
  }
  return labels;
}
