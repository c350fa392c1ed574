import { describe, expect, it } from "vitest";
import { type GithubRepositoryState } from "../types";
import { githubCreateIssue, githubCreateIssueInput } from "./github-create-issue";

const state = (over: Partial<NonNullable<GithubRepositoryState["repository"]>> = {}): GithubRepositoryState => ({
  repository: { fullName: "acme/pay", hasIssues: true, archived: false, ...over },
  assignableLogins: ["ana"],
});

describe("github.createIssue", () => {
  it("refuses archived repositories, disabled issues and non-collaborator assignees", () => {
    const input = githubCreateIssueInput.parse({ repo: "acme/pay", title: "Flaky payout test", assignees: ["ana", "mallory"] });
    expect(githubCreateIssue.validate(input, state())).toEqual([
      { path: "assignees.1", message: "@mallory cannot be assigned in acme/pay (not a collaborator). Remove them or pick a collaborator." },
    ]);
    expect(githubCreateIssue.validate(input, state({ archived: true }))[0]?.message).toBe("acme/pay is archived and read-only. Pick an active repository.");
    expect(githubCreateIssue.validate(input, state({ hasIssues: false }))[0]?.path).toBe("repo");
  });

  it("previews title and body, and says why it cannot be undone", () => {
    const input = githubCreateIssueInput.parse({ repo: "acme/pay", title: "Flaky payout test", body: "Seen 3 times" });
    expect(githubCreateIssue.preview(input, state())).toEqual({
      type: "diff",
      fields: [
        { field: "title", label: "Title", before: null, after: "Flaky payout test" },
        { field: "body", label: "Body", before: null, after: "Seen 3 times" },
      ],
    });
    const inv = githubCreateIssue.inverse(input, state(), { number: 77, url: "https://github.com/acme/pay/issues/77" });
    expect(inv).toEqual({
      irreversible: true,
      reason: 'GitHub does not let apps delete issues. If acme/pay#77 is unwanted, close it as "not planned" on GitHub: https://github.com/acme/pay/issues/77',
    });
  });
});
