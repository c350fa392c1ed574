import { describe, expect, it } from "vitest";
import { statusReport, type StatusReport } from "./status-report";
import { addedTo, at, makeDone, makeItem, makePullRequest, makeSnapshot, removedFrom, twoWeekSprint } from "./testing/fixtures";
import { type EngineItem } from "./types";

// Active sprint 8: Mon 9 Nov 09:00 → Mon 23 Nov 09:00 (10 working days). Now: Wed 18 Nov 12:00,
// so Wed, Thu and Fri remain.
const sprint = twoWeekSprint("8", "2026-11-09", "active");
const planned = addedTo("8", at("2026-11-06T10:00"));
const inSprint = (fields: Partial<EngineItem> & { key: string }) => makeItem({ sprintIds: ["8"], sprintHistory: [planned], ...fields });
// Throughput: five items every Tuesday for 12 weeks → a daily rate of 1 item.
const throughput = Array.from({ length: 60 }, (_, n) =>
  makeDone({ key: `PAY-${100 + n}`, resolvedAt: new Date(at("2026-08-25T10:00").getTime() + Math.floor(n / 5) * 7 * 86_400_000) }),
);
const items = [
  ...throughput,
  makeDone({ key: "PAY-10", storyPoints: 3, sprintIds: ["8"], sprintHistory: [planned], resolvedAt: at("2026-11-10T15:00") }),
  makeDone({ key: "PAY-11", storyPoints: 5, sprintIds: ["8"], sprintHistory: [planned], resolvedAt: at("2026-11-16T10:00") }),
  inSprint({ key: "PAY-12", storyPoints: 2, status: "In Progress", statusCategory: "indeterminate", assigneeName: "Ana" }),
  inSprint({ key: "PAY-13", storyPoints: 1, flagged: true }),
  makeItem({ key: "PAY-14", storyPoints: 2, sprintIds: ["8"], sprintHistory: [addedTo("8", at("2026-11-12T10:00"))] }),
  makeItem({ key: "PAY-15", storyPoints: 8, sprintIds: [], sprintHistory: [planned, removedFrom("8", at("2026-11-13T10:00"))] }),
  makeDone({ key: "PAY-16", storyPoints: 1, resolvedAt: at("2026-11-17T10:00") }),
];
const pullRequests = [
  makePullRequest({ number: 50, state: "merged", mergedAt: at("2026-11-16T09:00"), workItemKeys: ["PAY-11"] }),
  makePullRequest({ number: 51, createdAt: at("2026-11-17T09:00"), updatedAt: at("2026-11-17T09:00"), workItemKeys: ["PAY-12"] }),
  makePullRequest({ number: 52, state: "merged", mergedAt: at("2026-11-05T09:00"), workItemKeys: ["PAY-9"] }),
];
const snapshot = makeSnapshot({ items, sprints: [sprint], pullRequests });

describe("statusReport", () => {
  const report = statusReport(snapshot, { trials: 300 }) as StatusReport;

  it("counts days, commitment, scope change, completion and what remains", () => {
    expect(report.ok).toBe(true);
    expect(report.days).toEqual({ total: 10, elapsed: 7, remaining: 3 });
    expect(report.committed).toEqual({ points: 19, items: 5 }); // 10, 11, 12, 13, 15
    expect(report.added).toEqual({ points: 2, items: 1 });
    expect(report.removed).toEqual({ points: 8, items: 1 });
    expect(report.completed).toEqual({ points: 8, items: 2 });
    expect(report.remaining).toEqual({ points: 5, items: 3 });
    expect(report.scopeChange).toEqual({ added: ["PAY-14"], removed: ["PAY-15"] });
    expect(report.progress).toBe(0.615); // 8 of 13 points
  });

  it("lists the last seven days' finished work, work in progress, blocked items and pull requests", () => {
    expect(report.completedThisWeek.map((i) => [i.key, i.inSprint])).toEqual([
      ["PAY-11", true],
      ["PAY-16", false],
    ]);
    expect(report.inProgress.map((i) => i.key)).toEqual(["PAY-12"]);
    expect(report.blocked.map((i) => i.key)).toEqual(["PAY-13"]);
    expect(report.blocked[0]!.reason).toMatch(/impediment/);
    expect(report.pullRequests.merged.map((p) => [p.label, p.day, p.workItemKeys])).toEqual([["payments-service#50", "2026-11-16", ["PAY-11"]]]);
    expect(report.pullRequests.opened.map((p) => p.label)).toEqual(["payments-service#51"]);
  });

  it("draws a burn-up of done and scope points per working day", () => {
    expect(report.burnUp.map((p) => [p.date, p.donePoints, p.scopePoints])).toEqual([
      ["2026-11-09", 0, 19],
      ["2026-11-10", 3, 19],
      ["2026-11-11", 3, 19],
      ["2026-11-12", 3, 21],
      ["2026-11-13", 3, 13],
      ["2026-11-16", 8, 13],
      ["2026-11-17", 8, 13],
      ["2026-11-18", 8, 13],
    ]);
  });

  it("forecasts the remaining items by working day against the sprint's last day", () => {
    // At least one item a day (the current week's extra finishes only raise some rates to 1.2):
    // 3 items take 3 working days, Wednesday to Friday.
    expect(report.forecast!.view.percentiles).toEqual({ p50: "2026-11-20", p85: "2026-11-20", p95: "2026-11-20" });
    expect(report.forecast!.view.targetDate).toBe("2026-11-20");
    expect(report.forecast!.probabilityByEnd).toBe(1);
  });

  it("includes the top risks and cites its sources", () => {
    expect(report.risks.map((r) => r.id)).toEqual(expect.arrayContaining(["blocked:PAY-13", "scope-added:8"]));
    expect(report.sources[0]).toMatchObject({ kind: "sprint", id: "8" });
    expect(report.sources.map((s) => s.id)).toEqual(expect.arrayContaining(["PAY-15", "PAY-16", "acme/payments-service#50", "acme/payments-service#51"]));
  });

  it("says what to do when no sprint is active", () => {
    const none = statusReport(makeSnapshot({ sprints: [twoWeekSprint("7", "2026-10-26")] }));
    expect(none).toMatchObject({ ok: false, candidates: [{ id: "7", state: "closed" }] });
    if (none.ok) throw new Error("expected no active sprint");
    expect(none.reason).toMatch(/No sprint is active/);
  });

  it("reports a closed sprint without a forecast", () => {
    const closed = statusReport(makeSnapshot({ items, sprints: [twoWeekSprint("8", "2026-11-09")], now: at("2026-11-25T12:00") }), { sprintId: "8" }) as StatusReport;
    expect(closed.days).toEqual({ total: 10, elapsed: 10, remaining: 0 });
    expect(closed.forecast).toBeNull();
    expect(closed.remaining.items).toBe(3);
  });
});
