import { type Db } from "@/server/db/client";
import { type Prisma } from "@/server/db/generated/client";
import { type TenantDb } from "@/server/db/tenant";
import { hashEvent, normalizeMetadata } from "./chain";

export interface AuditInput {
  organizationId: string;
  actorId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  metadata?: Prisma.InputJsonValue;
  requestId?: string;
  ip?: string;
}

/** A client inside an interactive transaction: it has the model delegates but no `$transaction`. */
type AuditTx = Pick<Db, "auditEvent" | "$executeRaw">;

/**
 * Appends one event to the audit trail. Action names are `noun.verbed` (`auth.signed_in`,
 * `organization.renamed`). The table rejects updates and deletes at the database.
 *
 * Each organisation's events form a hash chain (server/audit/chain.ts). The append takes a
 * transaction-scoped advisory lock for the organisation before reading the last link, so
 * concurrent writers queue instead of forking the chain. Given a client already inside a
 * transaction it appends there, and the lock is held until that transaction ends.
 */
export async function recordAudit(db: Db | TenantDb, event: AuditInput) {
  const client = db as Db;
  if (typeof (client as Partial<Db>).$transaction === "function") {
    // Generous waits: under a burst of events for one organisation, appends queue on the lock.
    return client.$transaction((tx) => appendEvent(tx, event), { maxWait: 10_000, timeout: 10_000 });
  }
  return appendEvent(client, event);
}

async function appendEvent(tx: AuditTx, event: AuditInput) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`AuditEvent:${event.organizationId}`}, 0))`;
  const last = await tx.auditEvent.findFirst({
    where: { organizationId: event.organizationId },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const fields = {
    organizationId: event.organizationId,
    seq: (last?.seq ?? 0) + 1,
    actorId: event.actorId ?? null,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    metadata: normalizeMetadata(event.metadata),
    requestId: event.requestId ?? null,
    ip: event.ip ?? null,
    createdAt: new Date(),
    prevHash: last?.hash ?? null,
  };
  return tx.auditEvent.create({
    data: { ...fields, metadata: fields.metadata as Prisma.InputJsonValue, hash: hashEvent(fields) },
  });
}
