import { generateText, stepCountIs } from "ai";
import { type Db } from "@/server/db/client";
import { tenantDb } from "@/server/db/tenant";
import { logger } from "@/server/log/logger";
import { ARTIFACT_KIND_LABELS } from "@/server/planning/artifact";
import { type SavedVersion } from "@/server/planning/artifacts";
import { isArtifactKind, type DueWorkflow } from "@/server/planning/schedules";
import { agentPolicyFor } from "@/server/policies/store";
import { SourceLedger } from "./context";
import { ModelCallRecorder } from "./model-calls";
import { resolveModel, type ModelOverride } from "./models/registry";
import { promptVersionId, systemPrompt } from "./prompts";
import { createTools } from "./tools";

export type ScheduledOutcome =
  | { status: "succeeded"; runId: string; artifactId: string; version: number }
  | { status: "failed"; runId: string; error: string }
  | { status: "skipped"; reason: string };

/**
 * Runs one scheduled workflow for one slot, exactly once: the run row is unique per schedule and
 * slot, so a retried or duplicated job finds it and stops. The artifact lands ready for review
 * and the person who scheduled it gets a notification (success or failure) in the app.
 */
export async function runScheduledWorkflow(root: Db, due: DueWorkflow, opts: { override?: ModelOverride; now?: Date } = {}): Promise<ScheduledOutcome> {
  const db = tenantDb(root, due.organizationId);
  const schedule = await db.schedule.findFirst({ where: { id: due.scheduleId }, include: { team: true } });
  if (!schedule) return { status: "skipped", reason: "schedule deleted" };
  if (!isArtifactKind(schedule.kind)) return { status: "skipped", reason: `unknown workflow ${schedule.kind}` };
  const kind = schedule.kind;

  const claimed = await db.scheduleRun.createMany({ data: [{ organizationId: due.organizationId, scheduleId: schedule.id, slot: new Date(due.slot) }], skipDuplicates: true });
  if (claimed.count === 0) return { status: "skipped", reason: "this slot already ran" };
  const run = await db.scheduleRun.findFirstOrThrow({ where: { scheduleId: schedule.id, slot: new Date(due.slot) } });

  const label = `${ARTIFACT_KIND_LABELS[kind]} for ${schedule.team.name}`;
  const now = opts.now ?? new Date();
  try {
    const org = await db.organization.findFirstOrThrow({ select: { name: true } });
    const teams = await db.team.findMany({ select: { key: true, name: true, channel: true }, orderBy: { key: "asc" } });
    const resolved = resolveModel(await db.modelConfig.findFirst(), { env: { OPENAI_API_KEY: process.env.OPENAI_API_KEY }, override: opts.override });
    const agentPolicy = await agentPolicyFor(db, schedule.createdById, now);
    const ctx = { db, organizationId: due.organizationId, userId: schedule.createdById, conversationId: null, now, ledger: new SourceLedger(), scheduleRunId: run.id, offeredKinds: agentPolicy.offered, withheld: agentPolicy.unavailable };
    const recorder = new ModelCallRecorder(db, { organizationId: due.organizationId, info: resolved.info, promptVersion: promptVersionId(kind), workflow: kind, userId: schedule.createdById, conversationId: null, scheduleRunId: run.id });

    let saved: SavedVersion | null = null;
    let answer = "";
    try {
      const result = await generateText({
        model: resolved.model,
        system: systemPrompt({ kind, teams, teamKey: schedule.team.key, today: now.toISOString().slice(0, 10), organization: org.name }),
        prompt: `Scheduled run: write the ${ARTIFACT_KIND_LABELS[kind].toLowerCase()} for ${schedule.team.name} (${schedule.team.key}) and save it as an artifact.`,
        tools: createTools(ctx),
        stopWhen: stepCountIs(8),
        providerOptions: { builtin: { workflow: { kind, teamKey: schedule.team.key }, teams, unavailable: agentPolicy.unavailable } as never },
      });
      answer = result.text;
      for (const step of result.steps) {
        for (const call of step.toolCalls) recorder.toolCalls.push({ toolName: call.toolName, input: call.input });
        for (const r of step.toolResults) if (r.toolName === "saveArtifact") saved = r.output as SavedVersion;
      }
      await recorder.finish({ output: result.text, finishReason: result.finishReason, inputTokens: result.totalUsage.inputTokens, outputTokens: result.totalUsage.outputTokens });
    } catch (error) {
      await recorder.finish({ finishReason: "error", error: (error as Error).message });
      throw error;
    }
    if (!saved) throw new Error(`the workflow finished without saving an artifact${answer ? `: ${answer.replace(/\*\*/g, "").slice(0, 300)}` : ""}`);

    await db.$transaction([
      db.scheduleRun.update({ where: { id: run.id }, data: { status: "SUCCEEDED", artifactId: saved.artifactId, finishedAt: new Date() } }),
      db.schedule.update({ where: { id: schedule.id }, data: { lastRunAt: new Date() } }),
      db.notification.create({
        data: { organizationId: due.organizationId, userId: schedule.createdById, kind: "artifact.ready", title: `${label} is ready for review`, body: saved.title, href: `/artifacts/${saved.artifactId}` },
      }),
    ]);
    return { status: "succeeded", runId: run.id, artifactId: saved.artifactId, version: saved.version };
  } catch (error) {
    const message = (error as Error).message || String(error);
    logger.warn({ err: error, scheduleId: schedule.id }, "scheduled workflow failed");
    await db.$transaction([
      db.scheduleRun.update({ where: { id: run.id }, data: { status: "FAILED", error: message, finishedAt: new Date() } }),
      db.notification.create({
        data: { organizationId: due.organizationId, userId: schedule.createdById, kind: "artifact.failed", title: `${label} could not be written`, body: `${message.replace(/\.$/, "")}. It runs again at its next slot; you can also run it from the chat.`, href: "/chat" },
      }),
    ]);
    return { status: "failed", runId: run.id, error: message };
  }
}
