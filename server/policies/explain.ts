import { type ActionKind } from "@/server/actions/catalogue/types";
import { type Role } from "@/server/db/generated/enums";
import { ALL_ROLES, type PolicyRule } from "./language";
import { KIND_VERBS, TOOL_LABELS, type TargetAttributes } from "./verbs";

/**
 * The words policies use with people: role names, action phrases and one-line descriptions of
 * rules. Decisions, the editor and the audit trail all say things the same way through these.
 */

const ROLE_PLURALS: Record<Role, string> = { PM: "PMs", ENGINEER: "engineers", ADMIN: "admins", LEADERSHIP: "people in leadership" };
const ROLE_SINGULARS: Record<Role, string> = { PM: "a PM", ENGINEER: "an engineer", ADMIN: "an admin", LEADERSHIP: "someone in leadership" };

/** "a, b and c" / "a, b or c". */
export function joinWords(words: readonly string[], conjunction: "and" | "or"): string {
  if (words.length <= 1) return words[0] ?? "";
  return `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1]}`;
}

/** "engineers", "PMs and admins". */
export function rolesPlural(roles: readonly Role[]): string {
  if (ALL_ROLES.every((r) => roles.includes(r))) return "everyone";
  return joinWords(roles.map((r) => ROLE_PLURALS[r]), "and");
}

/** "a PM or an admin". */
export function approversPhrase(roles: readonly Role[]): string {
  return joinWords(roles.map((r) => ROLE_SINGULARS[r]), "or");
}

/** Shortens a Notion id for a sentence. */
function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}

/**
 * What an action does, as a verb phrase with its target when known: "create Jira issues in PAY",
 * "reply in Slack threads in #releases". `channelName` is the Slack channel's name when the caller
 * knows it (inputs carry only the id).
 */
export function actionPhrase(kind: ActionKind, target?: TargetAttributes, channelName?: string | null): string {
  const channel = channelName ? `#${channelName.replace(/^#/, "")}` : target?.slackChannelId;
  const inProject = target?.jiraProject ? ` in ${target.jiraProject}` : "";
  const inRepo = target?.repository ? ` in ${target.repository}` : "";
  switch (kind) {
    case "jira.createIssue":
      return `create Jira issues${inProject}`;
    case "jira.updateFields":
      return target?.touchesDueDate ? `change due dates of Jira issues${inProject}` : `update Jira issues${inProject}`;
    case "jira.transition":
      return `change the status of Jira issues${inProject}`;
    case "jira.assign":
      return `assign Jira issues${inProject}`;
    case "jira.moveToSprint":
      return `move Jira issues between sprints${inProject}`;
    case "jira.comment":
      return `comment on Jira issues${inProject}`;
    case "github.commentOnPullRequest":
      return `comment on GitHub pull requests${inRepo}`;
    case "github.createIssue":
      return `open GitHub issues${inRepo}`;
    case "notion.createPage":
      return `create Notion pages${target?.notionId ? ` under ${shortId(target.notionId)}` : ""}`;
    case "notion.appendBlocks":
      return `add to Notion pages${target?.notionId ? ` (page ${shortId(target.notionId)})` : ""}`;
    case "notion.updatePage":
      return `update Notion pages${target?.notionId ? ` (page ${shortId(target.notionId)})` : ""}`;
    case "slack.postMessage":
      return target?.threadReply ? `reply in Slack threads${channel ? ` in ${channel}` : ""}` : channel ? `post in ${channel}` : "post in Slack";
    case "slack.updateMessage":
      return `edit Slack messages${channel ? ` in ${channel}` : ""}`;
  }
}

/** "create, update and comment on Jira" — what a rule covers, for the editor's rule list. */
function coverage(rule: PolicyRule): string {
  if (rule.actions.includes("*")) return `take any action on ${joinWords(rule.tools.map((t) => TOOL_LABELS[t]), "and")}`;
  const verbs = [...new Set(rule.kinds.map((k) => KIND_VERBS[k].verb))];
  const tools = [...new Set(rule.kinds.map((k) => KIND_VERBS[k].tool))];
  return `${joinWords(verbs, "and")} on ${joinWords(tools.map((t) => TOOL_LABELS[t]), "and")}`;
}

/**
 * One sentence per rule for people reading a policy: "Lets PMs create and update on Jira in PAY,
 * Mon–Fri 09:00–18:00 (UTC); needs approval by a PM or an admin."
 */
export function describeRule(rule: PolicyRule): string {
  const limits: string[] = [];
  const scope = rule.scope;
  if (scope?.jiraProjects) limits.push(`in ${joinWords(scope.jiraProjects, "or")}`);
  if (scope?.repositories) limits.push(`in ${joinWords(scope.repositories, "or")}`);
  if (scope?.slackChannels) limits.push(`in ${joinWords(scope.slackChannels, "or")}`);
  if (scope?.notion) limits.push(`under ${joinWords(scope.notion.map(shortId), "or")}`);
  if (rule.time) limits.push(`during ${rule.time.label}`);
  if (rule.environments) limits.push(`in ${joinWords(rule.environments, "or")}`);
  const where = limits.length > 0 ? ` ${limits.join(", ")}` : "";
  if (rule.effect === "deny") return `Forbids ${rolesPlural(rule.roles)} to ${coverage(rule)}${where}.`;
  const approval = rule.autoApply
    ? "applies by itself"
    : rule.approval.required
      ? `needs approval by ${approversPhrase(rule.approval.approverRoles)}${rule.approval.selfApproval ? " (who may approve their own)" : ""}`
      : "applies without approval when someone clicks apply";
  return `Lets ${rolesPlural(rule.roles)} ${coverage(rule)}${where}; ${approval}.`;
}
