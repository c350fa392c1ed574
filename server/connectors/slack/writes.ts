import { type ChatPostMessageArguments, type ChatUpdateArguments, type WebClient } from "@slack/web-api";
import { slackText } from "@/server/actions/catalogue/actions/slack-message";
import { type SlackPostMessageInput, type SlackPostMessageResult } from "@/server/actions/catalogue/actions/slack-post-message";
import { type SlackUpdateMessageInput } from "@/server/actions/catalogue/actions/slack-update-message";
import { type SlackChannel, type SlackChannelState, type SlackMessageState } from "@/server/actions/catalogue/types";
import { type ActionWriter, type ActionWriters, type WriteMarker, type WriteResultBase } from "@/server/actions/catalogue/writer";
import { createToolCall, requireFields } from "../call";
import { ConnectorError } from "../errors";
import { type ConnectorContext } from "../types";

/** What slack.postMessage reports: the message's ts, its permalink and "#channel". */
export type SlackPostMessageWriteResult = SlackPostMessageResult & WriteResultBase;
/** What slack.updateMessage reports: the edited message's ts, its permalink and "#channel". */
export type SlackUpdateMessageWriteResult = { ts: string } & WriteResultBase;

/** The metadata event type Lumen's messages carry. */
export const LUMEN_EVENT_TYPE = "lumen_action";

/** The message metadata that ties a posted message to the action that posted it. */
export function actionMetadata(actionId: string) {
  return { event_type: LUMEN_EVENT_TYPE, event_payload: { action_id: actionId } };
}

/**
 * How far Slack's clock may trail ours when looking back for an earlier attempt. The newest page
 * of history is always read whole, so a larger difference only costs older pages.
 */
const CLOCK_SKEW_S = 60;
const HISTORY_PAGE = 100;

/** A message as conversations.history and conversations.replies return it (the fields used here). */
interface WireMessage {
  ts?: string;
  text?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  thread_ts?: string;
  blocks?: unknown[];
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/** The Slack error code behind a ConnectorError ("channel_not_found"), if it came from Slack's answer. */
function slackCode(e: unknown): string | null {
  if (!(e instanceof ConnectorError)) return null;
  return (e.details.cause as { data?: { error?: unknown } } | undefined)?.data?.error?.toString() ?? null;
}

const carries = (m: WireMessage, marker: WriteMarker) => m.metadata?.event_type === LUMEN_EVENT_TYPE && m.metadata.event_payload?.action_id === marker.actionId;

/** Block Kit as Slack stores it gains ids and defaults, so blocks match by count and type. */
function sameBlocks(stored: unknown[] | undefined, sent: Record<string, unknown>[]): boolean {
  const types = (stored ?? []).map((b) => (b as { type?: unknown }).type);
  return types.length === sent.length && sent.every((b, i) => b.type === types[i]);
}

/**
 * The Slack writers: posting a message (in a channel or a thread) and editing one the app posted.
 * A posted message carries the action's id as message metadata, so a post whose answer was lost is
 * found in the channel instead of posted twice; an edit is found by the text it set.
 */
export function createSlackWriters(ctx: ConnectorContext, slack: WebClient, mapError: (e: unknown) => ConnectorError): ActionWriters {
  const call = createToolCall(ctx, mapError);
  const write = createToolCall(ctx, mapError, "write");
  const token = () => ctx.accessToken();

  let identity: Promise<{ userId: string | null; botId: string | null }> | null = null;
  /** Who the connection posts as: the bot user (and its bot id) for a bot token, a person for a user token. */
  function self() {
    if (!identity) {
      identity = call("auth.test", async () => slack.auth.test({ token: await token() })).then((r) => ({ userId: r.user_id ?? null, botId: r.bot_id ?? null }));
      // A failed look-up is asked again next time rather than remembered.
      identity.catch(() => (identity = null));
    }
    return identity;
  }
  const postedBySelf = (me: { userId: string | null; botId: string | null }, m: WireMessage) => (!!me.botId && m.bot_id === me.botId) || (!!me.userId && m.user === me.userId);

  async function readChannel(id: string): Promise<SlackChannel | null> {
    try {
      const { channel } = await call("conversations.info", async () => slack.conversations.info({ token: await token(), channel: id, include_num_members: true }));
      if (!channel?.id) return null;
      return {
        id: channel.id,
        name: channel.name ?? channel.id,
        archived: Boolean(channel.is_archived),
        // Slack reports no membership for direct messages: the app is always in its own.
        botIsMember: Boolean(channel.is_member || channel.is_im),
        memberCount: typeof channel.num_members === "number" ? channel.num_members : null,
      };
    } catch (e) {
      if (slackCode(e) === "channel_not_found") return null;
      throw e;
    }
  }

  /**
   * One message by its ts: a top-level message through history, a thread reply through its
   * thread (`threadTs` when known; Slack also finds a thread by any of its replies). Null when it
   * is gone.
   */
  async function readMessage(channel: string, ts: string, threadTs?: string): Promise<WireMessage | null> {
    if (!threadTs) {
      const page = await call("conversations.history", async () =>
        slack.conversations.history({ token: await token(), channel, latest: ts, inclusive: true, limit: 1, include_all_metadata: true }),
      );
      const top = (page.messages as WireMessage[] | undefined)?.[0];
      if (top?.ts === ts) return top.subtype === "tombstone" ? null : top;
    }
    try {
      const page = await call("conversations.replies", async () =>
        slack.conversations.replies({ token: await token(), channel, ts: threadTs ?? ts, oldest: ts, inclusive: true, limit: 10, include_all_metadata: true }),
      );
      const found = (page.messages as WireMessage[] | undefined)?.find((m) => m.ts === ts);
      return found && found.subtype !== "tombstone" ? found : null;
    } catch (e) {
      if (slackCode(e) === "thread_not_found") return null;
      throw e;
    }
  }

  /** The message's permalink. The write is done by then: a failed look-up leaves the link empty rather than failing it. */
  async function permalink(channel: string, ts: string): Promise<string | null> {
    try {
      const res = await call("chat.getPermalink", async () => slack.chat.getPermalink({ token: await token(), channel, message_ts: ts }));
      return res.permalink ?? null;
    } catch {
      return null;
    }
  }

  const refOf = (channel: SlackChannel | null, id: string) => `#${channel?.name ?? id}`;

  /** Pages of a thread, oldest first; stops once `match` finds a message. */
  async function searchThread(channel: string, threadTs: string, match: (m: WireMessage) => boolean): Promise<WireMessage | null> {
    let cursor: string | undefined;
    do {
      const page = await call("conversations.replies", async () =>
        slack.conversations.replies({ token: await token(), channel, ts: threadTs, limit: 200, cursor, include_all_metadata: true }),
      );
      const found = (page.messages as WireMessage[] | undefined)?.find(match);
      if (found) return found;
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return null;
  }

  /**
   * The channel's history, newest first. With `after` (the newest ts before the write) exactly the
   * messages since then; without it (a state read before this was recorded), the newest page whole
   * whatever its timestamps — Slack's clock may differ from ours — and older pages while they reach
   * back to `since`.
   */
  async function searchHistory(channel: string, since: Date, match: (m: WireMessage) => boolean, after?: string | null): Promise<WireMessage | null> {
    // Everything posted after the newest message seen before the write: Slack's order, no clocks.
    if (after !== undefined) {
      let cursor: string | undefined;
      do {
        const page = await call("conversations.history", async () =>
          slack.conversations.history({ token: await token(), channel, limit: HISTORY_PAGE, cursor, include_all_metadata: true, ...(after ? { oldest: after } : {}) }),
        );
        const found = ((page.messages as WireMessage[] | undefined) ?? []).find(match);
        if (found) return found;
        cursor = page.has_more ? page.response_metadata?.next_cursor || undefined : undefined;
      } while (cursor);
      return null;
    }
    const floor = since.getTime() / 1000 - CLOCK_SKEW_S;
    let cursor: string | undefined;
    do {
      const page = await call("conversations.history", async () =>
        slack.conversations.history({ token: await token(), channel, limit: HISTORY_PAGE, cursor, include_all_metadata: true }),
      );
      const messages = (page.messages as WireMessage[] | undefined) ?? [];
      const found = messages.find(match);
      if (found) return found;
      if (!messages.length || Number(messages.at(-1)!.ts) < floor) return null;
      cursor = page.has_more ? page.response_metadata?.next_cursor || undefined : undefined;
    } while (cursor);
    return null;
  }

  const postMessage: ActionWriter<SlackPostMessageInput, SlackChannelState, SlackPostMessageWriteResult> = {
    async readState(input) {
      const channel = await readChannel(input.channelId);
      if (!input.threadTs) {
        if (!channel?.botIsMember) return { channel };
        const newest = await call("conversations.history", async () => slack.conversations.history({ token: await token(), channel: channel.id, limit: 1 }));
        return { channel, latestTs: (newest.messages as WireMessage[] | undefined)?.[0]?.ts ?? null };
      }
      // The app can read a thread only where it is a member; validation asks for that first.
      if (!channel?.botIsMember) return { channel };
      try {
        const page = await call("conversations.replies", async () => slack.conversations.replies({ token: await token(), channel: channel.id, ts: input.threadTs!, limit: 1 }));
        const parent = (page.messages as WireMessage[] | undefined)?.[0];
        return { channel, thread: parent?.ts && parent.subtype !== "tombstone" ? { ts: parent.ts } : null };
      } catch (e) {
        if (slackCode(e) === "thread_not_found") return { channel, thread: null };
        throw e;
      }
    },

    async execute(input, state, marker) {
      const args = {
        channel: input.channelId,
        text: slackText(input),
        ...(input.blocks ? { blocks: input.blocks } : {}),
        ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
        metadata: actionMetadata(marker.actionId),
        unfurl_links: false,
      } as ChatPostMessageArguments;
      const res = await write("chat.postMessage", async () => slack.chat.postMessage({ ...args, token: await token() }));
      const { ts } = requireFields(res, ["ts"], "Slack's answer to chat.postMessage") as { ts: string };
      return { ts, url: await permalink(input.channelId, ts), ref: refOf(state.channel, input.channelId) };
    },

    async findLanded(input, before, marker, since) {
      const me = await self();
      const match = (m: WireMessage) => carries(m, marker) && postedBySelf(me, m);
      let found: WireMessage | null;
      if (input.threadTs) {
        try {
          found = await searchThread(input.channelId, input.threadTs, match);
        } catch (e) {
          // No thread, so no reply in it.
          if (slackCode(e) === "thread_not_found") return null;
          throw e;
        }
      } else {
        found = await searchHistory(input.channelId, since, match, before.latestTs);
      }
      if (!found?.ts) return null;
      return { ts: found.ts, url: await permalink(input.channelId, found.ts), ref: refOf(before.channel, input.channelId) };
    },

    async verify(input, result, marker) {
      const where = result.ref;
      const m = await readMessage(input.channelId, result.ts, input.threadTs);
      if (!m) return [`The message in ${where} no longer exists (it was deleted).`];
      const problems: string[] = [];
      if (m.text !== slackText(input)) problems.push(`The message in ${where} no longer reads as approved (it was edited).`);
      if (input.blocks && !sameBlocks(m.blocks, input.blocks)) problems.push(`The message in ${where} does not have the approved blocks.`);
      if (input.threadTs && !m.thread_ts) problems.push(`The message in ${where} is not in the thread it was meant for.`);
      if (!carries(m, marker)) problems.push(`The message in ${where} lost the metadata that ties it to this action.`);
      return problems;
    },
  };

  /** The message's state as the edit form and validation need it. */
  async function messageState(input: { channelId: string; ts: string }): Promise<SlackMessageState> {
    const channel = await readChannel(input.channelId);
    // Only a member can read the channel; validation asks for membership first.
    if (!channel?.botIsMember) return { channel, message: null };
    const [m, me] = await Promise.all([readMessage(channel.id, input.ts), self()]);
    if (!m?.ts) return { channel, message: null };
    return { channel, message: { ts: m.ts, text: m.text ?? "", ...(m.blocks ? { blocks: m.blocks } : {}), postedByBot: postedBySelf(me, m) } };
  }

  const holds = (m: WireMessage | null, input: SlackUpdateMessageInput) => !!m && m.text === slackText(input) && (!input.blocks || sameBlocks(m.blocks, input.blocks));

  const updateMessage: ActionWriter<SlackUpdateMessageInput, SlackMessageState, SlackUpdateMessageWriteResult> = {
    readState: messageState,

    async execute(input, state) {
      const args = { channel: input.channelId, ts: input.ts, text: slackText(input), ...(input.blocks ? { blocks: input.blocks } : {}) } as ChatUpdateArguments;
      await write("chat.update", async () => slack.chat.update({ ...args, token: await token() }));
      return { ts: input.ts, url: await permalink(input.channelId, input.ts), ref: refOf(state.channel, input.channelId) };
    },

    async findLanded(input, before) {
      const m = await readMessage(input.channelId, input.ts);
      if (!holds(m, input)) return null;
      return { ts: input.ts, url: await permalink(input.channelId, input.ts), ref: refOf(before.channel, input.channelId) };
    },

    async verify(input, result) {
      const m = await readMessage(input.channelId, input.ts);
      if (!m) return [`The message in ${result.ref} no longer exists (it was deleted).`];
      return holds(m, input) ? [] : [`The message in ${result.ref} does not read as approved (it was edited again).`];
    },
  };

  return { "slack.postMessage": postMessage, "slack.updateMessage": updateMessage };
}
