import { randomUUID } from "node:crypto";
import { type Db } from "@/server/db/client";

type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** Tables sync writes, keyed on (connectionId, sourceId). */
export type SyncTable = "Person" | "Project" | "WorkItem" | "StatusChange" | "Sprint" | "Release" | "PullRequest" | "Review" | "Document" | "Message";

/**
 * Inserts or updates rows in one statement per batch: the rows travel as one JSON parameter that
 * Postgres expands with json_populate_recordset into the table's own row type, so types (dates,
 * arrays, jsonb) are converted by the database and 100 rows cost one round trip, not 100.
 */
export async function bulkUpsert(tx: Tx, table: SyncTable, scope: { organizationId: string; connectionId: string }, rows: object[]): Promise<number> {
  if (rows.length === 0) return 0;
  const now = new Date().toISOString();
  const payload = rows.map((r) => ({ id: randomUUID(), ...scope, ...("syncedAt" in r ? {} : { syncedAt: now }), ...r }));
  const columns = Object.keys(payload[0]!).filter((c) => c !== "syncedAt" || ["Person", "WorkItem"].includes(table));
  const quoted = columns.map((c) => `"${c}"`).join(", ");
  const updates = columns
    .filter((c) => !["id", "organizationId", "connectionId", "sourceId"].includes(c))
    .map((c) => `"${c}" = EXCLUDED."${c}"`)
    .join(", ");
  const sql = `INSERT INTO "${table}" (${quoted})
    SELECT ${quoted} FROM json_populate_recordset(NULL::"${table}", $1::json)
    ON CONFLICT ("connectionId", "sourceId") DO UPDATE SET ${updates}`;
  return tx.$executeRawUnsafe(sql, JSON.stringify(payload, (_k, v: unknown) => (v instanceof Date ? v.toISOString() : v)));
}

