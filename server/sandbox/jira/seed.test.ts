import { beforeAll, describe, expect, it } from "vitest";
import { SandboxStore } from "../core/store";
import { adfToText } from "./adf";
import { STATUS, statusById, statusCategoryKey } from "./catalog";
import { runJql } from "./jql-eval";
import { buildLookup, sandboxNow } from "./lookup";
import { jiraIssueSummaries } from "./refs";
import { generateBulkProject, touchIssues } from "./seed";
import { type JiraState } from "./state";

let store: SandboxStore;
let jira: JiraState;
let now: number;
const DAY = 86_400_000;

beforeAll(() => {
  store = new SandboxStore(1);
  jira = store.state.jira;
  now = Date.parse(store.state.company.now);
});

describe("seeded Jira site", () => {
  it("has a Scrum project and board per team and 300+ issues", () => {
    expect(jira.projects.map((p) => p.key)).toEqual(["PAY", "MOB", "PLAT"]);
    expect(jira.boards.map((b) => b.type)).toEqual(["scrum", "scrum", "scrum"]);
    expect(jira.issues.length).toBeGreaterThanOrEqual(300);
    for (const p of jira.projects) {
      const mine = jira.issues.filter((i) => i.projectId === p.id);
      expect(mine.filter((i) => i.issueTypeId === "10000").length).toBeGreaterThanOrEqual(5);
      expect(new Set(mine.map((i) => i.issueTypeId))).toEqual(new Set(["10000", "10001", "10002", "10003", "10004"]));
      expect(p.seededIssueCount).toBe(mine.length);
      const team = store.state.company.teams.find((t) => t.id === p.teamId)!;
      const members = new Set(team.memberIds.map((id) => store.state.company.people.find((x) => x.id === id)!.jiraAccountId));
      expect(mine.every((i) => !i.assigneeAccountId || members.has(i.assigneeAccountId))).toBe(true);
    }
  });

  it("numbers issues like Jira: unique ids, keys in creation order per project", () => {
    expect(new Set(jira.issues.map((i) => i.id)).size).toBe(jira.issues.length);
    for (const p of jira.projects) {
      const mine = jira.issues.filter((i) => i.projectId === p.id);
      expect(mine.map((i) => i.key)).toEqual(mine.map((_, n) => `${p.key}-${n + 1}`));
      const created = mine.map((i) => i.created);
      expect(created).toEqual([...created].sort());
    }
  });

  it("runs seven closed two-week sprints per board, an active one containing now, and a future one", () => {
    for (const board of jira.boards) {
      const sprints = jira.sprints.filter((s) => s.boardId === board.id);
      const closed = sprints.filter((s) => s.state === "closed");
      expect(closed).toHaveLength(7);
      for (const s of closed) {
        expect(Date.parse(s.endDate!) - Date.parse(s.startDate!)).toBe(14 * DAY);
        expect(Date.parse(s.completeDate!)).toBeLessThan(now);
      }
      const active = sprints.filter((s) => s.state === "active");
      expect(active).toHaveLength(1);
      expect(Date.parse(active[0]!.startDate!)).toBeLessThan(now);
      expect(Date.parse(active[0]!.endDate!)).toBeGreaterThan(now);
      expect(sprints.filter((s) => s.state === "future")).toHaveLength(1);
      expect(sprints.every((s) => s.name.length <= 30)).toBe(true);
    }
  });

  it("has releases: one released and one upcoming with a date per project", () => {
    for (const p of jira.projects) {
      const versions = jira.versions.filter((v) => v.projectId === p.id);
      expect(versions.filter((v) => v.released)).toHaveLength(1);
      const upcoming = versions.find((v) => !v.released && v.releaseDate);
      expect(upcoming && Date.parse(upcoming.releaseDate!)).toBeGreaterThan(now);
      expect(jira.issues.some((i) => i.fixVersionIds.includes(upcoming!.id))).toBe(true);
    }
  });

  it("gives stories Fibonacci estimates and gives many issues comments", () => {
    const stories = jira.issues.filter((i) => i.issueTypeId === "10001");
    expect(stories.filter((s) => s.storyPoints !== null).length / stories.length).toBeGreaterThan(0.8);
    expect(stories.every((s) => s.storyPoints === null || [1, 2, 3, 5, 8, 13].includes(s.storyPoints))).toBe(true);
    expect(jira.issues.filter((i) => i.comments.length > 0).length / jira.issues.length).toBeGreaterThan(0.3);
  });

  it("keeps consistent histories: chronological, status steps chained, fields matching the last step", () => {
    for (const issue of jira.issues) {
      const times = issue.changelog.map((h) => h.created);
      expect(times).toEqual([...times].sort());
      expect(times.every((t) => t >= issue.created && Date.parse(t) <= now)).toBe(true);
      let status: string = STATUS.todo;
      for (const h of issue.changelog)
        for (const item of h.items.filter((it) => it.field === "status")) {
          expect(item.from).toBe(status);
          expect(item.fromString).toBe(statusById(status)!.name);
          status = item.to!;
        }
      expect(issue.statusId).toBe(status);
      expect(Boolean(issue.resolutionId)).toBe(status === STATUS.done);
      expect(issue.updated >= issue.created && Date.parse(issue.updated) <= now).toBe(true);
    }
    const flows = jira.issues.filter((i) => i.changelog.filter((h) => h.items.some((it) => it.field === "status")).length >= 3);
    expect(flows.length).toBeGreaterThan(100);
  });

  it("gives the active sprint the trouble risk detection looks for", () => {
    for (const board of jira.boards) {
      const active = jira.sprints.find((s) => s.boardId === board.id && s.state === "active")!;
      const start = active.startDate!;
      const inSprint = jira.issues.filter((i) => i.sprintIds.includes(active.id));
      const addedLater = inSprint.filter((i) => i.changelog.some((h) => h.created > start && h.items.some((it) => it.field === "Sprint" && it.to?.split(", ").at(-1) === String(active.id))));
      expect(addedLater.length).toBeGreaterThanOrEqual(3);
      expect(inSprint.filter((i) => i.flagged && statusCategoryKey(i.statusId) !== "done").length).toBeGreaterThanOrEqual(2);
      const blocked = inSprint.filter((i) => jira.links.some((l) => l.typeId === "10000" && l.targetId === i.id));
      expect(blocked.length).toBeGreaterThanOrEqual(2);
      expect(inSprint.filter((i) => !i.assigneeAccountId && (i.priorityId === "1" || i.priorityId === "2")).length).toBeGreaterThanOrEqual(2);
      expect(inSprint.some((i) => i.statusId === STATUS.inProgress && now - Date.parse(i.updated) > 3 * DAY)).toBe(true);
      expect(inSprint.filter((i) => i.statusId === STATUS.done).length).toBeGreaterThan(0);
    }
  });

  it("links issues across projects", () => {
    const project = new Map(jira.issues.map((i) => [i.id, i.projectId]));
    const cross = jira.links.filter((l) => project.get(l.sourceId) !== project.get(l.targetId));
    expect(cross.filter((l) => l.typeId === "10000").length).toBeGreaterThanOrEqual(3);
  });

  it("lists its hostile items, which exist and read as instructions to an agent", () => {
    expect(jira.hostileIds.length).toBeGreaterThanOrEqual(3);
    expect(jira.hostileIds.length).toBeLessThanOrEqual(6);
    for (const id of jira.hostileIds) {
      const issue = jira.issues.find((i) => i.key === id);
      const comment = jira.issues.flatMap((i) => i.comments).find((c) => c.id === id);
      const text = issue ? `${issue.summary} ${adfToText(issue.description)}` : adfToText(comment?.body);
      expect(text).toMatch(/AI|instructions|SYSTEM|token|Lumen/);
    }
  });

  it("offers the other seeds a flat view of the issues", () => {
    const summaries = jiraIssueSummaries(jira);
    expect(summaries).toHaveLength(jira.issues.length);
    const child = jira.issues.find((i) => i.parentId && jira.issues.find((p) => p.id === i.parentId)!.issueTypeId === "10000")!;
    const epic = jira.issues.find((p) => p.id === child.parentId)!;
    expect(summaries.find((s) => s.key === child.key)).toMatchObject({ epicKey: epic.key, parentKey: epic.key, projectKey: child.key.split("-")[0] });
    expect(summaries.filter((s) => s.hostile).length).toBe(jira.hostileIds.length);
  });

  it("is deterministic in the seed", () => {
    const again = new SandboxStore(1);
    expect(again.hash()).toBe(store.hash());
    expect(JSON.stringify(again.state.jira)).toBe(JSON.stringify(jira));
    const other = new SandboxStore(2);
    expect(other.hash()).not.toBe(store.hash());
    expect(other.state.jira.issues.map((i) => i.summary)).not.toEqual(jira.issues.map((i) => i.summary));
  });
});

describe("benchmark helpers", () => {
  // Its speed is measured by `npm run bench -- sync`, not here: a shared CI machine is no stopwatch.
  it("generates a 10,000-issue project deterministically", { timeout: 60_000 }, () => {
    const a = new SandboxStore(1);
    const project = generateBulkProject(a, { key: "BULK", issues: 10_000 });
    const bulk = a.state.jira.issues.filter((i) => i.projectId === project.id);
    expect(bulk).toHaveLength(10_000);
    expect(bulk.at(-1)!.key).toBe("BULK-10000");
    expect(new Set(a.state.jira.issues.map((i) => i.id)).size).toBe(a.state.jira.issues.length);
    const ctx = { lookup: buildLookup(a.state), now: sandboxNow(a.state), currentAccountId: null };
    expect(runJql("project = BULK AND statusCategory = done", ctx).length).toBeGreaterThan(8000);
    const b = new SandboxStore(1);
    generateBulkProject(b, { key: "BULK", issues: 10_000 });
    expect(b.hash()).toBe(a.hash());
    expect(() => generateBulkProject(a, { key: "BULK", issues: 1 })).toThrow(/already exists/);
  });

  it("touches issues with fresh logical-clock timestamps and distinct picks each time", () => {
    const s = new SandboxStore(1);
    const before = structuredClone(s.state.jira.issues);
    const first = touchIssues(s, { count: 20, projectKey: "MOB" });
    const second = touchIssues(s, { count: 20, projectKey: "MOB" });
    expect(first).toHaveLength(20);
    expect(new Set([...first, ...second]).size).toBe(40);
    expect([...first, ...second].every((k) => k.startsWith("MOB-"))).toBe(true);
    for (const key of first) {
      const issue = s.state.jira.issues.find((i) => i.key === key)!;
      const old = before.find((i) => i.key === key)!;
      expect(Date.parse(issue.updated)).toBeGreaterThan(now);
      expect(issue.changelog.length).toBe(old.changelog.length + 1);
    }
    const t = new SandboxStore(1);
    touchIssues(t, { count: 20, projectKey: "MOB" });
    touchIssues(t, { count: 20, projectKey: "MOB" });
    expect(t.hash()).toBe(s.hash());
  });
});
