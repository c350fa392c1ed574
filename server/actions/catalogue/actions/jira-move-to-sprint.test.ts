import { describe, expect, it } from "vitest";
import { type JiraIssueSnapshot, type JiraSprint, type JiraSprintState } from "../types";
import { jiraMoveToSprint, jiraMoveToSprintInput } from "./jira-move-to-sprint";
import { issue } from "../testing/fixtures";

const s7: JiraSprint = { id: "7", name: "PAY Sprint 7", state: "active" };
const s8: JiraSprint = { id: "8", name: "PAY Sprint 8", state: "future" };
const s6: JiraSprint = { id: "6", name: "PAY Sprint 6", state: "closed" };
const state = (target: JiraSprint | null, over: Partial<JiraIssueSnapshot> = {}): JiraSprintState => ({ issue: issue(over), targetSprint: target, currentSprint: s7 });

describe("jira.moveToSprint", () => {
  it("previews the sprint change by name", () => {
    const input = jiraMoveToSprintInput.parse({ issueKey: "PAY-12", sprintId: "8", sprintName: "PAY Sprint 8" });
    expect(jiraMoveToSprint.describe(input)).toBe("Move PAY-12 to PAY Sprint 8");
    expect(jiraMoveToSprint.validate(input, state(s8))).toEqual([]);
    expect(jiraMoveToSprint.preview(input, state(s8))).toEqual({ type: "diff", fields: [{ field: "sprint", label: "Sprint", before: "PAY Sprint 7", after: "PAY Sprint 8" }] });
  });

  it("refuses a closed sprint", () => {
    const input = jiraMoveToSprintInput.parse({ issueKey: "PAY-12", sprintId: "6" });
    expect(jiraMoveToSprint.validate(input, state(s6))).toEqual([
      { path: "sprintId", message: "PAY Sprint 6 is closed; Jira does not accept issues into a closed sprint. Pick the active or a future sprint." },
    ]);
  });

  it("refuses an unknown sprint and a no-op move", () => {
    expect(jiraMoveToSprint.validate(jiraMoveToSprintInput.parse({ issueKey: "PAY-12", sprintId: "99" }), state(null))[0]?.message).toBe(
      "Sprint 99 was not found on PAY's board. Pick an open sprint.",
    );
    expect(jiraMoveToSprint.validate(jiraMoveToSprintInput.parse({ issueKey: "PAY-12", sprintId: "7" }), state(s7))[0]?.message).toBe("PAY-12 is already in PAY Sprint 7.");
  });

  it("moves to the backlog with null and inverts to the previous sprint", () => {
    const input = jiraMoveToSprintInput.parse({ issueKey: "PAY-12", sprintId: null });
    expect(jiraMoveToSprint.describe(input)).toBe("Move PAY-12 to the backlog");
    expect(jiraMoveToSprint.validate(input, state(null))).toEqual([]);
    expect(jiraMoveToSprint.inverse(input, state(null), undefined)).toEqual({ kind: "jira.moveToSprint", input: { issueKey: "PAY-12", sprintId: "7" } });
    const fromBacklog = jiraMoveToSprintInput.parse({ issueKey: "PAY-12", sprintId: "8" });
    expect(jiraMoveToSprint.inverse(fromBacklog, state(s8, { sprintId: null }), undefined)).toEqual({ kind: "jira.moveToSprint", input: { issueKey: "PAY-12", sprintId: null } });
  });
});
