/**
 * The sandbox Slack workspace. Plain JSON; wire shapes (user profiles, channel objects, thread
 * metadata on parents) are derived at response time by render.ts.
 *
 * Contracts:
 * - `ts` strings look like Slack's ("1763650000.000100") and are unique across the workspace, so
 *   (channel, ts) and ts alone both identify a message; a channel's messages sort by ts.
 * - A thread reply has `threadTs` = its parent's ts; a parent has `threadTs` = its own ts once it
 *   has replies, else null.
 * - Users are referenced by Slack user id; `personId` ties a user to the sandbox company.
 */

export interface SlackUser {
  id: string;
  /** The sandbox person behind the account; null for bots and Slackbot. */
  personId: string | null;
  /** The handle ("priya.raman"). */
  name: string;
  realName: string;
  displayName: string;
  title: string;
  email: string | null;
  tz: string;
  isAdmin: boolean;
  isOwner: boolean;
  isBot: boolean;
  /** Bot users: their bot id (B…) and app id (A…). */
  botId: string | null;
  appId: string | null;
  deleted: boolean;
  /** Hex colour without '#'. */
  color: string;
  avatarHash: string;
  /** Unix seconds of the last profile change. */
  updated: number;
}

export type SlackChannelKind = "public" | "private" | "im";

export interface SlackChannel {
  id: string;
  /** Channel name without '#'; for DMs the other user's id, as Slack reports. */
  name: string;
  kind: SlackChannelKind;
  isGeneral: boolean;
  isArchived: boolean;
  /** Unix seconds. */
  created: number;
  creator: string;
  topic: string;
  purpose: string;
  /** Member user ids; for a DM, its two participants. */
  memberIds: string[];
}

export interface SlackReaction {
  name: string;
  users: string[];
}

export interface SlackMessage {
  channel: string;
  ts: string;
  /** Author user id (a bot user's id for the app's own messages); null for integration posts. */
  user: string | null;
  /** Set for bot and app messages. */
  botId: string | null;
  /** The display name integration posts ("bot_message") carry. */
  username: string | null;
  subtype: "bot_message" | "tombstone" | null;
  text: string;
  /** Block Kit blocks as posted, when the message has them. */
  blocks: Record<string, unknown>[] | null;
  threadTs: string | null;
  reactions: SlackReaction[];
  edited: { user: string; ts: string } | null;
  /** App event metadata posted with the message (absent = none). */
  metadata?: SlackMessageMetadata;
}

/** Message metadata as an app posts it: an event type and a free-form payload. */
export interface SlackMessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface SlackState {
  team: { id: string; name: string; domain: string };
  /** The Lumen app installed in the workspace: its bot user, bot id and app id. */
  app: { id: string; botId: string; botUserId: string; name: string };
  /**
   * Whether the app has token rotation on: oauth.v2.access then returns refresh_token and
   * expires_in (12 h tokens). Off by default, as for new Slack apps.
   */
  tokenRotation: boolean;
  users: SlackUser[];
  channels: SlackChannel[];
  messages: SlackMessage[];
  /** Messages written to manipulate an AI agent, as "<channel id>:<ts>" (for tests; never on the wire). */
  hostileIds: string[];
}
