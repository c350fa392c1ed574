import { redirect } from "next/navigation";
import { homeFor } from "@/components/shell/nav";
import { requireMember } from "@/server/auth/page-access";

export default async function Home() {
  const session = await requireMember();
  redirect(homeFor(session.role, session.scopes) ?? "/sign-in?error=NoAccess");
}
