import { type Role } from "@/server/db/generated/enums";
import { type Db } from "@/server/db/client";
import { scopesFor, type Scope } from "./scopes";

/** What a signed-in request knows about its user: identity, active organisation and role. */
export interface AppSession {
  user: { id: string; name: string | null; email: string | null; image: string | null };
  organization: { id: string; name: string; slug: string } | null;
  role: Role | null;
  scopes: Scope[];
  expires: string;
}

/**
 * Resolves the active membership from the database on every request, so a role change or a
 * removal takes effect at once instead of when a token expires.
 */
export async function resolveMembership(db: Db, userId: string, preferredOrganizationId?: string | null) {
  const memberships = await db.membership.findMany({
    where: { userId },
    include: { organization: { select: { id: true, name: true, slug: true } } },
    orderBy: { createdAt: "asc" },
  });
  return memberships.find((m) => m.organizationId === preferredOrganizationId) ?? memberships[0] ?? null;
}

export function sessionFields(membership: Awaited<ReturnType<typeof resolveMembership>>) {
  return {
    organization: membership ? membership.organization : null,
    role: membership ? membership.role : null,
    scopes: membership ? scopesFor(membership.role) : [],
  };
}
