import { describe, expect, it } from "vitest";
import { type SlackChannel, type SlackChannelState } from "../types";
import { slackPostMessage, slackPostMessageInput } from "./slack-post-message";
import { slackUpdateMessageInput } from "./slack-update-message";

const channel = (over: Partial<SlackChannel> = {}): SlackChannelState => ({ channel: { id: "C01PAY", name: "team-payments", archived: false, botIsMember: true, ...over } });

describe("slack.postMessage", () => {
  it("previews the message as Slack will render it", () => {
    const input = slackPostMessageInput.parse({ channelId: "C01PAY", text: "**Heads up:** PAY-12 slips to [Sprint 8](https://j.io/s/8)" });
    expect(slackPostMessage.validate(input, channel())).toEqual([]);
    expect(slackPostMessage.preview(input, channel())).toEqual({ type: "message", channel: "#team-payments", text: "*Heads up:* PAY-12 slips to <https://j.io/s/8|Sprint 8>" });
  });

  it("rejects text over 40,000 characters before apply", () => {
    const r = slackPostMessageInput.safeParse({ channelId: "C01PAY", text: "a".repeat(40_001) });
    expect(r.error?.issues[0]?.message).toBe("Slack messages hold at most 40,000 characters; this one has 40,001. Shorten it or split it into a thread.");
    expect(slackPostMessageInput.safeParse({ channelId: "C01PAY", text: "a".repeat(40_000) }).success).toBe(true);
  });

  it("rejects more than 50 blocks", () => {
    const r = slackPostMessageInput.safeParse({ channelId: "C01PAY", text: "x", blocks: Array.from({ length: 51 }, () => ({ type: "divider" })) });
    expect(r.error?.issues[0]?.message).toBe("Slack messages hold at most 50 blocks. Remove some or split the message.");
  });

  it("asks for the bot to be invited, and refuses archived or unknown channels", () => {
    const input = slackPostMessageInput.parse({ channelId: "C01PAY", text: "hi" });
    expect(slackPostMessage.validate(input, channel({ botIsMember: false }))[0]?.message).toBe(
      "The app is not in #team-payments. Invite it there (type /invite and pick the app), then apply again.",
    );
    expect(slackPostMessage.validate(input, channel({ archived: true }))[0]?.message).toBe("#team-payments is archived. Pick an active channel.");
    expect(slackPostMessage.validate(input, { channel: null })[0]?.path).toBe("channelId");
  });

  it("refuses a reply to a deleted thread", () => {
    const input = slackPostMessageInput.parse({ channelId: "C01PAY", text: "hi", threadTs: "1712345678.000100" });
    expect(slackPostMessage.describe(input)).toBe("Reply in a thread in C01PAY: hi");
    expect(slackPostMessage.validate(input, { ...channel(), thread: null })[0]?.path).toBe("threadTs");
  });

  it("compensates with an edit to a retraction", () => {
    const input = slackPostMessageInput.parse({ channelId: "C01PAY", text: "hi" });
    const inv = slackPostMessage.inverse(input, channel(), { ts: "1712345678.000200" });
    expect("compensating" in inv && inv.compensating).toEqual({
      kind: "slack.updateMessage",
      input: { channelId: "C01PAY", ts: "1712345678.000200", text: "(retracted)", format: "mrkdwn" },
    });
    expect("compensating" in inv && slackUpdateMessageInput.safeParse(inv.compensating.input).success).toBe(true);
  });
});
