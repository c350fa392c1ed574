import { Lock } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ROLE_LABELS, SCOPES, type Scope } from "@/server/auth/scopes";
import { type Role } from "@/server/db/generated/enums";

/** Shown in place of a page the member's role may not open: what is missing and what to do. */
export function Forbidden({ scope, role, page }: { scope: Scope; role: Role; page: string }) {
  return (
    <div className="mx-auto w-full max-w-3xl px-6 py-16" data-testid="forbidden">
      <EmptyState
        icon={Lock}
        title={`You don't have access to ${page}`}
        action={
          <Button asChild variant="outline">
            <Link href="/">Go to your home page</Link>
          </Button>
        }
      >
        <p>
          {page} needs the <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs">{scope}</code> permission ({SCOPES[scope].toLowerCase()}), which the{" "}
          {ROLE_LABELS[role]} role does not include. If you need it, ask an admin of your organisation to change your role.
        </p>
      </EmptyState>
    </div>
  );
}
