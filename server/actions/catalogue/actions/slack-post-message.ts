import { z } from "zod";
import { ellipsis } from "../shared";
import { type ActionDefinition, type SlackChannelState, type ValidationIssue } from "../types";
import { slackChannelIssues, slackMessageShape, slackPreview, slackTextIssues } from "./slack-message";

/** What a posted message is edited to when undone. */
export const SLACK_RETRACTED_TEXT = "(retracted)";

export const slackPostMessageInput = z
  .object({
    ...slackMessageShape,
    /** Reply in this thread (the parent message's ts). */
    threadTs: z.string().trim().regex(/^\d+\.\d+$/, { error: "A thread is identified by its message timestamp, e.g. 1712345678.000100." }).optional(),
  })
  .superRefine((input, ctx) => {
    for (const issue of slackTextIssues(input)) ctx.addIssue({ code: "custom", path: ["text"], message: issue.message });
  });

export type SlackPostMessageInput = z.infer<typeof slackPostMessageInput>;

/** What Slack returns for a posted message. */
export interface SlackPostMessageResult {
  ts: string;
}

export const slackPostMessage: ActionDefinition<SlackPostMessageInput, SlackChannelState, SlackPostMessageResult> = {
  kind: "slack.postMessage",
  tool: "SLACK",
  label: "Post to Slack",
  inputSchema: slackPostMessageInput,
  describe: (input) => `${input.threadTs ? "Reply in a thread in" : "Post in"} ${input.channelId}: ${ellipsis(input.text)}`,
  validate(input, state) {
    const issues: ValidationIssue[] = [...slackChannelIssues(state.channel), ...slackTextIssues(input)];
    if (input.threadTs && state.thread === null) {
      issues.push({ path: "threadTs", message: "The message this replies to was deleted. Post to the channel instead, or pick another thread." });
    }
    return issues;
  },
  preview: (input, state) => slackPreview(input, state.channel),
  inverse(input, _before, result) {
    // chat.delete is not in the catalogue; editing to a retraction keeps the thread coherent.
    return {
      compensating: { kind: "slack.updateMessage", input: { channelId: input.channelId, ts: result.ts, text: SLACK_RETRACTED_TEXT, format: "mrkdwn", ...(input.blocks ? { blocks: [] } : {}) } },
      note: `The message will read "${SLACK_RETRACTED_TEXT}" (edited); people may already have read it or been notified.`,
    };
  },
};
