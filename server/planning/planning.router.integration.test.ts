import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/server/db/tenant";
import { callerFor, createOrg, sessionFor, testDb } from "@/test/db";
import { type ArtifactBody } from "./artifact";
import { saveGeneratedArtifact } from "./artifacts";

let org: Awaited<ReturnType<typeof createOrg>>;
const as = (role: "PM" | "ENGINEER" | "ADMIN" | "LEADERSHIP") => callerFor(sessionFor(org.org, org.member(role).user, role));
const body = (title: string, text = "Commit 20 points."): ArtifactBody => ({ title, sections: [{ id: "summary", heading: "Summary", markdown: text }], forecast: null, sources: [] });

beforeAll(async () => {
  org = await createOrg();
  const db = tenantDb(testDb(), org.org.id);
  const team = await db.team.create({ data: { organizationId: org.org.id, key: "PAY", name: "Payments", projectKey: "PAY", repos: [], timezone: "Europe/Berlin" } });
  await db.teamMember.create({ data: { organizationId: org.org.id, teamId: team.id, personSourceId: "acc-1", name: "Lena Fischer", daysOff: [] } });
});

describe("artifacts", () => {
  it("saves an edit as the next version and refuses an edit of an outdated version", async () => {
    const db = tenantDb(testDb(), org.org.id);
    const saved = await saveGeneratedArtifact(db, { organizationId: org.org.id, kind: "sprint_plan", teamKey: "PAY", body: body("PAY Sprint 26 plan"), conversationId: null, userId: org.member("PM").user.id, origin: "AGENT" });
    const pm = await as("PM");
    const edited = await pm.planning.saveArtifactVersion({ artifactId: saved.artifactId, baseVersion: 1, body: body("PAY Sprint 26 plan", "Commit 18 points; Lena is out Friday.") });
    expect(edited.version).toBe(2);
    await expect(pm.planning.saveArtifactVersion({ artifactId: saved.artifactId, baseVersion: 1, body: body("Stale edit") })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("A newer version (v2) was saved while you were editing"),
    });
    const view = await pm.planning.artifact({ id: saved.artifactId });
    expect(view!.latestNumber).toBe(2);
    expect(view!.current.body.sections[0]!.markdown).toBe("Commit 18 points; Lena is out Friday.");
    expect(view!.versions.map((v) => [v.number, v.origin])).toEqual([
      [2, "edit"],
      [1, "agent"],
    ]);
    const old = await pm.planning.artifact({ id: saved.artifactId, version: 1 });
    expect(old!.current.body.sections[0]!.markdown).toBe("Commit 20 points.");
  });

  it("rejects an invalid artifact body with field errors, writing nothing", async () => {
    const db = tenantDb(testDb(), org.org.id);
    const saved = await saveGeneratedArtifact(db, { organizationId: org.org.id, kind: "risk_register", teamKey: "PAY", body: body("Risks"), conversationId: null, userId: null, origin: "AGENT" });
    const pm = await as("PM");
    const error = await pm.planning.saveArtifactVersion({ artifactId: saved.artifactId, baseVersion: 1, body: { ...body(""), sections: [] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect(await db.artifactVersion.count({ where: { artifactId: saved.artifactId } })).toBe(1);
  });
});

describe("teams", () => {
  it("lets a PM set availability and days off, validated, and keeps days off sorted and unique", async () => {
    const pm = await as("PM");
    const [team] = await pm.planning.teams();
    const member = team!.members[0]!;
    await pm.planning.updateMember({ id: member.id, availability: 0.6, daysOff: ["2026-12-24", "2026-12-23", "2026-12-24"] });
    const after = (await pm.planning.teams())[0]!.members[0]!;
    expect(after).toMatchObject({ availability: 0.6, daysOff: ["2026-12-23", "2026-12-24"] });
    await expect(pm.planning.updateMember({ id: member.id, availability: 1.5 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(pm.planning.updateMember({ id: member.id, daysOff: ["24/12/2026"] })).rejects.toThrow(/Use a date like 2026-12-24/);
    await expect(pm.planning.updateTeam({ key: "PAY", timezone: "Mars/Olympus" })).rejects.toThrow(/IANA time zone/);
  });

  it("keeps engineers and leadership to reading", async () => {
    const engineer = await as("ENGINEER");
    expect((await engineer.planning.teams()).map((t) => t.key)).toEqual(["PAY"]);
    await expect(engineer.planning.updateTeam({ key: "PAY", sprintLengthDays: 10 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const lead = await as("LEADERSHIP");
    await expect(lead.planning.conversations()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("schedules", () => {
  it("schedules the weekly status report for Fridays 15:00 in the team's zone, once", async () => {
    const pm = await as("PM");
    const created = await pm.planning.createSchedule({ teamKey: "PAY", kind: "status_report", weekday: 5, time: "15:00" });
    // Fridays at 15:00 in Berlin are 14:00 UTC in winter, 13:00 in summer.
    expect(created.nextRunAt.getUTCDay()).toBe(5);
    expect([13, 14]).toContain(created.nextRunAt.getUTCHours());
    const [team] = await pm.planning.teams();
    expect(team!.schedules).toMatchObject([{ kind: "status_report", cron: "0 15 * * 5", timezone: "Europe/Berlin", weekly: { weekday: 5, time: "15:00" }, enabled: true }]);
    await expect(pm.planning.createSchedule({ teamKey: "PAY", kind: "status_report", weekday: 5, time: "15:00" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(pm.planning.createSchedule({ teamKey: "PAY", kind: "status_report", weekday: 5, time: "25:00" })).rejects.toThrow("Use a time like 15:00.");

    const paused = await pm.planning.setScheduleEnabled({ id: created.id, enabled: false });
    expect(paused.enabled).toBe(false);
    await pm.planning.deleteSchedule({ id: created.id });
    expect((await pm.planning.teams())[0]!.schedules).toEqual([]);
  });
});
