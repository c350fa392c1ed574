import { type Prisma } from "./generated/client";
import { type Db } from "./client";

/**
 * Models whose rows belong to one organisation. Every such model has an `organizationId` column;
 * adding a tenant model means adding it here, and the isolation tests cover it from then on.
 */
export const TENANT_MODELS = [
  "Membership",
  "Invitation",
  "AuditEvent",
  "Connection",
  "OAuthFlow",
  "SyncRun",
  "SyncCursor",
  "ExternalCall",
  "Person",
  "Project",
  "WorkItem",
  "StatusChange",
  "Sprint",
  "Release",
  "PullRequest",
  "Review",
  "Document",
  "Message",
  "Team",
  "TeamMember",
  "ModelConfig",
  "Conversation",
  "ChatMessage",
  "Artifact",
  "ArtifactVersion",
  "ModelCall",
  "Schedule",
  "ScheduleRun",
  "Notification",
  "Proposal",
  "ProposedAction",
  "Decision",
  "PolicyVersion",
] as const satisfies readonly Prisma.ModelName[];
type TenantModel = (typeof TENANT_MODELS)[number];

/** Models the organisation-scoped client may never touch (identity and sign-in secrets). */
const FORBIDDEN_MODELS = new Set<string>(["Account", "Session", "VerificationToken"]);

const READ_OR_FILTERED_WRITE = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "upsert",
]);

export class TenantViolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TenantViolationError";
  }
}

/**
 * Adds `condition` to a where clause with AND, keeping the caller's own conditions (including a
 * conflicting `organizationId`, which then matches nothing) and unique fields at the top level.
 */
function constrain(where: unknown, condition: Record<string, unknown>): Record<string, unknown> {
  const w = (where ?? {}) as Record<string, unknown>;
  const and = w.AND === undefined ? [] : Array.isArray(w.AND) ? w.AND : [w.AND];
  return { ...w, AND: [...and, condition] };
}

function isTenantModel(model: string): model is TenantModel {
  return (TENANT_MODELS as readonly string[]).includes(model);
}

function withOrg<T>(data: T, organizationId: string): T {
  if (Array.isArray(data)) return data.map((d) => withOrg(d, organizationId)) as T;
  const row = data as Record<string, unknown>;
  if (row.organizationId !== undefined && row.organizationId !== organizationId) {
    throw new TenantViolationError("A row cannot be written into another organisation.");
  }
  return { ...row, organizationId } as T;
}

/**
 * A client that can only see and write one organisation's rows: tenant models are filtered and
 * stamped with `organizationId`, Organization is narrowed to the organisation itself, User to its
 * members, and sign-in tables are unreachable. Procedures receive this as `ctx.db`.
 */
export function tenantDb(db: Db, organizationId: string) {
  return db.$extends({
    name: "tenant",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (FORBIDDEN_MODELS.has(model)) {
            throw new TenantViolationError(`${model} is not reachable from organisation-scoped code.`);
          }
          const a = (args ?? {}) as Record<string, unknown>;
          if (isTenantModel(model)) {
            if (READ_OR_FILTERED_WRITE.has(operation)) {
              a.where = constrain(a.where, { organizationId });
            }
            if (operation === "create" || operation === "createMany" || operation === "createManyAndReturn") {
              a.data = withOrg(a.data, organizationId);
            }
            if (operation === "upsert") {
              a.create = withOrg(a.create, organizationId);
            }
          } else if (model === "Organization") {
            if (operation.startsWith("create") || operation.startsWith("delete")) {
              throw new TenantViolationError("Organisations are created and deleted outside a tenant scope.");
            }
            a.where = constrain(a.where, { id: organizationId });
          } else if (model === "User") {
            if (operation.startsWith("create") || operation.startsWith("delete") || operation === "upsert") {
              throw new TenantViolationError("Users are created and deleted outside a tenant scope.");
            }
            a.where = constrain(a.where, { memberships: { some: { organizationId } } });
          }
          return query(a);
        },
      },
    },
  });
}

export type TenantDb = ReturnType<typeof tenantDb>;
