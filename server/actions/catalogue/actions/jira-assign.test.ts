import { describe, expect, it } from "vitest";
import { type JiraAssignState, type JiraIssueSnapshot } from "../types";
import { jiraAssign, jiraAssignInput } from "./jira-assign";
import { issue } from "../testing/fixtures";

const state = (over: Partial<JiraIssueSnapshot> = {}): JiraAssignState => ({
  issue: issue(over),
  users: [
    { accountId: "acc-ana", displayName: "Ana Ruiz", active: true },
    { accountId: "acc-bo", displayName: "Bo Chen", active: true },
    { accountId: "acc-old", displayName: "Cy Old", active: false },
  ],
});

describe("jira.assign", () => {
  it("previews the assignee change by name", () => {
    const input = jiraAssignInput.parse({ issueKey: "PAY-12", accountId: "acc-bo", displayName: "Bo Chen" });
    expect(jiraAssign.describe(input)).toBe("Assign PAY-12 to Bo Chen");
    expect(jiraAssign.validate(input, state())).toEqual([]);
    expect(jiraAssign.preview(input, state())).toEqual({ type: "diff", fields: [{ field: "assignee", label: "Assignee", before: "Ana Ruiz", after: "Bo Chen" }] });
  });

  it("refuses an account id that is not among the project's users", () => {
    const input = jiraAssignInput.parse({ issueKey: "PAY-12", accountId: "acc-ghost" });
    expect(jiraAssign.validate(input, state())).toEqual([
      { path: "accountId", message: "That person is not a Jira user who can be assigned in PAY. Pick someone from the list." },
    ]);
  });

  it("refuses a deactivated user", () => {
    const input = jiraAssignInput.parse({ issueKey: "PAY-12", accountId: "acc-old" });
    expect(jiraAssign.validate(input, state())[0]?.message).toBe("Cy Old's Jira account is deactivated. Pick someone else.");
  });

  it("inverts to the previous assignee, or to unassigned", () => {
    const input = jiraAssignInput.parse({ issueKey: "PAY-12", accountId: "acc-bo" });
    expect(jiraAssign.inverse(input, state(), undefined)).toEqual({ kind: "jira.assign", input: { issueKey: "PAY-12", accountId: "acc-ana" } });
    expect(jiraAssign.inverse(input, state({ assigneeId: null }), undefined)).toEqual({ kind: "jira.assign", input: { issueKey: "PAY-12", accountId: null } });
  });
});
