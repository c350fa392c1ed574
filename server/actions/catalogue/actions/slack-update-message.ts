import { z } from "zod";
import { ellipsis } from "../shared";
import { type ActionDefinition, type SlackMessageState, type ValidationIssue } from "../types";
import { slackChannelIssues, slackMessageShape, slackPreview, slackText, slackTextIssues } from "./slack-message";

export const slackUpdateMessageInput = z
  .object({
    ...slackMessageShape,
    /** The message to edit (its ts). */
    ts: z.string().trim().regex(/^\d+\.\d+$/, { error: "A message is identified by its timestamp, e.g. 1712345678.000100." }),
  })
  .superRefine((input, ctx) => {
    for (const issue of slackTextIssues(input)) ctx.addIssue({ code: "custom", path: ["text"], message: issue.message });
  });

export type SlackUpdateMessageInput = z.infer<typeof slackUpdateMessageInput>;

export const slackUpdateMessage: ActionDefinition<SlackUpdateMessageInput, SlackMessageState> = {
  kind: "slack.updateMessage",
  tool: "SLACK",
  label: "Edit Slack message",
  inputSchema: slackUpdateMessageInput,
  describe: (input) => `Edit message ${input.ts} in ${input.channelId}: ${ellipsis(input.text)}`,
  validate(input, state) {
    const channelIssues = slackChannelIssues(state.channel);
    if (channelIssues.length > 0) return channelIssues;
    const { message } = state;
    if (!message) return [{ path: "ts", message: "That message was deleted. Post a new one instead." }];
    if (!message.postedByBot) return [{ path: "ts", message: "Slack lets the app edit only messages it posted itself. Post a reply instead." }];
    const issues: ValidationIssue[] = slackTextIssues(input);
    if (issues.length === 0 && slackText(input) === message.text && input.blocks === undefined) {
      issues.push({ path: "text", message: "The message already says this; there is nothing to change." });
    }
    return issues;
  },
  preview: (input, state) => slackPreview(input, state.channel),
  inverse(input, before) {
    if (!before.message) return { irreversible: true, reason: "The message could not be read before the edit, so its old text is unknown." };
    const old = before.message;
    // The old text is already mrkdwn: send it back verbatim rather than through the Markdown converter.
    const restored: Record<string, unknown> = { channelId: input.channelId, ts: input.ts, text: old.text, format: "mrkdwn" };
    if (old.blocks !== undefined || input.blocks !== undefined) restored.blocks = old.blocks ?? [];
    return { kind: "slack.updateMessage", input: restored };
  },
};
