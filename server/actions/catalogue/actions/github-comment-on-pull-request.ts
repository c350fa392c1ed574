import { z } from "zod";
import { ellipsis, markdownSchema } from "../shared";
import { type ActionDefinition, type GithubPullRequestState } from "../types";

/** GitHub rejects comment bodies longer than 65,536 characters. */
export const GITHUB_BODY_LIMIT = 65_536;

/** "owner/name". */
export const repoSchema = z.string().trim().regex(/^[\w.-]+\/[\w.-]+$/, { error: "Enter the repository as owner/name, e.g. acme/payments-service." });

export const githubCommentOnPullRequestInput = z.object({
  repo: repoSchema,
  number: z.number({ error: "Enter the pull request number." }).int().positive({ error: "Pull request numbers start at 1." }),
  /** GitHub-flavoured Markdown, posted as is. */
  body: markdownSchema("comment").max(GITHUB_BODY_LIMIT, { error: "GitHub comments hold at most 65,536 characters. Shorten it." }),
});

export type GithubCommentOnPullRequestInput = z.infer<typeof githubCommentOnPullRequestInput>;

/** What GitHub returns for a posted comment. */
export interface GithubCommentResult {
  commentId: number;
  url: string;
}

export const githubCommentOnPullRequest: ActionDefinition<GithubCommentOnPullRequestInput, GithubPullRequestState, GithubCommentResult> = {
  kind: "github.commentOnPullRequest",
  tool: "GITHUB",
  label: "Comment on pull request",
  inputSchema: githubCommentOnPullRequestInput,
  describe: (input) => `Comment on ${input.repo}#${input.number}: ${ellipsis(input.body)}`,
  validate(input, state) {
    const pr = state.pullRequest;
    if (!pr) return [{ path: "number", message: `${input.repo}#${input.number} was not found, or the GitHub connection cannot see it. Check the repository and number.` }];
    if (pr.locked) return [{ path: "number", message: `The conversation on ${input.repo}#${input.number} is locked; only maintainers can comment. Ask one to unlock it, or comment elsewhere.` }];
    return [];
  },
  preview: (input) => ({ type: "comment", target: `${input.repo}#${input.number}`, markdown: input.body }),
  inverse(input, _before, result) {
    // Subscribers get the comment by e-mail as soon as it posts; deleting would not unsend it.
    return {
      irreversible: true,
      reason: `Subscribers of ${input.repo}#${input.number} were notified when the comment was posted. If it must go, delete it on GitHub by hand: ${result.url}`,
    };
  },
};
