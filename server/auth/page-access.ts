import { redirect } from "next/navigation";
import { getServerAuthSession } from "./options";
import { hasScope, type Scope } from "./scopes";
import { type AppSession } from "./session";

export type MemberSession = AppSession & { organization: NonNullable<AppSession["organization"]>; role: NonNullable<AppSession["role"]> };

/** The signed-in member, or a redirect to sign-in. The (app) layout has already handled non-members. */
export async function requireMember(): Promise<MemberSession> {
  const session = await getServerAuthSession();
  if (!session) redirect("/sign-in");
  if (!session.organization || !session.role) redirect("/sign-in?error=NoMembership");
  return session as MemberSession;
}

/** For pages: whether the member's role grants `scope`; the page renders <Forbidden> when not. */
export async function pageAccess(scope: Scope): Promise<{ ok: true; session: MemberSession } | { ok: false; session: MemberSession; scope: Scope }> {
  const session = await requireMember();
  return hasScope(session.role, scope) ? { ok: true, session } : { ok: false, session, scope };
}
