import { ACTION_KINDS, type ActionKind } from "@/server/actions/catalogue/types";

/**
 * How policies name actions. A policy speaks in verbs ("PMs may create and update on Jira") so that
 * a new action kind lands in the right rules without anyone editing the policy; exact kinds
 * ("jira.createIssue") remain available when a verb is too coarse. Every catalogue kind has exactly
 * one tool and one verb.
 *
 * Pure and free of Node APIs: the policy editor runs the same code in the browser.
 */

/** The tools a policy can name, in the lower case policies are written in. */
export const POLICY_TOOLS = ["jira", "github", "notion", "slack"] as const;
export type PolicyTool = (typeof POLICY_TOOLS)[number];

/** The verbs a policy can name. `read` is accepted by the parser but is never an action. */
export const VERBS = ["create", "update", "comment", "transition", "assign", "move", "post"] as const;
export type Verb = (typeof VERBS)[number];

/**
 * Verbs whose actions may apply without anyone clicking (`auto_apply`). They add to a conversation
 * or point work at someone; they do not change what the work is, when it is due or who is told at
 * large, and each is easy to see and to take back:
 * - comment: adds a note beside the work, nothing else changes;
 * - assign: changes one field, notifies one person, and is undone exactly;
 * - post: only replies inside an existing Slack thread (a top-level post reaches the whole channel,
 *   so it always waits for a person even under an auto-apply rule).
 */
export const LOW_RISK_VERBS: readonly Verb[] = ["comment", "assign", "post"];

/** Each kind's tool and verb. The one place a new catalogue kind must be added. */
export const KIND_VERBS: Record<ActionKind, { tool: PolicyTool; verb: Verb }> = {
  "jira.createIssue": { tool: "jira", verb: "create" },
  "jira.updateFields": { tool: "jira", verb: "update" },
  "jira.transition": { tool: "jira", verb: "transition" },
  "jira.assign": { tool: "jira", verb: "assign" },
  "jira.moveToSprint": { tool: "jira", verb: "move" },
  "jira.comment": { tool: "jira", verb: "comment" },
  "github.commentOnPullRequest": { tool: "github", verb: "comment" },
  "github.createIssue": { tool: "github", verb: "create" },
  "notion.createPage": { tool: "notion", verb: "create" },
  "notion.appendBlocks": { tool: "notion", verb: "update" },
  "notion.updatePage": { tool: "notion", verb: "update" },
  "slack.postMessage": { tool: "slack", verb: "post" },
  "slack.updateMessage": { tool: "slack", verb: "update" },
};

export function toolOf(kind: ActionKind): PolicyTool {
  return KIND_VERBS[kind].tool;
}

export function verbOf(kind: ActionKind): Verb {
  return KIND_VERBS[kind].verb;
}

/** The kinds a tool offers, in catalogue order. */
export function kindsOfTool(tool: PolicyTool): ActionKind[] {
  return ACTION_KINDS.filter((k) => KIND_VERBS[k].tool === tool);
}

/** The verbs a tool offers, for messages such as "GitHub actions are create and comment". */
export function verbsOfTool(tool: PolicyTool): Verb[] {
  return VERBS.filter((v) => kindsOfTool(tool).some((k) => KIND_VERBS[k].verb === v));
}

export function isVerb(value: string): value is Verb {
  return (VERBS as readonly string[]).includes(value);
}

/** Display names for tools in messages. */
export const TOOL_LABELS: Record<PolicyTool, string> = { jira: "Jira", github: "GitHub", notion: "Notion", slack: "Slack" };

/**
 * What a policy can tell about an action's target from its input alone. Every attribute is
 * `null` when the input does not say (an offer carries `{}`; a malformed input may lack it): the
 * evaluator then treats scopes as unknown rather than guessing.
 */
export interface TargetAttributes {
  tool: PolicyTool;
  verb: Verb;
  /** Jira project key, from `projectKey` or the prefix of `issueKey` ("PAY-12" → "PAY"). */
  jiraProject: string | null;
  /** GitHub repository as written in the input ("acme/payments"). */
  repository: string | null;
  /** Notion page the action changes, or the parent a new page goes under. */
  notionId: string | null;
  /** Slack channel id ("C0123ABCD"). */
  slackChannelId: string | null;
  /** jira.updateFields that sets or clears the due date. */
  touchesDueDate: boolean;
  /** slack.postMessage that replies in a thread. */
  threadReply: boolean;
}

function text(input: unknown, key: string): string | null {
  if (!input || typeof input !== "object") return null;
  const value = (input as Record<string, unknown>)[key];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** "PAY-12" → "PAY"; anything that is not an issue key → null. */
export function projectOfIssueKey(issueKey: string): string | null {
  const match = /^([A-Z][A-Z0-9_]+)-\d+$/.exec(issueKey.trim().toUpperCase());
  return match ? match[1]! : null;
}

/** Notion ids are compared without dashes and case, so copied URLs and API ids match alike. */
export function normaliseNotionId(id: string): string {
  return id.replace(/-/g, "").toLowerCase();
}

/** Reads the target of an action from its (possibly partial or unvalidated) input. */
export function targetOf(kind: ActionKind, input: unknown): TargetAttributes {
  const { tool, verb } = KIND_VERBS[kind];
  const issueKey = text(input, "issueKey");
  const projectKey = text(input, "projectKey");
  const fields = input && typeof input === "object" ? (input as Record<string, unknown>).fields : undefined;
  const notionId = kind === "notion.createPage" ? text(input, "parentId") : tool === "notion" ? text(input, "pageId") : null;
  return {
    tool,
    verb,
    jiraProject: tool !== "jira" ? null : projectKey ? projectKey.toUpperCase() : issueKey ? projectOfIssueKey(issueKey) : null,
    repository: tool === "github" ? text(input, "repo") : null,
    notionId: notionId ? normaliseNotionId(notionId) : null,
    slackChannelId: tool === "slack" ? (text(input, "channelId")?.toUpperCase() ?? null) : null,
    touchesDueDate:
      kind === "jira.updateFields" && !!fields && typeof fields === "object" && (fields as Record<string, unknown>).dueDate !== undefined,
    threadReply: kind === "slack.postMessage" && text(input, "threadTs") !== null,
  };
}
