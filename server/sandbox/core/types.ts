/**
 * The sandbox company: one coherent organisation whose people, teams and work appear consistently
 * across the Jira, GitHub, Notion and Slack sandboxes. Everything here is plain JSON so the whole
 * state can be snapshotted, restored and hashed.
 */
import { type GithubState } from "../github/state";
import { type JiraState } from "../jira/state";
import { type NotionState } from "../notion/state";
import { type SlackState } from "../slack/state";
import { type OAuthState } from "./oauth-state";

export type SandboxTool = "jira" | "github" | "notion" | "slack";
export const SANDBOX_TOOLS: readonly SandboxTool[] = ["jira", "github", "notion", "slack"];

export type PersonRole = "pm" | "engineer" | "em" | "designer" | "qa" | "leadership" | "admin";

export interface Person {
  /** Stable id inside the sandbox, e.g. "p7". */
  id: string;
  name: string;
  email: string;
  teamId: string | null;
  role: PersonRole;
  timezone: string;
  /** The same person's identity in each tool. */
  jiraAccountId: string;
  githubLogin: string;
  githubId: number;
  slackUserId: string;
  notionUserId: string;
}

export interface Team {
  id: string;
  /** Jira project key, e.g. "PAY". */
  key: string;
  name: string;
  memberIds: string[];
  pmId: string;
  emId: string;
  /** Slack channel name without '#', e.g. "team-payments". */
  channel: string;
  /** GitHub repository name inside the org, e.g. "payments-service". */
  repo: string;
}

export interface Company {
  name: string;
  /** Email domain, e.g. "northwind.example". */
  domain: string;
  /** GitHub organisation login. */
  githubOrg: string;
  /** Atlassian cloud id used in /ex/jira/{cloudId} URLs. */
  cloudId: string;
  /** Jira site URL the API reports as `self` prefixes' origin in browse links. */
  jiraSite: string;
  teams: Team[];
  people: Person[];
  /** The sandbox's "today": seeded history ends here; writes advance a logical clock from it. */
  now: string;
}

export interface SandboxState {
  version: 1;
  seed: number;
  company: Company;
  jira: JiraState;
  github: GithubState;
  notion: NotionState;
  slack: SlackState;
  oauth: OAuthState;
  /** Monotonic counters for ids and the logical clock, per key. */
  counters: Record<string, number>;
}
