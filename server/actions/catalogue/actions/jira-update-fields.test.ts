import { describe, expect, it } from "vitest";
import { type JiraIssueSnapshot, type JiraIssueState } from "../types";
import { jiraUpdateFields, jiraUpdateFieldsInput } from "./jira-update-fields";
import { issue } from "../testing/fixtures";

const state = (over: Partial<JiraIssueSnapshot> = {}): JiraIssueState => ({ issue: issue(over), priorities: ["High", "Medium", "Low"] });
const parse = (input: unknown) => jiraUpdateFieldsInput.parse(input);

describe("jira.updateFields", () => {
  it("rejects an input that changes nothing, and spaces in labels, with readable messages", () => {
    const empty = jiraUpdateFieldsInput.safeParse({ issueKey: "PAY-12", fields: {} });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toBe("Change at least one field.");
    const spaced = jiraUpdateFieldsInput.safeParse({ issueKey: "PAY-12", fields: { labels: ["tech debt"] } });
    expect(spaced.error?.issues[0]?.message).toBe("Jira labels cannot contain spaces; use a dash instead.");
    expect(jiraUpdateFieldsInput.safeParse({ issueKey: "pay12", fields: { summary: "x" } }).error?.issues[0]?.message).toBe("Enter a Jira issue key such as PAY-12.");
  });

  it("previews a diff of the touched fields only", () => {
    const input = parse({ issueKey: "PAY-12", fields: { storyPoints: 5, priority: "High" } });
    expect(jiraUpdateFields.preview(input, state())).toEqual({
      type: "diff",
      fields: [
        { field: "priority", label: "Priority", before: "Medium", after: "High" },
        { field: "storyPoints", label: "Story points", before: 3, after: 5 },
      ],
    });
    expect(jiraUpdateFields.describe(input)).toBe("Update Priority, Story points on PAY-12");
  });

  it("flags an unknown priority and a missing issue", () => {
    const input = parse({ issueKey: "PAY-12", fields: { priority: "Blocker" } });
    expect(jiraUpdateFields.validate(input, state())).toEqual([
      { path: "fields.priority", message: '"Blocker" is not a priority in this project. Pick one of: High, Medium, Low.' },
    ]);
    expect(jiraUpdateFields.validate(input, { issue: null, priorities: [] })[0]?.path).toBe("issueKey");
  });

  it("says when the issue already has the proposed values", () => {
    const input = parse({ issueKey: "PAY-12", fields: { labels: ["payments"] } });
    expect(jiraUpdateFields.validate(input, state())).toEqual([{ path: "fields", message: "PAY-12 already has these values; there is nothing to change." }]);
  });

  it("lists the fields that changed since the proposal when the issue is newer", () => {
    const input = parse({
      issueKey: "PAY-12",
      fields: { storyPoints: 5 },
      baseUpdated: "2025-03-09T08:00:00Z",
      baseFields: { storyPoints: 2, summary: "Retry failed payouts" },
    });
    const issues = jiraUpdateFields.validate(input, state());
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toBe("PAY-12 changed since this was proposed (Story points). Review the new values, edit the action if needed, then apply again.");
    expect(issues[0]?.changes).toEqual([{ field: "storyPoints", label: "Story points", proposedAgainst: 2, now: 3 }]);
  });

  it("passes when the issue is newer but the proposal's fields are unchanged", () => {
    const input = parse({ issueKey: "PAY-12", fields: { storyPoints: 5 }, baseUpdated: "2025-03-09T08:00:00Z", baseFields: { storyPoints: 3 } });
    expect(jiraUpdateFields.validate(input, state())).toEqual([]);
  });

  it("inverts to the before values of exactly the touched fields", () => {
    const input = parse({ issueKey: "PAY-12", fields: { summary: "Retry payouts twice", dueDate: "2025-04-01" } });
    expect(jiraUpdateFields.inverse(input, state(), undefined)).toEqual({
      kind: "jira.updateFields",
      input: { issueKey: "PAY-12", fields: { summary: "Retry failed payouts", dueDate: null } },
    });
    // The inverse is itself a valid action.
    const inv = jiraUpdateFields.inverse(input, state(), undefined);
    expect("input" in inv && jiraUpdateFieldsInput.safeParse(inv.input).success).toBe(true);
  });
});
