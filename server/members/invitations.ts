import { recordAudit } from "@/server/audit/record";
import { ROLE_LABELS } from "@/server/auth/scopes";
import { type Db } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { type Role } from "@/server/db/generated/enums";
import { type TenantDb } from "@/server/db/tenant";
import { type Actor, auditContext } from "./actor";
import { MemberError } from "./errors";
import { invitationExpiry, normalizeEmail } from "./rules";

// Transaction clients are cast for recordAudit, which only creates a row: their type lacks the
// connection methods of a full client, nothing it uses.

/** Not accepted and not revoked; expiry is checked separately because it depends on the clock. */
const UNSETTLED = { acceptedAt: null, revokedAt: null } as const;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

function alreadyInvited(email: string, role: Role) {
  return new MemberError(`${email} already has an open invitation as ${ROLE_LABELS[role]}. Revoke it first to invite them with another role.`, "CONFLICT");
}

/**
 * Invites `email` to the organisation with `role`. Refused when the address already belongs to a
 * member or has an open invitation; an expired invitation for it is renewed rather than duplicated,
 * since the partial unique index allows one unsettled invitation per address. Two admins inviting
 * the same address at once meet at that index, and the second is told it is already invited.
 */
export async function inviteMember(db: TenantDb, input: { organizationId: string; email: string; role: Role; actor: Actor }, now: Date = new Date()) {
  const email = normalizeEmail(input.email);
  try {
    return await db.$transaction(async (tx) => {
      const member = await tx.membership.findFirst({ where: { user: { email: { equals: email, mode: "insensitive" } } }, select: { id: true } });
      if (member) throw new MemberError(`${email} is already a member. Change their role in the members list instead.`, "CONFLICT");

      const unsettled = await tx.invitation.findFirst({ where: { email, ...UNSETTLED } });
      if (unsettled && unsettled.expiresAt > now) throw alreadyInvited(email, unsettled.role);
      const fields = { role: input.role, invitedById: input.actor.userId, createdAt: now, expiresAt: invitationExpiry(now) };
      const invitation = unsettled
        ? await tx.invitation.update({ where: { id: unsettled.id }, data: fields })
        : await tx.invitation.create({ data: { organizationId: input.organizationId, email, ...fields } });

      await recordAudit(tx as TenantDb, {
        organizationId: input.organizationId,
        ...auditContext(input.actor),
        action: "member.invited",
        targetType: "Invitation",
        targetId: invitation.id,
        metadata: { email, role: input.role, expiresAt: invitation.expiresAt.toISOString(), ...(unsettled ? { renewed: true } : {}) },
      });
      return invitation;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyInvited(email, input.role);
    throw error;
  }
}

/** Withdraws an open invitation, so the address can no longer join with it. */
export async function revokeInvitation(db: TenantDb, input: { organizationId: string; invitationId: string; actor: Actor }, now: Date = new Date()) {
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { id: input.invitationId } });
    if (!invitation) throw new MemberError("This invitation does not exist. Reload the list to see the current invitations.", "NOT_FOUND");
    const { count } = await tx.invitation.updateMany({ where: { id: invitation.id, ...UNSETTLED }, data: { revokedAt: now } });
    if (count === 0) {
      throw invitation.acceptedAt
        ? new MemberError(`${invitation.email} has already accepted this invitation. Remove them from the members list if they should not have access.`, "CONFLICT")
        : new MemberError("This invitation was already revoked.", "CONFLICT");
    }
    await recordAudit(tx as TenantDb, {
      organizationId: input.organizationId,
      ...auditContext(input.actor),
      action: "member.invitation_revoked",
      targetType: "Invitation",
      targetId: invitation.id,
      metadata: { email: invitation.email, role: invitation.role },
    });
    return { id: invitation.id, email: invitation.email };
  });
}

/** The organisation's invitations that can still be accepted, newest first. */
export function listOpenInvitations(db: TenantDb, now: Date = new Date()) {
  return db.invitation.findMany({
    where: { ...UNSETTLED, expiresAt: { gt: now } },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, invitedBy: { select: { id: true, name: true, email: true } } },
    orderBy: { createdAt: "desc" },
  });
}

/**
 * Whether `email` has an open invitation to any organisation: such a person may sign in before
 * they are a member, and becomes one as they do ({@link acceptInvitations}).
 */
export async function hasOpenInvitation(db: Db, email: string, now: Date = new Date()): Promise<boolean> {
  const count = await db.invitation.count({ where: { email: normalizeEmail(email), ...UNSETTLED, expiresAt: { gt: now } } });
  return count > 0;
}

/**
 * Turns every open invitation for the signed-in person's address into a membership with the
 * invited role, in one transaction with the invitations marked accepted and a "member.joined"
 * event per organisation. Each invitation is claimed by a conditional update, so a revoke or a
 * second sign-in racing this one cannot produce a membership from a settled invitation.
 * Returns the memberships created.
 */
export async function acceptInvitations(db: Db, input: { userId: string; email: string }, now: Date = new Date()) {
  const email = normalizeEmail(input.email);
  return db.$transaction(async (tx) => {
    const open = await tx.invitation.findMany({ where: { email, ...UNSETTLED, expiresAt: { gt: now } }, orderBy: { createdAt: "asc" } });
    const joined = [];
    for (const invitation of open) {
      const claimed = await tx.invitation.updateMany({ where: { id: invitation.id, ...UNSETTLED }, data: { acceptedAt: now } });
      if (claimed.count === 0) continue;
      const existing = await tx.membership.findUnique({ where: { organizationId_userId: { organizationId: invitation.organizationId, userId: input.userId } } });
      if (existing) continue;
      const membership = await tx.membership.create({ data: { organizationId: invitation.organizationId, userId: input.userId, role: invitation.role } });
      await recordAudit(tx as Db, {
        organizationId: invitation.organizationId,
        actorId: input.userId,
        action: "member.joined",
        targetType: "Membership",
        targetId: membership.id,
        metadata: { email, role: invitation.role, invitationId: invitation.id, invitedById: invitation.invitedById },
      });
      joined.push(membership);
    }
    return joined;
  });
}
