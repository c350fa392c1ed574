import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { type z } from "zod";
import { ACTION_KINDS, type ActionKind } from "@/server/actions/catalogue/types";
import { type Role } from "@/server/db/generated/enums";
import { describeRule, joinWords, rolesPlural } from "./explain";
import {
  ALL_ROLES,
  type BlueprintEntryDocument,
  closest,
  DAY_NAMES,
  DEFAULT_APPROVER_ROLES,
  DEFAULT_EDITORS,
  notionIdOf,
  parseDays,
  parseHours,
  type Policy,
  type PolicyDocument,
  POLICY_SIZE_LIMIT,
  type PolicyRole,
  type PolicyRule,
  policySchema,
  type PolicyScope,
  ROLE_OF,
  type RuleDocument,
  type TimeWindow,
} from "./language";
import { KIND_VERBS, LOW_RISK_VERBS, POLICY_TOOLS, type PolicyTool, TOOL_LABELS, toolOf, verbOf, verbsOfTool } from "./verbs";

/**
 * YAML text → a compiled {@link Policy}, or every problem with its line and column.
 *
 * Checks run in three passes, each only when the previous one passed: the YAML itself (the yaml
 * library's errors and positions), the structure (the zod schema in language.ts), then meaning
 * (unique names, rules that can never match, auto-apply limits…). Problems are reported as the
 * author should fix them: where, what is wrong and what to write instead. Warnings never block.
 */

/** A problem in a policy, positioned for an editor (offsets) and for people (1-based line and column). */
export interface PolicyIssue {
  severity: "error" | "warning";
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Character offsets into the text, end exclusive (CodeMirror's `from`/`to`). */
  from: number;
  to: number;
  /** Where in the document, as keys and list indexes (empty for the whole policy or for YAML syntax). */
  path: (string | number)[];
}

export type PolicyParseResult = { ok: true; policy: Policy; warnings: PolicyIssue[] } | { ok: false; errors: PolicyIssue[]; warnings: PolicyIssue[] };

/** Thrown by {@link loadPolicy} when a stored policy no longer parses. */
export class InvalidPolicyError extends Error {
  constructor(readonly issues: PolicyIssue[]) {
    super(`The policy is invalid: ${issues.map((i) => `line ${i.line}, column ${i.column}: ${i.message}`).join("; ")}`);
    this.name = "InvalidPolicyError";
  }
}

/** "1.0 MB", "300 KB". */
export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Parses a policy; never throws. */
export function parsePolicy(text: string): PolicyParseResult {
  const size = new TextEncoder().encode(text).length;
  if (size > POLICY_SIZE_LIMIT) {
    const issue = positioned("error", `Policies are limited to ${formatSize(POLICY_SIZE_LIMIT)}; this one is ${formatSize(size)}. Remove rules that are no longer needed, or merge rules that share roles and tools.`, { line: 1, col: 1 }, { line: 1, col: 1 }, 0, 0, []);
    return { ok: false, errors: [issue], warnings: [] };
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const report = new Reporter(doc, lineCounter);

  for (const error of doc.errors) {
    const star = /alias/i.test(error.message) && text.slice(error.pos[0], error.pos[0] + 1) === "*" ? ' In YAML a bare * starts an alias; write "*" in quotes to mean every role, tool or action.' : "";
    report.atOffsets("error", `${error.message}.`.replace(/\.\.$/, ".") + star, error.pos[0], error.pos[1]);
  }
  for (const warning of doc.warnings) report.atOffsets("warning", `${warning.message}.`.replace(/\.\.$/, "."), warning.pos[0], warning.pos[1]);
  if (report.errors.length > 0) return report.result(null);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    report.error([], `The YAML could not be read: ${(error as Error).message}. Avoid deeply nested aliases (*name); write the values out.`);
    return report.result(null);
  }
  if (data === null || data === undefined) {
    report.error([], "The policy is empty. Start from the default policy, or write `version: 1` and a `rules:` list.");
    return report.result(null);
  }

  const parsed = policySchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) structuralIssue(report, issue);
    return report.result(null);
  }
  const policy = compile(parsed.data, report);
  return report.result(policy);
}

/** Parses a stored policy that is expected to be valid; throws {@link InvalidPolicyError} otherwise. */
export function loadPolicy(text: string): Policy {
  const result = parsePolicy(text);
  if (!result.ok) throw new InvalidPolicyError(result.errors);
  return result.policy;
}

/* ------------------------------------------------------------------------------------------------
 * Positions
 * ---------------------------------------------------------------------------------------------- */

type Path = (string | number)[];

function positioned(severity: PolicyIssue["severity"], message: string, start: { line: number; col: number }, end: { line: number; col: number }, from: number, to: number, path: Path): PolicyIssue {
  return { severity, message, line: start.line, column: start.col, endLine: end.line, endColumn: end.col, from, to, path };
}

/** Collects issues, placing each on the YAML node its path names (or the nearest one that exists). */
class Reporter {
  readonly errors: PolicyIssue[] = [];
  readonly warnings: PolicyIssue[] = [];

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  error(path: Path, message: string, on: "value" | "key" = "value") {
    this.add("error", path, message, on);
  }

  warning(path: Path, message: string, on: "value" | "key" = "value") {
    this.add("warning", path, message, on);
  }

  atOffsets(severity: PolicyIssue["severity"], message: string, from: number, to: number, path: Path = []) {
    const list = severity === "error" ? this.errors : this.warnings;
    if (list.some((i) => i.from === from && i.message === message)) return;
    list.push(positioned(severity, message, this.lines.linePos(from), this.lines.linePos(Math.max(from, to)), from, Math.max(from, to), path));
  }

  result(policy: Policy | null): PolicyParseResult {
    const byPosition = (a: PolicyIssue, b: PolicyIssue) => a.from - b.from;
    this.errors.sort(byPosition);
    this.warnings.sort(byPosition);
    return policy && this.errors.length === 0 ? { ok: true, policy, warnings: this.warnings } : { ok: false, errors: this.errors, warnings: this.warnings };
  }

  private add(severity: PolicyIssue["severity"], path: Path, message: string, on: "value" | "key") {
    const [from, to] = this.range(path, on);
    this.atOffsets(severity, message, from, to, path);
  }

  /** The offsets of the node at `path`; collections are marked on their first line only. */
  private range(path: Path, on: "value" | "key"): [number, number] {
    let node: unknown = this.doc.contents;
    let key: unknown = null;
    let found = true;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value === segment : p.key === segment));
        if (!pair) {
          found = false;
          break;
        }
        key = pair.key;
        const value = pair.value;
        const empty = !value || (isScalar(value) && value.value === null && value.range?.[0] === value.range?.[1]);
        node = empty ? pair.key : value;
      } else if (isSeq(node) && typeof segment === "number" && node.items[segment]) {
        key = null;
        node = node.items[segment];
      } else {
        found = false;
        break;
      }
    }
    const target = found && on === "key" && key ? key : node;
    const range = (target as { range?: [number, number, number] } | null)?.range;
    if (!range) return [0, 0];
    if (isMap(target) || isSeq(target)) {
      const lineEnd = this.lines.lineStarts.find((start) => start > range[0]);
      return [range[0], Math.min(range[1], lineEnd === undefined ? range[1] : lineEnd - 1)];
    }
    return [range[0], range[1]];
  }
}

/* ------------------------------------------------------------------------------------------------
 * Structural issues (zod)
 * ---------------------------------------------------------------------------------------------- */

/** Keys that belong one level down, for "did you mean to put this under …". */
const NESTED_KEYS: Record<string, string> = {
  days: "time",
  hours: "time",
  required: "approval",
  approver_roles: "approval",
  self_approval: "approval",
  max_items: "when",
  over_limit: "when",
  due_date_change: "when",
  cross_project: "when",
  channel_max_members: "when",
  jira_projects: "scope",
  repositories: "scope",
  notion: "scope",
  slack_channels: "scope",
  editors: "administration",
};

/** Keys of the short form written inside a rule, and the other way round. */
const SYNONYMS: Record<string, string> = {
  user_role: "roles",
  allowed_tools: "tools",
  allowed_actions: "actions",
  requires_approval: "approval",
  role: "roles",
  tool: "tools",
  action: "actions",
  approvers: "approval: { approver_roles: […] }",
  environment: "environments",
  autoapply: "auto_apply",
};

function structuralIssue(report: Reporter, issue: z.core.$ZodIssue) {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeys(path);
    for (const key of issue.keys) report.error([...path, key], unknownKeyMessage(key, path, allowed), "key");
    return;
  }
  report.error(path, issue.message);
}

function unknownKeyMessage(key: string, path: Path, allowed: string[]): string {
  const here = allowed.length > 0 ? ` Keys allowed here: ${allowed.join(", ")}.` : "";
  const parent = NESTED_KEYS[key];
  if (parent && allowed.includes(parent)) return `“${key}” belongs under ${parent}: write ${parent}: { ${key}: … }.${here}`;
  if (key === "timezone" && allowed.includes("time")) return `A rule's time zone belongs under time: write time: { timezone: … }, or set timezone: at the top of the policy.${here}`;
  const synonym = SYNONYMS[key.toLowerCase()];
  if (synonym && allowed.some((a) => synonym.startsWith(a))) return `Unknown key “${key}”: in rules it is called ${synonym}.${here}`;
  const near = closest(key, allowed);
  const where = path.length === 0 ? "at the top of the policy" : `in ${describePath(path)}`;
  return `Unknown key “${key}” ${where}.${near ? ` Did you mean “${near}”?` : ""}${here}`;
}

function describePath(path: Path): string {
  const last = [...path].reverse().find((p) => typeof p === "string");
  if (path.length === 2 && path[0] === "rules") return `rule ${Number(path[1]) + 1}`;
  if (path.length === 2 && path[0] === "policies") return `entry ${Number(path[1]) + 1} of policies`;
  return last ? `${last}` : "this list";
}

/** The keys the schema allows in the object at `path`. */
function allowedKeys(path: Path): string[] {
  let schema: unknown = policySchema;
  const unwrap = (s: unknown): unknown => {
    for (let i = 0; i < 10; i++) {
      const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
      if (!def) return s;
      if (def.type === "optional" || def.type === "nullable" || def.type === "default" || def.type === "prefault" || def.type === "readonly") s = def.innerType;
      else if (def.type === "pipe") s = (def.out as { _zod: { def: { type: string } } })._zod.def.type === "transform" ? def.in : def.out;
      else return s;
    }
    return s;
  };
  for (const segment of path) {
    const def = (unwrap(schema) as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def.type === "object" && typeof segment === "string") schema = (def.shape as Record<string, unknown>)[segment];
    else if (def.type === "array" && typeof segment === "number") schema = def.element;
    else return [];
    if (!schema) return [];
  }
  const def = (unwrap(schema) as { _zod: { def: Record<string, unknown> } })._zod.def;
  return def.type === "object" ? Object.keys(def.shape as Record<string, unknown>) : [];
}

/* ------------------------------------------------------------------------------------------------
 * Meaning: checks and compilation
 * ---------------------------------------------------------------------------------------------- */

function roles(written: readonly string[]): Role[] {
  if (written.includes("*")) return [...ALL_ROLES];
  return ALL_ROLES.filter((r) => written.some((w) => ROLE_OF[w as PolicyRole] === r));
}

function tools(written: readonly string[] | undefined): PolicyTool[] {
  if (!written || written.includes("*")) return [...POLICY_TOOLS];
  return POLICY_TOOLS.filter((t) => written.includes(t));
}

function matchesAction(kind: ActionKind, action: string): boolean {
  return action === "*" || action === kind || action === verbOf(kind);
}

function expand(toolList: readonly PolicyTool[], actions: readonly string[]): ActionKind[] {
  return ACTION_KINDS.filter((k) => toolList.includes(toolOf(k)) && actions.some((a) => matchesAction(k, a)));
}

/**
 * Every listed action must reach at least one kind among the rule's tools; an entry that cannot is
 * a mistake the author would want to hear about (jira.comment with tools: [github]). A listed tool
 * that none of the actions reach draws a warning. Returns the written actions without `read`.
 */
function checkActions(report: Reporter, path: Path, key: string, toolList: PolicyTool[], actions: readonly string[], toolsKey: string, toolsListed: readonly string[] | undefined): string[] {
  const kept = actions.filter((a) => a !== "read");
  if (kept.length === 0) {
    report.error([...path, key], "“read” is never an action: reading connected data is always allowed. List the changes this rule covers, e.g. [comment], or remove the rule.");
    return kept;
  }
  actions.forEach((action, index) => {
    if (action === "read" || action === "*" || expand(toolList, [action]).length > 0) return;
    const at = [...path, key, index];
    const toolNames = joinWords(toolList.map((t) => TOOL_LABELS[t]), "or");
    if (action.includes(".")) {
      const tool = toolOf(action as ActionKind);
      report.error(at, `${action} is a ${TOOL_LABELS[tool]} action, but this rule only covers ${toolNames}. Add ${tool} to tools, or remove ${action}.`);
    } else {
      const offered = toolList.map((t) => `${TOOL_LABELS[t]}: ${joinWords(verbsOfTool(t), "and")}`).join("; ");
      report.error(at, `${toolNames} ${toolList.length > 1 ? "have" : "has"} no “${action}” action, so this entry can never match (${offered}). Remove it, or add a tool that has it.`);
    }
  });
  if (toolsListed) {
    toolsListed.forEach((tool, index) => {
      if (tool === "*" || !isPolicyTool(tool)) return;
      const at = [...path, toolsKey, index];
      if (tool === "slack" && kept.includes("create") && !kept.includes("post") && !kept.includes("*")) {
        report.warning(at, "“create” does not cover Slack messages: posting a message is the verb “post”. Add post to the actions if this rule should let people post.");
      } else if (expand([tool], kept).length === 0) {
        report.warning(at, `This rule covers no ${TOOL_LABELS[tool]} actions (${TOOL_LABELS[tool]} has ${joinWords(verbsOfTool(tool), "and")}), so listing ${tool} has no effect.`);
      }
    });
  }
  return kept;
}

function isPolicyTool(value: string): value is PolicyTool {
  return (POLICY_TOOLS as readonly string[]).includes(value);
}

const MINUTES = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

function daysLabel(days: number[]): string {
  if (days.length === 7) return "every day";
  const week = [1, 2, 3, 4, 5, 6, 0];
  const positions = week.map((d, i) => (days.includes(d) ? i : -1)).filter((i) => i >= 0);
  const name = (d: number) => DAY_NAMES[d]!.charAt(0).toUpperCase() + DAY_NAMES[d]!.slice(1);
  const contiguous = positions.every((p, i) => i === 0 || p === positions[i - 1]! + 1);
  if (contiguous && positions.length > 2) return `${name(week[positions[0]!]!)}–${name(week[positions[positions.length - 1]!]!)}`;
  return positions.map((p) => name(week[p]!)).join(", ");
}

function compileTime(report: Reporter, path: Path, time: NonNullable<RuleDocument["time"]>, policyZone: string): TimeWindow | null {
  if (!time.days && time.hours === undefined) {
    report.error(path, 'A time window needs days, hours or both, e.g. time: { days: [mon-fri], hours: "09:00-18:00" }. Remove time: for a rule that applies at any time.');
    return null;
  }
  const days = time.days ? [...new Set(time.days.flatMap((d) => parseDays(d) ?? []))].sort((a, b) => a - b) : [0, 1, 2, 3, 4, 5, 6];
  const span = time.hours !== undefined ? parseHours(time.hours)! : { start: 0, end: 24 * 60 };
  if (span.start === span.end) {
    report.error([...path, "hours"], `“${time.hours}” is an empty window. For the whole day leave hours out or write "00:00-24:00"; for a window past midnight write e.g. "22:00-06:00".`);
    return null;
  }
  const timezone = time.timezone ?? policyZone;
  const hoursLabel = time.hours !== undefined ? `${MINUTES(span.start)}–${MINUTES(span.end)}` : "all day";
  return { days, start: span.start, end: span.end, timezone, label: `${daysLabel(days)} ${hoursLabel} (${timezone})` };
}

function compileScope(report: Reporter, path: Path, scope: NonNullable<RuleDocument["scope"]>, kinds: ActionKind[]): PolicyScope | null {
  const covers = (tool: PolicyTool) => kinds.some((k) => toolOf(k) === tool);
  const dimensions: [keyof typeof scope, PolicyTool][] = [
    ["jira_projects", "jira"],
    ["repositories", "github"],
    ["notion", "notion"],
    ["slack_channels", "slack"],
  ];
  if (dimensions.every(([key]) => scope[key] === undefined)) {
    report.error(path, "The scope is empty. List what the rule is limited to, e.g. scope: { jira_projects: [PAY] }, or remove scope:.");
    return null;
  }
  for (const [key, tool] of dimensions) {
    if (scope[key] !== undefined && !covers(tool)) report.warning([...path, key], `This rule covers no ${TOOL_LABELS[tool]} actions, so ${key} has no effect.`, "key");
  }
  const unique = (values: string[] | undefined) => (values ? [...new Set(values)] : null);
  return {
    jiraProjects: unique(scope.jira_projects?.map((p) => p.trim().toUpperCase())),
    repositories: unique(scope.repositories?.map((r) => r.trim().toLowerCase())),
    notion: unique(scope.notion?.map((n) => notionIdOf(n)!)),
    slackChannels: unique(scope.slack_channels?.map((c) => (c.trim().startsWith("#") ? c.trim().toLowerCase() : c.trim().toUpperCase()))),
  };
}

function compileRule(report: Reporter, path: Path, rule: RuleDocument, policyZone: string): PolicyRule | null {
  const errorsBefore = report.errors.length;
  const effect = rule.effect ?? "allow";
  const toolList = tools(rule.tools);
  const actions = checkActions(report, path, "actions", toolList, rule.actions, "tools", rule.tools);
  const kinds = expand(toolList, actions);

  if (effect === "deny") {
    for (const key of ["approval", "auto_apply", "when"] as const) {
      if (rule[key] !== undefined) {
        report.error(
          [...path, key],
          key === "when"
            ? "A deny rule denies outright, so when: has no meaning here. To deny only past a limit, put the condition on the allow rule, e.g. when: { max_items: 10, over_limit: deny }."
            : `A deny rule never lets an action through, so ${key} has no meaning here. Remove it, or make the rule effect: allow.`,
          "key",
        );
      }
    }
  }

  const approval = rule.approval;
  if (rule.auto_apply === true && effect === "allow") {
    if (approval?.required !== false) {
      report.error([...path, "auto_apply"], "auto_apply needs approval: { required: false } in the same rule: an action that applies by itself cannot wait for an approver. Add it, or remove auto_apply.", "key");
    }
    const risky = [...new Set(kinds.filter((k) => !LOW_RISK_VERBS.includes(verbOf(k))).map(verbOf))];
    if (risky.length > 0 || actions.includes("*")) {
      report.error(
        [...path, "auto_apply"],
        `auto_apply is only for low-risk actions: ${joinWords([...LOW_RISK_VERBS].map((v) => (v === "post" ? "post (replies in Slack threads)" : v)), "and")}. This rule also covers ${actions.includes("*") ? "every action" : joinWords(risky, "and")}. Put those in a rule without auto_apply.`,
        "key",
      );
    }
  }

  const when = rule.when;
  if (when && effect === "allow") {
    if (when.over_limit !== undefined && when.max_items === undefined && when.channel_max_members === undefined) {
      report.error([...path, "when", "over_limit"], "over_limit says what happens past a limit, but this rule sets none. Add max_items: N or channel_max_members: N, or remove over_limit.", "key");
    }
    if (when.due_date_change !== undefined && !kinds.includes("jira.updateFields")) {
      report.warning([...path, "when", "due_date_change"], "This rule does not cover updating Jira issues, so due_date_change has no effect.", "key");
    }
    if (when.cross_project !== undefined && !kinds.some((k) => toolOf(k) === "jira")) {
      report.warning([...path, "when", "cross_project"], "This rule covers no Jira actions, so cross_project has no effect.", "key");
    }
    if (when.channel_max_members !== undefined && !kinds.some((k) => toolOf(k) === "slack")) {
      report.warning([...path, "when", "channel_max_members"], "This rule covers no Slack actions, so channel_max_members has no effect.", "key");
    }
  }

  const scope = rule.scope ? compileScope(report, [...path, "scope"], rule.scope, kinds) : null;
  const time = rule.time ? compileTime(report, [...path, "time"], rule.time, policyZone) : null;
  if (report.errors.length > errorsBefore) return null;

  return {
    name: rule.name,
    description: rule.description ?? null,
    effect,
    roles: roles(rule.roles),
    tools: toolList,
    actions,
    kinds,
    scope,
    when:
      when && effect === "allow"
        ? {
            maxItems: when.max_items ?? null,
            channelMaxMembers: when.channel_max_members ?? null,
            overLimit: when.over_limit ?? "require_approval",
            dueDateChange: when.due_date_change ?? null,
            crossProject: when.cross_project ?? null,
          }
        : null,
    time,
    environments: rule.environments ? [...new Set(rule.environments)] : null,
    approval: {
      required: effect === "allow" ? (approval?.required ?? true) : false,
      approverRoles: approval?.approver_roles ? roles(approval.approver_roles) : [...DEFAULT_APPROVER_ROLES],
      selfApproval: approval?.self_approval ?? false,
    },
    autoApply: effect === "allow" && rule.auto_apply === true,
  };
}

/** The blueprint's short form, one entry → one rule per approval setting (with and without). */
function compileBlueprintEntry(report: Reporter, index: number, entry: BlueprintEntryDocument): PolicyRule[] {
  const path: Path = ["policies", index];
  const toolList = tools(entry.allowed_tools);
  const allowed = entry.allowed_actions.filter((a) => a !== "read");
  if (allowed.length === 0) return []; // read-only: nothing to allow
  const actions = checkActions(report, path, "allowed_actions", toolList, entry.allowed_actions, "allowed_tools", entry.allowed_tools);
  const kinds = expand(toolList, actions);

  const requires = entry.requires_approval;
  let requiredActions: string[];
  if (requires === undefined || requires === true) requiredActions = actions;
  else if (requires === false) requiredActions = [];
  else {
    requiredActions = requires.filter((a) => a !== "read");
    requires.forEach((action, i) => {
      if (action === "read" || actions.includes("*") || actions.includes(action)) return;
      if (action.includes(".") && actions.includes(verbOf(action as ActionKind))) return;
      report.error(["policies", index, "requires_approval", i], `“${action}” needs approval here but is not in allowed_actions. Add it to allowed_actions, or remove it from requires_approval.`);
    });
  }
  const needsApproval = kinds.filter((k) => requiredActions.some((a) => matchesAction(k, a)));
  const free = kinds.filter((k) => !needsApproval.includes(k));
  const base = `Policy ${index + 1} for ${entry.user_role.join(", ")}`;
  const make = (ruleKinds: ActionKind[], required: boolean, suffix: string): PolicyRule => ({
    name: `${base}${suffix}`,
    description: null,
    effect: "allow",
    roles: roles(entry.user_role),
    tools: toolList,
    actions: [...new Set(ruleKinds.map((k) => KIND_VERBS[k].verb))],
    kinds: ruleKinds,
    scope: null,
    when: null,
    time: null,
    environments: null,
    approval: { required, approverRoles: [...DEFAULT_APPROVER_ROLES], selfApproval: false },
    autoApply: false,
  });
  const split = needsApproval.length > 0 && free.length > 0;
  return [
    ...(needsApproval.length > 0 ? [make(needsApproval, true, split ? " (with approval)" : "")] : []),
    ...(free.length > 0 ? [make(free, false, split ? " (without approval)" : "")] : []),
  ];
}

function compile(doc: PolicyDocument, report: Reporter): Policy | null {
  const timezone = doc.timezone ?? "UTC";
  if (doc.rules && doc.policies) {
    report.error(["policies"], "Write either rules: or policies:, not both. policies: is the blueprint's short form; move its entries into rules: (see docs/policies.md).", "key");
    return null;
  }
  if (!doc.rules && !doc.policies) {
    report.error([], "The policy has no rules: list, so it would deny everything. Add rules: with at least one rule (start from the default policy).");
    return null;
  }

  const rules: PolicyRule[] = [];
  const rulePaths: Path[] = [];
  if (doc.rules) {
    const names = new Map<string, number>();
    doc.rules.forEach((rule, index) => {
      const path: Path = ["rules", index];
      const key = rule.name.trim().toLowerCase();
      const first = names.get(key);
      if (first !== undefined) report.error([...path, "name"], `Rule ${first + 1} is already called “${doc.rules![first]!.name}”. Rule names must be unique: rename this one.`);
      else names.set(key, index);
      const compiled = compileRule(report, path, rule, timezone);
      if (compiled) {
        rules.push(compiled);
        rulePaths.push(path);
      }
    });
    if (doc.rules.length === 0) report.warning(["rules"], "This policy has no rules, so every action is denied.", "key");
  } else {
    doc.policies!.forEach((entry, index) => {
      for (const rule of compileBlueprintEntry(report, index, entry)) {
        rules.push(rule);
        rulePaths.push(["policies", index]);
      }
    });
  }

  warnShadowed(report, rules, rulePaths);

  return {
    version: 1,
    timezone,
    administration: { editors: doc.administration?.editors ? roles(doc.administration.editors) : [...DEFAULT_EDITORS] },
    rules,
  };
}

/** An allow rule that an unconditional deny covers completely can never allow anything. */
function warnShadowed(report: Reporter, rules: PolicyRule[], paths: Path[]) {
  rules.forEach((rule, i) => {
    if (rule.effect !== "allow") return;
    const shadow = rules.find(
      (d) =>
        d.effect === "deny" &&
        !d.scope &&
        !d.time &&
        !d.environments &&
        rule.roles.every((r) => d.roles.includes(r)) &&
        rule.kinds.every((k) => d.kinds.includes(k)),
    );
    if (shadow) {
      report.warning(
        [...paths[i]!, "name"],
        `Rule “${rule.name}” never allows anything: rule “${shadow.name}” stops ${rolesPlural(rule.roles)} from the same actions at all times, and a deny always wins. Remove one of them, or narrow “${shadow.name}” with a scope, time or environments.`,
      );
    }
  });
}

/** A policy's rules as sentences, for the editor's summary. */
export function summarisePolicy(policy: Policy): string[] {
  return policy.rules.map((r) => `${r.name}: ${describeRule(r)}`);
}
