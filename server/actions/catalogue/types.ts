import { type z } from "zod";

/**
 * The catalogue of proposed external changes. Every effect the agent wants on a tool is one of
 * these kinds; a person applies, edits or rejects it, and an approved action runs exactly once.
 * This layer is pure: the executor reads the target's state, hands it in, and performs the call.
 */

/** Every kind of external change the agent may propose, as `"tool.verb"`. */
export type ActionKind =
  | "jira.createIssue"
  | "jira.updateFields"
  | "jira.transition"
  | "jira.assign"
  | "jira.moveToSprint"
  | "jira.comment"
  | "github.commentOnPullRequest"
  | "github.createIssue"
  | "notion.createPage"
  | "notion.appendBlocks"
  | "notion.updatePage"
  | "slack.postMessage"
  | "slack.updateMessage";

export const ACTION_KINDS: readonly ActionKind[] = [
  "jira.createIssue",
  "jira.updateFields",
  "jira.transition",
  "jira.assign",
  "jira.moveToSprint",
  "jira.comment",
  "github.commentOnPullRequest",
  "github.createIssue",
  "notion.createPage",
  "notion.appendBlocks",
  "notion.updatePage",
  "slack.postMessage",
  "slack.updateMessage",
];

/** The tool an action changes (matches the Prisma `Tool` enum's values). */
export type ActionTool = "JIRA" | "GITHUB" | "NOTION" | "SLACK";

/**
 * Why an action cannot be applied as it stands. `path` names the form field to highlight
 * ("fields.summary", "accountId"; "" for the whole action); `message` tells a project manager
 * what is wrong and what to do about it. Any issue blocks apply.
 */
export interface ValidationIssue {
  path: string;
  message: string;
  /** Present when the target changed since the proposal: what changed, for the form to show. */
  changes?: FieldChange[];
}

/** One field that differs between the snapshot a proposal was made against and the target now. */
export interface FieldChange {
  field: string;
  label: string;
  /** The value the proposal was made against. */
  proposedAgainst: unknown;
  /** The value the target holds now. */
  now: unknown;
}

/** One row of a field diff: what the target shows before and after the action. */
export interface DiffField {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}

/**
 * What a reviewer sees before applying: a field diff, the rendered message (in the tool's own
 * markup), the page (title and Markdown body) or the comment (where it lands and its Markdown).
 */
export type Preview =
  | { type: "diff"; fields: DiffField[] }
  | { type: "message"; channel: string; text: string; blocks?: unknown[] }
  | { type: "page"; title: string; markdown: string }
  | { type: "comment"; target: string; markdown: string };

/** A concrete action: a kind and an input valid for that kind's schema. */
export interface ActionCall<K extends ActionKind = ActionKind> {
  kind: K;
  input: unknown;
}

/**
 * How to take an applied action back:
 * - `{ kind, input }`: an exact inverse; running it restores the state read before execution.
 * - `{ compensating, note }`: the tool cannot undo it, but this action neutralises it; `note`
 *   says what remains visible (e.g. an issue closed as Won't Do still exists).
 * - `{ irreversible, reason }`: nothing in the catalogue can undo it; `reason` says why and what a
 *   person could do by hand.
 * Inverses are proposals like any other: the executor validates them against the state at undo time.
 */
export type Inverse =
  | ActionCall
  | { compensating: ActionCall; note: string }
  | { irreversible: true; reason: string };

/**
 * One kind of action.
 *
 * Contract:
 * - `inputSchema` parses what the agent proposed or a person edited; its messages are form-ready.
 * - `describe` is one line for lists and audit ("Move PAY-12 to In Progress"); input only, no state.
 * - `validate(input, state)` runs on the state read just before apply (and again before execution);
 *   an empty list means the action may run. It includes "changed since proposed" checks when the
 *   input carries a `baseUpdated` snapshot time.
 * - `preview(input, state)` renders what will change against the current state; it never throws.
 * - `inverse(input, before, result)` takes the state read before execution and the execution
 *   result; it is called only after a successful, verified execution.
 * - All functions are pure and deterministic.
 */
export interface ActionDefinition<Input = unknown, TargetState = unknown, Result = unknown> {
  kind: ActionKind;
  tool: ActionTool;
  /** A short noun phrase for menus: "Move to sprint". */
  label: string;
  inputSchema: z.ZodType<Input>;
  describe(input: Input): string;
  validate(input: Input, state: TargetState): ValidationIssue[];
  preview(input: Input, state: TargetState): Preview;
  inverse(input: Input, before: TargetState, result: Result): Inverse;
}

/* ------------------------------------------------------------------------------------------------
 * Target states: the plain snapshots the executor reads from the tool.
 * ---------------------------------------------------------------------------------------------- */

/** A Jira user who can be picked as an assignee. */
export interface JiraUser {
  accountId: string;
  displayName: string;
  /** Deactivated users cannot be assigned. */
  active: boolean;
}

/** A Jira sprint as the board reports it. */
export interface JiraSprint {
  id: string;
  name: string;
  state: "future" | "active" | "closed";
}

/**
 * A Jira issue's editable fields as read just now. Descriptions are Markdown (converted from ADF
 * by the connector). `updated` is Jira's ISO timestamp of the last change.
 */
export interface JiraIssueSnapshot {
  key: string;
  projectKey: string;
  updated: string;
  summary: string;
  description: string | null;
  issueType: string;
  status: string;
  priority: string | null;
  assigneeId: string | null;
  labels: string[];
  storyPoints: number | null;
  dueDate: string | null;
  /** The open (active or future) sprint the issue is in; null = backlog. */
  sprintId: string | null;
}

/** State for jira.updateFields and jira.comment. `issue` null = the issue does not exist (or is hidden). */
export interface JiraIssueState {
  issue: JiraIssueSnapshot | null;
  /** Priority names the project accepts. */
  priorities: string[];
  /**
   * For jira.comment: the newest comment's id when read (null: none). Comment ids only grow, so
   * recovery looks only above it, whatever either side's clock says.
   */
  latestCommentId?: string | null;
}

/** A workflow transition available from the issue's current status. */
export interface JiraTransitionOption {
  id: string;
  name: string;
  toStatus: string;
}

/** State for jira.transition: the transitions Jira offers from the current status, and the resolutions. */
export interface JiraTransitionState {
  issue: JiraIssueSnapshot | null;
  transitions: JiraTransitionOption[];
  resolutions: string[];
}

/** State for jira.assign: the users assignable in the issue's project. */
export interface JiraAssignState {
  issue: JiraIssueSnapshot | null;
  users: JiraUser[];
}

/** State for jira.moveToSprint: the target sprint (null when unknown or when moving to the backlog) and the current one. */
export interface JiraSprintState {
  issue: JiraIssueSnapshot | null;
  targetSprint: JiraSprint | null;
  currentSprint: JiraSprint | null;
}

/** State for jira.createIssue: the project's configuration. `project` null = not found. */
export interface JiraCreateState {
  project: { key: string; name: string; issueTypes: string[] } | null;
  priorities: string[];
  users: JiraUser[];
  /** Open sprints of the project's board. */
  sprints: JiraSprint[];
  /** The newest issue's id in the project when read (null: none). Ids only grow: recovery looks above it. */
  latestIssueId?: string | null;
}

/** State for github.commentOnPullRequest. `pullRequest` null = not found. */
export interface GithubPullRequestState {
  pullRequest: { repo: string; number: number; title: string; state: "open" | "closed" | "merged"; locked: boolean } | null;
}

/** State for github.createIssue. `repository` null = not found or not visible to the connection. */
export interface GithubRepositoryState {
  repository: { fullName: string; hasIssues: boolean; archived: boolean } | null;
  /** Logins that can be assigned issues in the repository. */
  assignableLogins: string[];
  /**
   * The highest issue or pull-request number when read (null: none yet). Numbers only grow, so
   * recovery looks only above it, whatever either side's clock says.
   */
  latestNumber?: number | null;
}

/** A Notion page's simple property values (title excluded), keyed by property name. */
export type NotionPropertyValue = string | number | boolean | null;

/** A Notion page as read just now. `updated` is Notion's `last_edited_time`. */
export interface NotionPageSnapshot {
  id: string;
  title: string;
  archived: boolean;
  updated: string;
  properties: Record<string, NotionPropertyValue>;
}

/** State for notion.createPage: the parent page or data source. */
export interface NotionParentState {
  parent: { id: string; type: "page" | "data_source"; title: string; archived: boolean } | null;
}

/** State for notion.appendBlocks and notion.updatePage. */
export interface NotionPageState {
  page: NotionPageSnapshot | null;
}

/** A Slack channel as the bot sees it. */
export interface SlackChannel {
  id: string;
  name: string;
  archived: boolean;
  /** Whether the app's bot user is a member (it must be to post). */
  botIsMember: boolean;
  /** How many people are in it (policies may limit posts to large channels); null when Slack does not say. */
  memberCount?: number | null;
}

/** State for slack.postMessage. `channel` null = not found. `thread` present when `threadTs` is set. */
export interface SlackChannelState {
  channel: SlackChannel | null;
  /**
   * The newest message's ts in the channel when read (null: none). Recovery looks only at messages
   * after it: Slack's own ordering, so no clock on either side matters.
   */
  latestTs?: string | null;
  /** The parent message when replying in a thread; null = it does not exist. */
  thread?: { ts: string } | null;
}

/** State for slack.updateMessage: the message as currently posted (mrkdwn). */
export interface SlackMessageState {
  channel: SlackChannel | null;
  message: { ts: string; text: string; blocks?: unknown[]; postedByBot: boolean } | null;
}
