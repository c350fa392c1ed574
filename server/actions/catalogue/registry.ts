import { type z } from "zod";
import { githubCommentOnPullRequest } from "./actions/github-comment-on-pull-request";
import { githubCreateIssue } from "./actions/github-create-issue";
import { jiraAssign } from "./actions/jira-assign";
import { jiraComment } from "./actions/jira-comment";
import { jiraCreateIssue } from "./actions/jira-create-issue";
import { jiraMoveToSprint } from "./actions/jira-move-to-sprint";
import { jiraTransition } from "./actions/jira-transition";
import { jiraUpdateFields } from "./actions/jira-update-fields";
import { notionAppendBlocks } from "./actions/notion-append-blocks";
import { notionCreatePage } from "./actions/notion-create-page";
import { notionUpdatePage } from "./actions/notion-update-page";
import { slackPostMessage } from "./actions/slack-post-message";
import { slackUpdateMessage } from "./actions/slack-update-message";
import { fromZodError } from "./shared";
import { ACTION_KINDS, type ActionDefinition, type ActionKind, type ValidationIssue } from "./types";

/** Every action kind's definition; the one place that maps a kind to its behaviour. */
export const ACTIONS = {
  "jira.createIssue": jiraCreateIssue,
  "jira.updateFields": jiraUpdateFields,
  "jira.transition": jiraTransition,
  "jira.assign": jiraAssign,
  "jira.moveToSprint": jiraMoveToSprint,
  "jira.comment": jiraComment,
  "github.commentOnPullRequest": githubCommentOnPullRequest,
  "github.createIssue": githubCreateIssue,
  "notion.createPage": notionCreatePage,
  "notion.appendBlocks": notionAppendBlocks,
  "notion.updatePage": notionUpdatePage,
  "slack.postMessage": slackPostMessage,
  "slack.updateMessage": slackUpdateMessage,
} as const satisfies Record<ActionKind, ActionDefinition>;

/** The parsed input type of a kind. */
export type ActionInput<K extends ActionKind> = z.infer<(typeof ACTIONS)[K]["inputSchema"]>;

/**
 * A proposed action: a kind, its parsed input and whether it is a draft.
 *
 * Drafts ("keep as draft"): an action with `draft: true` is kept in the queue so a person can
 * come back to it, edit it, or share it, but it is never executed and never offered for apply.
 * The queue lists drafts apart from pending proposals; turning a draft into a proposal clears
 * the flag ({@link proposalOf}) and sends it through validation against the target's state then,
 * like any new proposal.
 */
export interface ProposedAction<K extends ActionKind = ActionKind> {
  kind: K;
  input: ActionInput<K>;
  draft?: boolean;
}

/** The outcome of parsing: a typed action, or form-ready issues. */
export type ParseResult<K extends ActionKind> = { ok: true; action: ProposedAction<K> } | { ok: false; issues: ValidationIssue[] };

export function isActionKind(value: string): value is ActionKind {
  return (ACTION_KINDS as readonly string[]).includes(value);
}

/** The definition of a kind, typed loosely for generic callers (the executor, the queue). */
export function definitionOf(kind: ActionKind): ActionDefinition {
  return ACTIONS[kind] as ActionDefinition;
}

/** Parses what the agent proposed or a person edited. Never throws. */
export function parseAction<K extends ActionKind>(kind: K, input: unknown): ParseResult<K>;
export function parseAction(kind: string, input: unknown): ParseResult<ActionKind>;
export function parseAction(kind: string, input: unknown): ParseResult<ActionKind> {
  if (!isActionKind(kind)) return { ok: false, issues: [{ path: "kind", message: `"${kind}" is not an action this product can take.` }] };
  const parsed = definitionOf(kind).inputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZodError(parsed.error) };
  return { ok: true, action: { kind, input: parsed.data } as ProposedAction };
}

/** "Keep as draft": the same action, flagged so it is never executed. */
export function draftOf<K extends ActionKind>(action: ProposedAction<K>): ProposedAction<K> & { draft: true } {
  return { ...action, draft: true };
}

/** A draft turned back into a proposal (to be validated again before apply). */
export function proposalOf<K extends ActionKind>(action: ProposedAction<K>): ProposedAction<K> {
  return { kind: action.kind, input: action.input };
}

/** Whether the executor may run this action; drafts never run. */
export function isExecutable(action: ProposedAction): boolean {
  return action.draft !== true;
}
