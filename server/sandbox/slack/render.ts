import { type SlackAccess } from "./access";
import { type SlackChannel, type SlackMessage, type SlackUser } from "./state";

/** Wire shapes for users, conversations and messages, as the Web API returns them. */

function tzInfo(tz: string, at: Date): { label: string; offset: number } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" }).formatToParts(at);
  const name = parts.find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = name.match(/GMT([+-])(\d{2}):(\d{2})/);
  const offset = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
  const label = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "long" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? tz;
  return { label, offset };
}

function avatar(hash: string, size: number): string {
  return `https://secure.gravatar.com/avatar/${hash}.jpg?s=${size}&d=mp`;
}

export function renderUser(access: SlackAccess, u: SlackUser, includeLocale = false) {
  const now = new Date(access.store.state.company.now);
  const { label, offset } = tzInfo(u.tz, now);
  const [first, ...rest] = u.realName.split(" ");
  const profile: Record<string, unknown> = {
    title: u.title,
    phone: "",
    skype: "",
    real_name: u.realName,
    real_name_normalized: u.realName.normalize("NFKD").replace(/[\u0300-\u036f]/g, ""),
    display_name: u.displayName,
    display_name_normalized: u.displayName.normalize("NFKD").replace(/[\u0300-\u036f]/g, ""),
    fields: null,
    status_text: "",
    status_emoji: "",
    status_expiration: 0,
    avatar_hash: u.avatarHash,
    first_name: first ?? "",
    last_name: rest.join(" "),
    image_24: avatar(u.avatarHash, 24),
    image_32: avatar(u.avatarHash, 32),
    image_48: avatar(u.avatarHash, 48),
    image_72: avatar(u.avatarHash, 72),
    image_192: avatar(u.avatarHash, 192),
    image_512: avatar(u.avatarHash, 512),
    team: access.state.team.id,
  };
  if (u.email && access.has("users:read.email")) profile.email = u.email;
  if (u.isBot) {
    profile.bot_id = u.botId;
    profile.api_app_id = u.appId ?? "";
    profile.always_active = true;
  }
  return {
    id: u.id,
    team_id: access.state.team.id,
    name: u.name,
    deleted: u.deleted,
    color: u.color,
    real_name: u.realName,
    tz: u.tz,
    tz_label: label,
    tz_offset: offset,
    profile,
    is_admin: u.isAdmin,
    is_owner: u.isOwner,
    is_primary_owner: u.isOwner,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: u.isBot,
    is_app_user: false,
    updated: u.updated,
    ...(includeLocale ? { locale: "en-US" } : {}),
  };
}

/** Slackbot, which every workspace lists. */
export function slackbot(access: SlackAccess) {
  return renderUser(access, {
    id: "USLACKBOT",
    personId: null,
    name: "slackbot",
    realName: "Slackbot",
    displayName: "Slackbot",
    title: "",
    email: null,
    tz: "America/Los_Angeles",
    isAdmin: false,
    isOwner: false,
    isBot: false,
    botId: null,
    appId: null,
    deleted: false,
    color: "757575",
    avatarHash: "sv41d8cd98f0",
    updated: 0,
  });
}

export function renderChannel(access: SlackAccess, c: SlackChannel, withMemberCount = true) {
  if (c.kind === "im") {
    return {
      id: c.id,
      created: c.created,
      is_archived: c.isArchived,
      is_im: true,
      is_org_shared: false,
      user: c.memberIds.find((m) => m !== access.userId) ?? c.memberIds[0]!,
      is_user_deleted: false,
      priority: 0,
    };
  }
  const teamId = access.state.team.id;
  return {
    id: c.id,
    name: c.name,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: c.kind === "private",
    created: c.created,
    is_archived: c.isArchived,
    is_general: c.isGeneral,
    unlinked: 0,
    name_normalized: c.name,
    is_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    parent_conversation: null,
    creator: c.creator,
    is_ext_shared: false,
    shared_team_ids: [teamId],
    pending_connected_team_ids: [],
    is_member: access.isMember(c),
    topic: { value: c.topic, creator: c.topic ? c.creator : "", last_set: c.topic ? c.created : 0 },
    purpose: { value: c.purpose, creator: c.purpose ? c.creator : "", last_set: c.purpose ? c.created : 0 },
    previous_names: [],
    ...(withMemberCount ? { num_members: c.memberIds.length } : {}),
  };
}

/** Thread metadata a parent carries: reply counts, the repliers, the latest reply. */
function threadInfo(access: SlackAccess, m: SlackMessage) {
  const replies = access.state.messages.filter((r) => r.channel === m.channel && r.threadTs === m.ts && r.ts !== m.ts);
  if (!replies.length) return null;
  const users = [...new Set(replies.map((r) => r.user).filter((u): u is string => !!u))];
  return { thread_ts: m.ts, reply_count: replies.length, reply_users_count: users.length, latest_reply: replies[replies.length - 1]!.ts, reply_users: users.slice(0, 5) };
}

/**
 * A message as the Web API returns it. Metadata is included only when asked for
 * (`include_all_metadata` on history and replies; always on the answers to the app's own writes).
 */
export function renderMessage(access: SlackAccess, m: SlackMessage, options: { metadata?: boolean } = {}) {
  const state = access.state;
  const out: Record<string, unknown> = { type: "message" };
  if (m.subtype) out.subtype = m.subtype;
  out.text = m.text;
  if (m.user) out.user = m.user;
  if (m.botId) out.bot_id = m.botId;
  if (m.username) out.username = m.username;
  if (m.user && m.botId === state.app.botId) {
    out.app_id = state.app.id;
    out.bot_profile = {
      id: state.app.botId,
      deleted: false,
      name: "Lumen",
      updated: Math.floor(new Date(access.store.state.company.now).getTime() / 1000) - 86_400 * 30,
      app_id: state.app.id,
      icons: { image_36: avatar("lumen", 36), image_48: avatar("lumen", 48), image_72: avatar("lumen", 72) },
      team_id: state.team.id,
    };
  }
  out.ts = m.ts;
  if (m.user && m.subtype !== "tombstone") out.team = state.team.id;
  if (m.blocks) out.blocks = m.blocks;
  if (m.edited) out.edited = m.edited;
  const isReply = m.threadTs !== null && m.threadTs !== m.ts;
  if (isReply) {
    out.thread_ts = m.threadTs;
    const parent = state.messages.find((p) => p.channel === m.channel && p.ts === m.threadTs);
    if (parent?.user) out.parent_user_id = parent.user;
  } else {
    const info = threadInfo(access, m);
    if (info) Object.assign(out, info, { subscribed: false });
  }
  if (m.reactions.length) out.reactions = m.reactions.map((r) => ({ name: r.name, users: r.users, count: r.users.length }));
  if (options.metadata && m.metadata) out.metadata = structuredClone(m.metadata);
  return out;
}
