import { type TenantDb } from "@/server/db/tenant";
import { logger } from "@/server/log/logger";
import { type ModelInfo } from "./models/registry";

export interface ToolCallRecord {
  toolName: string;
  input: unknown;
  output?: unknown;
  error?: string;
}

/**
 * Measures one model call as it streams — time to first token, total latency, tokens, tool
 * calls — and writes it once, however the call ends (finished, stopped, failed).
 */
export class ModelCallRecorder {
  private readonly started = performance.now();
  private firstTokenAt: number | null = null;
  private written = false;
  readonly toolCalls: ToolCallRecord[] = [];

  constructor(
    private readonly db: TenantDb,
    private readonly base: { organizationId: string; info: ModelInfo; promptVersion: string; workflow: string | null; userId: string | null; conversationId: string | null; scheduleRunId?: string | null },
  ) {}

  /** Call on every streamed chunk; the first text or tool call marks the first token. */
  chunk(type: string): void {
    if (this.firstTokenAt === null && (type === "text-delta" || type === "tool-call" || type === "reasoning-delta" || type === "tool-input-start")) {
      this.firstTokenAt = performance.now();
    }
  }

  async finish(outcome: { output?: string; finishReason: string; inputTokens?: number; outputTokens?: number; error?: string }): Promise<string | null> {
    if (this.written) return null;
    this.written = true;
    try {
      const row = await this.db.modelCall.create({
        data: {
          organizationId: this.base.organizationId,
          userId: this.base.userId,
          conversationId: this.base.conversationId,
          scheduleRunId: this.base.scheduleRunId ?? null,
          provider: this.base.info.provider,
          modelId: this.base.info.id,
          workflow: this.base.workflow,
          promptVersion: this.base.promptVersion,
          inputTokens: outcome.inputTokens ?? null,
          outputTokens: outcome.outputTokens ?? null,
          timeToFirstTokenMs: this.firstTokenAt === null ? null : Math.round(this.firstTokenAt - this.started),
          latencyMs: Math.round(performance.now() - this.started),
          toolCalls: JSON.parse(JSON.stringify(this.toolCalls)),
          output: outcome.output ?? null,
          finishReason: outcome.finishReason,
          error: outcome.error ?? null,
        },
        select: { id: true },
      });
      return row.id;
    } catch (error) {
      // Recording must never break the answer the person is reading.
      logger.error({ err: error }, "model call not recorded");
      return null;
    }
  }
}
