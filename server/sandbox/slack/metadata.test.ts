import { ErrorCode, LogLevel, WebClient } from "@slack/web-api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_CREDENTIALS } from "../core/seed";
import { startSandboxServer, type RunningSandbox } from "../core/server";
import { SlackOpenApi } from "./testing/openapi";

const openapi = new SlackOpenApi();
let sandbox: RunningSandbox;
let slack: WebClient;
let channel: string;

beforeAll(async () => {
  sandbox = await startSandboxServer({ seed: 3 });
  slack = new WebClient(SANDBOX_CREDENTIALS.apiTokens.slack, { slackApiUrl: sandbox.urls.slackApiUrl, fetch: openapi.recordingFetch(), retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
  channel = sandbox.store.state.slack.channels.find((c) => c.name === "team-mobile")!.id;
});
afterAll(() => sandbox.close());
afterEach(() => expect(openapi.drain()).toEqual([]));

async function slackError(p: Promise<unknown>): Promise<string> {
  const e = (await p.then(
    () => null,
    (err: unknown) => err,
  )) as { code?: string; data?: { error: string } } | null;
  expect(e?.code).toBe(ErrorCode.PlatformError);
  return e!.data!.error;
}

const metadata = { event_type: "release_note", event_payload: { note_id: "RN-7", draft: false, owners: [{ login: "ana" }] } };

describe("message metadata", () => {
  it("is stored with the message and returned only when asked for", async () => {
    const posted = await slack.chat.postMessage({ channel, text: "Release notes are up.", metadata, unfurl_links: false });
    expect(posted.message).toMatchObject({ text: "Release notes are up.", metadata });
    expect(sandbox.store.state.slack.messages.find((m) => m.ts === posted.ts)?.metadata).toEqual(metadata);

    const plain = await slack.conversations.history({ channel, latest: posted.ts, inclusive: true, limit: 1 });
    expect(plain.messages![0]!.ts).toBe(posted.ts);
    expect(plain.messages![0]).not.toHaveProperty("metadata");
    const full = await slack.conversations.history({ channel, latest: posted.ts, inclusive: true, limit: 1, include_all_metadata: true });
    expect(full.messages![0]!.metadata).toEqual(metadata);

    const reply = await slack.chat.postMessage({ channel, thread_ts: posted.ts!, text: "Linked from the changelog.", metadata: { event_type: "release_note", event_payload: { note_id: "RN-7b" } } });
    const thread = await slack.conversations.replies({ channel, ts: posted.ts!, include_all_metadata: true });
    expect(thread.messages!.map((m) => [m.ts, m.metadata?.event_payload])).toEqual([
      [posted.ts, metadata.event_payload],
      [reply.ts, { note_id: "RN-7b" }],
    ]);
    const bare = await slack.conversations.replies({ channel, ts: posted.ts! });
    expect(bare.messages!.every((m) => m.metadata === undefined)).toBe(true);
  });

  it("keeps a message's metadata through an edit that sends none, and replaces it when one does", async () => {
    const posted = await slack.chat.postMessage({ channel, text: "Draft", metadata });
    const edited = await slack.chat.update({ channel, ts: posted.ts!, text: "Final" });
    expect(edited.message).toMatchObject({ text: "Final", metadata });
    const replaced = await slack.chat.update({ channel, ts: posted.ts!, text: "Final", metadata: { event_type: "release_note", event_payload: { note_id: "RN-8" } } });
    expect(replaced.message).toMatchObject({ metadata: { event_payload: { note_id: "RN-8" } } });
  });

  it("refuses malformed metadata with invalid_metadata_format and bad types or values with invalid_metadata_schema", async () => {
    const count = sandbox.store.state.slack.messages.length;
    const post = (value: unknown) => slackError(slack.chat.postMessage({ channel, text: "x", metadata: value as never }));
    expect(await post("{not json")).toBe("invalid_metadata_format");
    expect(await post(["release_note"])).toBe("invalid_metadata_format");
    expect(await post({ event_type: "release_note" })).toBe("invalid_metadata_format");
    expect(await post({ event_type: 7, event_payload: {} })).toBe("invalid_metadata_format");
    expect(await post({ event_type: "release.note", event_payload: {} })).toBe("invalid_metadata_schema");
    expect(await post({ event_type: "release_note", event_payload: { deep: { deeper: { x: 1 } } } })).toBe("invalid_metadata_schema");
    expect(sandbox.store.state.slack.messages.length).toBe(count);
  });
});
