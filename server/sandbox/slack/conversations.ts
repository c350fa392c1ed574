import { type SlackAccess } from "./access";
import { cursorPage } from "./cursor";
import { invalidArguments, SlackError } from "./errors";
import { bool, int, str, type SlackParams } from "./params";
import { renderChannel, renderMessage } from "./render";
import { type SlackChannel, type SlackMessage } from "./state";

/** A Web API method: arguments in, the success body (without `ok`) out; failures throw SlackError. */
export type SlackMethod = (access: SlackAccess, params: SlackParams) => Record<string, unknown>;

const TYPE_SCOPES: Record<string, { kind: SlackChannel["kind"] | "mpim"; scope: string }> = {
  public_channel: { kind: "public", scope: "channels:read" },
  private_channel: { kind: "private", scope: "groups:read" },
  im: { kind: "im", scope: "im:read" },
  mpim: { kind: "mpim", scope: "mpim:read" },
};

const TS = /^\d+(\.\d+)?$/;

/** Reading history needs the history scope for the channel's kind, and bots must be members. */
function requireHistory(access: SlackAccess, channel: SlackChannel): void {
  access.require(access.historyScope(channel));
  if (access.isBot && !access.isMember(channel)) throw new SlackError("not_in_channel");
}

function range(params: SlackParams) {
  const latest = str(params, "latest");
  const oldest = str(params, "oldest");
  if (latest !== undefined && !TS.test(latest)) throw new SlackError("invalid_ts_latest");
  if (oldest !== undefined && !TS.test(oldest)) throw new SlackError("invalid_ts_oldest");
  const inclusive = bool(params, "inclusive");
  const lo = oldest !== undefined ? Number(oldest) : -Infinity;
  const hi = latest !== undefined ? Number(latest) : Infinity;
  return (m: SlackMessage) => {
    const t = Number(m.ts);
    return (inclusive ? t >= lo : t > lo) && (inclusive ? t <= hi : t < hi);
  };
}

function byTs(a: SlackMessage, b: SlackMessage): number {
  return a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0;
}

export const conversationsList: SlackMethod = (access, params) => {
  const types = (str(params, "types") ?? "public_channel").split(",").map((t) => t.trim()).filter(Boolean);
  for (const t of types) if (!TYPE_SCOPES[t]) throw new SlackError("invalid_types");
  for (const t of types) access.require(TYPE_SCOPES[t]!.scope);
  access.accepted = ["channels:read", "groups:read", "im:read", "mpim:read"];
  const kinds = new Set(types.map((t) => TYPE_SCOPES[t]!.kind));
  const excludeArchived = bool(params, "exclude_archived");
  const channels = access.state.channels.filter((c) => kinds.has(c.kind) && access.canSee(c) && !(excludeArchived && c.isArchived));
  const limit = int(params, "limit", 100, 1000);
  const { page, nextCursor } = cursorPage(channels, "team", str(params, "cursor"), limit, (c) => c.id);
  return { channels: page.map((c) => renderChannel(access, c)), response_metadata: { next_cursor: nextCursor } };
};

export const conversationsInfo: SlackMethod = (access, params) => {
  const channel = access.channel(str(params, "channel"));
  access.require(access.readScope(channel));
  return { channel: renderChannel(access, channel, bool(params, "include_num_members")) };
};

export const conversationsMembers: SlackMethod = (access, params) => {
  const channel = access.channel(str(params, "channel"));
  access.require(access.readScope(channel));
  const { page, nextCursor } = cursorPage(channel.memberIds, "user", str(params, "cursor"), int(params, "limit", 100, 1000), (m) => m);
  return { members: page, response_metadata: { next_cursor: nextCursor } };
};

export const conversationsHistory: SlackMethod = (access, params) => {
  const channel = access.channel(str(params, "channel"));
  requireHistory(access, channel);
  const inRange = range(params);
  const messages = access.state.messages
    .filter((m) => m.channel === channel.id && (m.threadTs === null || m.threadTs === m.ts) && inRange(m))
    .sort(byTs)
    .reverse();
  const { page, hasMore, nextCursor } = cursorPage(messages, "next_ts", str(params, "cursor"), int(params, "limit", 100, 999), (m) => m.ts, (ts) =>
    messages.findIndex((m) => m.ts <= ts),
  );
  const metadata = bool(params, "include_all_metadata");
  return {
    messages: page.map((m) => renderMessage(access, m, { metadata })),
    has_more: hasMore,
    pin_count: 0,
    channel_actions_ts: null,
    channel_actions_count: 0,
    ...(hasMore ? { response_metadata: { next_cursor: nextCursor } } : {}),
  };
};

export const conversationsReplies: SlackMethod = (access, params) => {
  const channel = access.channel(str(params, "channel"));
  requireHistory(access, channel);
  const ts = str(params, "ts");
  if (!ts) throw invalidArguments("missing required field: ts");
  if (!TS.test(ts)) throw new SlackError("thread_not_found");
  const target = access.state.messages.find((m) => m.channel === channel.id && m.ts === ts);
  if (!target) throw new SlackError("thread_not_found");
  const root = target.threadTs ?? target.ts;
  const inRange = range(params);
  const thread = access.state.messages.filter((m) => m.channel === channel.id && (m.ts === root || m.threadTs === root)).sort(byTs);
  const visible = thread.filter((m, i) => i === 0 || inRange(m));
  const { page, hasMore, nextCursor } = cursorPage(visible, "next_ts", str(params, "cursor"), int(params, "limit", 1000, 1000), (m) => m.ts, (key) =>
    visible.findIndex((m) => m.ts >= key),
  );
  const metadata = bool(params, "include_all_metadata");
  return { messages: page.map((m) => renderMessage(access, m, { metadata })), has_more: hasMore, ...(hasMore ? { response_metadata: { next_cursor: nextCursor } } : {}) };
};
