import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runScheduledWorkflowFn } from "@/inngest/functions/run-scheduled-workflow";
import { generateKey } from "@/server/connectors/crypto";
import { JOBS } from "@/server/jobs/contracts";
import { sweepDueWorkflows } from "@/server/jobs/workflow-jobs";
import { tenantDb } from "@/server/db/tenant";
import { artifactBodySchema } from "@/server/planning/artifact";
import { nextRunAfter, weeklyCron } from "@/server/planning/schedules";
import { startSandboxServer, type RunningSandbox } from "@/server/sandbox/core/server";
import { testDb } from "@/test/db";
import { createSyncedOrg } from "@/test/synced-org";
import { runScheduledWorkflow } from "./scheduled-run";

let sandbox: RunningSandbox;
let org: Awaited<ReturnType<typeof createSyncedOrg>>;
const db = () => tenantDb(testDb(), org.org.id);

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  process.env.TOKEN_ENCRYPTION_KEY ??= generateKey();
  sandbox = await startSandboxServer({ seed: 42 });
  org = await createSyncedOrg(sandbox);
}, 120_000);
afterAll(async () => {
  await sandbox.close();
});

async function schedule(kind: string, teamKey = "PAY", nextRunAt = new Date(Date.now() - 60_000)) {
  const team = await db().team.findFirstOrThrow({ where: { key: teamKey } });
  return db().schedule.create({
    data: { organizationId: org.org.id, teamId: team.id, kind, cron: weeklyCron(5, "15:00"), timezone: "Europe/Berlin", createdById: org.member("PM").user.id, nextRunAt },
  });
}

describe("scheduled planning workflows", () => {
  it("claims a due slot once, moves the schedule to its next slot, and runs it once", async () => {
    const s = await schedule("status_report");
    const sent: { scheduleId: string; slot: string }[] = [];
    const now = new Date();
    expect(await sweepDueWorkflows(testDb(), { runWorkflow: async (p) => void sent.push(p) }, now)).toBeGreaterThanOrEqual(1);
    const mine = sent.filter((p) => p.scheduleId === s.id);
    expect(mine).toHaveLength(1);
    // A second sweep finds nothing new for it: the slot moved to next Friday 15:00 Berlin.
    await sweepDueWorkflows(testDb(), { runWorkflow: async (p) => void sent.push(p) }, now);
    expect(sent.filter((p) => p.scheduleId === s.id)).toHaveLength(1);
    const moved = await db().schedule.findUniqueOrThrow({ where: { id: s.id } });
    expect(moved.nextRunAt!.toISOString()).toBe(nextRunAfter(s.cron, s.timezone, now).toISOString());

    const due = { ...mine[0]!, organizationId: org.org.id };
    const outcome = await runScheduledWorkflow(testDb(), due);
    expect(outcome.status).toBe("succeeded");
    if (outcome.status !== "succeeded") return;
    const artifact = await db().artifact.findUniqueOrThrow({ where: { id: outcome.artifactId }, include: { versions: true } });
    expect(artifact).toMatchObject({ kind: "status_report", teamKey: "PAY", conversationId: null });
    expect(artifact.versions[0]!.origin).toBe("SCHEDULE");
    expect(artifactBodySchema.parse(artifact.versions[0]!.body).sections[0]!.heading).toBe("Summary");

    const note = await db().notification.findFirstOrThrow({ where: { userId: org.member("PM").user.id, kind: "artifact.ready" } });
    expect(note).toMatchObject({ title: "Status report for Payments is ready for review", href: `/artifacts/${artifact.id}` });
    const call = await db().modelCall.findFirstOrThrow({ where: { scheduleRunId: outcome.runId } });
    expect(call).toMatchObject({ provider: "builtin", workflow: "status_report", finishReason: "stop" });

    // The same slot again (a retried job) does nothing.
    expect(await runScheduledWorkflow(testDb(), due)).toEqual({ status: "skipped", reason: "this slot already ran" });
    expect(await db().artifact.count({ where: { kind: "status_report", conversationId: null } })).toBe(1);
  });

  it("records a failed run and tells the person who scheduled it", async () => {
    const s = await schedule("release_plan", "MOB");
    // Nothing to plan: the team's releases are gone.
    await db().release.deleteMany({ where: { projectKey: "MOB" } });
    const outcome = await runScheduledWorkflow(testDb(), { organizationId: org.org.id, scheduleId: s.id, slot: new Date().toISOString() });
    expect(outcome.status).toBe("failed");
    const run = await db().scheduleRun.findFirstOrThrow({ where: { scheduleId: s.id } });
    expect(run.status).toBe("FAILED");
    expect(run.error).toMatch(/without saving an artifact/);
    const note = await db().notification.findFirstOrThrow({ where: { kind: "artifact.failed" } });
    expect(note.title).toBe("Release plan for Mobile could not be written");
  });

  it("runs through the Inngest function, idempotent per schedule and slot", async () => {
    const s = await schedule("risk_register", "PLAT", new Date(Date.now() + 86_400_000));
    const slot = new Date().toISOString();
    const engine = new InngestTestEngine({
      function: runScheduledWorkflowFn,
      events: [{ name: JOBS.workflowDue.event, data: { organizationId: org.org.id, scheduleId: s.id, slot } }],
    });
    const { result, error } = await engine.execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "succeeded" });
    const options = (runScheduledWorkflowFn as unknown as { opts: { idempotency: string; concurrency: unknown } }).opts;
    expect(options.idempotency).toBe('event.data.scheduleId + ":" + event.data.slot');
    expect(options.concurrency).toEqual({ key: "event.data.organizationId", limit: 2 });
  });
});
