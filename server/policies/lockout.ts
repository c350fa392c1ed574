import { type Role } from "@/server/db/generated/enums";
import { rolesPlural } from "./explain";
import { type Policy } from "./language";

/** Whether saving a policy would leave the organisation able to change it again. */
export type LockoutCheck = { ok: true } | { ok: false; message: string };

/**
 * Refuses a policy that no current member could edit any more: `administration.editors` shares no
 * role with the roles the organisation's members hold now. Call it before saving a new version,
 * with every current member's role (duplicates are fine). Pure, so the editor can warn while typing.
 */
export function checkLockout(policy: Policy, memberRoles: readonly Role[]): LockoutCheck {
  const editors = policy.administration.editors;
  if (memberRoles.some((role) => editors.includes(role))) return { ok: true };
  const present = [...new Set(memberRoles)];
  const who = present.length > 0 ? `the organisation has only ${rolesPlural(present)}` : "the organisation has no members";
  return {
    ok: false,
    message: `This policy would lock every admin out: only ${rolesPlural(editors)} may edit it (administration.editors), and ${who}. Add admin to administration.editors, or give someone one of those roles first.`,
  };
}
