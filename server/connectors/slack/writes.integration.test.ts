import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { slackPostMessage, slackPostMessageInput, type SlackPostMessageInput } from "@/server/actions/catalogue/actions/slack-post-message";
import { slackUpdateMessage, slackUpdateMessageInput, type SlackUpdateMessageInput } from "@/server/actions/catalogue/actions/slack-update-message";
import { type SlackChannelState, type SlackMessageState } from "@/server/actions/catalogue/types";
import { type ActionWriter, type WriteMarker } from "@/server/actions/catalogue/writer";
import { openConnection } from "@/server/connections/open-connection";
import { connectSandbox } from "@/server/connections/sandbox-connections";
import { startSandboxServer, type RunningSandbox } from "@/server/sandbox/core/server";
import { createOrg, testDb } from "@/test/db";
import { FAST } from "@/test/synced-org";
import { generateKey } from "../crypto";
import { ConnectorError } from "../errors";
import { type Connector } from "../types";
import { LUMEN_EVENT_TYPE, type SlackPostMessageWriteResult, type SlackUpdateMessageWriteResult } from "./writes";

let sandbox: RunningSandbox;
let connector: Connector;

type PostWriter = ActionWriter<SlackPostMessageInput, SlackChannelState, SlackPostMessageWriteResult>;
type UpdateWriter = ActionWriter<SlackUpdateMessageInput, SlackMessageState, SlackUpdateMessageWriteResult>;
const postWriter = () => connector.writers!["slack.postMessage"] as unknown as PostWriter;
const updateWriter = () => connector.writers!["slack.updateMessage"] as unknown as UpdateWriter;

beforeAll(async () => {
  process.env.TOKEN_ENCRYPTION_KEY ??= generateKey();
  sandbox = await startSandboxServer({ seed: 5 });
  const org = await createOrg(["ADMIN"]);
  const connections = await connectSandbox(testDb(), { organizationId: org.org.id, origin: sandbox.origin, company: sandbox.store.state.company });
  const slack = connections.find((c) => c.tool === "SLACK")!;
  connector = (await openConnection(testDb(), { organizationId: org.org.id, connectionId: slack.id, resilience: FAST })).connector;
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.faults.clear());

const state = () => sandbox.store.state.slack;
const channelNamed = (name: string) => state().channels.find((c) => c.name === name)!;
const newMarker = (): WriteMarker => {
  const actionId = `act_${randomBytes(6).toString("hex")}`;
  return { actionId, approvalUrl: `http://localhost:3000/approvals?action=${actionId}` };
};
const messagesWith = (m: WriteMarker) => state().messages.filter((x) => x.metadata?.event_type === LUMEN_EVENT_TYPE && x.metadata.event_payload.action_id === m.actionId);
const calls = (method: string) => sandbox.requests.filter((r) => r.tool === "slack" && r.path === `/slack/api/${method}`).length;
const permalink = (channel: string, ts: string) => `${sandbox.origin}/web/slack/archives/${channel}/p${ts.replace(".", "")}`;

describe("slack.postMessage", () => {
  it("reads the channel, posts once with the action's metadata, reads it back and finds it again", async () => {
    const w = postWriter();
    const channel = channelNamed("team-payments");
    const input = slackPostMessageInput.parse({ channelId: channel.id, text: "**Heads up:** PAY-12 slips to [Sprint 8](https://calendar.example.com/sprints/8)" });
    const before = await w.readState(input);
    const newest = sandbox.store.state.slack.messages.filter((m) => m.channel === channel.id && (!m.threadTs || m.threadTs === m.ts)).reduce<string | null>((max, m) => (max === null || Number(m.ts) > Number(max) ? m.ts : max), null);
    expect(before).toEqual({ channel: { id: channel.id, name: "team-payments", archived: false, botIsMember: true, memberCount: channel.memberIds.length }, latestTs: newest });
    expect(slackPostMessage.validate(input, before)).toEqual([]);

    const since = new Date();
    const m = newMarker();
    const count = state().messages.length;
    const result = await w.execute(input, before, m);
    expect(state().messages.length).toBe(count + 1);
    const stored = messagesWith(m);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      channel: channel.id,
      ts: result.ts,
      user: state().app.botUserId,
      botId: state().app.botId,
      threadTs: null,
      text: "*Heads up:* PAY-12 slips to <https://calendar.example.com/sprints/8|Sprint 8>",
      metadata: { event_type: "lumen_action", event_payload: { action_id: m.actionId } },
    });
    expect(result).toEqual({ ts: stored[0]!.ts, url: permalink(channel.id, stored[0]!.ts), ref: "#team-payments" });

    expect(await w.verify(input, result, m)).toEqual([]);
    expect(await w.findLanded(input, before, m, since)).toEqual(result);
    expect(await w.findLanded(input, before, newMarker(), since)).toBeNull();
    // Slack's clock need not agree with ours (the sandbox's runs on its own logical time).
    expect(await w.findLanded(input, before, m, new Date(Date.now() + 86_400_000))).toEqual(result);

    stored[0]!.text = "edited by hand";
    expect(await w.verify(input, result, m)).toEqual(["The message in #team-payments no longer reads as approved (it was edited)."]);
  });

  it("replies in a thread, and reports a thread that is gone", async () => {
    const w = postWriter();
    const channel = channelNamed("team-payments");
    const parent = state().messages.find((x) => x.channel === channel.id && x.threadTs === x.ts)!;
    const input = slackPostMessageInput.parse({ channelId: channel.id, threadTs: parent.ts, text: "Linked the incident doc; PAY-12 has the details." });
    const before = await w.readState(input);
    expect(before.thread).toEqual({ ts: parent.ts });
    expect(slackPostMessage.validate(input, before)).toEqual([]);

    const since = new Date();
    const m = newMarker();
    const result = await w.execute(input, before, m);
    expect(messagesWith(m)).toEqual([expect.objectContaining({ ts: result.ts, threadTs: parent.ts })]);
    expect(result.url).toBe(`${permalink(channel.id, result.ts)}?thread_ts=${parent.ts}&cid=${channel.id}`);
    expect(await w.verify(input, result, m)).toEqual([]);
    expect(await w.findLanded(input, before, m, since)).toEqual(result);
    expect(await w.findLanded(input, before, newMarker(), since)).toBeNull();

    const gone = slackPostMessageInput.parse({ channelId: channel.id, threadTs: "1000000000.000001", text: "x" });
    const goneState = await w.readState(gone);
    expect(goneState.thread).toBeNull();
    expect(slackPostMessage.validate(gone, goneState)[0]!.path).toBe("threadTs");
  });

  it("reports channels the app is not in, archived ones and unknown ones", async () => {
    const w = postWriter();
    const random = channelNamed("random");
    const outside = await w.readState(slackPostMessageInput.parse({ channelId: random.id, text: "hi", threadTs: "1000000000.000001" }));
    expect(outside).toEqual({ channel: { id: random.id, name: "random", archived: false, botIsMember: false, memberCount: random.memberIds.length } });
    expect(slackPostMessage.validate(slackPostMessageInput.parse({ channelId: random.id, text: "hi" }), outside)[0]!.message).toMatch(/Invite it there/);

    const mobile = channelNamed("team-mobile");
    mobile.isArchived = true;
    try {
      const archived = await w.readState(slackPostMessageInput.parse({ channelId: mobile.id, text: "hi" }));
      expect(archived.channel?.archived).toBe(true);
    } finally {
      mobile.isArchived = false;
    }
    expect(await w.readState(slackPostMessageInput.parse({ channelId: "C0NOTACHAN", text: "hi" }))).toEqual({ channel: null });
  });

  it("finds a post whose answer was lost, and posts nothing more", async () => {
    const w = postWriter();
    const channel = channelNamed("team-platform");
    const input = slackPostMessageInput.parse({ channelId: channel.id, text: "Weekly status: PLAT is on track." });
    const before = await w.readState(input);
    const since = new Date();
    const m = newMarker();
    const sent = calls("chat.postMessage");
    sandbox.faults.add({ kind: "lost_response", tool: "slack", method: "POST", path: "^/api/chat\\.postMessage$" });
    await expect(w.execute(input, before, m)).rejects.toBeInstanceOf(ConnectorError);
    expect(calls("chat.postMessage") - sent).toBe(1);
    expect(messagesWith(m)).toHaveLength(1);

    const landed = await w.findLanded(input, before, m, since);
    expect(landed).toEqual({ ts: messagesWith(m)[0]!.ts, url: permalink(channel.id, messagesWith(m)[0]!.ts), ref: "#team-platform" });
    expect(messagesWith(m)).toHaveLength(1);
    expect(await w.verify(input, landed!, m)).toEqual([]);
  });

  it("never re-sends a post that met a server error, and finds nothing landed", async () => {
    const w = postWriter();
    const channel = channelNamed("team-platform");
    const input = slackPostMessageInput.parse({ channelId: channel.id, text: "Release train leaves Thursday." });
    const before = await w.readState(input);
    const since = new Date();
    const m = newMarker();
    const sent = calls("chat.postMessage");
    sandbox.faults.add({ kind: "server_error", tool: "slack", method: "POST", path: "^/api/chat\\.postMessage$", status: 503 });
    await expect(w.execute(input, before, m)).rejects.toMatchObject({ kind: "unavailable" });
    expect(calls("chat.postMessage") - sent).toBe(1);
    expect(messagesWith(m)).toHaveLength(0);
    expect(await w.findLanded(input, before, m, since)).toBeNull();
  });

  it("throws rather than answering null when Slack cannot be read", async () => {
    const w = postWriter();
    const channel = channelNamed("team-platform");
    const input = slackPostMessageInput.parse({ channelId: channel.id, text: "x" });
    const before = await w.readState(input);
    sandbox.faults.add({ kind: "server_error", tool: "slack", path: "^/api/conversations\\.history$", times: null });
    await expect(w.findLanded(input, before, newMarker(), new Date())).rejects.toBeInstanceOf(ConnectorError);
    // The failed reads opened the connection's circuit; let it close before the next test.
    sandbox.faults.clear();
    await new Promise((r) => setTimeout(r, FAST.halfOpenAfterMs + 50));
  });
});

describe("slack.updateMessage", () => {
  /** A message the app posted through the post writer, as the thing to edit. */
  async function ownMessage(text: string) {
    const w = postWriter();
    const input = slackPostMessageInput.parse({ channelId: channelNamed("team-mobile").id, text });
    return w.execute(input, await w.readState(input), newMarker());
  }

  it("reads the message, edits it once, reads it back and recognises the edit as landed", async () => {
    const w = updateWriter();
    const posted = await ownMessage("Release **4.2** ships Friday.");
    const channel = channelNamed("team-mobile");
    const input = slackUpdateMessageInput.parse({ channelId: channel.id, ts: posted.ts, text: "Release **4.2** moves to Monday." });
    const before = await w.readState(input);
    expect(before).toEqual({
      channel: { id: channel.id, name: "team-mobile", archived: false, botIsMember: true, memberCount: channel.memberIds.length },
      message: { ts: posted.ts, text: "Release *4.2* ships Friday.", postedByBot: true },
    });
    expect(slackUpdateMessage.validate(input, before)).toEqual([]);

    const since = new Date();
    const m = newMarker();
    expect(await w.findLanded(input, before, m, since)).toBeNull();
    const result = await w.execute(input, before, m);
    expect(result).toEqual({ ts: posted.ts, url: permalink(channel.id, posted.ts), ref: "#team-mobile" });
    const stored = state().messages.filter((x) => x.ts === posted.ts);
    expect(stored).toEqual([expect.objectContaining({ text: "Release *4.2* moves to Monday.", edited: expect.objectContaining({ user: state().app.botUserId }) })]);
    // The edit keeps the metadata the post carried.
    expect(stored[0]!.metadata?.event_type).toBe(LUMEN_EVENT_TYPE);

    expect(await w.verify(input, result, m)).toEqual([]);
    expect(await w.findLanded(input, before, m, since)).toEqual(result);
    stored[0]!.text = "Something else";
    expect(await w.verify(input, result, m)).toEqual(["The message in #team-mobile does not read as approved (it was edited again)."]);
  });

  it("reports someone else's message, a thread reply and a deleted one", async () => {
    const w = updateWriter();
    const channel = channelNamed("team-payments");
    const theirs = state().messages.find((x) => x.channel === channel.id && x.user && x.user !== state().app.botUserId && x.threadTs === null && !x.text.includes("://"))!;
    const input = slackUpdateMessageInput.parse({ channelId: channel.id, ts: theirs.ts, text: "x" });
    const s = await w.readState(input);
    expect(s.message).toEqual({ ts: theirs.ts, text: theirs.text, postedByBot: false });
    expect(slackUpdateMessage.validate(input, s)[0]!.message).toBe("Slack lets the app edit only messages it posted itself. Post a reply instead.");

    const reply = state().messages.find((x) => x.channel === channel.id && x.threadTs && x.threadTs !== x.ts && !x.text.includes("://"))!;
    expect((await w.readState(slackUpdateMessageInput.parse({ channelId: channel.id, ts: reply.ts, text: "x" }))).message?.text).toBe(reply.text);

    const gone = await w.readState(slackUpdateMessageInput.parse({ channelId: channel.id, ts: "1000000000.000001", text: "x" }));
    expect(gone.message).toBeNull();
    expect(slackUpdateMessage.validate(slackUpdateMessageInput.parse({ channelId: channel.id, ts: "1000000000.000001", text: "x" }), gone)[0]!.path).toBe("ts");
  });

  it("finds an edit whose answer was lost", async () => {
    const w = updateWriter();
    const posted = await ownMessage("Standup moves to 9:30.");
    const channel = channelNamed("team-mobile");
    const input = slackUpdateMessageInput.parse({ channelId: channel.id, ts: posted.ts, text: "Standup moves to 9:45." });
    const before = await w.readState(input);
    const since = new Date();
    const m = newMarker();
    sandbox.faults.add({ kind: "lost_response", tool: "slack", method: "POST", path: "^/api/chat\\.update$" });
    await expect(w.execute(input, before, m)).rejects.toBeInstanceOf(ConnectorError);
    expect(await w.findLanded(input, before, m, since)).toEqual({ ts: posted.ts, url: permalink(channel.id, posted.ts), ref: "#team-mobile" });
  });
});
