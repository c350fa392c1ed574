import { describe, expect, it } from "vitest";
import { groupActionsByTool, isCheckShortcut, simulationSummary, splitRuleSummary, verdictBadge, versionLabel } from "./wording";

describe("policies page wording", () => {
  it("reads a decision as one badge: deny first, then auto-apply, then approval", () => {
    expect(verdictBadge({ effect: "deny", requiresApproval: false, autoApply: true }).label).toBe("Denied");
    expect(verdictBadge({ effect: "allow", requiresApproval: true, autoApply: true }).label).toBe("Auto-applies");
    expect(verdictBadge({ effect: "allow", requiresApproval: true, autoApply: false })).toEqual({ label: "Needs approval", variant: "warning" });
    expect(verdictBadge({ effect: "allow", requiresApproval: false, autoApply: false })).toEqual({ label: "Allowed", variant: "success" });
  });

  it("calls the unpublished policy the default policy", () => {
    expect(versionLabel(null)).toBe("Default policy");
    expect(versionLabel(7)).toBe("Version 7");
  });

  it("groups what a role may propose by tool, in the usual tool order, leaving out tools with nothing", () => {
    const groups = groupActionsByTool([
      { kind: "slack.postMessage", label: "Post a Slack message", tool: "SLACK" as const },
      { kind: "jira.comment", label: "Comment on a Jira issue", tool: "JIRA" as const },
      { kind: "jira.createIssue", label: "Create a Jira issue", tool: "JIRA" as const },
    ]);
    expect(groups.map((g) => [g.tool, g.actions.map((a) => a.kind)])).toEqual([
      ["JIRA", ["jira.comment", "jira.createIssue"]],
      ["SLACK", ["slack.postMessage"]],
    ]);
    expect(groupActionsByTool([])).toEqual([]);
  });

  it("splits a rule summary into the rule's name and its sentence", () => {
    expect(splitRuleSummary("PMs plan in Jira: PMs may create Jira issues.")).toEqual({ name: "PMs plan in Jira", text: "PMs may create Jira issues." });
    expect(splitRuleSummary("No name here")).toEqual({ name: null, text: "No name here" });
  });

  it("summarises a simulation with what was replayed and how many decisions change", () => {
    expect(simulationSummary({ proposals: 0, actions: 0, changes: [] })).toMatch(/^There are no proposals yet to replay/);
    expect(simulationSummary({ proposals: 12, actions: 30, changes: [] })).toBe("Replayed 30 actions from the last 12 proposals: every decision stays the same.");
    expect(simulationSummary({ proposals: 1, actions: 1, changes: [{}] })).toBe("Replayed 1 action from the last 1 proposal: 1 decision would change.");
    expect(simulationSummary({ proposals: 5, actions: 9, changes: [{}, {}] })).toBe("Replayed 9 actions from the last 5 proposals: 2 decisions would change.");
  });

  it("takes Ctrl+S and Cmd+S for Check, and leaves other shortcuts alone", () => {
    const key = (over: Partial<KeyboardEvent>) => ({ key: "s", ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...over });
    expect(isCheckShortcut(key({ ctrlKey: true }))).toBe(true);
    expect(isCheckShortcut(key({ metaKey: true, key: "S" }))).toBe(true);
    expect(isCheckShortcut(key({}))).toBe(false);
    expect(isCheckShortcut(key({ ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isCheckShortcut(key({ ctrlKey: true, key: "k" }))).toBe(false);
  });
});
