import { describe, expect, it } from "vitest";
import { type JiraCreateState } from "../types";
import { jiraCreateIssue, jiraCreateIssueInput } from "./jira-create-issue";
import { jiraTransitionInput } from "./jira-transition";

const state: JiraCreateState = {
  project: { key: "PAY", name: "Payments", issueTypes: ["Story", "Task", "Bug"] },
  priorities: ["High", "Medium"],
  users: [{ accountId: "acc-ana", displayName: "Ana Ruiz", active: true }],
  sprints: [
    { id: "7", name: "PAY Sprint 7", state: "active" },
    { id: "6", name: "PAY Sprint 6", state: "closed" },
  ],
};

describe("jira.createIssue", () => {
  it("rejects a missing summary with a readable message", () => {
    const r = jiraCreateIssueInput.safeParse({ projectKey: "PAY", issueType: "Bug", summary: "  " });
    expect(r.error?.issues.map((i) => i.message)).toEqual(["Write a summary."]);
  });

  it("previews every field set, names resolved", () => {
    const input = jiraCreateIssueInput.parse({ projectKey: "PAY", issueType: "Bug", summary: "Payout retries loop", assigneeId: "acc-ana", sprintId: "7" });
    expect(jiraCreateIssue.describe(input)).toBe("Create Bug in PAY: Payout retries loop");
    expect(jiraCreateIssue.validate(input, state)).toEqual([]);
    expect(jiraCreateIssue.preview(input, state)).toEqual({
      type: "diff",
      fields: [
        { field: "issueType", label: "Issue type", before: null, after: "Bug" },
        { field: "summary", label: "Summary", before: null, after: "Payout retries loop" },
        { field: "assigneeId", label: "Assignee", before: null, after: "Ana Ruiz" },
        { field: "sprintId", label: "Sprint", before: null, after: "PAY Sprint 7" },
      ],
    });
  });

  it("flags an unknown issue type, unknown assignee and closed sprint together", () => {
    const input = jiraCreateIssueInput.parse({ projectKey: "PAY", issueType: "Epic", summary: "x", assigneeId: "acc-x", sprintId: "6" });
    expect(jiraCreateIssue.validate(input, state).map((i) => i.path)).toEqual(["issueType", "assigneeId", "sprintId"]);
    expect(jiraCreateIssue.validate(input, { ...state, project: null })[0]?.message).toBe("Project PAY was not found, or the Jira connection cannot see it. Check the key.");
  });

  it("compensates by closing the created issue as Won't Do with a comment", () => {
    const input = jiraCreateIssueInput.parse({ projectKey: "PAY", issueType: "Task", summary: "x" });
    const inv = jiraCreateIssue.inverse(input, state, { key: "PAY-99" });
    expect("compensating" in inv && inv.compensating).toEqual({
      kind: "jira.transition",
      input: { issueKey: "PAY-99", toStatus: "Done", resolution: "Won't Do", comment: "Created by mistake; closed as Won't Do." },
    });
    expect("compensating" in inv && jiraTransitionInput.safeParse(inv.compensating.input).success).toBe(true);
  });
});
