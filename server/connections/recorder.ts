import { type Db } from "@/server/db/client";
import { logger } from "@/server/log/logger";
import { type CallRecord, type CallRecorder } from "@/server/connectors/types";

/**
 * Buffers call records and writes them in batches, so a sync of thousands of pages costs a handful
 * of inserts. `flush` before a job ends; records are never lost silently (a failed write is logged).
 */
export class DbCallRecorder implements CallRecorder {
  private buffer: CallRecord[] = [];

  constructor(
    private readonly db: Db,
    private readonly scope: { organizationId: string; connectionId: string | null; userId: string | null },
    private readonly batchSize = 100,
  ) {}

  record(call: CallRecord): void {
    this.buffer.push(call);
    if (this.buffer.length >= this.batchSize) void this.flush();
  }

  async flush(): Promise<void> {
    const rows = this.buffer.splice(0);
    if (rows.length === 0) return;
    try {
      await this.db.externalCall.createMany({
        data: rows.map((r) => ({ ...this.scope, tool: r.tool, operation: r.operation, status: r.status, httpStatus: r.httpStatus ?? null, latencyMs: r.latencyMs, retries: r.retries, error: r.error ?? null })),
      });
    } catch (e) {
      logger.error({ err: (e as Error).message, count: rows.length }, "failed to record external calls");
    }
  }
}
