import { type Db } from "@/server/db/client";
import { type Prisma } from "@/server/db/generated/client";
import { type TenantDb } from "@/server/db/tenant";

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

/**
 * Appends one event to the audit trail. Action names are `noun.verbed` (`auth.signed_in`,
 * `organization.renamed`). The table rejects updates and deletes at the database.
 */
export async function recordAudit(db: Db | TenantDb, event: AuditInput) {
  return (db as Db).auditEvent.create({
    data: {
      organizationId: event.organizationId,
      actorId: event.actorId ?? null,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      metadata: event.metadata ?? {},
      requestId: event.requestId ?? null,
      ip: event.ip ?? null,
    },
  });
}
