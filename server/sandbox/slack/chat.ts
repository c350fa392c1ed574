import { type SlackAccess } from "./access";
import { type SlackMethod } from "./conversations";
import { invalidArguments, SlackError } from "./errors";
import { json, str } from "./params";
import { renderMessage } from "./render";
import { type SlackChannel, type SlackMessage, type SlackMessageMetadata } from "./state";

/** Slack truncates nothing: longer texts are refused with msg_too_long. */
const MAX_TEXT = 40_000;
const TS = /^\d{10}\.\d{6}$/;

/** A new message ts from the logical clock, unique even when two writes share a second. */
function newTs(access: SlackAccess): string {
  const sec = Math.floor(access.store.tick().getTime() / 1000);
  const n = access.store.nextId("slack.ts");
  let ts = `${sec}.${String(n % 1_000_000).padStart(6, "0")}`;
  while (access.state.messages.some((m) => m.ts === ts)) ts = `${sec}.${String((Number(ts.split(".")[1]) + 1) % 1_000_000).padStart(6, "0")}`;
  return ts;
}

function parseBlocks(params: Record<string, unknown>): Record<string, unknown>[] | null {
  const blocks = json(params, "blocks");
  if (blocks === undefined) return null;
  if (!Array.isArray(blocks) || blocks.some((b) => !b || typeof b !== "object" || typeof (b as { type?: unknown }).type !== "string")) throw new SlackError("invalid_blocks");
  return blocks as Record<string, unknown>[];
}

/** Event types are letters, digits, underscores and hyphens. */
const EVENT_TYPE = /^[A-Za-z0-9_-]+$/;

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const isScalar = (v: unknown) => typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
const isFlatObject = (v: unknown) => isRecord(v) && Object.values(v).every(isScalar);

/**
 * The `metadata` argument (a JSON string in form bodies, an object in JSON bodies). Something
 * that is not an object with a string `event_type` and an object `event_payload` is
 * invalid_metadata_format; an event type with other characters, or payload values other than
 * strings, numbers, booleans, flat objects of those or lists of them, is invalid_metadata_schema.
 */
function parseMetadata(params: Record<string, unknown>): SlackMessageMetadata | undefined {
  const raw = params.metadata;
  if (raw === undefined || raw === null || raw === "") return undefined;
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new SlackError("invalid_metadata_format");
    }
  }
  if (!isRecord(value) || typeof value.event_type !== "string" || !isRecord(value.event_payload)) throw new SlackError("invalid_metadata_format");
  const payloadOk = Object.values(value.event_payload).every((v) => isScalar(v) || isFlatObject(v) || (Array.isArray(v) && v.every((x) => isScalar(x) || isFlatObject(x))));
  if (!EVENT_TYPE.test(value.event_type) || !payloadOk) throw new SlackError("invalid_metadata_schema");
  return { event_type: value.event_type, event_payload: structuredClone(value.event_payload) };
}

/** The plain text Slack derives from blocks when no text is given (section/header texts). */
function blocksText(blocks: Record<string, unknown>[]): string {
  return blocks
    .map((b) => {
      const t = b.text as { text?: unknown } | undefined;
      return typeof t?.text === "string" ? t.text : "";
    })
    .filter(Boolean)
    .join("\n");
}

/** The conversation to post into: an id, a #name, or a user id (the app's DM with that user, opened if needed). */
function target(access: SlackAccess, raw: string | undefined): SlackChannel {
  if (raw && /^[UW][A-Z0-9]{2,}$/.test(raw)) {
    const user = access.state.users.find((u) => u.id === raw);
    if (!user || user.deleted) throw new SlackError("channel_not_found");
    const existing = access.state.channels.find((c) => c.kind === "im" && c.memberIds.includes(access.userId) && c.memberIds.includes(raw));
    if (existing) return existing;
    const n = access.store.nextId("slack.dm");
    const im: SlackChannel = {
      id: `D0SBX${String(n).padStart(6, "0")}`,
      name: raw,
      kind: "im",
      isGeneral: false,
      isArchived: false,
      created: Math.floor(access.store.tick().getTime() / 1000),
      creator: access.userId,
      topic: "",
      purpose: "",
      memberIds: [access.userId, raw],
    };
    access.state.channels.push(im);
    return im;
  }
  return access.channel(raw, true);
}

function ownMessage(access: SlackAccess, channel: SlackChannel, ts: string | undefined, verb: "update" | "delete"): SlackMessage {
  if (!ts) throw new SlackError("message_not_found");
  const message = access.state.messages.find((m) => m.channel === channel.id && m.ts === ts);
  if (!message || message.subtype === "tombstone") throw new SlackError("message_not_found");
  if (message.user !== access.userId) throw new SlackError(verb === "update" ? "cant_update_message" : "cant_delete_message");
  return message;
}

export const chatPostMessage: SlackMethod = (access, params) => {
  access.require("chat:write");
  const channel = target(access, str(params, "channel"));
  if (channel.isArchived) throw new SlackError("is_archived");
  // Only an explicit chat:write.public grant posts into channels the app has not joined; the
  // seeded API token ("*") behaves like a typical bot token and gets not_in_channel.
  if (!access.isMember(channel) && !(channel.kind === "public" && access.token.scopes.includes("chat:write.public"))) throw new SlackError("not_in_channel");
  const blocks = parseBlocks(params);
  const text = str(params, "text") ?? (blocks ? blocksText(blocks) : undefined);
  if (!text && !blocks) throw new SlackError("no_text");
  if ((text ?? "").length > MAX_TEXT) throw new SlackError("msg_too_long");
  const metadata = parseMetadata(params);
  let threadTs: string | null = null;
  const rawThread = str(params, "thread_ts");
  if (rawThread !== undefined) {
    if (!TS.test(rawThread)) throw new SlackError("invalid_thread_ts");
    const parent = access.state.messages.find((m) => m.channel === channel.id && m.ts === rawThread);
    if (!parent) throw new SlackError("thread_not_found");
    threadTs = parent.threadTs ?? parent.ts;
    const root = access.state.messages.find((m) => m.channel === channel.id && m.ts === threadTs);
    if (root) root.threadTs = root.ts;
  }
  const message: SlackMessage = {
    channel: channel.id,
    ts: newTs(access),
    user: access.userId,
    botId: access.isBot ? access.state.app.botId : null,
    username: null,
    subtype: null,
    text: text ?? "",
    blocks,
    threadTs,
    reactions: [],
    edited: null,
    ...(metadata ? { metadata } : {}),
  };
  access.state.messages.push(message);
  return { channel: channel.id, ts: message.ts, message: renderMessage(access, message, { metadata: true }) };
};

export const chatUpdate: SlackMethod = (access, params) => {
  access.require("chat:write");
  const channel = access.channel(str(params, "channel"));
  const message = ownMessage(access, channel, str(params, "ts"), "update");
  const blocks = parseBlocks(params);
  const text = str(params, "text");
  if (text === undefined && !blocks) throw new SlackError("no_text");
  if ((text ?? "").length > MAX_TEXT) throw new SlackError("msg_too_long");
  // Metadata sent with an edit replaces the message's; without it, the message keeps its own.
  const metadata = parseMetadata(params);
  if (text !== undefined) message.text = text;
  else if (blocks) message.text = blocksText(blocks);
  if (blocks) message.blocks = blocks;
  if (metadata) message.metadata = metadata;
  message.edited = { user: access.userId, ts: newTs(access) };
  return { channel: channel.id, ts: message.ts, text: message.text, message: renderMessage(access, message, { metadata: true }) };
};

export const chatDelete: SlackMethod = (access, params) => {
  access.require("chat:write");
  const channel = access.channel(str(params, "channel"));
  const message = ownMessage(access, channel, str(params, "ts"), "delete");
  const hasReplies = access.state.messages.some((m) => m.channel === channel.id && m.threadTs === message.ts && m.ts !== message.ts);
  if (hasReplies) {
    // Slack keeps a tombstone so the thread stays readable.
    Object.assign(message, { subtype: "tombstone", text: "This message was deleted.", user: "USLACKBOT", botId: null, blocks: null, reactions: [], edited: null });
    delete message.metadata;
  } else {
    access.state.messages.splice(access.state.messages.indexOf(message), 1);
  }
  return { channel: channel.id, ts: message.ts };
};

export const chatGetPermalink: SlackMethod = (access, params) => {
  const channel = access.channel(str(params, "channel"));
  const ts = str(params, "message_ts");
  if (!ts) throw invalidArguments("missing required field: message_ts");
  const message = access.state.messages.find((m) => m.channel === channel.id && m.ts === ts);
  if (!message) throw new SlackError("message_not_found");
  const base = `${access.web}/archives/${channel.id}/p${ts.replace(".", "")}`;
  const isReply = message.threadTs !== null && message.threadTs !== message.ts;
  return { channel: channel.id, permalink: isReply ? `${base}?thread_ts=${message.threadTs}&cid=${channel.id}` : base };
};
