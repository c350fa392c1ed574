/**
 * The Jira sandbox's data: plain JSON (no Dates, Maps or classes) so the whole sandbox can be
 * snapshotted with structuredClone and hashed. Timestamps are ISO strings in UTC; the wire layer
 * renders them the way Jira does ("2026-11-20T16:00:00.000+0000").
 *
 * Ids follow Jira Cloud's shapes: issues, projects, versions, comments and changelogs have numeric
 * string ids from 10000 up; boards and sprints have small integers. Static catalogues (statuses,
 * issue types, priorities, fields, link types) live in catalog.ts, not here.
 */

/** An Atlassian Document Format node (the v3 API's rich text). */
export interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, string | number | boolean | null>;
  marks?: { type: string; attrs?: Record<string, string | number | boolean | null> }[];
  content?: AdfNode[];
}

/** An ADF document: `{ type: "doc", version: 1, content: [...] }`. */
export interface AdfDoc {
  type: "doc";
  version: 1;
  content: AdfNode[];
}

export interface JiraComponent {
  id: string;
  name: string;
  description: string;
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
  description: string;
  /** Account id of the project lead (the team's engineering manager). */
  leadAccountId: string;
  /** The sandbox team this project belongs to; null for generated benchmark projects. */
  teamId: string | null;
  components: JiraComponent[];
  /** Issue numbers used by the seed; new keys continue after it. */
  seededIssueCount: number;
}

export interface JiraBoard {
  id: number;
  name: string;
  type: "scrum" | "kanban";
  projectId: string;
  /** The board's saved filter (Jira boards are defined by one). */
  filterJql: string;
}

export type SprintState = "future" | "active" | "closed";

export interface JiraSprint {
  id: number;
  boardId: number;
  name: string;
  state: SprintState;
  goal: string;
  createdDate: string;
  startDate: string | null;
  endDate: string | null;
  completeDate: string | null;
}

export interface JiraVersion {
  id: string;
  projectId: string;
  name: string;
  description: string;
  archived: boolean;
  released: boolean;
  /** "YYYY-MM-DD" or null. */
  startDate: string | null;
  /** "YYYY-MM-DD" or null. */
  releaseDate: string | null;
}

export interface JiraComment {
  id: string;
  authorAccountId: string;
  updateAuthorAccountId: string;
  body: AdfDoc;
  created: string;
  updated: string;
  /** Entity properties (key → JSON value) stored against the comment; absent until one is set. */
  properties?: Record<string, unknown>;
}

/** One field change inside a changelog entry, exactly as Jira reports it. */
export interface JiraChangeItem {
  field: string;
  fieldtype: "jira" | "custom";
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface JiraHistory {
  id: string;
  authorAccountId: string;
  created: string;
  items: JiraChangeItem[];
}

export interface JiraRemoteLink {
  id: number;
  globalId: string;
  url: string;
  title: string;
  /** e.g. "GitHub" — shown as the application name. */
  application: string;
}

export interface JiraIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  summary: string;
  description: AdfDoc | null;
  statusId: string;
  statusCategoryChangedAt: string;
  /** Resolution id ("10000" = Done) or null while unresolved. */
  resolutionId: string | null;
  resolutionDate: string | null;
  priorityId: string;
  assigneeAccountId: string | null;
  reporterAccountId: string;
  creatorAccountId: string;
  labels: string[];
  componentIds: string[];
  /** customfield_10016 "Story point estimate". */
  storyPoints: number | null;
  /** The epic (for standard issues) or the parent issue (for subtasks). */
  parentId: string | null;
  /** Every sprint the issue has been in, oldest first (customfield_10020 lists them all). */
  sprintIds: number[];
  fixVersionIds: string[];
  /** customfield_10021 "Flagged" = Impediment. */
  flagged: boolean;
  /** customfield_10019 LexoRank; issues sort by it on boards and backlogs. */
  rank: string;
  /** "YYYY-MM-DD" or null. */
  dueDate: string | null;
  created: string;
  updated: string;
  comments: JiraComment[];
  /** Oldest first. */
  changelog: JiraHistory[];
  remoteLinks: JiraRemoteLink[];
  /**
   * Entity properties (key → JSON value) apps and integrations store against the issue; absent
   * until one is set. They are not fields: setting one leaves `updated` and the changelog alone.
   */
  properties?: Record<string, unknown>;
}

/** A directed link: `sourceId` <outward> `targetId`, e.g. A blocks B. */
export interface JiraIssueLink {
  id: string;
  typeId: string;
  sourceId: string;
  targetId: string;
}

/**
 * First free ids after seeding. Writes allocate through `store.nextId("jira-<kind>", start)` with
 * these as starts, so ids stay unique and replays allocate the same ones.
 */
export interface JiraSequences {
  issue: number;
  comment: number;
  changelog: number;
  link: number;
  project: number;
  board: number;
  sprint: number;
  version: number;
  component: number;
  remoteLink: number;
  /** Next LexoRank slot; ranks are spaced so inserts never need a rebalance. */
  rank: number;
}

export interface JiraState {
  projects: JiraProject[];
  boards: JiraBoard[];
  sprints: JiraSprint[];
  versions: JiraVersion[];
  issues: JiraIssue[];
  links: JiraIssueLink[];
  sequences: JiraSequences;
  /**
   * Seeded content that tries to instruct an AI agent: issue keys (hostile summary or description)
   * and comment ids (hostile comment body). Never sent on the wire; tests and evaluations use it.
   */
  hostileIds: string[];
}
