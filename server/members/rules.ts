import { addDays } from "date-fns";

/** How long an invitation can be accepted after it is sent (or re-sent). */
export const INVITATION_TTL_DAYS = 14;

/** A member's last activity is refreshed at most this often, so busy sessions cost almost no writes. */
export const ACTIVITY_INTERVAL_MS = 5 * 60_000;

/** Said whenever a change would leave the organisation with nobody able to manage it. */
export const LAST_ADMIN_MESSAGE = "Lumen needs at least one admin: make someone else an admin first.";

/**
 * The form invitations are stored and matched in. Sign-in providers report addresses as people
 * typed them, so comparing without case is what lets "Ada@Example.com" accept an invitation for
 * "ada@example.com".
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** When an invitation sent at `sentAt` stops being accepted. */
export function invitationExpiry(sentAt: Date): Date {
  return addDays(sentAt, INVITATION_TTL_DAYS);
}

/** An invitation is open while nobody accepted or revoked it and it has not expired. */
export function isInvitationOpen(invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): boolean {
  return invitation.acceptedAt === null && invitation.revokedAt === null && invitation.expiresAt.getTime() > now.getTime();
}

/**
 * Whether demoting or removing the member `targetId` leaves no admin, given the ids of the current
 * admins. Only an admin can be the last one; removing anyone else never trips this.
 */
export function leavesNoAdmin(adminIds: readonly string[], targetId: string): boolean {
  return adminIds.includes(targetId) && adminIds.every((id) => id === targetId);
}
