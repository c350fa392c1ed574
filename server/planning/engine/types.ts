/**
 * The planning engine's inputs and shared output shapes. Plain data, no Prisma: the loader in
 * server/planning/snapshot.ts builds a TeamSnapshot from synced rows, tests build them by hand.
 * Every figure the engine returns carries the sources it was computed from.
 */

export type SourceKind = "work_item" | "pull_request" | "review" | "message" | "document" | "sprint" | "release" | "person";

/** Something a reader can open to check a claim: an issue, a PR, a Slack message, a Notion page. */
export interface SourceRef {
  kind: SourceKind;
  /** Stable id within its kind: an issue key ("PAY-12"), "repo#123", a message ts, a page id, a sprint id. */
  id: string;
  /** What a chip shows: "PAY-12", "payments-service#41", "#team-payments 14 Nov", "Checkout v2 spec". */
  label: string;
  url: string | null;
}

export type StatusCategory = "new" | "indeterminate" | "done";

export interface EngineLink {
  /** Jira's link phrase from this item's side: "blocks", "is blocked by", "relates to", "clones"... */
  type: string;
  direction: "inward" | "outward";
  key: string;
}

export interface EngineItem {
  key: string;
  url: string;
  title: string;
  /**
   * The description as plain text with Markdown-style lists ("- ", "1. ") and headings kept, so
   * the engine can read acceptance criteria. Optional: loaders that do not fetch it leave it out.
   */
  description?: string | null;
  /** Epic | Story | Task | Bug | Subtask (Jira's issue type name). */
  type: string;
  status: string;
  statusCategory: StatusCategory;
  /** Highest | High | Medium | Low | Lowest, or null. */
  priority: string | null;
  storyPoints: number | null;
  assigneeId: string | null;
  assigneeName: string | null;
  epicKey: string | null;
  parentKey: string | null;
  projectKey: string;
  /** Sprint ids the item is in now (Jira keeps closed sprints an unfinished item went through). */
  sprintIds: string[];
  fixVersionIds: string[];
  labels: string[];
  links: EngineLink[];
  /** Jira's "Flagged" (impediment). */
  flagged: boolean;
  /** Board order (LexoRank string); lower sorts first. Null when unknown. */
  rank: string | null;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  dueDate: Date | null;
  /** Sprint membership changes from the changelog, oldest first. */
  sprintHistory: { sprintId: string; action: "added" | "removed"; at: Date }[];
  /** Status changes from the changelog, oldest first. */
  statusChanges: { to: string; toCategory: StatusCategory | null; at: Date }[];
}

export interface EngineSprint {
  id: string;
  name: string;
  state: "closed" | "active" | "future";
  goal: string | null;
  url: string | null;
  startDate: Date | null;
  endDate: Date | null;
  completeDate: Date | null;
}

export interface EngineRelease {
  id: string;
  name: string;
  description: string | null;
  released: boolean;
  startDate: Date | null;
  releaseDate: Date | null;
  url: string | null;
}

export interface EngineMember {
  /** The Jira account id assignments use. */
  id: string;
  name: string;
  /** Share of a working day available for sprint work, 0..1 (meetings, support rota, part time). */
  availability: number;
  /** Days off as ISO dates (yyyy-MM-dd) in the team's time zone. */
  daysOff: string[];
}

export interface EngineReview {
  authorLogin: string | null;
  /** APPROVED | CHANGES_REQUESTED | COMMENTED | DISMISSED | PENDING */
  state: string;
  submittedAt: Date | null;
  url: string | null;
}

export interface EnginePullRequest {
  repo: string;
  number: number;
  title: string;
  url: string;
  /** open | closed | merged */
  state: string;
  draft: boolean;
  authorLogin: string | null;
  createdAt: Date;
  updatedAt: Date;
  mergedAt: Date | null;
  workItemKeys: string[];
  reviews: EngineReview[];
}

export interface EngineMessage {
  id: string;
  channelName: string | null;
  authorName: string | null;
  text: string;
  url: string | null;
  postedAt: Date;
  replyCount: number;
  /** Set on replies and on thread parents; equal to the message's own ts on a parent. */
  threadTs: string | null;
  ts: string;
}

export interface EngineDocument {
  id: string;
  title: string;
  url: string;
  text: string;
  updatedAt: Date;
}

export interface EngineTeam {
  key: string;
  name: string;
  /** IANA zone; working days and days off are counted in it. */
  timezone: string;
  /** Default sprint length when the board has no history. */
  sprintLengthDays: number;
}

/** Everything the engine knows about one team at one moment. */
export interface TeamSnapshot {
  team: EngineTeam;
  now: Date;
  items: EngineItem[];
  /** Items of other teams that this team's items link to (for cross-team dependencies). */
  linkedItems: EngineItem[];
  sprints: EngineSprint[];
  releases: EngineRelease[];
  members: EngineMember[];
  pullRequests: EnginePullRequest[];
  messages: EngineMessage[];
  documents: EngineDocument[];
}
