import { describe, expect, it } from "vitest";
import { capacityRate, windowCapacity } from "./capacity";
import { addedTo, at, makeDone, makeMember, makeSnapshot, twoWeekSprint } from "./testing/fixtures";

const s1 = twoWeekSprint("1", "2026-10-12");
const s2 = twoWeekSprint("2", "2026-10-26");
const members = [
  makeMember({ id: "a", name: "Ana", availability: 1, daysOff: ["2026-11-26", "2026-11-28"] }), // Thursday, Saturday
  makeMember({ id: "b", name: "Ben", availability: 0.5 }),
  makeMember({ id: "c", name: "Cleo", availability: 0.8, daysOff: ["2026-12-01", "2026-12-02"] }),
];
// Past sprints had 10 working days each and nobody away: 10 + 5 + 8 = 23 person-days.
// Sprint 1 finished 23 points (1 point per person-day), sprint 2 finished 46 (2 per person-day).
const items = [
  makeDone({ key: "PAY-1", storyPoints: 23, sprintIds: ["1"], sprintHistory: [addedTo("1", at("2026-10-09"))], resolvedAt: at("2026-10-15") }),
  makeDone({ key: "PAY-2", storyPoints: 23, sprintIds: ["2"], sprintHistory: [addedTo("2", at("2026-10-23"))], resolvedAt: at("2026-10-29") }),
  makeDone({ key: "PAY-3", storyPoints: 23, sprintIds: ["2"], sprintHistory: [addedTo("2", at("2026-10-23"))], resolvedAt: at("2026-10-30") }),
];
const next = { start: at("2026-11-23T09:00"), end: at("2026-12-07T09:00") };

describe("windowCapacity", () => {
  const snapshot = makeSnapshot({ items, members, sprints: [s1, s2] });

  it("takes days off and availability out of each member's working days", () => {
    const cap = windowCapacity(snapshot, next);
    expect(cap.workingDays).toBe(10);
    expect(cap.members.map((m) => [m.memberId, m.availableDays, m.personDays])).toEqual([
      ["a", 9, 9], // the Saturday off costs nothing
      ["b", 10, 5],
      ["c", 8, 6.4],
    ]);
    expect(cap.members[0]!.daysOff).toEqual(["2026-11-26"]);
    expect(cap.personDays).toBe(20.4);
    expect(cap.start).toBe("2026-11-23");
    expect(cap.end).toBe("2026-12-07");
  });

  it("turns person-days into points with the median historical rate", () => {
    const rate = capacityRate(snapshot);
    expect(rate.sprints.map((s) => [s.personDays, s.pointsPerPersonDay])).toEqual([
      [23, 1],
      [23, 2],
    ]);
    const cap = windowCapacity(snapshot, next);
    expect(cap.pointsPerPersonDay).toBe(1.5);
    expect(cap.points).toBe(30.6); // 1.5 × 20.4
    expect(cap.members.map((m) => m.points)).toEqual([13.5, 7.5, 9.6]);
    expect(cap.items).toBe(1.33); // median(1/23, 2/23) × 20.4
    expect(cap.reason).toBeNull();
    expect(cap.basis).toContain("person-day");
    expect(cap.sources.map((s) => s.id)).toEqual(["1", "2", "a", "b", "c"]);
  });

  it("is zero with a reason when there are no members", () => {
    const cap = windowCapacity(makeSnapshot({ items, sprints: [s1, s2] }), next);
    expect(cap.points).toBe(0);
    expect(cap.personDays).toBe(0);
    expect(cap.reason).toMatch(/No team members/);
  });

  it("is zero with a reason over a weekend", () => {
    const cap = windowCapacity(snapshot, { start: at("2026-11-21T09:00"), end: at("2026-11-23T08:00") });
    expect(cap.workingDays).toBe(0);
    expect(cap.points).toBe(0);
    expect(cap.reason).toMatch(/no working days/);
  });

  it("gives person-days but no points without history", () => {
    const cap = windowCapacity(makeSnapshot({ members }), next);
    expect(cap.personDays).toBe(20.4);
    expect(cap.points).toBeNull();
    expect(cap.reason).toMatch(/No closed sprints yet/);
  });
});
