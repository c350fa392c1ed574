import { z } from "zod";
import { ellipsis, issueKeySchema, markdownSchema } from "../shared";
import { type ActionDefinition, type JiraIssueState } from "../types";

/** Jira rejects comment bodies longer than this (32,767 characters, its text-field limit). */
export const JIRA_COMMENT_LIMIT = 32_767;

export const jiraCommentInput = z.object({
  issueKey: issueKeySchema,
  /** Markdown; converted to ADF when posted. */
  body: markdownSchema("comment").max(JIRA_COMMENT_LIMIT, { error: `Jira comments hold at most ${JIRA_COMMENT_LIMIT.toLocaleString("en")} characters. Shorten it or split it in two.` }),
});

export type JiraCommentInput = z.infer<typeof jiraCommentInput>;

/** What Jira returns for a posted comment. */
export interface JiraCommentResult {
  commentId: string;
}

export const jiraComment: ActionDefinition<JiraCommentInput, JiraIssueState, JiraCommentResult> = {
  kind: "jira.comment",
  tool: "JIRA",
  label: "Comment on issue",
  inputSchema: jiraCommentInput,
  describe: (input) => `Comment on ${input.issueKey}: ${ellipsis(input.body)}`,
  validate(input, state) {
    if (!state.issue) return [{ path: "issueKey", message: `${input.issueKey} no longer exists or the Jira connection cannot see it. Check the key.` }];
    return [];
  },
  preview: (input) => ({ type: "comment", target: input.issueKey, markdown: input.body }),
  inverse(input, _before, result) {
    // Watchers are notified the moment it posts, so removal would not take it back; and the
    // catalogue deliberately has no delete actions. Say so rather than pretend.
    return {
      irreversible: true,
      reason: `Watchers of ${input.issueKey} were notified when the comment was posted. If it must go, delete comment ${result.commentId} in Jira by hand.`,
    };
  },
};
