import { recordAudit } from "@/server/audit/record";
import { type Role } from "@/server/db/generated/enums";
import { type TenantDb } from "@/server/db/tenant";
import { type Actor, auditContext } from "./actor";
import { MemberError } from "./errors";
import { LAST_ADMIN_MESSAGE, leavesNoAdmin } from "./rules";

/** The transaction client. It lacks a full client's connection methods, which is all that keeps it from
 * matching recordAudit's parameter type (hence the casts): recordAudit only creates a row. */
type Tx = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];

const GONE = "This person is no longer a member. Reload the list to see the current members.";

/**
 * Locks the organisation's admin memberships for the rest of the transaction and returns their ids.
 * Every change that can take away an admin takes these locks first, so two admins demoting or
 * removing each other at once run one after the other, and the second sees the first's result and
 * is refused. Ordered by id so concurrent callers lock in the same order and cannot deadlock.
 */
async function lockAdmins(tx: Tx, organizationId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Membership"
    WHERE "organizationId" = ${organizationId} AND role = 'ADMIN'::"Role"
    ORDER BY id FOR UPDATE`;
  return rows.map((r) => r.id);
}

async function findMember(tx: Tx, membershipId: string) {
  const member = await tx.membership.findFirst({ where: { id: membershipId }, include: { user: { select: { id: true, email: true, name: true } } } });
  if (!member) throw new MemberError(GONE, "NOT_FOUND");
  return member;
}

/**
 * Gives a member another role. The last admin cannot be demoted (including by themselves).
 * Choosing the role they already have changes and records nothing.
 */
export async function changeRole(db: TenantDb, input: { organizationId: string; membershipId: string; role: Role; actor: Actor }) {
  return db.$transaction(async (tx) => {
    const admins = await lockAdmins(tx, input.organizationId);
    const member = await findMember(tx, input.membershipId);
    if (member.role === input.role) return { id: member.id, role: member.role, changed: false };
    if (input.role !== "ADMIN" && leavesNoAdmin(admins, member.id)) throw new MemberError(LAST_ADMIN_MESSAGE, "CONFLICT");
    const updated = await tx.membership.update({ where: { id: member.id }, data: { role: input.role } });
    await recordAudit(tx as TenantDb, {
      organizationId: input.organizationId,
      ...auditContext(input.actor),
      action: "member.role_changed",
      targetType: "Membership",
      targetId: member.id,
      metadata: { userId: member.user.id, email: member.user.email, from: member.role, to: input.role },
    });
    return { id: updated.id, role: updated.role, changed: true };
  });
}

/**
 * Removes a member from the organisation; their access ends with their next request, since the
 * session is resolved from the database each time. People may remove themselves, unless they are
 * the last admin. The person's account stays, so their audit history keeps its author.
 */
export async function removeMember(db: TenantDb, input: { organizationId: string; membershipId: string; actor: Actor }) {
  return db.$transaction(async (tx) => {
    const admins = await lockAdmins(tx, input.organizationId);
    const member = await findMember(tx, input.membershipId);
    if (leavesNoAdmin(admins, member.id)) throw new MemberError(LAST_ADMIN_MESSAGE, "CONFLICT");
    await tx.membership.delete({ where: { id: member.id } });
    const self = member.user.id === input.actor.userId;
    await recordAudit(tx as TenantDb, {
      organizationId: input.organizationId,
      ...auditContext(input.actor),
      action: "member.removed",
      targetType: "Membership",
      targetId: member.id,
      metadata: { userId: member.user.id, email: member.user.email, role: member.role, ...(self ? { self: true } : {}) },
    });
    return { id: member.id, self };
  });
}
