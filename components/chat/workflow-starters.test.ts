import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { WORKFLOW_STARTERS, WorkflowStarters, initialTeamKey, modelNote } from "./workflow-starters";

const teams = [
  { key: "PAY", name: "Payments" },
  { key: "MOB", name: "Mobile" },
];

describe("workflow starters", () => {
  it("offers the four artifact workflows with natural prompts", () => {
    expect(WORKFLOW_STARTERS.map((w) => [w.kind, w.title, w.prompt("Payments")])).toEqual([
      ["sprint_plan", "Plan next sprint", "Plan next sprint for Payments"],
      ["release_plan", "Plan a release", "Plan the next release for Payments"],
      ["status_report", "Weekly status report", "Write this week's status report for Payments"],
      ["risk_register", "Risk register", "Build a risk register for Payments"],
    ]);
  });

  it("starts on the default team when it exists", () => {
    expect(initialTeamKey(teams, "MOB")).toBe("MOB");
    expect(initialTeamKey(teams, "GONE")).toBe("PAY");
    expect(initialTeamKey(teams, null)).toBe("PAY");
    expect(initialTeamKey([], "PAY")).toBeNull();
  });

  it("says which model answers", () => {
    expect(modelNote({ label: "Built-in planner", provider: "builtin" })).toBe(
      "Built-in planner — the workflows below run on the planning engine; free-form chat needs a configured model.",
    );
    expect(modelNote({ label: "gpt-4.1", provider: "openai" })).toBe("gpt-4.1 answers here; plans and forecasts come from the planning engine.");
  });

  it("renders the cards for the chosen team, and disables them without teams", () => {
    const html = renderToStaticMarkup(createElement(WorkflowStarters, { teams, defaultTeamKey: "MOB", model: { label: "Built-in planner", provider: "builtin" }, onStart: () => {} }));
    expect(html.match(/data-testid="starter-/g)).toHaveLength(4);
    expect(html).toContain("“Plan next sprint for Mobile”");
    expect(html).toContain('aria-checked="true"');
    const none = renderToStaticMarkup(createElement(WorkflowStarters, { teams: [], defaultTeamKey: null, model: { label: "Built-in planner", provider: "builtin" }, onStart: () => {} }));
    expect(none.match(/disabled=""/g)).toHaveLength(4);
    expect(none).toContain("No teams are synced yet");
  });
});
