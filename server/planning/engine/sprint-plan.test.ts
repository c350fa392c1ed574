import { describe, expect, it } from "vitest";
import { planSprint } from "./sprint-plan";
import { addedTo, at, makeDone, makeItem, makeMember, makeSnapshot, makeSprint, twoWeekSprint } from "./testing/fixtures";
import { type EngineItem } from "./types";

// History: sprints 6 and 7 each finished 20 points with two full-time members (20 person-days),
// so the rate is 1 point per person-day. Now is Wednesday 18 Nov 12:00 in active sprint 8.
const sprints = [
  twoWeekSprint("6", "2026-10-12"),
  twoWeekSprint("7", "2026-10-26"),
  twoWeekSprint("8", "2026-11-09", "active"),
  makeSprint({ id: "9", name: "PAY Sprint 9", state: "future" }),
];
// Ben is away 8 of the 10 working days of sprint 9: capacity 10 + 2 = 12 points.
const members = [
  makeMember({ id: "a", name: "Ana" }),
  makeMember({ id: "b", name: "Ben", daysOff: ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-30", "2026-12-01", "2026-12-02"] }),
];
const inActive = (key: string, fields: Partial<EngineItem>) =>
  makeItem({ key, sprintIds: ["8"], sprintHistory: [addedTo("8", at("2026-11-06"))], ...fields });
const started = { status: "In Progress", statusCategory: "indeterminate" as const };
const blockedBy = (key: string) => [{ type: "is blocked by", direction: "inward" as const, key }];

const items = [
  makeDone({ key: "PAY-1", storyPoints: 20, sprintIds: ["6"], sprintHistory: [addedTo("6", at("2026-10-09"))], resolvedAt: at("2026-10-15") }),
  makeDone({ key: "PAY-2", storyPoints: 20, sprintIds: ["7"], sprintHistory: [addedTo("7", at("2026-10-23"))], resolvedAt: at("2026-10-29") }),
  // Active sprint: 3 working days (6 points) left. PAY-10 fits; PAY-11 would make 7, so it and PAY-12 carry over.
  inActive("PAY-10", { ...started, storyPoints: 2, rank: "a" }),
  inActive("PAY-11", { ...started, storyPoints: 5, rank: "b", assigneeId: "b", assigneeName: "Ben" }),
  inActive("PAY-12", { storyPoints: 1, priority: "High", rank: "c", assigneeId: "a", assigneeName: "Ana" }),
  makeDone({ key: "PAY-13", storyPoints: 2, sprintIds: ["8"], sprintHistory: [addedTo("8", at("2026-11-06"))], resolvedAt: at("2026-11-12") }),
  makeItem({ key: "PAY-20", storyPoints: 2, sprintIds: ["9"], rank: "c2" }),
  makeItem({ key: "PAY-30", storyPoints: 1, priority: "High", rank: "d", links: blockedBy("PAY-31") }),
  makeItem({ key: "PAY-31", storyPoints: 1, priority: "Low", rank: "e" }),
  makeItem({ key: "PAY-32", priority: "Medium", rank: "f" }),
  makeItem({ key: "PAY-33", priority: "Highest", rank: "g", assigneeId: "a", assigneeName: "Ana", links: blockedBy("PAY-10") }),
  makeItem({ key: "PAY-34", storyPoints: 1, priority: "Medium", rank: "i", links: blockedBy("PLAT-1") }),
  makeItem({ key: "PAY-35", storyPoints: 5, priority: "Low", rank: "k" }),
  makeItem({ key: "PAY-36", storyPoints: 1, priority: "Low", rank: "j" }),
  makeItem({ key: "PAY-40", type: "Epic", storyPoints: 40 }),
];
const linkedItems = [makeItem({ key: "PLAT-1", ...started })];

describe("planSprint", () => {
  const plan = planSprint(makeSnapshot({ items, linkedItems, sprints, members }));

  it("plans the future sprint with a capacity from history, days off and the default length", () => {
    expect(plan.sprint).toMatchObject({ id: "9", name: "PAY Sprint 9", start: "2026-11-23", end: "2026-12-07", isNew: false });
    expect(plan.capacity.personDays).toBe(12);
    expect(plan.commitmentPoints).toBe(12);
  });

  it("puts carry-over first, then the sprint's items, then the backlog by priority, pulling blockers forward", () => {
    // Carry-over: PAY-12 (High, 1), PAY-11 (5); in sprint: PAY-20 (2); backlog: PAY-33 (Highest, median 2),
    // PAY-31 pulled forward for PAY-30 (High), PAY-30: 1 + 5 + 2 + 2 + 1 + 1 = 12.
    expect(plan.items.map((i) => i.key)).toEqual(["PAY-12", "PAY-11", "PAY-20", "PAY-33", "PAY-31", "PAY-30"]);
    expect(plan.items.map((i) => i.origin)).toEqual(["carry-over", "carry-over", "in-sprint", "backlog", "backlog", "backlog"]);
    expect(plan.items.find((i) => i.key === "PAY-31")!.pulledForwardFor).toBe("PAY-30");
    expect(plan.totals).toMatchObject({ plannedPoints: 12, plannedItems: 6, carryOverPoints: 6, carryOverItems: 2, medianEstimate: 2 });
    expect(plan.assumptions.join(" ")).toContain("1 expected to finish");
  });

  it("flags unestimated items and counts them at the median estimate", () => {
    const pay33 = plan.items.find((i) => i.key === "PAY-33")!;
    expect(pay33).toMatchObject({ points: 2, estimated: false, needsEstimate: true, blockedBy: ["PAY-10"] });
    expect(plan.totals.needsEstimate).toBe(1);
    expect(plan.warnings.some((w) => w.includes("no estimate"))).toBe(true);
  });

  it("lists a stretch beyond the commitment, defers items blocked by another team, and stops", () => {
    expect(plan.stretch.map((i) => i.key)).toEqual(["PAY-32"]); // 2 ≤ 20% of 12
    expect(plan.deferred.map((d) => d.key)).toEqual(["PAY-34"]);
    expect(plan.deferred[0]!.reason).toContain("PLAT-1");
    expect(plan.totals.notPlannedItems).toBe(2); // PAY-36, PAY-35
    expect(plan.items.concat(plan.stretch).map((i) => i.key)).not.toContain("PAY-40");
  });

  it("reports each person's load against their capacity", () => {
    expect(plan.load).toEqual([
      { assigneeId: "a", name: "Ana", points: 3, items: 2, capacityPoints: 10, overloaded: false },
      { assigneeId: "b", name: "Ben", points: 5, items: 1, capacityPoints: 2, overloaded: true },
      { assigneeId: null, name: "Unassigned", points: 4, items: 3, capacityPoints: null, overloaded: false },
    ]);
    expect(plan.warnings.some((w) => w.startsWith("Ben has 5 points"))).toBe(true);
  });

  it("cites the sprints and every planned item", () => {
    const ids = plan.sources.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(["9", "8", "6", "7", "PAY-12", "PAY-30", "PAY-32", "PAY-34"]));
  });

  it("returns an empty plan with warnings for an empty team", () => {
    const empty = planSprint(makeSnapshot());
    expect(empty.items).toEqual([]);
    expect(empty.sprint).toMatchObject({ id: null, isNew: true, name: "Next sprint", start: "2026-11-18", end: "2026-12-02" });
    expect(empty.warnings.join("\n")).toMatch(/No team members/);
    expect(empty.warnings.join("\n")).toMatch(/No closed sprints yet/);
    expect(empty.warnings.join("\n")).toMatch(/Nothing to plan/);
  });

  it("plans nothing without history unless given a capacity, and says why once", () => {
    const p = planSprint(makeSnapshot({ members, items: [makeItem({ key: "PAY-1", storyPoints: 3 })] }));
    expect(p.items).toEqual([]);
    // Wed 18 Nov 12:00 + 14 days: 10 working days; Ben is off 7 of them.
    expect(p.capacity.personDays).toBe(13);
    expect(p.warnings.filter((w) => w.startsWith("No closed sprints"))).toHaveLength(1);
    expect(p.warnings[0]).toMatch(/13 person-days .* Set a capacity in points/);
  });

  it("plans against an override without history, lets a smaller item fill the gap, and defers a dependency cycle", () => {
    const snapshot = makeSnapshot({
      members,
      items: [
        makeItem({ key: "PAY-1", storyPoints: 3, links: blockedBy("PAY-2") }),
        makeItem({ key: "PAY-2", storyPoints: 3, links: blockedBy("PAY-1") }),
        makeItem({ key: "PAY-3", storyPoints: 3 }),
        makeItem({ key: "PAY-4", storyPoints: 3 }),
        makeItem({ key: "PAY-5", storyPoints: 1 }),
      ],
    });
    const p = planSprint(snapshot, { capacityOverride: 5 });
    expect(p.items.map((i) => i.key)).toEqual(["PAY-3", "PAY-5"]); // PAY-4 would make 6 of 5
    expect(p.deferred.map((d) => d.key).sort()).toEqual(["PAY-1", "PAY-2"]);
    expect(p.stretch).toEqual([]); // PAY-4 (3) exceeds the 1-point stretch
    expect(p.totals.notPlannedItems).toBe(1);
    expect(p.assumptions[0]).toMatch(/Commitment set to 5 points/);
  });

  it("plans a new sprint after the active one when there is no future sprint", () => {
    const p = planSprint(makeSnapshot({ items, linkedItems, members, sprints: sprints.slice(0, 3) }));
    expect(p.sprint).toMatchObject({ id: null, name: "PAY Sprint 9", start: "2026-11-23", end: "2026-12-07", isNew: true });
    // PAY-20 names a sprint the board no longer has, so it is backlog work now.
    expect(p.items.find((i) => i.key === "PAY-20")?.origin).toBe("backlog");
  });
});
