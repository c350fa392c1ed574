import { ErrorCode, LogLevel, WebClient, type WebAPICallResult } from "@slack/web-api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_CREDENTIALS } from "../core/seed";
import { startSandboxServer, type RunningSandbox } from "../core/server";
import { SandboxStore } from "../core/store";
import { SlackOpenApi } from "./testing/openapi";

const openapi = new SlackOpenApi();
let sandbox: RunningSandbox;
let slack: WebClient;

function client(token?: string, options: { rejectRateLimitedCalls?: boolean } = {}): WebClient {
  return new WebClient(token, {
    slackApiUrl: sandbox.urls.slackApiUrl,
    fetch: openapi.recordingFetch(),
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
    ...options,
  });
}

beforeAll(async () => {
  sandbox = await startSandboxServer({ seed: 1 });
  slack = client(SANDBOX_CREDENTIALS.apiTokens.slack);
});
afterAll(() => sandbox.close());
afterEach(() => expect(openapi.drain()).toEqual([]));

const state = () => sandbox.store.state.slack;
const channelNamed = (name: string) => state().channels.find((c) => c.name === name)!;

async function slackError(p: Promise<unknown>): Promise<{ error: string; needed?: string; provided?: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; data?: { error: string; needed?: string; provided?: string } };
    expect(err.code).toBe(ErrorCode.PlatformError);
    return err.data!;
  }
  throw new Error("expected the call to fail");
}

/** Every item of a cursor-paginated method, through WebClient.paginate. */
async function all<T>(method: string, args: Record<string, unknown>, pick: (page: Record<string, unknown>) => unknown): Promise<T[]> {
  const out: T[] = [];
  for await (const page of client(SANDBOX_CREDENTIALS.apiTokens.slack).paginate(method, args)) out.push(...((pick(page as WebAPICallResult & Record<string, unknown>) as T[] | undefined) ?? []));
  return out;
}

describe("seeded workspace", () => {
  it("has the channels, weeks of ordered history, threads, bots and hostile messages", () => {
    const s = state();
    for (const name of ["general", "team-payments", "team-mobile", "team-platform", "release-train", "incidents", "random", "proj-checkout-v2", "leadership"]) expect(channelNamed(name)).toBeDefined();
    expect(s.channels.filter((c) => c.kind === "im").length).toBeGreaterThanOrEqual(3);
    expect(s.messages.length).toBeGreaterThan(300);
    const times = s.messages.map((m) => Number(m.ts));
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(28 * 86_400);
    expect(Math.max(...times)).toBeLessThan(new Date(sandbox.store.state.company.now).getTime() / 1000);
    expect(s.messages.every((m) => /^\d{10}\.\d{6}$/.test(m.ts))).toBe(true);
    expect(new Set(s.messages.map((m) => m.ts)).size).toBe(s.messages.length);
    expect(s.messages.some((m) => m.threadTs && m.threadTs !== m.ts)).toBe(true);
    expect(s.messages.some((m) => m.subtype === "bot_message")).toBe(true);
    expect(s.messages.some((m) => m.reactions.length > 0)).toBe(true);
    expect(s.messages.some((m) => /github\.com\/northwind-robotics\/[^/]+\/pull\/\d+/.test(m.text))).toBe(true);
    expect(s.messages.some((m) => /\b[A-Z]+-\d+\b/.test(m.text))).toBe(true);
    expect(s.messages.some((m) => /might slip/i.test(m.text))).toBe(true);
    expect(s.hostileIds.length).toBeGreaterThanOrEqual(3);
    expect(s.hostileIds.length).toBeLessThanOrEqual(6);
    for (const id of s.hostileIds) {
      const [channel, ts] = id.split(":");
      expect(s.messages.find((m) => m.channel === channel && m.ts === ts)?.text).toMatch(/AI|Lumen|<@|SYSTEM/);
    }
  });
});

describe("reads", () => {
  it("auth.test names the bot", async () => {
    const me = await slack.auth.test();
    expect(me).toMatchObject({ ok: true, team_id: state().team.id, user_id: state().app.botUserId, bot_id: state().app.botId, url: `${sandbox.origin}/web/slack/` });
  });

  it("lists users through cursors and gets one", async () => {
    const users = await all<{ id: string }>("users.list", { limit: 7 }, (p) => p.members);
    expect(users.map((u) => u.id)).toEqual([...state().users.map((u) => u.id), "USLACKBOT"]);
    const person = sandbox.store.state.company.people[0]!;
    const info = await slack.users.info({ user: person.slackUserId });
    expect(info.user).toMatchObject({ id: person.slackUserId, real_name: person.name, profile: { email: person.email } });
    expect(await slackError(slack.users.info({ user: "U0NOBODY00" }))).toMatchObject({ error: "user_not_found" });
  });

  it("lists the conversations the bot can see, page by page", async () => {
    const channels = await all<{ id: string; name?: string }>("conversations.list", { types: "public_channel,private_channel,im", limit: 3 }, (p) => p.channels);
    const names = channels.map((c) => c.name).filter(Boolean);
    expect(names).toEqual(expect.arrayContaining(["general", "team-payments", "random", "proj-checkout-v2"]));
    expect(names).not.toContain("leadership");
    expect(channels.length).toBe(state().channels.filter((c) => c.kind === "public" || c.memberIds.includes(state().app.botUserId)).length);
    const info = await slack.conversations.info({ channel: channelNamed("general").id, include_num_members: true });
    expect(info.channel).toMatchObject({ name: "general", is_general: true, is_member: true, num_members: channelNamed("general").memberIds.length });
    const members = await all<string>("conversations.members", { channel: channelNamed("general").id, limit: 5 }, (p) => p.members);
    expect(members).toEqual(channelNamed("general").memberIds);
  });

  it("pages through a channel's history newest first, with time windows", async () => {
    const channel = channelNamed("team-payments");
    const topLevel = state().messages.filter((m) => m.channel === channel.id && (m.threadTs === null || m.threadTs === m.ts));
    const history = await all<{ ts: string }>("conversations.history", { channel: channel.id, limit: 20 }, (p) => p.messages);
    expect(history.map((m) => m.ts)).toEqual(topLevel.map((m) => m.ts).sort().reverse());

    const sorted = topLevel.map((m) => m.ts).sort();
    const [oldest, , , latest] = sorted;
    const window = await slack.conversations.history({ channel: channel.id, oldest, latest, inclusive: true, limit: 2 });
    expect(window.messages!.map((m) => m.ts)).toEqual([sorted[3], sorted[2]]);
    expect(window.has_more).toBe(true);
    const exclusive = await slack.conversations.history({ channel: channel.id, oldest, latest });
    expect(exclusive.messages!.map((m) => m.ts)).toEqual([sorted[2], sorted[1]]);
  });

  it("reads a thread with its parent's reply metadata", async () => {
    const parent = state().messages.find((m) => m.channel === channelNamed("team-payments").id && m.threadTs === m.ts)!;
    const replies = state().messages.filter((m) => m.threadTs === parent.ts && m.ts !== parent.ts);
    const thread = await slack.conversations.replies({ channel: parent.channel, ts: parent.ts });
    expect(thread.messages!.map((m) => m.ts)).toEqual([parent.ts, ...replies.map((r) => r.ts)]);
    expect(thread.messages![0]).toMatchObject({ reply_count: replies.length, thread_ts: parent.ts });
    expect(thread.messages![1]).toMatchObject({ thread_ts: parent.ts, parent_user_id: parent.user });
    expect(await slackError(slack.conversations.replies({ channel: parent.channel, ts: "1000000000.000001" }))).toMatchObject({ error: "thread_not_found" });
  });

  it("keeps the bot out of channels it is not in", async () => {
    expect(await slackError(slack.conversations.history({ channel: channelNamed("random").id }))).toMatchObject({ error: "not_in_channel" });
    expect(await slackError(slack.conversations.history({ channel: channelNamed("leadership").id }))).toMatchObject({ error: "channel_not_found" });
    expect(await slackError(slack.conversations.info({ channel: "C0NOTACHAN" }))).toMatchObject({ error: "channel_not_found" });
  });
});

describe("writes", () => {
  it("posts by channel name, replies in a thread, updates, links and deletes", async () => {
    const before = sandbox.store.hash();
    const channel = channelNamed("team-platform");
    const posted = await slack.chat.postMessage({ channel: "#team-platform", text: "Weekly status draft is ready." });
    expect(posted).toMatchObject({ ok: true, channel: channel.id, message: { text: "Weekly status draft is ready.", user: state().app.botUserId, bot_id: state().app.botId } });
    const nowSec = new Date(sandbox.store.state.company.now).getTime() / 1000;
    expect(Number(posted.ts)).toBeGreaterThan(nowSec);
    expect(sandbox.store.hash()).not.toBe(before);

    const latest = await slack.conversations.history({ channel: channel.id, limit: 1 });
    expect(latest.messages![0]!.ts).toBe(posted.ts);

    const reply = await slack.chat.postMessage({ channel: channel.id, thread_ts: posted.ts!, text: "Sources: PLAT board and #release-train." });
    const thread = await slack.conversations.replies({ channel: channel.id, ts: posted.ts! });
    expect(thread.messages!.map((m) => m.ts)).toEqual([posted.ts, reply.ts]);

    const updated = await slack.chat.update({ channel: channel.id, ts: posted.ts!, text: "Weekly status: final." });
    expect(updated).toMatchObject({ ok: true, text: "Weekly status: final.", message: { edited: { user: state().app.botUserId } } });
    const link = await slack.chat.getPermalink({ channel: channel.id, message_ts: reply.ts! });
    expect(link.permalink).toBe(`${sandbox.origin}/web/slack/archives/${channel.id}/p${reply.ts!.replace(".", "")}?thread_ts=${posted.ts}&cid=${channel.id}`);

    await slack.chat.delete({ channel: channel.id, ts: reply.ts! });
    const after = await slack.conversations.replies({ channel: channel.id, ts: posted.ts! });
    expect(after.messages!.map((m) => m.ts)).toEqual([posted.ts]);

    const someoneElse = state().messages.find((m) => m.channel === channel.id && m.user && m.user !== state().app.botUserId)!;
    expect(await slackError(slack.chat.update({ channel: channel.id, ts: someoneElse.ts, text: "x" }))).toMatchObject({ error: "cant_update_message" });
    expect(await slackError(slack.chat.delete({ channel: channel.id, ts: someoneElse.ts }))).toMatchObject({ error: "cant_delete_message" });
  });

  it("opens a DM when posting to a user id and refuses channels it is not in", async () => {
    const person = sandbox.store.state.company.people.find((p) => p.role === "qa")!;
    const dm = await slack.chat.postMessage({ channel: person.slackUserId, text: "Hi! Your test plan review is due tomorrow." });
    expect(dm.channel).toMatch(/^D/);
    const info = await slack.conversations.info({ channel: dm.channel! });
    expect(info.channel).toMatchObject({ is_im: true, user: person.slackUserId });
    expect(await slackError(slack.chat.postMessage({ channel: "#random", text: "hello" }))).toMatchObject({ error: "not_in_channel" });
    expect(await slackError(slack.chat.postMessage({ channel: "#team-mobile", text: "" }))).toMatchObject({ error: "no_text" });
  });
});

describe("authentication and scopes", () => {
  const addToken = (token: string, scopes: string[], extra: { revoked?: boolean; expiresAt?: string | null; personId?: string } = {}) =>
    sandbox.store.state.oauth.tokens.push({ tool: "slack", token, kind: "access", clientId: SANDBOX_CREDENTIALS.oauthClient.clientId, personId: extra.personId ?? "p5", scopes, expiresAt: extra.expiresAt ?? null, revoked: extra.revoked ?? false });

  it("answers not_authed, invalid_auth, token_revoked and token_expired", async () => {
    addToken("xoxb-test-revoked", ["chat:write"], { revoked: true });
    addToken("xoxb-test-expired", ["chat:write"], { expiresAt: "2000-01-01T00:00:00.000Z" });
    expect(await slackError(client().auth.test())).toMatchObject({ error: "not_authed" });
    expect(await slackError(client("xoxb-nope").auth.test())).toMatchObject({ error: "invalid_auth" });
    expect(await slackError(client("xoxb-test-revoked").auth.test())).toMatchObject({ error: "token_revoked" });
    expect(await slackError(client("xoxb-test-expired").auth.test())).toMatchObject({ error: "token_expired" });
  });

  it("enforces scopes with missing_scope, needed and provided", async () => {
    addToken("xoxb-test-narrow", ["chat:write", "channels:read"]);
    const narrow = client("xoxb-test-narrow");
    await narrow.conversations.list();
    expect(await slackError(narrow.conversations.history({ channel: channelNamed("general").id }))).toEqual({
      ok: false,
      error: "missing_scope",
      needed: "channels:history",
      provided: "chat:write,channels:read",
      response_metadata: { scopes: ["chat:write", "channels:read"], acceptedScopes: ["channels:history"] },
    });
    expect(await slackError(narrow.users.list({}))).toMatchObject({ error: "missing_scope", needed: "users:read" });
    expect(await slackError(narrow.conversations.list({ types: "im" }))).toMatchObject({ error: "missing_scope", needed: "im:read" });
    addToken("xoxb-test-channels", ["channels:history", "channels:read", "im:read"]);
    const dm = state().channels.find((c) => c.kind === "im" && c.memberIds.includes(state().app.botUserId))!;
    expect(await slackError(client("xoxb-test-channels").conversations.history({ channel: dm.id }))).toMatchObject({ error: "missing_scope", needed: "im:history" });
  });

  it("lets a user token read what its person can, including private channels the bot cannot", async () => {
    const lead = sandbox.store.state.company.people.find((p) => p.role === "leadership")!;
    addToken("xoxp-test-lead", ["groups:history", "groups:read", "channels:read"], { personId: lead.id });
    const user = client("xoxp-test-lead");
    const me = await user.auth.test();
    expect(me.user_id).toBe(lead.slackUserId);
    expect(me.bot_id).toBeUndefined();
    const history = await user.conversations.history({ channel: channelNamed("leadership").id });
    expect(history.messages!.length).toBeGreaterThan(0);
  });

  it("passes injected rate limits through as HTTP 429 with Retry-After", async () => {
    sandbox.faults.add({ kind: "rate_limit", tool: "slack", path: "^/api/auth\\.test$", retryAfterSeconds: 7 });
    const err = (await client(SANDBOX_CREDENTIALS.apiTokens.slack, { rejectRateLimitedCalls: true })
      .auth.test()
      .catch((e: unknown) => e)) as { code: string; retryAfter: number };
    expect(err).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
    sandbox.faults.clear();
  });
});

describe("OAuth v2", () => {
  const { clientId, clientSecret } = SANDBOX_CREDENTIALS.oauthClient;
  const redirectUri = "http://localhost:3000/api/connections/slack/callback";

  async function authorize(scope: string, userScope: string, person?: string): Promise<string> {
    const url = new URL(sandbox.urls.slackAuthorizeUrl);
    url.search = new URLSearchParams({ client_id: clientId, scope, user_scope: userScope, redirect_uri: redirectUri, state: "s1", ...(person ? { sandbox_person: person } : {}) }).toString();
    const res = await fetch(url, { redirect: "manual" });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(location.searchParams.get("state")).toBe("s1");
    return location.searchParams.get("code")!;
  }

  it("exchanges a code for bot and user tokens that carry exactly their scopes", async () => {
    const pm = sandbox.store.state.company.people.find((p) => p.role === "pm")!;
    const code = await authorize("channels:history,channels:read,chat:write", "search:read", pm.id);
    const anon = client();
    const granted = await anon.oauth.v2.access({ client_id: clientId, client_secret: clientSecret, code, redirect_uri: redirectUri });
    expect(granted).toMatchObject({ ok: true, token_type: "bot", scope: "channels:history,channels:read,chat:write", bot_user_id: state().app.botUserId, app_id: state().app.id, team: { id: state().team.id } });
    expect(granted.access_token).toMatch(/^xoxb-/);
    expect(granted.refresh_token).toBeUndefined();
    expect(granted.authed_user).toMatchObject({ id: pm.slackUserId, scope: "search:read", token_type: "user" });
    expect(granted.authed_user!.access_token).toMatch(/^xoxp-/);
    const bot = client(granted.access_token);
    await bot.conversations.history({ channel: channelNamed("general").id, limit: 1 });
    expect(await slackError(bot.users.list({}))).toMatchObject({ error: "missing_scope" });
    expect(await slackError(anon.oauth.v2.access({ client_id: clientId, client_secret: clientSecret, code, redirect_uri: redirectUri }))).toMatchObject({ error: "invalid_code" });
    expect(await slackError(anon.oauth.v2.access({ client_id: clientId, client_secret: "wrong", code: "x" }))).toMatchObject({ error: "bad_client_secret" });
  });

  it("rotates tokens when token rotation is on", async () => {
    state().tokenRotation = true;
    try {
      const code = await authorize("chat:write,channels:read", "");
      const anon = client();
      const granted = await anon.oauth.v2.access({ client_id: clientId, client_secret: clientSecret, code, redirect_uri: redirectUri });
      expect(granted.expires_in).toBe(43_200);
      expect(granted.refresh_token).toMatch(/^xoxe-/);
      const refreshed = await anon.oauth.v2.access({ client_id: clientId, client_secret: clientSecret, grant_type: "refresh_token", refresh_token: granted.refresh_token! });
      expect(refreshed).toMatchObject({ ok: true, token_type: "bot", scope: "chat:write,channels:read", expires_in: 43_200 });
      expect(refreshed.access_token).not.toBe(granted.access_token);
      await client(refreshed.access_token).conversations.list();
      expect(await slackError(anon.oauth.v2.access({ client_id: clientId, client_secret: clientSecret, grant_type: "refresh_token", refresh_token: granted.refresh_token! }))).toMatchObject({
        error: "invalid_refresh_token",
      });
    } finally {
      state().tokenRotation = false;
    }
  });
});

describe("wire forms the client does not use", () => {
  // @slack/web-api always POSTs form bodies; the Web API also takes GET query strings and JSON
  // bodies, which other clients use, so these two calls are made by hand.
  it("accepts GET with a query string and POST with a JSON body", async () => {
    const base = sandbox.urls.slackApiUrl;
    const token = SANDBOX_CREDENTIALS.apiTokens.slack;
    const get = await fetch(`${base}conversations.info?channel=${channelNamed("general").id}&token=${token}`);
    expect(await get.json()).toMatchObject({ ok: true, channel: { name: "general" } });
    const post = await fetch(`${base}chat.postMessage`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ channel: channelNamed("general").id, blocks: [{ type: "section", text: { type: "mrkdwn", text: "Posted as JSON" } }] }),
    });
    expect(await post.json()).toMatchObject({ ok: true, message: { text: "Posted as JSON", blocks: [{ type: "section" }] } });
  });
});

describe("the description check itself", () => {
  it("flags undocumented arguments and answers that break Slack's schemas", () => {
    const badChannel = { ok: true, channels: [{ id: "C0123456789", bogus: 1 }], response_metadata: { next_cursor: "" } };
    expect(openapi.check({ method: "conversations.list", params: {}, status: 200, body: badChannel })).toHaveLength(1);
    const history = { ok: true, messages: [{ type: "message", text: "x", ts: "12" }], has_more: false, pin_count: 0, channel_actions_ts: null, channel_actions_count: 0 };
    expect(openapi.check({ method: "conversations.history", params: { channel: "C1", bogus: "x" }, status: 200, body: history })).toHaveLength(2);
  });
});

describe("determinism", () => {
  it("seeds the same workspace for the same seed and a different one for another", () => {
    const a = new SandboxStore(11);
    const b = new SandboxStore(11);
    const c = new SandboxStore(12);
    expect(JSON.stringify(a.state.slack)).toBe(JSON.stringify(b.state.slack));
    expect(JSON.stringify(c.state.slack)).not.toBe(JSON.stringify(a.state.slack));
  });
});
