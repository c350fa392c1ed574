/** Who made a membership change, and the request it came with, for the audit trail. */
export interface Actor {
  userId: string;
  requestId?: string;
  ip?: string | null;
}

/** The audit fields that come from the actor. */
export function auditContext(actor: Actor) {
  return { actorId: actor.userId, requestId: actor.requestId, ip: actor.ip ?? undefined };
}
