import { type ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireMember } from "@/server/auth/page-access";
import { ROLE_LABELS } from "@/server/auth/scopes";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await requireMember();
  return (
    <AppShell user={session.user} organizationName={session.organization.name} roleLabel={ROLE_LABELS[session.role]} scopes={session.scopes}>
      {children}
    </AppShell>
  );
}
