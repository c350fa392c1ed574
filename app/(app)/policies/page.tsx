import { ArrowRight, Check } from "lucide-react";
import Link from "next/link";
import { PoliciesBoard } from "@/components/policies/policies-board";
import { Forbidden } from "@/components/shell/forbidden";
import { PageBody, PageHeader } from "@/components/shell/page-header";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { pageAccess } from "@/server/auth/page-access";
import { hasScope, ROLE_LABELS, ROLE_SCOPES, SCOPES, type Scope } from "@/server/auth/scopes";
import { Role } from "@/server/db/generated/enums";

export const metadata = { title: "Policies" };

const ROLES = Object.values(Role);

export default async function PoliciesPage() {
  const access = await pageAccess("policies:view");
  if (!access.ok) return <Forbidden scope={access.scope} role={access.session.role} page="Policies" />;
  return (
    <>
      <PageHeader title="Policies" description="What Lumen may change in your tools, for whom, and who approves it; below, who may do what in Lumen itself. Every check runs on the server; the agent never decides." />
      <PageBody>
        <div className="space-y-6">
          <PoliciesBoard canEdit={hasScope(access.session.role, "policies:edit")} />
          <Card>
            <CardHeader>
              <CardTitle>Roles and permissions</CardTitle>
              <CardDescription>What each role may do. Your role is {ROLE_LABELS[access.session.role]}.</CardDescription>
            </CardHeader>
            <Table data-testid="role-matrix">
              <TableHeader>
                <TableRow>
                  <TableHead>Permission</TableHead>
                  {ROLES.map((r) => (
                    <TableHead key={r} className="text-center">
                      {ROLE_LABELS[r]}
                    </TableHead>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {(Object.keys(SCOPES) as Scope[]).map((scope) => (
                  <TableRow key={scope}>
                    <TableCell>
                      <div className="font-mono text-xs">{scope}</div>
                      <div className="text-xs text-muted-foreground">{SCOPES[scope]}</div>
                    </TableCell>
                    {ROLES.map((r) => (
                      <TableCell key={r} className="text-center">
                        {ROLE_SCOPES[r].includes(scope) ? <Check className="mx-auto size-4 text-success" aria-label="allowed" /> : <span className="text-muted-foreground/50" aria-label="not allowed">·</span>}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Card>
          {hasScope(access.session.role, "members:view") ? (
            <Card>
              <CardHeader className="flex-row flex-wrap items-center justify-between gap-3 pb-5">
                <div className="flex flex-col gap-1">
                  <CardTitle>Members</CardTitle>
                  <CardDescription>Who has which role in {access.session.organization.name}, and who is invited, is on the Members page.</CardDescription>
                </div>
                <Link href="/members" className={buttonVariants({ variant: "outline", size: "sm" })}>
                  Open Members <ArrowRight aria-hidden />
                </Link>
              </CardHeader>
            </Card>
          ) : null}
        </div>
      </PageBody>
    </>
  );
}
