import { describe, expect, it } from "vitest";
import { childrenFromDescription, suggestBreakdowns } from "./breakdown";
import { addedTo, at, makeDone, makeItem, makeSnapshot, twoWeekSprint } from "./testing/fixtures";

// Velocity: 10 and 14 points → median 12, half 6.
const sprints = [twoWeekSprint("6", "2026-10-12"), twoWeekSprint("7", "2026-10-26")];
const items = [
  makeDone({ key: "PAY-1", storyPoints: 10, sprintIds: ["6"], sprintHistory: [addedTo("6", at("2026-10-09"))], resolvedAt: at("2026-10-15") }),
  makeDone({ key: "PAY-2", storyPoints: 14, sprintIds: ["7"], sprintHistory: [addedTo("7", at("2026-10-23"))], resolvedAt: at("2026-10-29") }),
  makeItem({
    key: "PAY-30",
    storyPoints: 13,
    title: "Card checkout",
    description: "As a buyer I want to pay by card.\n\nAcceptance criteria:\n- card payments succeed\n- Declines show a reason.\n- Receipts are emailed\n\nNotes:\n- unrelated note",
  }),
  makeItem({ key: "PAY-31", type: "Bug", storyPoints: 7 }),
  makeItem({ key: "PAY-32", storyPoints: 5 }),
  makeDone({ key: "PAY-33", storyPoints: 13, resolvedAt: at("2026-11-02") }),
  makeItem({ key: "PAY-40", type: "Epic", title: "Payouts", description: "1. Payouts API\n2. Payouts dashboard\n3. Reconciliation report" }),
  makeItem({ key: "PAY-41", epicKey: "PAY-40", storyPoints: 6 }),
  makeItem({ key: "PAY-42", epicKey: "PAY-40" }),
  makeItem({ key: "PAY-43", parentKey: "PAY-40", storyPoints: 3 }),
  makeDone({ key: "PAY-44", epicKey: "PAY-40", storyPoints: 5, resolvedAt: at("2026-11-02") }),
  makeItem({ key: "PAY-50", type: "Epic" }),
  makeItem({ key: "PAY-51", epicKey: "PAY-50", storyPoints: 2 }),
];

describe("suggestBreakdowns", () => {
  const result = suggestBreakdowns(makeSnapshot({ items, sprints }));

  it("flags items above 8 points or above half the median velocity, largest first", () => {
    expect(result.thresholds).toEqual({ maxPoints: 8, halfMedianVelocity: 6, medianVelocity: 12 });
    expect(result.suggestions.filter((s) => s.kind === "item").map((s) => [s.key, s.points, s.reasons.length])).toEqual([
      ["PAY-30", 13, 2],
      ["PAY-31", 7, 1],
    ]);
  });

  it("turns acceptance criteria into child summaries", () => {
    const pay30 = result.suggestions.find((s) => s.key === "PAY-30")!;
    expect(pay30.children).toEqual([
      { summary: "Card payments succeed", origin: "description" },
      { summary: "Declines show a reason", origin: "description" },
      { summary: "Receipts are emailed", origin: "description" },
    ]);
  });

  it("falls back to labelled template slices", () => {
    const bug = result.suggestions.find((s) => s.key === "PAY-31")!;
    expect(bug.children.map((c) => c.origin)).toEqual(["template", "template", "template"]);
    expect(bug.children[0]!.summary).toMatch(/root cause/);
    expect(bug.sources.map((s) => s.id)).toEqual(["PAY-31", "6", "7"]);
  });

  it("flags epics whose open scope exceeds a sprint's velocity", () => {
    // Median estimate of estimated stories/tasks/bugs: [2,3,5,5,6,7,10,13,13,14] → 6.5; open children 6 + 6.5 + 3 = 15.5.
    const epic = result.suggestions.find((s) => s.key === "PAY-40")!;
    expect(epic).toMatchObject({ kind: "epic", points: 15.5, sprintsNeeded: 2 });
    expect(epic.children.map((c) => c.summary)).toEqual(["Payouts API", "Payouts dashboard", "Reconciliation report"]);
    expect(result.suggestions.find((s) => s.key === "PAY-50")).toBeUndefined();
  });

  it("uses only the point ceiling without history", () => {
    const r = suggestBreakdowns(makeSnapshot({ items: items.slice(2) }));
    expect(r.suggestions.map((s) => s.key)).toEqual(["PAY-30"]);
    expect(r.basis).toMatch(/no closed sprints/);
  });

  it("needs at least two lines to derive children", () => {
    expect(childrenFromDescription("Just one thing:\n- only this")).toEqual([]);
    expect(childrenFromDescription("* [ ] First\n* [x] Second")).toEqual(["First", "Second"]);
  });
});
