import { describe, expect, it } from "vitest";
import { parseAction } from "@/server/actions/catalogue/registry";
import { ACTION_KINDS } from "@/server/actions/catalogue/types";
import {
  changedFields,
  choiceIndex,
  choicesFor,
  fieldLabel,
  fieldsOf,
  FORM_FIELDS,
  type FormOptions,
  getAt,
  initialValue,
  inputKey,
  isEdited,
  issuesAt,
  listFromText,
  looseIssues,
  numberFromText,
  projectOfIssueKey,
  setAt,
  textFromList,
  uniqueIssues,
  valueFromText,
  withField,
} from "./form-fields";

const OPTIONS: FormOptions = {
  sprints: [
    { id: "24", name: "PAY Sprint 24", state: "active", projectKey: "PAY" },
    { id: "25", name: "PAY Sprint 25", state: "future", projectKey: "PAY" },
    { id: "31", name: "MOB Sprint 3", state: "future", projectKey: "MOB" },
  ],
  jiraUsers: [
    { id: "acc-1", name: "Ada Nakamura" },
    { id: "acc-2", name: "Bo Lindqvist" },
  ],
  githubUsers: [],
  slackChannels: [{ id: "C0PAY", name: "team-payments" }],
  repos: ["acme/payments-service"],
};

const spec = (kind: string, path: string) => fieldsOf(kind).find((s) => s.path === path)!;

describe("the form of every kind", () => {
  it("covers every action kind with fields the kind's schema knows", () => {
    for (const kind of ACTION_KINDS) {
      const specs = FORM_FIELDS[kind];
      expect(specs.length, kind).toBeGreaterThan(0);
      expect(new Set(specs.map((s) => s.path)).size, kind).toBe(specs.length);
    }
    expect(fieldsOf("jira.deleteEverything")).toEqual([]);
    expect(fieldsOf("toString")).toEqual([]);
  });

  it("keeps internal fields out of view", () => {
    const paths = Object.values(FORM_FIELDS).flatMap((specs) => specs.map((s) => s.path));
    for (const hidden of ["baseUpdated", "baseFields", "sprintName", "displayName", "blocks", "afterBlockId"]) expect(paths).not.toContain(hidden);
  });
});

describe("reading and writing inputs", () => {
  const input = { issueKey: "PAY-12", fields: { summary: "Old" }, baseUpdated: "2026-01-01T00:00:00Z", baseFields: { summary: "Old" } };

  it("reads nested paths and says undefined for missing ones", () => {
    expect(getAt(input, "fields.summary")).toBe("Old");
    expect(getAt(input, "fields.priority")).toBeUndefined();
    expect(getAt(input, "issueKey.length")).toBeUndefined();
    expect(getAt(null, "a")).toBeUndefined();
  });

  it("writes a copy, keeps every other field, and removes a key set to undefined", () => {
    const next = setAt(input, "fields.priority", "High");
    expect(next).toEqual({ ...input, fields: { summary: "Old", priority: "High" } });
    expect(input.fields).toEqual({ summary: "Old" });
    expect(setAt(next, "fields.priority", undefined)).toEqual(input);
    expect(setAt(undefined, "a.b", 1)).toEqual({ a: { b: 1 } });
  });

  it("tells an edit from a reordering", () => {
    expect(isEdited({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(false);
    expect(isEdited({ a: 1 }, { a: 2 })).toBe(true);
    expect(inputKey({ b: 1, a: { d: 2, c: 3 } })).toBe(inputKey({ a: { c: 3, d: 2 }, b: 1 }));
    expect(inputKey({ a: 1, b: undefined })).toBe(inputKey({ a: 1 }));
  });
});

describe("issues by path", () => {
  const issues = [
    { path: "fields.summary", message: "The summary cannot be empty." },
    { path: "assignees.1", message: "@bob cannot be assigned." },
    { path: "", message: "PAY-12 changed since this was proposed." },
    { path: "fields", message: "Change at least one field." },
  ];

  it("finds a field's own issues and those below it", () => {
    expect(issuesAt(issues, "fields.summary").map((i) => i.message)).toEqual(["The summary cannot be empty."]);
    expect(issuesAt(issues, "assignees").map((i) => i.message)).toEqual(["@bob cannot be assigned."]);
    expect(issuesAt(issues, "assignee")).toEqual([]);
  });

  it("keeps issues no field shows for the top of the form", () => {
    expect(looseIssues(issues, FORM_FIELDS["jira.updateFields"]).map((i) => i.path)).toEqual(["assignees.1", "", "fields"]);
    expect(looseIssues([{ path: "issueKey", message: "gone" }], FORM_FIELDS["jira.assign"])).toHaveLength(1);
  });

  it("drops repeated issues", () => {
    expect(uniqueIssues([...issues, { path: "", message: "PAY-12 changed since this was proposed." }])).toHaveLength(4);
  });

  it("uses the paths the schemas report", () => {
    const parsed = parseAction("jira.updateFields", { issueKey: "PAY-12", fields: { summary: "" } });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(issuesAt(parsed.issues, spec("jira.updateFields", "fields.summary").path)).toHaveLength(1);
  });
});

describe("text and values", () => {
  it("turns comma-separated text into a list", () => {
    expect(listFromText(" backend, ui ,, api", undefined)).toEqual(["backend", "ui", "api"]);
    expect(listFromText(" , ", undefined)).toBeUndefined();
    expect(listFromText("", [])).toEqual([]);
    expect(textFromList(["a", "b"])).toBe("a, b");
    expect(textFromList(undefined)).toBe("");
  });

  it("keeps text that is not a number so the schema can say so", () => {
    expect(numberFromText("5", null)).toBe(5);
    expect(numberFromText(" 2.5 ", null)).toBe(2.5);
    expect(numberFromText("", null)).toBeNull();
    expect(numberFromText("five", null)).toBe("five");
    expect(parseAction("jira.createIssue", { projectKey: "PAY", issueType: "Task", summary: "x", storyPoints: numberFromText("five", undefined) }).ok).toBe(false);
  });

  it("maps empty text to what the field's emptiness means", () => {
    expect(valueFromText(spec("jira.transition", "comment"), "  ")).toBeUndefined();
    expect(valueFromText(spec("jira.updateFields", "fields.description"), "")).toBeNull();
    expect(valueFromText(spec("jira.comment", "body"), "")).toBe("");
    expect(valueFromText(spec("jira.updateFields", "fields.labels"), "")).toEqual([]);
    expect(valueFromText(spec("jira.updateFields", "fields.storyPoints"), "")).toBeNull();
    expect(valueFromText(spec("jira.createIssue", "storyPoints"), "")).toBeUndefined();
  });
});

describe("choices", () => {
  it("offers the sprints of the issue's project, Backlog first, and keeps an unknown current sprint", () => {
    const sprint = spec("jira.moveToSprint", "sprintId");
    const choices = choicesFor(sprint, { kind: "jira.moveToSprint", input: { issueKey: "PAY-12", sprintId: "99", sprintName: "PAY Sprint 23" }, options: OPTIONS })!;
    expect(choices.map((c) => [c.value, c.label, c.hint])).toEqual([
      [null, "Backlog", undefined],
      ["24", "PAY Sprint 24", "active"],
      ["25", "PAY Sprint 25", undefined],
      ["99", "PAY Sprint 23", "as proposed"],
    ]);
    expect(choiceIndex(choices, null)).toBe(0);
    expect(choiceIndex(choices, "25")).toBe(2);
  });

  it("prefers the live state over synced data", () => {
    const assignee = spec("jira.assign", "accountId");
    const state = { users: [{ accountId: "acc-9", displayName: "Cy Ortiz", active: true }, { accountId: "acc-8", displayName: "Dee Gone", active: false }] };
    const choices = choicesFor(assignee, { kind: "jira.assign", input: { issueKey: "PAY-1", accountId: "acc-9" }, state, options: OPTIONS })!;
    expect(choices.map((c) => c.label)).toEqual(["Unassigned", "Cy Ortiz", "Dee Gone"]);
    expect(choices[2]!.disabled).toBe(true);
    const fallback = choicesFor(assignee, { kind: "jira.assign", input: { issueKey: "PAY-1", accountId: null }, options: OPTIONS })!;
    expect(fallback.map((c) => c.label)).toEqual(["Unassigned", "Ada Nakamura", "Bo Lindqvist"]);
  });

  it("reads transitions, resolutions, priorities and issue types from the check", () => {
    const ctx = { kind: "jira.transition", input: { issueKey: "PAY-1", toStatus: "Done" }, state: { transitions: [{ id: "1", name: "Start", toStatus: "In Progress" }, { id: "2", name: "Finish", toStatus: "Done" }], resolutions: ["Done", "Won't Do"] } };
    expect(choicesFor(spec("jira.transition", "toStatus"), ctx)!.map((c) => c.value)).toEqual(["In Progress", "Done"]);
    expect(choicesFor(spec("jira.transition", "resolution"), ctx)!.map((c) => c.label)).toEqual(["None", "Done", "Won't Do"]);
    const create = { kind: "jira.createIssue", input: { projectKey: "PAY", issueType: "Story" }, state: { project: { key: "PAY", name: "Payments", issueTypes: ["Story", "Bug"] }, priorities: ["High", "Low"], users: [], sprints: [{ id: "7", name: "S7", state: "closed" }, { id: "8", name: "S8", state: "active" }] } };
    expect(choicesFor(spec("jira.createIssue", "issueType"), create)!.map((c) => c.value)).toEqual(["Story", "Bug"]);
    expect(choicesFor(spec("jira.createIssue", "priority"), create)!.map((c) => c.label)).toEqual(["Project default", "High", "Low"]);
    expect(choicesFor(spec("jira.createIssue", "sprintId"), create)!.map((c) => c.label)).toEqual(["Backlog", "S8"]);
  });

  it("says nothing is known until the check or the options answer, so the form falls back to text", () => {
    expect(choicesFor(spec("jira.transition", "toStatus"), { kind: "jira.transition", input: {} })).toBeNull();
    expect(choicesFor(spec("slack.postMessage", "channelId"), { kind: "slack.postMessage", input: {} })).toBeNull();
    expect(choicesFor(spec("slack.postMessage", "channelId"), { kind: "slack.postMessage", input: { channelId: "C0PAY" }, options: OPTIONS })!.map((c) => c.label)).toEqual(["#team-payments"]);
  });

  it("updates the display helper with the id, and drops it for Backlog", () => {
    const sprint = spec("jira.moveToSprint", "sprintId");
    const input = { issueKey: "PAY-12", sprintId: "24", sprintName: "PAY Sprint 24", baseUpdated: "2026-01-01T00:00:00Z" };
    expect(withField(input, sprint, "25", { value: "25", label: "PAY Sprint 25" })).toEqual({ ...input, sprintId: "25", sprintName: "PAY Sprint 25" });
    expect(withField(input, sprint, null)).toEqual({ issueKey: "PAY-12", sprintId: null, baseUpdated: "2026-01-01T00:00:00Z" });
    expect(parseAction("jira.moveToSprint", withField(input, sprint, null)).ok).toBe(true);
  });

  it("finds the project of an issue key", () => {
    expect(projectOfIssueKey("PAY-12")).toBe("PAY");
    expect(projectOfIssueKey("pay-12")).toBeNull();
    expect(projectOfIssueKey(undefined)).toBeNull();
  });
});

describe("toggled fields", () => {
  it("start from the target's current value when the check read it", () => {
    const summary = spec("jira.updateFields", "fields.summary");
    expect(initialValue(summary, { issue: { summary: "Today's summary" } })).toBe("Today's summary");
    expect(initialValue(summary, null)).toBe("");
    expect(initialValue(spec("jira.updateFields", "fields.labels"), null)).toEqual([]);
    expect(initialValue(spec("jira.updateFields", "fields.dueDate"), { issue: { dueDate: null } })).toBeNull();
  });
});

describe("edits in words", () => {
  it("names the fields an edit changed", () => {
    expect(changedFields("jira.updateFields", { issueKey: "PAY-1", fields: { summary: "a" } }, { issueKey: "PAY-1", fields: { summary: "b", storyPoints: 3 } })).toEqual(["Summary", "Story points"]);
    expect(changedFields("notion.updatePage", { pageId: "p", properties: { Status: "Open" } }, { pageId: "p", properties: { Status: "Done" } })).toEqual(["Status"]);
    expect(changedFields("jira.assign", { accountId: "a" }, { accountId: "a" })).toEqual([]);
  });

  it("labels diff paths for the decision history", () => {
    expect(fieldLabel("jira.updateFields", "fields.storyPoints")).toBe("Story points");
    expect(fieldLabel("github.createIssue", "assignees.0")).toBe("Assignees");
    expect(fieldLabel("notion.updatePage", "properties.Status")).toBe("Status");
    expect(fieldLabel("jira.moveToSprint", "sprintName")).toBe("Sprint name");
    expect(fieldLabel("", "")).toBe("Action");
  });
});
