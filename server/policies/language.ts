import { z } from "zod";
import { ACTION_KINDS, type ActionKind } from "@/server/actions/catalogue/types";
import { type Role } from "@/server/db/generated/enums";
import { normaliseNotionId, POLICY_TOOLS, type PolicyTool, VERBS } from "./verbs";

/**
 * The policy language, version 1: what an organisation's YAML policy may say, as zod schemas of
 * the written form, and the compiled form the evaluator reads.
 *
 * The written form keeps what the author wrote (so checks can point at it); the compiled
 * {@link Policy} has every default applied, verbs expanded to action kinds and names normalised,
 * so evaluation never re-interprets text. docs/policies.md is the reference for authors; keep both
 * in step.
 *
 * Pure and free of Node APIs: the policy editor validates in the browser with the same code.
 */

/* ------------------------------------------------------------------------------------------------
 * Vocabulary
 * ---------------------------------------------------------------------------------------------- */

/** Roles as written in policies (lower case); they map onto the Prisma `Role` enum. */
export const POLICY_ROLES = ["pm", "engineer", "admin", "leadership"] as const;
export type PolicyRole = (typeof POLICY_ROLES)[number];

export const ROLE_OF: Record<PolicyRole, Role> = { pm: "PM", engineer: "ENGINEER", admin: "ADMIN", leadership: "LEADERSHIP" };
export const ALL_ROLES: readonly Role[] = ["PM", "ENGINEER", "ADMIN", "LEADERSHIP"];

/** Where an action would run. The sandbox is Lumen's own stand-in for the tools. */
export const ENVIRONMENTS = ["sandbox", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** Day names by `Date#getDay()` index (Sunday = 0). */
export const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
const FULL_DAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** What a `when` condition does once its limit is crossed. */
export const CONDITION_EFFECTS = ["deny", "require_approval"] as const;
export type ConditionEffect = (typeof CONDITION_EFFECTS)[number];

/** Larger policies are refused before parsing, so a pasted log cannot stall the editor or the server. */
export const POLICY_SIZE_LIMIT = 256 * 1024;

/** Approver roles when a rule does not name them. */
export const DEFAULT_APPROVER_ROLES: readonly Role[] = ["PM", "ADMIN"];
/** Who may edit the policy when `administration.editors` is absent. */
export const DEFAULT_EDITORS: readonly Role[] = ["ADMIN"];

/* ------------------------------------------------------------------------------------------------
 * Compiled form: what the evaluator reads
 * ---------------------------------------------------------------------------------------------- */

/** A parsed policy with every default applied. Plain data: safe to cache or serialise. */
export interface Policy {
  version: 1;
  /** IANA zone for time windows that do not name their own. */
  timezone: string;
  administration: { editors: Role[] };
  /** In file order; order matters only for tie-breaks the docs describe (approver roles). */
  rules: PolicyRule[];
}

/** One rule, compiled. */
export interface PolicyRule {
  /** Unique in the policy; used in explanations. */
  name: string;
  description: string | null;
  effect: "allow" | "deny";
  roles: Role[];
  /** The tools the rule names (every tool when it names none). */
  tools: PolicyTool[];
  /** The actions as written, without `read` ("create", "jira.comment", "*"), for explanations. */
  actions: string[];
  /** Every action kind the rule covers: its tools × its actions. Never empty. */
  kinds: ActionKind[];
  scope: PolicyScope | null;
  when: RuleConditions | null;
  time: TimeWindow | null;
  /** null: every environment. */
  environments: Environment[] | null;
  approval: { required: boolean; approverRoles: Role[]; selfApproval: boolean };
  autoApply: boolean;
}

/**
 * Targets a rule is limited to, per tool. A null dimension does not limit that tool; a dimension
 * limits only actions on its own tool (a Jira project list says nothing about Slack posts).
 */
export interface PolicyScope {
  /** Upper-case project keys. */
  jiraProjects: string[] | null;
  /** Lower-case "owner/name", or "name" for that repository under any owner. */
  repositories: string[] | null;
  /** Page or database ids, lower case without dashes. */
  notion: string[] | null;
  /** Channel ids ("C0123ABCD") or names with their "#" ("#releases", lower case). */
  slackChannels: string[] | null;
}

/** Argument conditions of an allow rule. Each, when crossed, denies or requires approval. */
export interface RuleConditions {
  /** More than this many actions of one kind in one proposal → `overLimit`. */
  maxItems: number | null;
  /** Posting or editing in a channel with more members than this → `overLimit`. */
  channelMaxMembers: number | null;
  overLimit: ConditionEffect;
  /** jira.updateFields that sets or clears a due date. */
  dueDateChange: ConditionEffect | null;
  /** A proposal whose Jira actions span more than one project. */
  crossProject: ConditionEffect | null;
}

/** When a rule applies. Minutes since local midnight; `end` ≤ `start` means the window runs past midnight. */
export interface TimeWindow {
  /** `Date#getDay()` values. */
  days: number[];
  start: number;
  end: number;
  timezone: string;
  /** "Mon–Fri 09:00–18:00 (Europe/London)", for explanations. */
  label: string;
}

/* ------------------------------------------------------------------------------------------------
 * Helpers shared by the schema and the checks
 * ---------------------------------------------------------------------------------------------- */

/** The candidate closest to `input` (case-insensitive, at most a couple of typos away), for "did you mean". */
export function closest(input: string, candidates: readonly string[]): string | null {
  const lower = input.toLowerCase();
  if (lower.length >= 3) {
    const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(lower));
    if (prefixed.length === 1) return prefixed[0]!;
  }
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(input.length / 4)) + 1;
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** How a value the author wrote appears in a message. */
export function shown(value: unknown): string {
  if (typeof value === "string") return `“${value}”`;
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `“${String(value)}”`;
}

/** Whether the runtime knows an IANA time zone (also accepts "UTC"). */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === "") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "mon", "Monday", "mon-fri", "fri-mon" → day indexes; null when unreadable. */
export function parseDays(value: string): number[] | null {
  const day = (name: string) => {
    const n = name.trim().toLowerCase();
    const i = DAY_NAMES.indexOf(n as (typeof DAY_NAMES)[number]);
    return i >= 0 ? i : FULL_DAY_NAMES.indexOf(n);
  };
  const parts = value.split("-");
  if (parts.length === 1) {
    const d = day(parts[0]!);
    return d >= 0 ? [d] : null;
  }
  if (parts.length !== 2) return null;
  const from = day(parts[0]!);
  const to = day(parts[1]!);
  if (from < 0 || to < 0) return null;
  const days: number[] = [];
  for (let d = from; ; d = (d + 1) % 7) {
    days.push(d);
    if (d === to) break;
  }
  return days;
}

/** "09:00-18:00" → minutes since midnight; null when malformed. "24:00" is allowed as an end. */
export function parseHours(value: string): { start: number; end: number } | null {
  const match = /^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$/.exec(value);
  if (!match) return null;
  const [h1, m1, h2, m2] = match.slice(1).map(Number) as [number, number, number, number];
  if (h1 > 23 || m1 > 59 || h2 > 24 || m2 > 59 || (h2 === 24 && m2 !== 0)) return null;
  return { start: h1 * 60 + m1, end: h2 * 60 + m2 };
}

/** A Notion id or URL → the id, lower case without dashes; null when there is no id in it. */
export function notionIdOf(value: string): string | null {
  const match = /([0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12})(?:[?#].*)?$/i.exec(value.trim());
  return match ? normaliseNotionId(match[1]!) : null;
}

/** Every name an `actions:` list accepts. */
export const ACTION_NAMES: readonly string[] = ["*", "read", ...VERBS, ...ACTION_KINDS];

/* ------------------------------------------------------------------------------------------------
 * Written form: the zod schema of the YAML
 * ---------------------------------------------------------------------------------------------- */

type IssueLike = { input?: unknown };

/** A list, or a single value standing for a one-item list (`roles: pm`). */
function list<T extends z.ZodType>(item: T, what: string, example: string) {
  return z.preprocess(
    (v) => (typeof v === "string" ? [v] : v),
    z
      .array(item, { error: (iss: IssueLike) => (iss.input === undefined || iss.input === null ? `Write at least one ${what}, e.g. ${example}.` : `Write ${what}s as a list, e.g. ${example}.`) })
      .min(1, { error: `Write at least one ${what}, e.g. ${example}; an empty list would never match.` }),
  );
}

function oneOf(what: string, values: readonly string[], extra = "") {
  return (iss: IssueLike) => {
    if (iss.input === undefined || iss.input === null) return `Write ${what}: one of ${values.join(", ")}.`;
    const near = typeof iss.input === "string" ? closest(iss.input, values) : null;
    return `${shown(iss.input)} is not ${what}.${near ? ` Did you mean “${near}”?` : ""} Write one of ${values.join(", ")}${extra}.`;
  };
}

const roleName = z.enum(POLICY_ROLES, { error: oneOf("a role", POLICY_ROLES) });
const roleOrAll = z.enum([...POLICY_ROLES, "*"], { error: oneOf("a role", POLICY_ROLES, ', or "*" for every role') });
const toolOrAll = z.enum([...POLICY_TOOLS, "*"], { error: oneOf("a tool Lumen acts on", POLICY_TOOLS, ', or "*" for every tool') });

const actionName = z.string({ error: "Write an action as a verb (comment), an exact kind (jira.comment) or \"*\"." }).refine((v) => ACTION_NAMES.includes(v), {
  error: (iss: IssueLike) => {
    const value = String(iss.input);
    const near = closest(value, ACTION_NAMES);
    return `${shown(value)} is not an action.${near ? ` Did you mean “${near}”?` : ""} Write a verb (${VERBS.join(", ")}), an exact kind such as jira.createIssue, or "*".`;
  },
});

const timeZone = z
  .string({ error: "Write a time zone name such as Europe/London or UTC." })
  .refine(isTimeZone, { error: (iss: IssueLike) => `${shown(iss.input)} is not a time zone. Write an IANA name such as Europe/London, America/New_York or UTC.` });

const boolean = (what: string) => z.boolean({ error: `Write ${what} as true or false.` });
const conditionEffect = z.enum(CONDITION_EFFECTS, { error: oneOf("a condition effect", CONDITION_EFFECTS) });
const count = (what: string) =>
  z.int({ error: `Write ${what} as a whole number, e.g. 10.` }).min(1, { error: `${what} must be at least 1.` }).max(100_000, { error: `${what} must be at most 100000.` });

const jiraProject = z
  .string({ error: "Write a Jira project key such as PAY." })
  .refine((v) => /^[A-Za-z][A-Za-z0-9_]+$/.test(v.trim()), {
    error: (iss: IssueLike) =>
      /-\d+$/.test(String(iss.input)) ? `${shown(iss.input)} is an issue key; scopes list project keys such as PAY.` : `${shown(iss.input)} is not a Jira project key. Write a key such as PAY.`,
  });
const repository = z
  .string({ error: "Write a repository as owner/name or name, e.g. acme/payments." })
  .refine((v) => /^([\w.-]+\/)?[\w.-]+$/.test(v.trim()), { error: (iss: IssueLike) => `${shown(iss.input)} is not a repository. Write owner/name (acme/payments) or just the name (payments).` });
const notionTarget = z
  .string({ error: "Write a Notion page or database id, or its URL." })
  .refine((v) => notionIdOf(v) !== null, { error: (iss: IssueLike) => `${shown(iss.input)} is not a Notion id. Paste the page or database id (32 hexadecimal characters) or its URL.` });
const slackChannel = z
  .string({ error: "Write a Slack channel as #name or its id (C0123ABCD)." })
  .refine((v) => /^#[\w.-]+$/.test(v.trim()) || /^[CG][A-Z0-9]{2,}$/.test(v.trim()), {
    error: (iss: IssueLike) => `${shown(iss.input)} is not a Slack channel. Write its name with a # ("#releases", quoted in YAML) or its id (C0123ABCD).`,
  });

const dayName = z
  .string({ error: "Write days as names such as mon or ranges such as mon-fri." })
  .refine((v) => parseDays(v) !== null, { error: (iss: IssueLike) => `${shown(iss.input)} is not a day. Write mon, tue, wed, thu, fri, sat, sun or a range such as mon-fri.` });
const hours = z
  .string({ error: 'Write hours as "09:00-18:00".' })
  .refine((v) => parseHours(v) !== null, {
    error: (iss: IssueLike) => `${shown(iss.input)} is not a time range. Write "HH:MM-HH:MM" on the 24-hour clock, e.g. "09:00-18:00" (00:00 to 24:00).`,
  });

export const scopeSchema = z.strictObject(
  {
    jira_projects: list(jiraProject, "Jira project", "[PAY]").optional(),
    repositories: list(repository, "repository", '[acme/payments]').optional(),
    notion: list(notionTarget, "Notion page or database id", "[1f2e…]").optional(),
    slack_channels: list(slackChannel, "Slack channel", '["#releases"]').optional(),
  },
  { error: "Write scope as a mapping, e.g. scope: { jira_projects: [PAY] }." },
);

export const whenSchema = z.strictObject(
  {
    max_items: count("max_items").optional(),
    channel_max_members: count("channel_max_members").optional(),
    over_limit: conditionEffect.optional(),
    due_date_change: conditionEffect.optional(),
    cross_project: conditionEffect.optional(),
  },
  { error: "Write when as a mapping, e.g. when: { max_items: 10, over_limit: require_approval }." },
);

export const timeSchema = z.strictObject(
  {
    days: list(dayName, "day", "[mon-fri]").optional(),
    hours: hours.optional(),
    timezone: timeZone.optional(),
  },
  { error: 'Write time as a mapping, e.g. time: { days: [mon-fri], hours: "09:00-18:00" }.' },
);

export const approvalSchema = z.strictObject(
  {
    required: boolean("approval.required").optional(),
    approver_roles: list(roleName, "approver role", "[pm, admin]").optional(),
    self_approval: boolean("approval.self_approval").optional(),
  },
  { error: "Write approval as a mapping, e.g. approval: { required: true, approver_roles: [pm, admin] }." },
);

export const ruleSchema = z.strictObject(
  {
    name: z.string({ error: "Give the rule a name: a short sentence such as “PMs plan in Jira”." }).trim().min(1, { error: "Give the rule a name: a short sentence such as “PMs plan in Jira”." }).max(120, { error: "Keep rule names under 120 characters." }),
    description: z.string({ error: "Write the description as text." }).optional(),
    roles: list(roleOrAll, "role", "[pm, engineer]"),
    tools: list(toolOrAll, "tool", "[jira, github]").optional(),
    actions: list(actionName, "action", "[create, comment]"),
    effect: z.enum(["allow", "deny"], { error: oneOf("an effect", ["allow", "deny"]) }).optional(),
    scope: scopeSchema.optional(),
    when: whenSchema.optional(),
    time: timeSchema.optional(),
    environments: list(z.enum(ENVIRONMENTS, { error: oneOf("an environment", ENVIRONMENTS) }), "environment", "[production]").optional(),
    approval: approvalSchema.optional(),
    auto_apply: boolean("auto_apply").optional(),
  },
  { error: "Write each rule as a mapping that starts with `- name: …`." },
);

/** The blueprint's short form: one entry per role, with the actions that need approval. */
export const blueprintEntrySchema = z.strictObject(
  {
    user_role: list(roleOrAll, "role", "pm"),
    allowed_tools: list(toolOrAll, "tool", "[jira, slack]"),
    allowed_actions: list(actionName, "action", "[create, comment]"),
    requires_approval: z.union([boolean("requires_approval"), list(actionName, "action", "[create, update]")], {
      error: "Write requires_approval as a list of actions (e.g. [create, update]) or as true or false.",
    }).optional(),
  },
  { error: "Write each entry of policies: as a mapping that starts with `- user_role: …`." },
);

export const policySchema = z.strictObject(
  {
    version: z.literal(1, { error: "This is version 1 of the policy language; write version: 1." }).optional(),
    timezone: timeZone.optional(),
    administration: z
      .strictObject({ editors: list(roleName, "editor role", "[admin]").optional() }, { error: "Write administration as a mapping, e.g. administration: { editors: [admin] }." })
      .optional(),
    rules: z.array(ruleSchema, { error: "Write rules as a list; each rule starts with `- name: …`." }).optional(),
    policies: z.array(blueprintEntrySchema, { error: "Write policies as a list; each entry starts with `- user_role: …`." }).optional(),
  },
  { error: "A policy is a YAML mapping: start with `version: 1` and a `rules:` list." },
);

/** The policy as written, after structural validation. */
export type PolicyDocument = z.output<typeof policySchema>;
export type RuleDocument = z.output<typeof ruleSchema>;
export type BlueprintEntryDocument = z.output<typeof blueprintEntrySchema>;
