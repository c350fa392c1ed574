import { describe, expect, it } from "vitest";
import { type GithubPullRequestState } from "../types";
import { githubCommentOnPullRequest, githubCommentOnPullRequestInput } from "./github-comment-on-pull-request";

const pr = (locked: boolean): GithubPullRequestState => ({ pullRequest: { repo: "acme/pay", number: 41, title: "Retry payouts", state: "open", locked } });

describe("github.commentOnPullRequest", () => {
  it("rejects a malformed repository and a non-positive number", () => {
    const r = githubCommentOnPullRequestInput.safeParse({ repo: "pay", number: 0, body: "hi" });
    expect(r.error?.issues.map((i) => i.message)).toEqual(["Enter the repository as owner/name, e.g. acme/payments-service.", "Pull request numbers start at 1."]);
  });

  it("refuses a locked conversation and previews the comment", () => {
    const input = githubCommentOnPullRequestInput.parse({ repo: "acme/pay", number: 41, body: "Can this land by Friday?" });
    expect(githubCommentOnPullRequest.describe(input)).toBe("Comment on acme/pay#41: Can this land by Friday?");
    expect(githubCommentOnPullRequest.validate(input, pr(false))).toEqual([]);
    expect(githubCommentOnPullRequest.validate(input, pr(true))[0]?.message).toMatch(/locked/);
    expect(githubCommentOnPullRequest.preview(input, pr(false))).toEqual({ type: "comment", target: "acme/pay#41", markdown: "Can this land by Friday?" });
    expect("irreversible" in githubCommentOnPullRequest.inverse(input, pr(false), { commentId: 5, url: "https://github.com/acme/pay/pull/41#issuecomment-5" })).toBe(true);
  });
});
