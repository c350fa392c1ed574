import { randomBytes } from "node:crypto";
import { type Db } from "@/server/db/client";

const at = (iso: string) => new Date(iso);

/**
 * A small, fully known set of proposals, decisions, actions, tool calls and model calls on
 * 2026-11-10/11, so every dashboard figure can be computed by hand (see metrics.integration.test.ts).
 * Team PAY owns Jira project PAY, Slack channel team-payments and repository acme/pay.
 */
export async function seedMetrics(db: Db, organizationId: string, userId: string) {
  const tag = randomBytes(4).toString("hex");
  await db.team.create({ data: { organizationId, key: "PAY", name: "Payments", projectKey: "PAY", channel: "team-payments", repos: ["acme/pay"] } });
  const conversation = await db.conversation.create({ data: { organizationId, userId, title: "Payments plan", teamKey: "PAY" } });
  const proposal = await db.proposal.create({ data: { organizationId, title: "Tidy the sprint", rationale: "Known figures", createdAt: at("2026-11-10T09:00:00Z") } });
  const created = at("2026-11-10T10:00:00Z");
  const actions: { kind: string; tool: "JIRA" | "SLACK" | "GITHUB"; input: object; originalInput?: object; status: "SUCCEEDED" | "FAILED" | "REJECTED" | "PROPOSED"; verification?: object; ms?: number }[] = [
    { kind: "jira.transition", tool: "JIRA", input: { issueKey: "PAY-1" }, status: "SUCCEEDED", verification: { consistent: true, mismatches: [] }, ms: 1000 },
    { kind: "jira.transition", tool: "JIRA", input: { issueKey: "PAY-2", to: "Done" }, originalInput: { issueKey: "PAY-2", to: "In review" }, status: "SUCCEEDED", verification: { consistent: false, mismatches: ["status"] }, ms: 2000 },
    { kind: "jira.transition", tool: "JIRA", input: { issueKey: "OPS-3" }, status: "FAILED" },
    // No read-back and no timing: counted as succeeded, left out of consistency and execution time.
    { kind: "slack.postMessage", tool: "SLACK", input: { channel: "team-payments", text: "hi" }, status: "SUCCEEDED" },
    { kind: "github.createIssue", tool: "GITHUB", input: { repo: "acme/pay", title: "x" }, status: "REJECTED" },
    { kind: "jira.transition", tool: "JIRA", input: { issueKey: "OPS-4" }, status: "REJECTED" },
    { kind: "jira.transition", tool: "JIRA", input: { issueKey: "PAY-5" }, status: "PROPOSED" },
  ];
  await db.proposedAction.createMany({
    data: actions.map((a, position) => ({
      organizationId,
      proposalId: proposal.id,
      position,
      kind: a.kind,
      tool: a.tool,
      input: a.input,
      originalInput: a.originalInput ?? a.input,
      status: a.status,
      idempotencyKey: `metrics-${tag}-${position}`,
      ...(a.verification ? { verification: a.verification } : {}),
      ...(a.ms ? { startedAt: created, finishedAt: new Date(created.getTime() + a.ms) } : {}),
      createdAt: created,
    })),
  });
  await db.decision.create({ data: { organizationId, proposalId: proposal.id, userId, kind: "REJECT", reason: "Wrong sprint", createdAt: created } });
  await db.externalCall.createMany({
    data: [
      { tool: "JIRA" as const, status: "ok", latencyMs: 100, day: "10" },
      { tool: "JIRA" as const, status: "ok", latencyMs: 200, day: "10" },
      { tool: "JIRA" as const, status: "error", latencyMs: 300, day: "10" },
      { tool: "JIRA" as const, status: "ok", latencyMs: 400, day: "10" },
      { tool: "SLACK" as const, status: "ok", latencyMs: 50, day: "11" },
    ].map(({ day, ...c }) => ({ organizationId, operation: "op", ...c, createdAt: at(`2026-11-${day}T08:00:00Z`) })),
  });
  const model = { organizationId, provider: "BUILTIN", modelId: "m", promptVersion: "v1", createdAt: created };
  await db.modelCall.createMany({
    data: [
      { ...model, conversationId: conversation.id, timeToFirstTokenMs: 100, latencyMs: 1000 },
      { ...model, timeToFirstTokenMs: 300, latencyMs: 3000 },
      { ...model },
      { ...model, timeToFirstTokenMs: 50, latencyMs: 9000, error: "timeout" },
    ],
  });
}
