import { z } from "zod";
import { markdownToMrkdwn } from "../markdown";
import { type SlackChannel, type ValidationIssue } from "../types";

/** chat.postMessage / chat.update truncate text beyond this many characters; refuse instead. */
export const SLACK_TEXT_LIMIT = 40_000;
/** A message holds at most this many Block Kit blocks. */
export const SLACK_BLOCKS_LIMIT = 50;

/** Fields shared by posting and editing a message. */
export const slackMessageShape = {
  channelId: z.string().trim().regex(/^[CGD][A-Z0-9]+$/, { error: "Pick a Slack channel (its id looks like C0123ABCD)." }),
  /** The message. Markdown by default; "mrkdwn" means it is already in Slack's own markup. */
  text: z.string().trim().min(1, { error: "Write the message; it cannot be empty." }),
  format: z.enum(["markdown", "mrkdwn"]).optional(),
  /** Optional Block Kit blocks, sent as is; `text` is then the notification fallback. */
  blocks: z.array(z.record(z.string(), z.unknown())).max(SLACK_BLOCKS_LIMIT, { error: `Slack messages hold at most ${SLACK_BLOCKS_LIMIT} blocks. Remove some or split the message.` }).optional(),
};

/** The text exactly as Slack will receive it. */
export function slackText(input: { text: string; format?: "markdown" | "mrkdwn" | undefined }): string {
  return input.format === "mrkdwn" ? input.text : markdownToMrkdwn(input.text);
}

/** The length check on the text as sent (Markdown grows a little when converted). */
export function slackTextIssues(input: { text: string; format?: "markdown" | "mrkdwn" | undefined }): ValidationIssue[] {
  const length = slackText(input).length;
  return length > SLACK_TEXT_LIMIT
    ? [{ path: "text", message: `Slack messages hold at most ${SLACK_TEXT_LIMIT.toLocaleString("en")} characters; this one has ${length.toLocaleString("en")}. Shorten it or split it into a thread.` }]
    : [];
}

/** Channel checks shared by posting and editing. */
export function slackChannelIssues(channel: SlackChannel | null): ValidationIssue[] {
  if (!channel) return [{ path: "channelId", message: "That Slack channel was not found, or the app cannot see it. Pick another channel." }];
  if (channel.archived) return [{ path: "channelId", message: `#${channel.name} is archived. Pick an active channel.` }];
  if (!channel.botIsMember) return [{ path: "channelId", message: `The app is not in #${channel.name}. Invite it there (type /invite and pick the app), then apply again.` }];
  return [];
}

/** The message preview both Slack actions show: the channel by name when known, and the text as Slack will render it. */
export function slackPreview(input: { channelId: string; text: string; format?: "markdown" | "mrkdwn" | undefined; blocks?: unknown[] | undefined }, channel: SlackChannel | null) {
  return {
    type: "message" as const,
    channel: channel ? `#${channel.name}` : input.channelId,
    text: slackText(input),
    ...(input.blocks ? { blocks: input.blocks } : {}),
  };
}
