import { format, isValid, parseISO } from "date-fns";
import { ARTIFACT_KIND_LABELS, ARTIFACT_KINDS, type ArtifactKind } from "@/server/planning/artifact";
import { type SaveArtifactOutput } from "./types";

/**
 * How the chat names the agent's tool calls: a label for the row, a present-tense label while the
 * call runs, a category for the icon, and a one-line summary of what went in and came out.
 * Tool inputs and outputs arrive as untyped JSON from the stream, so every reader here checks
 * shapes and falls back to a generic summary instead of throwing.
 */

export const KNOWN_TOOLS = [
  "searchWorkItems",
  "getWorkItem",
  "getSprint",
  "getRelease",
  "getPullRequests",
  "searchDocuments",
  "searchMessages",
  "getVelocity",
  "getCapacity",
  "forecastCompletion",
  "planSprint",
  "planRelease",
  "detectRisks",
  "breakdownWork",
  "getStatusReport",
  "saveArtifact",
  "proposeChanges",
] as const;
export type KnownToolName = (typeof KNOWN_TOOLS)[number];

/** Picks the icon of a tool row; the component maps categories to icons. */
export type ToolCategory = "work" | "code" | "docs" | "messages" | "metrics" | "planning" | "artifact" | "approval" | "other";

export interface ToolDescription {
  name: string;
  /** Past/neutral label shown once the call is done: "Searched issues". */
  label: string;
  /** Shown while the call runs: "Searching issues…". */
  activeLabel: string;
  category: ToolCategory;
}

const TOOLS: Record<KnownToolName, Omit<ToolDescription, "name">> = {
  searchWorkItems: { label: "Searched issues", activeLabel: "Searching issues", category: "work" },
  getWorkItem: { label: "Read issue", activeLabel: "Reading issue", category: "work" },
  getSprint: { label: "Read sprint", activeLabel: "Reading sprint", category: "work" },
  getRelease: { label: "Read release", activeLabel: "Reading release", category: "work" },
  getPullRequests: { label: "Read pull requests", activeLabel: "Reading pull requests", category: "code" },
  searchDocuments: { label: "Searched documents", activeLabel: "Searching documents", category: "docs" },
  searchMessages: { label: "Searched messages", activeLabel: "Searching messages", category: "messages" },
  getVelocity: { label: "Measured velocity", activeLabel: "Measuring velocity", category: "metrics" },
  getCapacity: { label: "Computed capacity", activeLabel: "Computing capacity", category: "metrics" },
  forecastCompletion: { label: "Forecast completion", activeLabel: "Forecasting completion", category: "metrics" },
  planSprint: { label: "Planned sprint", activeLabel: "Planning sprint", category: "planning" },
  planRelease: { label: "Planned release", activeLabel: "Planning release", category: "planning" },
  detectRisks: { label: "Checked risks", activeLabel: "Checking risks", category: "planning" },
  breakdownWork: { label: "Broke down work", activeLabel: "Breaking down work", category: "planning" },
  getStatusReport: { label: "Gathered status", activeLabel: "Gathering status", category: "planning" },
  saveArtifact: { label: "Saved artifact", activeLabel: "Saving artifact", category: "artifact" },
  proposeChanges: { label: "Proposed changes", activeLabel: "Proposing changes", category: "approval" },
};

export function isKnownTool(name: string): name is KnownToolName {
  return Object.hasOwn(TOOLS, name);
}

/** "getPullRequests" → "Get pull requests"; for tools this file does not know yet. */
export function humaniseToolName(name: string): string {
  const words = name
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : "Tool";
}

export function describeTool(name: string): ToolDescription {
  if (isKnownTool(name)) return { name, ...TOOLS[name] };
  const label = humaniseToolName(name);
  return { name, label, activeLabel: label, category: "other" };
}

// ---- readers for untyped JSON ----------------------------------------------------------------

type Json = Record<string, unknown>;

function record(v: unknown): Json | null {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : null;
}

/** The first non-empty string (or finite number) among `keys` of `v`. */
function pick(v: unknown, ...keys: string[]): string | null {
  const r = record(v);
  if (!r) return null;
  for (const k of keys) {
    const x = r[k];
    if (typeof x === "string" && x.trim()) return x.trim();
    if (typeof x === "number" && Number.isFinite(x)) return String(x);
  }
  return null;
}

function num(v: unknown, ...keys: string[]): number | null {
  const r = record(v);
  if (!r) return null;
  for (const k of keys) {
    const x = r[k];
    if (typeof x === "number" && Number.isFinite(x)) return x;
  }
  return null;
}

/** The output itself when it is an array, else its first array-valued field among `keys`. */
function list(v: unknown, ...keys: string[]): unknown[] | null {
  if (Array.isArray(v)) return v;
  const r = record(v);
  if (!r) return null;
  for (const k of keys) if (Array.isArray(r[k])) return r[k] as unknown[];
  return null;
}

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

function quoted(s: string | null): string | null {
  return s ? `“${truncate(s, 40)}”` : null;
}

export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? noun : nouns}`;
}

function decimal(n: number): string {
  return n.toLocaleString("en", { maximumFractionDigits: 1 });
}

/** "2027-01-12" → "12 Jan 2027"; anything that is not an ISO date is returned unchanged. */
export function formatDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return value;
  const d = parseISO(value);
  return isValid(d) ? format(d, "d MMM yyyy") : value;
}

/** Count of a list field, or a `total`/`count` number, as "12 issues". */
function counted(output: unknown, noun: string, nouns: string | undefined, ...keys: string[]): string | null {
  const total = num(output, "total", "count");
  if (total != null) return plural(total, noun, nouns);
  const items = list(output, ...keys);
  return items ? plural(items.length, noun, nouns) : null;
}

function join(...parts: (string | null | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === "string" && p.length > 0).join(" · ");
}

// ---- saveArtifact ----------------------------------------------------------------------------

export function parseSaveArtifactOutput(output: unknown): SaveArtifactOutput | null {
  const r = record(output);
  if (!r) return null;
  const { artifactId, kind, title, version } = r;
  if (typeof artifactId !== "string" || !artifactId) return null;
  if (typeof kind !== "string" || !(ARTIFACT_KINDS as readonly string[]).includes(kind)) return null;
  if (typeof title !== "string") return null;
  if (typeof version !== "number" || !Number.isInteger(version)) return null;
  return { artifactId, kind: kind as ArtifactKind, title, version };
}

/** "Sprint plan · PAY Sprint 26 · v1" */
export function formatArtifactReference(a: Pick<SaveArtifactOutput, "kind" | "title" | "version">): string {
  return join(ARTIFACT_KIND_LABELS[a.kind], a.title, `v${a.version}`);
}

// ---- proposeChanges --------------------------------------------------------------------------

/** What the `proposeChanges` tool returns once the proposal is stored (it waits for a person). */
export interface ProposeChangesOutput {
  proposalId: string;
  title: string;
  /** How many actions the proposal holds. */
  actions: number | null;
  status: string | null;
}

export function parseProposeChangesOutput(output: unknown): ProposeChangesOutput | null {
  const r = record(output);
  if (!r) return null;
  const { proposalId, title, actions, status } = r;
  if (typeof proposalId !== "string" || !proposalId) return null;
  return {
    proposalId,
    title: typeof title === "string" ? title : "Proposed changes",
    actions: typeof actions === "number" && Number.isInteger(actions) && actions >= 0 ? actions : Array.isArray(actions) ? actions.length : null,
    status: typeof status === "string" && status.trim() ? status.trim() : null,
  };
}

// ---- summaries -------------------------------------------------------------------------------

type Summariser = { input: (input: unknown) => string | null; output: (output: unknown) => string | null };

const scope = (input: unknown) => pick(input, "teamKey", "team", "projectKey");

const forecastOutput = (output: unknown): string | null => {
  const p85 = pick(record(output)?.percentiles, "p85");
  return p85 ? `85% by ${formatDay(p85)}` : null;
};

const SUMMARIES: Record<KnownToolName, Summariser> = {
  proposeChanges: {
    input: (i) => {
      const title = pick(i, "title");
      const actions = list(i, "actions");
      return join(title ? truncate(title, 48) : null, actions && !title ? plural(actions.length, "action") : null);
    },
    output: (o) => {
      const proposal = parseProposeChangesOutput(o);
      if (!proposal || proposal.actions === null) return null;
      return `${plural(proposal.actions, "action")} ${proposal.status ?? "awaiting approval"}`;
    },
  },
  searchWorkItems: {
    input: (i) => join(quoted(pick(i, "query", "text", "jql")), scope(i), pick(i, "status")),
    output: (o) => counted(o, "issue", undefined, "items", "workItems", "results"),
  },
  getWorkItem: {
    input: (i) => pick(i, "key", "workItemKey", "id"),
    output: (o) => {
      const title = pick(o, "title", "summary");
      const status = pick(o, "status");
      return title ? (status ? `${truncate(title, 48)} (${status})` : truncate(title, 48)) : null;
    },
  },
  getSprint: {
    input: (i) => join(pick(i, "sprintId", "sprint", "name"), scope(i), pick(i, "which", "state")),
    output: (o) => {
      const sprint = record(record(o)?.sprint) ?? o;
      return join(pick(sprint, "name"), pick(sprint, "state"), counted(o, "item", undefined, "items", "workItems"));
    },
  },
  getRelease: {
    input: (i) => join(pick(i, "releaseId", "release", "name", "version"), scope(i)),
    output: (o) => {
      const release = record(record(o)?.release) ?? o;
      const due = pick(release, "releaseDate", "dueDate");
      return join(pick(release, "name"), due ? `due ${formatDay(due)}` : null);
    },
  },
  getPullRequests: {
    input: (i) => join(pick(i, "workItemKey", "key", "repo"), pick(i, "state")),
    output: (o) => counted(o, "pull request", undefined, "pullRequests", "items", "results"),
  },
  searchDocuments: {
    input: (i) => quoted(pick(i, "query", "text")),
    output: (o) => counted(o, "document", undefined, "documents", "items", "results"),
  },
  searchMessages: {
    input: (i) => {
      const channel = pick(i, "channel", "channelName");
      return join(quoted(pick(i, "query", "text")), channel ? (channel.startsWith("#") ? channel : `#${channel}`) : null);
    },
    output: (o) => counted(o, "message", undefined, "messages", "items", "results"),
  },
  getVelocity: {
    input: scope,
    output: (o) => {
      const avg = num(o, "average", "mean", "velocity", "averagePoints");
      const unit = pick(o, "unit") === "items" ? "items" : "pts";
      const sprints = list(o, "sprints", "history", "perSprint");
      return join(avg != null ? `avg ${decimal(avg)} ${unit}/sprint` : null, sprints ? `over ${plural(sprints.length, "sprint")}` : null);
    },
  },
  getCapacity: {
    input: (i) => join(scope(i), pick(i, "sprintId", "sprint")),
    output: (o) => {
      const points = num(o, "capacityPoints", "points", "totalPoints", "capacity");
      const days = num(o, "availableDays", "personDays", "days");
      return join(points != null ? `${decimal(points)} pts capacity` : null, days != null ? `${decimal(days)} person-days` : null);
    },
  },
  forecastCompletion: {
    input: (i) => join(scope(i), pick(i, "releaseId", "release", "epicKey", "scope")),
    output: (o) => {
      const trials = num(o, "trials");
      return join(forecastOutput(o), trials != null ? plural(trials, "trial") : null);
    },
  },
  planSprint: {
    input: scope,
    output: (o) => {
      const items = list(o, "committed", "selected", "items");
      const points = num(o, "committedPoints", "points", "totalPoints");
      const capacity = num(o, "capacityPoints", "capacity");
      const pts = points != null ? (capacity != null ? `${decimal(points)} of ${decimal(capacity)} pts` : `${decimal(points)} pts`) : null;
      return join(items ? plural(items.length, "item") : null, pts);
    },
  },
  planRelease: {
    input: (i) => join(scope(i), pick(i, "releaseId", "release", "name")),
    output: (o) => {
      const cut = list(o, "cut", "toCut", "descoped");
      return join(forecastOutput(o) ?? forecastOutput(record(o)?.forecast), cut && cut.length ? `${cut.length.toLocaleString("en")} to cut` : null);
    },
  },
  detectRisks: {
    input: scope,
    output: (o) => {
      const risks = list(o, "risks", "items");
      if (!risks) return null;
      const high = risks.filter((r) => ["high", "critical"].includes(String(record(r)?.severity ?? "").toLowerCase())).length;
      return join(plural(risks.length, "risk"), high ? `${high.toLocaleString("en")} high` : null);
    },
  },
  breakdownWork: {
    input: (i) => pick(i, "key", "epicKey", "workItemKey", "title"),
    output: (o) => counted(o, "piece", undefined, "items", "stories", "tasks", "children"),
  },
  getStatusReport: {
    input: (i) => join(scope(i), pick(i, "period", "since", "week")),
    output: (o) => {
      const counts = record(record(o)?.counts) ?? o;
      const done = num(counts, "done", "completed");
      const doing = num(counts, "inProgress", "doing");
      const blocked = num(counts, "blocked");
      return join(done != null ? `${done} done` : null, doing != null ? `${doing} in progress` : null, blocked ? `${blocked} blocked` : null);
    },
  },
  saveArtifact: {
    input: (i) => {
      const kind = pick(i, "kind");
      const label = kind && (ARTIFACT_KINDS as readonly string[]).includes(kind) ? ARTIFACT_KIND_LABELS[kind as ArtifactKind] : null;
      return join(label, pick(i, "title"));
    },
    output: (o) => {
      const saved = parseSaveArtifactOutput(o);
      return saved ? formatArtifactReference(saved) : null;
    },
  },
};

const genericSummary: Summariser = {
  input: (i) => quoted(pick(i, "query", "text")) ?? pick(i, "key", "teamKey", "name", "id"),
  output: (o) => {
    const items = list(o, "items", "results");
    return items ? plural(items.length, "result") : null;
  },
};

/**
 * One line for a tool row: what was asked, then what came back once there is an output
 * ("“checkout” · PAY → 12 issues"). `output` is undefined while the call runs. Never throws; an
 * empty string means there is nothing worth saying beyond the label.
 */
export function summariseToolCall(name: string, input: unknown, output?: unknown): string {
  const s = isKnownTool(name) ? SUMMARIES[name] : genericSummary;
  const asked = safely(() => s.input(input));
  if (output === undefined) return asked ?? "";
  // saveArtifact's output already names the artifact, and a proposal's title shows in its card
  // right below the row; repeating the input would say it twice.
  const got = safely(() => s.output(output));
  if ((name === "saveArtifact" || name === "proposeChanges") && got) return got;
  return [asked, got].filter(Boolean).join(" → ");
}

function safely(fn: () => string | null): string | null {
  try {
    const v = fn();
    return v ? v : null;
  } catch {
    return null;
  }
}
