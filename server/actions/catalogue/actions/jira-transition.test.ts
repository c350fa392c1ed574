import { describe, expect, it } from "vitest";
import { type JiraIssueSnapshot, type JiraTransitionState } from "../types";
import { jiraTransition, jiraTransitionInput } from "./jira-transition";
import { issue } from "../testing/fixtures";

const state = (over: Partial<JiraIssueSnapshot> = {}, toStatuses = ["In Progress", "Done"]): JiraTransitionState => ({
  issue: issue(over),
  transitions: toStatuses.map((s, i) => ({ id: String(i + 1), name: s, toStatus: s })),
  resolutions: ["Done", "Won't Do"],
});

describe("jira.transition", () => {
  it("describes and previews the status change", () => {
    const input = jiraTransitionInput.parse({ issueKey: "PAY-12", toStatus: "In Progress" });
    expect(jiraTransition.describe(input)).toBe("Move PAY-12 to In Progress");
    expect(jiraTransition.preview(input, state())).toEqual({ type: "diff", fields: [{ field: "status", label: "Status", before: "To Do", after: "In Progress" }] });
    expect(jiraTransition.validate(input, state())).toEqual([]);
  });

  it("refuses a status the workflow cannot reach from the current one, naming the reachable ones", () => {
    const input = jiraTransitionInput.parse({ issueKey: "PAY-12", toStatus: "In Review" });
    expect(jiraTransition.validate(input, state())).toEqual([
      { path: "toStatus", message: "The workflow cannot move PAY-12 from To Do to In Review. From To Do it can go to: In Progress, Done." },
    ]);
  });

  it("refuses a move to the status the issue is already in, and an unknown resolution", () => {
    expect(jiraTransition.validate(jiraTransitionInput.parse({ issueKey: "PAY-12", toStatus: "To Do" }), state())[0]?.message).toBe(
      "PAY-12 is already To Do; there is nothing to change.",
    );
    const bad = jiraTransitionInput.parse({ issueKey: "PAY-12", toStatus: "Done", resolution: "Fixed" });
    expect(jiraTransition.validate(bad, state())).toEqual([{ path: "resolution", message: '"Fixed" is not a resolution on this site. Pick one of: Done, Won\'t Do.' }]);
  });

  it("reports a status change made since the proposal", () => {
    const input = jiraTransitionInput.parse({ issueKey: "PAY-12", toStatus: "Done", baseUpdated: "2025-03-01T00:00:00Z", baseFields: { status: "In Review" } });
    const [stale] = jiraTransition.validate(input, state());
    expect(stale?.changes).toEqual([{ field: "status", label: "Status", proposedAgainst: "In Review", now: "To Do" }]);
  });

  it("inverts to a transition back to the status before", () => {
    const input = jiraTransitionInput.parse({ issueKey: "PAY-12", toStatus: "In Progress" });
    expect(jiraTransition.inverse(input, state({ status: "To Do" }), undefined)).toEqual({ kind: "jira.transition", input: { issueKey: "PAY-12", toStatus: "To Do" } });
  });

  it("marks the undo as compensating when a comment was added on the way", () => {
    const input = jiraTransitionInput.parse({ issueKey: "PAY-12", toStatus: "Done", comment: "Shipped" });
    const inv = jiraTransition.inverse(input, state({ status: "In Review" }), undefined);
    expect(inv).toEqual({
      compensating: { kind: "jira.transition", input: { issueKey: "PAY-12", toStatus: "In Review" } },
      note: "Moves PAY-12 back to In Review; the comment added with the change stays on the issue.",
    });
  });
});
