import { describe, expect, it } from "vitest";
import { decideInput } from "@/server/actions/actions.router";
import {
  actionsLine,
  decisionLine,
  decisionRequest,
  formatValue,
  isInFlight,
  queueSearch,
  readQueueParams,
  readSources,
  reasonProblem,
  statusBadge,
  statusLine,
  toolOfKind,
} from "./summaries";

describe("statuses", () => {
  it("shows an approved action that waits for its tool as waiting", () => {
    expect(statusBadge({ status: "APPROVED", waitingReason: "Jira is unavailable" })).toEqual({ label: "Waiting", tone: "warning" });
    expect(statusBadge({ status: "APPROVED", waitingReason: null }).label).toBe("Approved");
    expect(statusBadge({ status: "SUCCEEDED" }).tone).toBe("success");
  });

  it("polls only while the executor is on an action", () => {
    expect(isInFlight("APPROVED")).toBe(true);
    expect(isInFlight("EXECUTING")).toBe(true);
    expect(isInFlight("FAILED")).toBe(false);
    expect(isInFlight("PROPOSED")).toBe(false);
  });

  it("summarises where a proposal's actions are, most urgent first", () => {
    expect(statusLine([{ status: "SUCCEEDED" }, { status: "FAILED" }, { status: "SUCCEEDED" }])).toBe("1 failed · 2 succeeded");
    expect(statusLine([{ status: "PROPOSED" }, { status: "PROPOSED" }])).toBe("All waiting for a decision");
    expect(statusLine([{ status: "PROPOSED" }])).toBe("1 waiting for a decision");
    expect(statusLine([])).toBe("");
  });

  it("names the tool of a kind", () => {
    expect(toolOfKind("jira.moveToSprint")).toBe("JIRA");
    expect(toolOfKind("github.createIssue")).toBe("GITHUB");
    expect(toolOfKind("slack.postMessage")).toBe("SLACK");
    expect(toolOfKind("notion.updatePage")).toBe("NOTION");
  });
});

describe("one-line summaries", () => {
  const a = (summary: string) => ({ summary });
  it("lists the first actions and says how many there are", () => {
    expect(actionsLine([a("Move PAY-12 to Sprint 24"), a("Move PAY-14 to Sprint 24"), a("Post in C0PAY: Sprint 24 starts")])).toBe("3 actions: Move PAY-12 to Sprint 24, Move PAY-14 to Sprint 24, …");
    expect(actionsLine([a("Assign PAY-1 to Ada")])).toBe("1 action: Assign PAY-1 to Ada");
    expect(actionsLine([])).toBe("No actions");
  });
});

describe("decision history", () => {
  const actions = [
    { id: "a1", kind: "jira.moveToSprint", summary: "Move PAY-12 to Sprint 24" },
    { id: "a2", kind: "jira.updateFields", summary: "Update Story points on PAY-14" },
    { id: "a3", kind: "slack.postMessage", summary: "Post in C0PAY: hello" },
  ];

  it("says what was applied, and which fields were edited first", () => {
    expect(decisionLine({ kind: "APPLY_ALL", appliedIds: ["a1", "a2", "a3"], reason: null, edits: [] }, actions)).toBe("applied all 3 actions");
    expect(decisionLine({ kind: "APPLY_SELECTED", appliedIds: ["a1", "a3"], reason: null, edits: [] }, actions)).toBe("applied 2 of 3 actions");
    expect(decisionLine({ kind: "APPLY_SELECTED", appliedIds: ["a2"], reason: null, edits: null }, actions)).toBe("applied “Update Story points on PAY-14”");
    expect(
      decisionLine(
        { kind: "EDIT_THEN_APPLY", appliedIds: ["a1", "a2"], reason: null, edits: [{ actionId: "a2", diff: [{ path: ["fields", "storyPoints"] }, { path: ["fields", "summary"] }] }, { actionId: "a1", diff: [{ path: ["sprintId"] }, { path: ["sprintName"] }] }] },
        actions,
      ),
    ).toBe("applied 2 of 3 actions, after editing Story points, Summary, Sprint, Sprint name");
  });

  it("quotes the reason of a rejection", () => {
    expect(decisionLine({ kind: "REJECT", appliedIds: [], reason: "Wrong sprint", edits: [] }, actions)).toBe("rejected it: “Wrong sprint”");
  });
});

describe("decision requests", () => {
  const open = ["a1", "a2", "a3"];

  it("applies everything as proposed", () => {
    const request = decisionRequest("all", { open, selected: [], drafts: [], edits: {} });
    expect(request).toEqual({ kind: "APPLY_ALL" });
    expect(decideInput.safeParse({ proposalId: "p", ...request }).success).toBe(true);
  });

  it("applies the ticked actions", () => {
    expect(decisionRequest("selected", { open, selected: ["a3", "a1"], drafts: [], edits: {} })).toEqual({ kind: "APPLY_SELECTED", selected: ["a1", "a3"] });
    expect(decisionRequest("selected", { open, selected: [], drafts: [], edits: {} })).toEqual({ error: "Tick the actions to apply first." });
  });

  it("never applies a draft, even with Apply all", () => {
    expect(decisionRequest("all", { open, selected: [], drafts: ["a2"], edits: {} })).toEqual({ kind: "APPLY_SELECTED", selected: ["a1", "a3"], drafts: ["a2"] });
    expect(decisionRequest("selected", { open, selected: ["a1", "a2"], drafts: ["a2"], edits: {} })).toEqual({ kind: "APPLY_SELECTED", selected: ["a1"], drafts: ["a2"] });
    expect(decisionRequest("all", { open, selected: [], drafts: open, edits: {} })).toHaveProperty("error");
  });

  it("sends edits with the actions they belong to, as Edit then apply", () => {
    const edits = { a2: { issueKey: "PAY-14", fields: { storyPoints: 5 } }, a3: { channelId: "C0PAY", text: "edited" } };
    expect(decisionRequest("edited", { open, selected: [], drafts: [], edits })).toEqual({
      kind: "EDIT_THEN_APPLY",
      selected: open,
      edits: [
        { actionId: "a2", input: edits.a2 },
        { actionId: "a3", input: edits.a3 },
      ],
    });
    expect(decisionRequest("edited", { open, selected: ["a2"], drafts: [], edits })).toEqual({ kind: "EDIT_THEN_APPLY", selected: ["a2"], edits: [{ actionId: "a2", input: edits.a2 }] });
    // Pressing Apply all after editing keeps the edits rather than dropping them.
    expect(decisionRequest("all", { open, selected: [], drafts: [], edits })).toMatchObject({ kind: "EDIT_THEN_APPLY", selected: open });
    // An edited action left out of the selection sends no edit.
    expect(decisionRequest("selected", { open, selected: ["a1"], drafts: [], edits })).toEqual({ kind: "APPLY_SELECTED", selected: ["a1"] });
  });

  it("asks for a reason to reject", () => {
    expect(reasonProblem(" no ")).not.toBeNull();
    expect(reasonProblem("Wrong sprint")).toBeNull();
  });
});

describe("the queue's URL", () => {
  it("reads the tab, the tool and the search, falling back to defaults", () => {
    expect(readQueueParams(new URLSearchParams("tab=failed&tool=jira&q=sprint"))).toEqual({ tab: "failed", tool: "JIRA", q: "sprint" });
    expect(readQueueParams(new URLSearchParams("tab=nope&tool=trello"))).toEqual({ tab: "pending", tool: null, q: "" });
  });

  it("writes only what differs from the default", () => {
    expect(queueSearch({ tab: "pending", tool: null, q: "" })).toBe("");
    expect(queueSearch({ tab: "drafts", tool: "SLACK", q: " standup " })).toBe("?tab=drafts&tool=slack&q=standup");
    const round = readQueueParams(new URLSearchParams(queueSearch({ tab: "done", tool: "NOTION", q: "spec" }).slice(1)));
    expect(round).toEqual({ tab: "done", tool: "NOTION", q: "spec" });
  });
});

describe("values and sources", () => {
  it("formats field values for the before/after table", () => {
    expect(formatValue(null)).toBe("—");
    expect(formatValue("")).toBe("—");
    expect(formatValue([])).toBe("—");
    expect(formatValue(["a", "b"])).toBe("a, b");
    expect(formatValue(true)).toBe("Yes");
    expect(formatValue(1500)).toBe("1,500");
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
  });

  it("reads stored sources defensively", () => {
    expect(
      readSources([
        { kind: "work_item", id: "PAY-12", label: "PAY-12", url: "https://x/browse/PAY-12" },
        { id: "doc-1", title: "Checkout spec", url: null },
        { kind: "mystery", id: "m1", label: "", url: "" },
        "junk",
        { label: "no id" },
      ]),
    ).toEqual([
      { kind: "work_item", id: "PAY-12", label: "PAY-12", url: "https://x/browse/PAY-12" },
      { kind: "document", id: "doc-1", label: "Checkout spec", url: null },
      { kind: "document", id: "m1", label: "m1", url: null },
    ]);
    expect(readSources(null)).toEqual([]);
  });
});
