import { describe, expect, it } from "vitest";
import {
  KNOWN_TOOLS,
  describeTool,
  formatArtifactReference,
  formatDay,
  humaniseToolName,
  parseProposeChangesOutput,
  parseSaveArtifactOutput,
  plural,
  summariseToolCall,
} from "./tool-labels";

describe("describeTool", () => {
  it("labels every tool the agent can call", () => {
    for (const name of KNOWN_TOOLS) {
      const d = describeTool(name);
      expect(d.category).not.toBe("other");
      expect(d.activeLabel).not.toBe(d.label);
    }
    expect(describeTool("searchWorkItems")).toEqual({ name: "searchWorkItems", label: "Searched issues", activeLabel: "Searching issues", category: "work" });
    expect(describeTool("saveArtifact").category).toBe("artifact");
    expect(describeTool("proposeChanges")).toEqual({ name: "proposeChanges", label: "Proposed changes", activeLabel: "Proposing changes", category: "approval" });
  });

  it("humanises tools it does not know instead of failing", () => {
    expect(describeTool("listEpicChildren")).toEqual({ name: "listEpicChildren", label: "List epic children", activeLabel: "List epic children", category: "other" });
    expect(humaniseToolName("get_team_members")).toBe("Get team members");
    expect(humaniseToolName("")).toBe("Tool");
  });

  it("does not treat Object.prototype keys as tools", () => {
    expect(describeTool("toString").category).toBe("other");
    expect(summariseToolCall("constructor", { query: "x" }, [1, 2])).toBe("“x” → 2 results");
  });
});

describe("summariseToolCall", () => {
  it("shows only the input while the call runs", () => {
    expect(summariseToolCall("searchWorkItems", { query: "refund rounding", teamKey: "PAY" })).toBe("“refund rounding” · PAY");
    expect(summariseToolCall("getWorkItem", { key: "PAY-12" })).toBe("PAY-12");
  });

  it("adds the output once it is there", () => {
    expect(summariseToolCall("searchWorkItems", { query: "checkout", teamKey: "PAY" }, { items: [{}, {}, {}] })).toBe("“checkout” · PAY → 3 issues");
    expect(summariseToolCall("searchWorkItems", { query: "checkout" }, { items: [{}], total: 41 })).toBe("“checkout” → 41 issues");
    expect(summariseToolCall("searchWorkItems", { query: "x" }, [{}])).toBe("“x” → 1 issue");
    expect(summariseToolCall("getWorkItem", { key: "PAY-12" }, { key: "PAY-12", title: "Fix refund rounding", status: "In Progress" })).toBe("PAY-12 → Fix refund rounding (In Progress)");
    expect(summariseToolCall("getPullRequests", { workItemKey: "PAY-12", state: "open" }, { pullRequests: [{}, {}] })).toBe("PAY-12 · open → 2 pull requests");
    expect(summariseToolCall("searchMessages", { query: "outage", channel: "team-payments" }, { messages: [] })).toBe("“outage” · #team-payments → 0 messages");
    expect(summariseToolCall("searchMessages", { query: "outage", channel: "#inc" }, [])).toBe("“outage” · #inc → 0 messages");
  });

  it("shortens long queries", () => {
    const query = "a".repeat(50);
    expect(summariseToolCall("searchDocuments", { query })).toBe(`“${"a".repeat(39)}…”`);
  });

  it("summarises sprint and release reads", () => {
    expect(summariseToolCall("getSprint", { teamKey: "PAY", which: "next" }, { sprint: { name: "PAY Sprint 26", state: "future" }, items: [{}, {}] })).toBe(
      "PAY · next → PAY Sprint 26 · future · 2 items",
    );
    expect(summariseToolCall("getRelease", { name: "Payments 2.4" }, { name: "Payments 2.4", releaseDate: "2026-08-29" })).toBe("Payments 2.4 → Payments 2.4 · due 29 Aug 2026");
  });

  it("summarises engine results with their figures", () => {
    expect(summariseToolCall("getVelocity", { teamKey: "PAY" }, { average: 23.46, sprints: [{}, {}, {}, {}, {}, {}] })).toBe("PAY → avg 23.5 pts/sprint · over 6 sprints");
    expect(summariseToolCall("getVelocity", { teamKey: "PAY" }, { average: 9, unit: "items" })).toBe("PAY → avg 9 items/sprint");
    expect(summariseToolCall("getCapacity", { teamKey: "PAY" }, { capacityPoints: 42, availableDays: 37.5 })).toBe("PAY → 42 pts capacity · 37.5 person-days");
    expect(summariseToolCall("forecastCompletion", { teamKey: "PAY" }, { percentiles: { p50: "2026-12-01", p85: "2027-01-12", p95: "2027-02-02" }, trials: 10000 })).toBe(
      "PAY → 85% by 12 Jan 2027 · 10,000 trials",
    );
    expect(summariseToolCall("planSprint", { teamKey: "PAY" }, { committed: [{}, {}, {}], committedPoints: 40, capacityPoints: 42 })).toBe("PAY → 3 items · 40 of 42 pts");
    expect(summariseToolCall("planRelease", { teamKey: "PAY" }, { forecast: { percentiles: { p85: "2026-09-04" } }, cut: [{}, {}] })).toBe("PAY → 85% by 4 Sep 2026 · 2 to cut");
    expect(summariseToolCall("detectRisks", { teamKey: "PAY" }, { risks: [{ severity: "high" }, { severity: "low" }, { severity: "Critical" }] })).toBe("PAY → 3 risks · 2 high");
    expect(summariseToolCall("breakdownWork", { key: "PAY-40" }, { items: [{}, {}, {}, {}] })).toBe("PAY-40 → 4 pieces");
    expect(summariseToolCall("getStatusReport", { teamKey: "PAY" }, { counts: { done: 7, inProgress: 4, blocked: 0 } })).toBe("PAY → 7 done · 4 in progress");
  });

  it("names the saved artifact once and only once", () => {
    const output = { artifactId: "a1", kind: "sprint_plan", title: "PAY Sprint 26", version: 1 };
    expect(summariseToolCall("saveArtifact", { kind: "sprint_plan", title: "PAY Sprint 26" })).toBe("Sprint plan · PAY Sprint 26");
    expect(summariseToolCall("saveArtifact", { kind: "sprint_plan", title: "PAY Sprint 26" }, output)).toBe("Sprint plan · PAY Sprint 26 · v1");
  });

  it("says how many proposed actions await approval, once the proposal is stored", () => {
    const input = { title: "Start PAY Sprint 26", rationale: "…", actions: [{ kind: "jira.moveToSprint", input: {} }, {}, {}] };
    expect(summariseToolCall("proposeChanges", input)).toBe("Start PAY Sprint 26");
    expect(summariseToolCall("proposeChanges", { actions: [{}, {}] })).toBe("2 actions");
    expect(summariseToolCall("proposeChanges", input, { proposalId: "p1", title: "Start PAY Sprint 26", actions: 3, status: "awaiting approval" })).toBe("3 actions awaiting approval");
    expect(summariseToolCall("proposeChanges", input, { proposalId: "p1", title: "x", actions: 1 })).toBe("1 action awaiting approval");
    expect(summariseToolCall("proposeChanges", input, { error: "nope" })).toBe("Start PAY Sprint 26");
  });

  it("falls back quietly on shapes it does not recognise", () => {
    expect(summariseToolCall("searchWorkItems", null, "oops")).toBe("");
    expect(summariseToolCall("getVelocity", 42, { weird: true })).toBe("");
    expect(summariseToolCall("detectRisks", { teamKey: "PAY" }, { risks: "none" })).toBe("PAY");
    expect(summariseToolCall("somethingNew", { key: "PAY-1" }, { ok: true })).toBe("PAY-1");
  });
});

describe("parseSaveArtifactOutput", () => {
  it("accepts the saveArtifact contract", () => {
    expect(parseSaveArtifactOutput({ artifactId: "a1", kind: "risk_register", title: "Mobile launch", version: 3, extra: 1 })).toEqual({
      artifactId: "a1",
      kind: "risk_register",
      title: "Mobile launch",
      version: 3,
    });
  });

  it("rejects anything else", () => {
    expect(parseSaveArtifactOutput(null)).toBeNull();
    expect(parseSaveArtifactOutput({ artifactId: "", kind: "sprint_plan", title: "x", version: 1 })).toBeNull();
    expect(parseSaveArtifactOutput({ artifactId: "a1", kind: "roadmap", title: "x", version: 1 })).toBeNull();
    expect(parseSaveArtifactOutput({ artifactId: "a1", kind: "sprint_plan", title: "x", version: 1.5 })).toBeNull();
    expect(parseSaveArtifactOutput({ artifactId: "a1", kind: "sprint_plan", version: 1 })).toBeNull();
  });
});

describe("parseProposeChangesOutput", () => {
  it("accepts the proposeChanges contract", () => {
    expect(parseProposeChangesOutput({ proposalId: "p1", title: "Start PAY Sprint 26", actions: 3, status: "awaiting approval", note: "…" })).toEqual({
      proposalId: "p1",
      title: "Start PAY Sprint 26",
      actions: 3,
      status: "awaiting approval",
    });
    expect(parseProposeChangesOutput({ proposalId: "p1", actions: [{}, {}] })).toEqual({ proposalId: "p1", title: "Proposed changes", actions: 2, status: null });
  });

  it("rejects anything without a proposal id", () => {
    expect(parseProposeChangesOutput(null)).toBeNull();
    expect(parseProposeChangesOutput({ title: "x", actions: 2 })).toBeNull();
    expect(parseProposeChangesOutput({ proposalId: "", actions: 2 })).toBeNull();
    expect(parseProposeChangesOutput({ proposalId: "p1", actions: -1 })?.actions).toBeNull();
  });
});

describe("formatting helpers", () => {
  it("formats artifact references", () => {
    expect(formatArtifactReference({ kind: "release_plan", title: "Payments 2.4", version: 12 })).toBe("Release plan · Payments 2.4 · v12");
  });

  it("formats ISO days and leaves other text alone", () => {
    expect(formatDay("2027-01-12")).toBe("12 Jan 2027");
    expect(formatDay("next week")).toBe("next week");
    expect(formatDay("2027-13-45")).toBe("2027-13-45");
  });

  it("pluralises with thousands separators", () => {
    expect(plural(1, "risk")).toBe("1 risk");
    expect(plural(0, "risk")).toBe("0 risks");
    expect(plural(1200, "pull request")).toBe("1,200 pull requests");
    expect(plural(2, "person", "people")).toBe("2 people");
  });
});
