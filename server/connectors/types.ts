import { type Tool } from "@/server/db/generated/enums";
import { type ActionWriters } from "@/server/actions/catalogue/writer";
import { type ConnectionResilience } from "./resilience";

/** Credentials as stored (sealed) per connection. Never logged, never sent to a browser or a model. */
export type Credentials =
  | { kind: "api_token"; token: string; email?: string }
  | {
      kind: "oauth";
      accessToken: string;
      refreshToken?: string | null;
      /** ISO time the access token expires; null = it does not. */
      expiresAt?: string | null;
      scopes?: string[];
      /** Where and as whom to refresh (secrets stay inside the sealed blob). */
      tokenUrl?: string;
      clientId?: string;
      clientSecret?: string;
    };

export interface ConnectionRef {
  id: string;
  organizationId: string;
  tool: Tool;
  baseUrl: string;
  externalAccountId: string | null;
  settings: ConnectionSettings;
}

/** What a connection syncs; empty lists mean everything the credentials can see. */
export interface ConnectionSettings {
  projects?: string[];
  repositories?: string[];
  channels?: string[];
  dataSources?: string[];
  /** Days of Slack history a first sync reads. */
  historyDays?: number;
}

export interface CallRecord {
  tool: Tool;
  operation: string;
  status: "ok" | "error";
  httpStatus?: number;
  latencyMs: number;
  retries: number;
  error?: string;
}

/** Where connectors report every external call (the metrics pages read them). */
export interface CallRecorder {
  record(call: CallRecord): void;
}

export interface ConnectorContext {
  connection: ConnectionRef;
  credentials: Credentials;
  resilience: ConnectionResilience;
  recorder: CallRecorder;
  /**
   * Returns a usable access token, refreshing (serially, per connection) and persisting rotated
   * credentials when the current one has expired. Connectors call it before each request.
   */
  accessToken: () => Promise<string>;
}

export interface ConnectionCheck {
  account: { id: string; name: string };
  scopes: string[];
  missingScopes: string[];
}

export interface NormalizedPerson {
  sourceId: string;
  displayName: string;
  email: string | null;
  url: string | null;
  avatarUrl: string | null;
  active: boolean;
}

export interface NormalizedLink {
  type: string;
  direction: "inward" | "outward";
  key: string;
}

export interface NormalizedWorkItem {
  sourceId: string;
  key: string;
  url: string;
  projectKey: string;
  type: string;
  title: string;
  description: string | null;
  status: string;
  statusCategory: string;
  priority: string | null;
  storyPoints: number | null;
  assigneeId: string | null;
  assigneeName: string | null;
  reporterId: string | null;
  epicKey: string | null;
  parentKey: string | null;
  sprintIds: string[];
  fixVersionIds: string[];
  labels: string[];
  links: NormalizedLink[];
  /** Jira's "Flagged" (an impediment). */
  flagged: boolean;
  /** Board order (LexoRank); lower sorts first. */
  rank: string | null;
  /** Sprint membership changes from the changelog, oldest first. */
  sprintHistory: NormalizedSprintEvent[];
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  dueDate: Date | null;
}

export interface NormalizedSprintEvent {
  sprintId: string;
  action: "added" | "removed";
  at: Date;
}

export interface NormalizedStatusChange {
  sourceId: string;
  workItemKey: string;
  fromStatus: string | null;
  toStatus: string;
  toCategory: string | null;
  authorId: string | null;
  at: Date;
}

export interface NormalizedSprint {
  sourceId: string;
  boardId: string;
  projectKey: string | null;
  name: string;
  state: string;
  goal: string | null;
  url: string | null;
  startDate: Date | null;
  endDate: Date | null;
  completeDate: Date | null;
}

export interface NormalizedRelease {
  sourceId: string;
  projectKey: string;
  name: string;
  description: string | null;
  released: boolean;
  releaseDate: Date | null;
  startDate: Date | null;
  url: string | null;
}

export interface NormalizedPullRequest {
  sourceId: string;
  repo: string;
  number: number;
  title: string;
  body: string | null;
  state: string;
  draft: boolean;
  authorLogin: string | null;
  url: string;
  workItemKeys: string[];
  additions: number | null;
  deletions: number | null;
  changedFiles: number | null;
  createdAt: Date;
  updatedAt: Date;
  mergedAt: Date | null;
  closedAt: Date | null;
}

export interface NormalizedReview {
  sourceId: string;
  pullRequestSourceId: string;
  repo: string;
  prNumber: number;
  authorLogin: string | null;
  state: string;
  body: string | null;
  url: string | null;
  submittedAt: Date | null;
}

export interface NormalizedDocument {
  sourceId: string;
  title: string;
  url: string;
  kind: string;
  parentId: string | null;
  text: string;
  properties: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

export interface NormalizedMessage {
  sourceId: string;
  channelId: string;
  channelName: string | null;
  threadTs: string | null;
  ts: string;
  authorId: string | null;
  authorName: string | null;
  text: string;
  url: string | null;
  replyCount: number;
  postedAt: Date;
}

/** A Jira project: what a delivery team is built around. */
export interface NormalizedProject {
  sourceId: string;
  key: string;
  name: string;
  /** The project lead's account id, when the tool reports one. */
  leadId: string | null;
  url: string | null;
}

export type SyncRows =
  | { kind: "people"; rows: NormalizedPerson[] }
  | { kind: "projects"; rows: NormalizedProject[] }
  | { kind: "workItems"; rows: NormalizedWorkItem[]; statusChanges: NormalizedStatusChange[] }
  | { kind: "sprints"; rows: NormalizedSprint[] }
  | { kind: "releases"; rows: NormalizedRelease[] }
  | { kind: "pullRequests"; rows: NormalizedPullRequest[]; reviews: NormalizedReview[] }
  | { kind: "documents"; rows: NormalizedDocument[] }
  | { kind: "messages"; rows: NormalizedMessage[] };

/** One batch of normalised rows for one resource (a project, repository, channel, …). */
export type SyncBatch = SyncRows & {
  /** e.g. "jira:project:PAY", "github:repo:payments-service", "slack:channel:C123". */
  resource: string;
  /** Rows of this resource seen so far, and the total when the tool reports one. */
  progress: { done: number; total: number | null };
};

export interface SyncRequest {
  /** Fetch only what changed since then (minus a small overlap); null = everything. */
  since: Date | null;
  signal?: AbortSignal;
}

/**
 * One tool behind one interface: the same code runs against the cloud service and the sandbox;
 * only the connection's base URL differs.
 */
export interface Connector {
  readonly tool: Tool;
  /** Checks the credentials: the account they belong to, the scopes granted, those missing. */
  test(): Promise<ConnectionCheck>;
  /** Streams normalised rows changed since `since` (everything when null), batch by batch. */
  sync(request: SyncRequest): AsyncIterable<SyncBatch>;
  /** Live search of work items (Jira: JQL), for reads that must be current. */
  searchWorkItems?(query: string, limit: number): Promise<NormalizedWorkItem[]>;
  /** One work item with its comments and status history. */
  getWorkItem?(key: string): Promise<WorkItemDetail>;
  /** One pull request with its files, diff, conversation and review threads. */
  getPullRequest?(repo: string, number: number): Promise<PullRequestDetail>;
  /** Rows of a database (Notion data source), optionally filtered in the tool's own filter language. */
  queryDocuments?(dataSourceId: string, filter?: unknown): Promise<NormalizedDocument[]>;
  /** How this tool performs the catalogue's actions (server/actions), by kind. */
  writers?: ActionWriters;
}

export interface CommentRecord {
  sourceId: string;
  authorId: string | null;
  authorName: string | null;
  body: string;
  url: string | null;
  createdAt: Date;
}

export interface WorkItemDetail {
  item: NormalizedWorkItem;
  comments: CommentRecord[];
  history: NormalizedStatusChange[];
}

export interface PullRequestDetail {
  pullRequest: NormalizedPullRequest;
  files: { path: string; status: string; additions: number; deletions: number; patch: string | null }[];
  /** The unified diff, as GitHub serves it. */
  diff: string;
  comments: CommentRecord[];
  reviews: NormalizedReview[];
  /** Review comments grouped by thread (a root comment and its replies), on a file and line. */
  threads: { path: string; line: number | null; comments: CommentRecord[] }[];
}
