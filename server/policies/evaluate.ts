import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { ACTION_KINDS, type ActionKind } from "@/server/actions/catalogue/types";
import { type Role } from "@/server/db/generated/enums";
import { actionPhrase, approversPhrase, joinWords, rolesPlural } from "./explain";
import { type ConditionEffect, type Environment, type Policy, type PolicyRule, type TimeWindow } from "./language";
import { normaliseNotionId, type TargetAttributes, targetOf } from "./verbs";

/**
 * The policy evaluator: may this person take this action now, and on what terms?
 *
 * One pure function serves the four enforcement points. Each calls it with its own stage:
 * - "offer": before offering a write tool to the model. Input may be `{}`: rules match on role,
 *   tool and verb (plus time and environment); scopes and argument conditions are ignored, and a
 *   deny that depends on arguments does not hide the tool (the proposal stage decides).
 * - "propose": when the agent or a person proposes an action, with the whole batch.
 * - "approve": when someone decides; the proposer must still be allowed, and the approver must be
 *   one the policy accepts.
 * - "execute": just before running, so a policy change or a closed time window still applies.
 *
 * Semantics (docs/policies.md explains them to admins):
 * - Default deny: an action no allow rule matches is denied.
 * - A matching deny beats any allow, wherever it sits in the file.
 * - Among matching allows, the strictest terms win: approval is required if any rule (or any of
 *   its crossed conditions) requires it; approver roles are the intersection of those rules'
 *   approver roles, or the first such rule's when the intersection is empty (a union would let in
 *   someone a rule excluded; file order lets the admin choose); self approval only if every such
 *   rule allows it; auto-apply only if every matching allow says so and nothing needs approval.
 * - When the evaluator cannot tell whether an action is inside a scope or under a limit (a channel
 *   whose name or size is unknown), it takes the careful side: allow rules do not match, deny
 *   rules do, and limits count as crossed.
 */

export type Stage = "offer" | "propose" | "approve" | "execute";

/** Someone acting on a proposal. `name` is used in reasons ("Priya proposed this…"). */
export interface PolicyActor {
  userId: string;
  role: Role;
  name?: string;
}

export interface PolicyRequest {
  stage: Stage;
  /** Who proposes (at every stage, including "approve"). */
  actor: PolicyActor;
  /** Stage "approve": who decides. */
  approver?: PolicyActor;
  /** The action. For "offer", `input` may be `{}`. */
  action: { kind: ActionKind; input: unknown };
  /** The whole batch the action belongs to, for max_items and cross_project. Absent: the action alone. */
  proposal?: { actions: { kind: ActionKind; input: unknown }[] };
  context: {
    now: Date;
    environment: Environment;
    /**
     * Members of the Slack channel the action posts in. null: it could not be read (limits count as
     * crossed). Absent: not looked up — left to execution, where it counts as unknown.
     */
    channelMembers?: number | null;
    /** The Slack channel's name (without "#"), when known; needed for scopes written as "#name". */
    channelName?: string | null;
    /** Ids of the Notion target's parents (pages, databases), when read; lets a scope that lists a database cover its pages. */
    notionAncestorIds?: string[] | null;
  };
}

export interface PolicyDecision {
  effect: "allow" | "deny";
  requiresApproval: boolean;
  /** Apply with no one clicking: only low-risk actions under rules that all say auto_apply. */
  autoApply: boolean;
  /** Who may approve (or, when no approval is needed, apply on the proposer's behalf). */
  approverRoles: Role[];
  /** Whether the proposer may approve their own proposal. */
  selfApproval: boolean;
  /** One sentence for people, e.g. "Allowed by “PMs plan in Jira”; needs approval by a PM or an admin." */
  reason: string;
  /** The rules that decided, by name (empty for a default deny). */
  rules: string[];
}

/** Evaluates one request against a compiled policy. Pure and deterministic. */
export function evaluate(policy: Policy, request: PolicyRequest): PolicyDecision {
  const decision = decideForProposer(policy, request);
  if (request.stage !== "approve" || decision.effect === "deny") return decision;
  return decideForApprover(decision, request);
}

/**
 * The kinds a role may be offered right now (stage "offer" for each kind), for building the
 * model's write tools.
 */
export function offeredKinds(policy: Policy, actor: PolicyActor, context: PolicyRequest["context"]): ActionKind[] {
  return ACTION_KINDS.filter((kind) => evaluate(policy, { stage: "offer", actor, action: { kind, input: {} }, context }).effect === "allow");
}

/* ------------------------------------------------------------------------------------------------
 * Matching
 * ---------------------------------------------------------------------------------------------- */

type Miss =
  | { type: "environment" }
  | { type: "time" }
  | { type: "scope"; listed: string[]; unknown: boolean };

type Status = { type: "match" } | { type: "unknown"; miss: Miss } | Miss;

/** Whether `now` falls in the window, in the window's zone. A window past midnight belongs to the day it starts. */
export function inTimeWindow(window: TimeWindow, now: Date): boolean {
  const local = new TZDate(now.getTime(), window.timezone);
  const day = local.getDay();
  const minute = local.getHours() * 60 + local.getMinutes();
  if (window.start < window.end) return window.days.includes(day) && minute >= window.start && minute < window.end;
  return (window.days.includes(day) && minute >= window.start) || (window.days.includes((day + 6) % 7) && minute < window.end);
}

/** Where a target stands against a rule's scope for its tool. */
function scopeStatus(rule: PolicyRule, target: TargetAttributes, context: PolicyRequest["context"]): Status {
  const scope = rule.scope;
  if (!scope) return { type: "match" };
  const decide = (listed: string[], inside: boolean | null): Status => {
    if (inside === true) return { type: "match" };
    const miss: Miss = { type: "scope", listed, unknown: inside === null };
    return inside === null ? { type: "unknown", miss } : miss;
  };
  switch (target.tool) {
    case "jira": {
      const listed = scope.jiraProjects;
      if (!listed) return { type: "match" };
      return decide(listed, target.jiraProject === null ? null : listed.includes(target.jiraProject));
    }
    case "github": {
      const listed = scope.repositories;
      if (!listed) return { type: "match" };
      if (target.repository === null) return decide(listed, null);
      const full = target.repository.toLowerCase();
      const name = full.split("/").pop()!;
      return decide(listed, listed.some((r) => (r.includes("/") ? r === full : r === name)));
    }
    case "notion": {
      const listed = scope.notion;
      if (!listed) return { type: "match" };
      if (target.notionId === null) return decide(listed, null);
      const ancestors = context.notionAncestorIds;
      const ids = [target.notionId, ...(ancestors ?? []).map(normaliseNotionId)];
      if (ids.some((id) => listed.includes(id))) return { type: "match" };
      return decide(listed, ancestors === undefined || ancestors === null ? null : false);
    }
    case "slack": {
      const listed = scope.slackChannels;
      if (!listed) return { type: "match" };
      if (target.slackChannelId === null) return decide(listed, null);
      if (listed.includes(target.slackChannelId)) return { type: "match" };
      const names = listed.filter((c) => c.startsWith("#"));
      if (names.length === 0) return decide(listed, false);
      const name = context.channelName ? `#${context.channelName.replace(/^#/, "").toLowerCase()}` : null;
      return decide(listed, name === null ? null : names.includes(name));
    }
  }
}

/** Whether the rule's scope limits actions on this target's tool (and so depends on arguments). */
function scopeLimitsTool(rule: PolicyRule, target: TargetAttributes): boolean {
  const scope = rule.scope;
  if (!scope) return false;
  return { jira: scope.jiraProjects, github: scope.repositories, notion: scope.notion, slack: scope.slackChannels }[target.tool] !== null;
}

function status(rule: PolicyRule, request: PolicyRequest, target: TargetAttributes): Status {
  if (rule.environments && !rule.environments.includes(request.context.environment)) return { type: "environment" };
  if (rule.time && !inTimeWindow(rule.time, request.context.now)) return { type: "time" };
  if (request.stage === "offer") {
    // Offers ignore arguments: an allow might match some target, a scoped deny might not.
    return rule.effect === "deny" && scopeLimitsTool(rule, target) ? { type: "scope", listed: [], unknown: true } : { type: "match" };
  }
  return scopeStatus(rule, target, request.context);
}

/* ------------------------------------------------------------------------------------------------
 * Conditions
 * ---------------------------------------------------------------------------------------------- */

interface Crossed {
  effect: ConditionEffect;
  /** "this proposal holds 12 actions to update Jira issues, more than 10". */
  because: string;
}

function crossedConditions(rule: PolicyRule, request: PolicyRequest, target: TargetAttributes, phrase: string): Crossed[] {
  const when = rule.when;
  if (!when || request.stage === "offer") return [];
  const { kind } = request.action;
  const batch = request.proposal?.actions ?? [request.action];
  const crossed: Crossed[] = [];

  if (when.maxItems !== null) {
    const count = Math.max(1, batch.filter((a) => a.kind === kind).length);
    if (count > when.maxItems) crossed.push({ effect: when.overLimit, because: `this proposal holds ${count} actions to ${phrase}, more than ${when.maxItems}` });
  }
  if (when.dueDateChange !== null && target.touchesDueDate) {
    crossed.push({ effect: when.dueDateChange, because: "it changes a due date" });
  }
  if (when.crossProject !== null && target.tool === "jira") {
    const projects = new Set<string>();
    if (target.jiraProject) projects.add(target.jiraProject);
    for (const action of batch) {
      const project = targetOf(action.kind, action.input).jiraProject;
      if (project) projects.add(project);
    }
    if (projects.size > 1) crossed.push({ effect: when.crossProject, because: `this proposal touches ${joinWords([...projects].sort(), "and")}, more than one Jira project` });
  }
  if (when.channelMaxMembers !== null && target.tool === "slack") {
    const members = request.context.channelMembers;
    const channel = request.context.channelName ? `#${request.context.channelName.replace(/^#/, "")}` : (target.slackChannelId ?? "the channel");
    // Not looked up (undefined) before execution — at proposal, or at an approval while Slack
    // cannot be reached: execution reads the channel and decides. Looked up but unknown (null),
    // or not looked up at execution: the careful side.
    if (members === undefined && request.stage !== "execute") {
      // deferred
    } else if (members === null || members === undefined) {
      crossed.push({ effect: when.overLimit, because: `Lumen could not tell how many members ${channel} has (the limit is ${when.channelMaxMembers})` });
    } else if (members > when.channelMaxMembers) {
      crossed.push({ effect: when.overLimit, because: `${channel} has ${members} members, more than ${when.channelMaxMembers}` });
    }
  }
  return crossed;
}

/* ------------------------------------------------------------------------------------------------
 * Decisions
 * ---------------------------------------------------------------------------------------------- */

function denied(reason: string, rules: string[]): PolicyDecision {
  return { effect: "deny", requiresApproval: false, autoApply: false, approverRoles: [], selfApproval: false, reason, rules };
}

const quoted = (rules: PolicyRule[]) => joinWords(rules.map((r) => `“${r.name}”`), "and");

function intersection(lists: Role[][]): Role[] {
  const [first = [], ...rest] = lists;
  return first.filter((role) => rest.every((list) => list.includes(role)));
}

function decideForProposer(policy: Policy, request: PolicyRequest): PolicyDecision {
  const { kind, input } = request.action;
  const role = request.actor.role;
  const target = targetOf(kind, input);
  const phrase = actionPhrase(kind, target, request.context.channelName);
  const who = rolesPlural([role]);
  const relevant = policy.rules.filter((r) => r.roles.includes(role) && r.kinds.includes(kind));
  const statuses = new Map(relevant.map((r) => [r, status(r, request, target)]));

  const denies = relevant.filter((r) => {
    const s = statuses.get(r)!;
    return r.effect === "deny" && (s.type === "match" || (s.type === "unknown" && request.stage !== "offer"));
  });
  if (denies.length > 0) {
    const unsure = denies.map((r) => statuses.get(r)!).find((s) => s.type === "unknown");
    const note = unsure?.type === "unknown" && unsure.miss.type === "scope" ? `: Lumen could not tell whether this is one of ${joinWords(unsure.miss.listed, "or")}, so it takes the careful side` : "";
    return denied(`Denied: ${who} may not ${phrase} (rule ${quoted(denies)})${note}.`, denies.map((r) => r.name));
  }

  const allows = relevant.filter((r) => r.effect === "allow" && statuses.get(r)!.type === "match");
  if (allows.length === 0) return denied(nearMiss(relevant, statuses, request, who, phrase), []);

  const outcomes = allows.map((rule) => ({ rule, crossed: crossedConditions(rule, request, target, phrase) }));
  const blocking = outcomes.filter((o) => o.crossed.some((c) => c.effect === "deny"));
  if (blocking.length > 0) {
    const first = blocking[0]!;
    const because = first.crossed.find((c) => c.effect === "deny")!.because;
    return denied(`Denied: ${because} (rule “${first.rule.name}”).`, blocking.map((o) => o.rule.name));
  }

  const needing = outcomes.filter((o) => o.rule.approval.required || o.crossed.length > 0);
  const requiresApproval = needing.length > 0;
  const deciding = requiresApproval ? needing : outcomes;
  const roleLists = deciding.map((o) => o.rule.approval.approverRoles);
  const shared = intersection(roleLists);
  const approverRoles = shared.length > 0 ? shared : [...roleLists[0]!];
  const selfApproval = deciding.every((o) => o.rule.approval.selfApproval);
  const autoApply = !requiresApproval && outcomes.every((o) => o.rule.autoApply) && (kind !== "slack.postMessage" || target.threadReply);

  const escalations = needing.filter((o) => !o.rule.approval.required).flatMap((o) => o.crossed.map((c) => `${c.because} (rule “${o.rule.name}”)`));
  const terms = requiresApproval
    ? `needs approval by ${approversPhrase(approverRoles)}${selfApproval ? " (the proposer may approve it)" : ""}${escalations.length > 0 ? ` because ${joinWords(escalations, "and")}` : ""}`
    : autoApply
      ? "applies automatically"
      : "no approval needed";
  return {
    effect: "allow",
    requiresApproval,
    autoApply,
    approverRoles,
    selfApproval,
    reason: `Allowed by ${quoted(allows)}; ${terms}.`,
    rules: allows.map((r) => r.name),
  };
}

/** Why nothing matched, naming the allow rule that came closest (the first in the file). */
function nearMiss(relevant: PolicyRule[], statuses: Map<PolicyRule, Status>, request: PolicyRequest, who: string, phrase: string): string {
  for (const rule of relevant) {
    if (rule.effect !== "allow") continue;
    const s = statuses.get(rule)!;
    const miss = s.type === "unknown" ? s.miss : s;
    if (miss.type === "time") {
      const window = rule.time!;
      const local = format(new TZDate(request.context.now.getTime(), window.timezone), "EEEE HH:mm");
      return `Denied outside working hours: rule “${rule.name}” lets ${who} ${phrase} only ${window.label}, and it is ${local} there.`;
    }
    if (miss.type === "environment") {
      return `Denied: rule “${rule.name}” lets ${who} ${phrase} only in ${joinWords(rule.environments!, "or")}, and this is ${request.context.environment}.`;
    }
    if (miss.type === "scope") {
      const unknown = miss.unknown ? " Lumen could not tell whether this target is one of them." : "";
      return `Denied: no rule lets ${who} ${phrase}; rule “${rule.name}” covers only ${joinWords(miss.listed, "and")}.${unknown}`;
    }
  }
  return `Denied: no rule lets ${who} ${phrase}.`;
}

function decideForApprover(decision: PolicyDecision, request: PolicyRequest): PolicyDecision {
  const approver = request.approver;
  const rules = `rule${decision.rules.length > 1 ? "s" : ""} ${joinWords(decision.rules.map((r) => `“${r}”`), "and")}`;
  const refuse = (reason: string): PolicyDecision => ({ ...decision, effect: "deny", autoApply: false, reason });
  if (!approver) return refuse("Denied: no approver was given; an approval needs the person who decides.");

  const self = approver.userId === request.actor.userId;
  const approverWho = rolesPlural([approver.role]);
  if (!decision.requiresApproval) {
    if (self || decision.approverRoles.includes(approver.role)) {
      return { ...decision, reason: `Allowed by ${rules}; no approval needed, so ${self ? "the proposer" : approversPhrase([approver.role])} may apply it.` };
    }
    return refuse(`Denied: ${approverWho} may not apply this for someone else; it takes the proposer or ${approversPhrase(decision.approverRoles)} (${rules}).`);
  }
  if (!decision.approverRoles.includes(approver.role)) {
    return refuse(`Denied: ${approverWho} may not approve this; the policy needs ${approversPhrase(decision.approverRoles)} (${rules}).`);
  }
  if (self && !decision.selfApproval) {
    return refuse(`Denied: ${request.actor.name ?? "you"} proposed this, and the policy needs someone else to approve it.`);
  }
  return { ...decision, reason: `Allowed by ${rules}: ${approversPhrase([approver.role])} may approve it${self ? ", including their own proposal" : ""}.` };
}
