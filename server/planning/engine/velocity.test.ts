import { describe, expect, it } from "vitest";
import { addedTo, at, makeDone, makeItem, makeSnapshot, removedFrom, twoWeekSprint } from "./testing/fixtures";
import { typicalSprintLengthDays, velocityHistory } from "./velocity";

// Sprint 1: Mon 12 Oct 09:00 → Mon 26 Oct 09:00, completed 09:30. Sprint 2 follows it.
const s1 = twoWeekSprint("1", "2026-10-12");
const s2 = twoWeekSprint("2", "2026-10-26");
const planning = at("2026-10-09T10:00");
const s1Completed = at("2026-10-26T09:30");

const items = [
  makeDone({ key: "PAY-1", storyPoints: 5, sprintIds: ["1"], sprintHistory: [addedTo("1", planning)], resolvedAt: at("2026-10-20T12:00") }),
  // Resolved after the planned end but before the sprint was completed: still counts.
  makeDone({ key: "PAY-2", storyPoints: 3, sprintIds: ["1"], sprintHistory: [addedTo("1", planning)], resolvedAt: at("2026-10-26T09:15") }),
  // Unfinished in sprint 1, moved into sprint 2 when sprint 1 was completed, finished there.
  makeDone({
    key: "PAY-3",
    storyPoints: 2,
    sprintIds: ["1", "2"],
    sprintHistory: [addedTo("1", planning), addedTo("2", s1Completed)],
    resolvedAt: at("2026-10-28T12:00"),
  }),
  // Added mid-sprint, unestimated.
  makeDone({ key: "PAY-4", sprintIds: ["1"], sprintHistory: [addedTo("1", at("2026-10-14T10:00"))], resolvedAt: at("2026-10-22T10:00") }),
  makeItem({ key: "PAY-5", storyPoints: 8, sprintIds: [], sprintHistory: [addedTo("1", planning), removedFrom("1", at("2026-10-15T10:00"))] }),
  makeDone({ key: "PAY-6", type: "Subtask", parentKey: "PAY-1", storyPoints: 1, sprintIds: ["1"], resolvedAt: at("2026-10-19T10:00") }),
  makeDone({ key: "PAY-7", storyPoints: 3, sprintIds: ["1"], resolvedAt: at("2026-10-05T10:00") }),
  // No changelog: created before the sprint and listed in it, so committed.
  makeDone({ key: "PAY-8", storyPoints: 1, sprintIds: ["1"], resolvedAt: at("2026-10-13T10:00") }),
  makeItem({ key: "PAY-9", storyPoints: 5, status: "In Progress", statusCategory: "indeterminate", sprintIds: ["2"], sprintHistory: [addedTo("2", at("2026-10-27T10:00"))] }),
];

describe("velocityHistory", () => {
  const history = velocityHistory(makeSnapshot({ items, sprints: [s2, s1] }));

  it("splits a sprint into committed, added, removed, completed and carried over", () => {
    const [first] = history.sprints;
    expect(first!.sprintId).toBe("1");
    expect(first!.committed).toEqual({ points: 19, items: 5 }); // 1, 2, 3, 5, 8
    expect(first!.added).toEqual({ points: 0, items: 1 }); // 4
    expect(first!.removed).toEqual({ points: 8, items: 1 }); // 5
    expect(first!.completed).toEqual({ points: 9, items: 4 }); // 1, 2, 4, 8
    expect(first!.carriedOver).toEqual({ points: 2, items: 1 }); // 3
    expect(first!.completedUnestimated).toBe(1);
    expect(first!.keys.completed).toEqual(["PAY-1", "PAY-2", "PAY-4", "PAY-8"]);
    expect(first!.sources[0]).toMatchObject({ kind: "sprint", id: "1" });
    expect(first!.sources.map((s) => s.id)).not.toContain("PAY-6");
  });

  it("counts an item moved in at the previous sprint's completion as committed, later additions as added", () => {
    const second = history.sprints[1]!;
    expect(second.committed).toEqual({ points: 2, items: 1 });
    expect(second.added).toEqual({ points: 5, items: 1 });
    expect(second.completed).toEqual({ points: 2, items: 1 });
    expect(second.carriedOver).toEqual({ points: 5, items: 1 });
  });

  it("summarises completed points and items", () => {
    expect(history.points).toEqual({ n: 2, mean: 5.5, median: 5.5, stdev: 4.95, min: 2, max: 9 });
    expect(history.items).toEqual({ n: 2, mean: 2.5, median: 2.5, stdev: 2.12, min: 1, max: 4 });
  });

  it("keeps only the last six closed sprints, oldest first", () => {
    const mondays = ["2026-07-20", "2026-08-03", "2026-08-17", "2026-08-31", "2026-09-14", "2026-09-28", "2026-10-12", "2026-10-26"];
    const sprints = mondays.map((m, i) => twoWeekSprint(String(i + 1), m));
    const h = velocityHistory(makeSnapshot({ sprints: [...sprints, twoWeekSprint("9", "2026-11-09", "active")] }));
    expect(h.sprints.map((s) => s.sprintId)).toEqual(["3", "4", "5", "6", "7", "8"]);
    expect(h.points?.mean).toBe(0);
  });

  it("has no stats and says so without closed sprints", () => {
    const h = velocityHistory(makeSnapshot());
    expect(h.sprints).toEqual([]);
    expect(h.points).toBeNull();
    expect(h.basis).toMatch(/No closed sprints/);
  });

  it("takes the sprint length from history, else the team's setting", () => {
    expect(typicalSprintLengthDays(makeSnapshot({ sprints: [s1, s2] }))).toBe(14);
    expect(typicalSprintLengthDays(makeSnapshot({ team: { key: "PAY", name: "Payments", timezone: "UTC", sprintLengthDays: 10 } }))).toBe(10);
  });
});
