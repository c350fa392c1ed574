import { describe, expect, it } from "vitest";
import { type SlackMessageState } from "../types";
import { slackUpdateMessage, slackUpdateMessageInput } from "./slack-update-message";

const state = (over: Partial<NonNullable<SlackMessageState["message"]>> = {}): SlackMessageState => ({
  channel: { id: "C01PAY", name: "team-payments", archived: false, botIsMember: true },
  message: { ts: "1712345678.000100", text: "*Release* is on <https://j.io/r|Friday>", postedByBot: true, ...over },
});

describe("slack.updateMessage", () => {
  it("previews the new text and inverts to the previous mrkdwn verbatim", () => {
    const input = slackUpdateMessageInput.parse({ channelId: "C01PAY", ts: "1712345678.000100", text: "**Release** moves to Monday" });
    expect(slackUpdateMessage.validate(input, state())).toEqual([]);
    expect(slackUpdateMessage.preview(input, state())).toEqual({ type: "message", channel: "#team-payments", text: "*Release* moves to Monday" });
    const inv = slackUpdateMessage.inverse(input, state(), undefined);
    expect(inv).toEqual({
      kind: "slack.updateMessage",
      input: { channelId: "C01PAY", ts: "1712345678.000100", text: "*Release* is on <https://j.io/r|Friday>", format: "mrkdwn" },
    });
    // Running the inverse's preview reproduces the original text exactly.
    const back = slackUpdateMessageInput.parse("input" in inv ? inv.input : null);
    expect(slackUpdateMessage.preview(back, state())).toMatchObject({ type: "message", text: "*Release* is on <https://j.io/r|Friday>" });
  });

  it("refuses to edit someone else's message or a deleted one", () => {
    const input = slackUpdateMessageInput.parse({ channelId: "C01PAY", ts: "1712345678.000100", text: "x" });
    expect(slackUpdateMessage.validate(input, state({ postedByBot: false }))[0]?.message).toBe(
      "Slack lets the app edit only messages it posted itself. Post a reply instead.",
    );
    expect(slackUpdateMessage.validate(input, { ...state(), message: null })[0]?.message).toBe("That message was deleted. Post a new one instead.");
  });

  it("says when the text would not change", () => {
    const input = slackUpdateMessageInput.parse({ channelId: "C01PAY", ts: "1712345678.000100", text: "*Release* is on <https://j.io/r|Friday>", format: "mrkdwn" });
    expect(slackUpdateMessage.validate(input, state())[0]?.message).toBe("The message already says this; there is nothing to change.");
  });
});
