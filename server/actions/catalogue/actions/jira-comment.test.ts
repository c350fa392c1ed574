import { describe, expect, it } from "vitest";
import { jiraComment, jiraCommentInput } from "./jira-comment";

describe("jira.comment", () => {
  it("rejects an empty body and one over Jira's limit", () => {
    expect(jiraCommentInput.safeParse({ issueKey: "PAY-12", body: " " }).error?.issues[0]?.message).toBe("Write the comment; it cannot be empty.");
    expect(jiraCommentInput.safeParse({ issueKey: "PAY-12", body: "a".repeat(32_768) }).error?.issues[0]?.message).toBe(
      "Jira comments hold at most 32,767 characters. Shorten it or split it in two.",
    );
  });

  it("previews the comment where it lands and is irreversible, naming the comment", () => {
    const input = jiraCommentInput.parse({ issueKey: "PAY-12", body: "Blocked on **PAY-9**" });
    expect(jiraComment.preview(input, { issue: null, priorities: [] })).toEqual({ type: "comment", target: "PAY-12", markdown: "Blocked on **PAY-9**" });
    expect(jiraComment.validate(input, { issue: null, priorities: [] })[0]?.path).toBe("issueKey");
    const inv = jiraComment.inverse(input, { issue: null, priorities: [] }, { commentId: "10042" });
    expect("irreversible" in inv && inv.reason).toContain("delete comment 10042 in Jira by hand");
  });
});
