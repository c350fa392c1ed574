import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKey } from "@/server/connectors/crypto";
import { tenantDb } from "@/server/db/tenant";
import { startSandboxServer, type RunningSandbox } from "@/server/sandbox/core/server";
import { testDb } from "@/test/db";
import { createSyncedOrg } from "@/test/synced-org";
import { loadTeamSnapshot, TeamNotFoundError } from "./snapshot";
import { refreshTeams } from "./teams";

let sandbox: RunningSandbox;
let org: Awaited<ReturnType<typeof createSyncedOrg>>;

beforeAll(async () => {
  process.env.TOKEN_ENCRYPTION_KEY ??= generateKey();
  sandbox = await startSandboxServer({ seed: 42 });
  org = await createSyncedOrg(sandbox);
}, 120_000);
afterAll(async () => {
  await sandbox.close();
});

describe("teams from synced data", () => {
  it("makes one team per Jira project, with its board, lead, channel, repositories and assignees", async () => {
    const db = tenantDb(testDb(), org.org.id);
    const teams = await db.team.findMany({ include: { members: true }, orderBy: { key: "asc" } });
    const company = sandbox.store.state.company;
    expect(teams.map((t) => t.key)).toEqual(company.teams.map((t) => t.key).sort());
    for (const team of teams) {
      const source = company.teams.find((t) => t.key === team.key)!;
      expect(team.name).toBe(source.name);
      expect(team.channel).toBe(source.channel);
      expect(team.repos).toContain(source.repo);
      expect(team.leadName).toBe(company.people.find((p) => p.id === source.emId)!.name);
      expect(team.boardId).not.toBeNull();
      expect(team.sprintLengthDays).toBe(14);
      expect(team.members.length).toBeGreaterThanOrEqual(3);
      // Every member is someone the project's work was assigned to.
      const assignees = new Set((await db.workItem.findMany({ where: { projectKey: team.key }, select: { assigneeId: true } })).map((i) => i.assigneeId));
      expect(team.members.every((m) => assignees.has(m.personSourceId))).toBe(true);
    }
  });

  it("keeps what a PM edited when teams refresh again", async () => {
    const db = tenantDb(testDb(), org.org.id);
    const team = await db.team.findFirstOrThrow({ where: { key: "PAY" }, include: { members: true } });
    await db.team.update({ where: { id: team.id }, data: { timezone: "Europe/Berlin", channel: "payments-war-room" } });
    await db.teamMember.update({ where: { id: team.members[0]!.id }, data: { availability: 0.5, daysOff: ["2026-12-24"] } });
    const again = await refreshTeams(db, org.org.id);
    expect(again.created).toEqual([]);
    const after = await db.team.findFirstOrThrow({ where: { key: "PAY" }, include: { members: true } });
    expect(after.timezone).toBe("Europe/Berlin");
    expect(after.channel).toBe("payments-war-room");
    const member = after.members.find((m) => m.id === team.members[0]!.id)!;
    expect(member).toMatchObject({ availability: 0.5, daysOff: ["2026-12-24"] });
  });
});

describe("a team snapshot", () => {
  it("holds the team's items with sprint history, flags and ranks, its sprints, releases, PRs and conversations", async () => {
    const db = tenantDb(testDb(), org.org.id);
    const now = new Date(sandbox.store.state.company.now);
    const snap = await loadTeamSnapshot(db, "PAY", now);
    expect(snap.items.length).toBeGreaterThan(80);
    expect(snap.items.every((i) => i.projectKey === "PAY")).toBe(true);
    expect(snap.items.some((i) => i.flagged)).toBe(true);
    expect(snap.items.filter((i) => i.rank).length).toBeGreaterThan(50);
    const moved = snap.items.filter((i) => i.sprintHistory.length > 0);
    expect(moved.length).toBeGreaterThan(20);
    expect(moved[0]!.sprintHistory[0]!.at).toBeInstanceOf(Date);
    expect(snap.items.some((i) => i.statusChanges.length > 0)).toBe(true);
    expect(snap.sprints.map((s) => s.state)).toEqual(expect.arrayContaining(["closed", "active", "future"]));
    expect(snap.releases.length).toBe(3);
    expect(snap.pullRequests.length).toBeGreaterThan(0);
    expect(snap.pullRequests.some((p) => p.reviews.length > 0)).toBe(true);
    expect(snap.messages.length).toBeGreaterThan(0);
    expect(snap.members.length).toBeGreaterThanOrEqual(3);
  });

  it("is confined to the caller's organisation", async () => {
    const other = tenantDb(testDb(), "org-that-does-not-exist");
    await expect(loadTeamSnapshot(other, "PAY")).rejects.toBeInstanceOf(TeamNotFoundError);
  });

  it("names the teams there are when asked for one that is not", async () => {
    const db = tenantDb(testDb(), org.org.id);
    await expect(loadTeamSnapshot(db, "NOPE")).rejects.toThrow(/There is no team "NOPE"\. Teams: .*Payments \(PAY\)/);
  });
});
