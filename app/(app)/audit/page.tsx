import { AuditIntegrity } from "@/components/audit/audit-integrity";
import { AuditLog } from "@/components/audit/audit-log";
import { Forbidden } from "@/components/shell/forbidden";
import { PageBody, PageHeader } from "@/components/shell/page-header";
import { pageAccess } from "@/server/auth/page-access";

export const metadata = { title: "Audit" };

export default async function AuditPage() {
  const access = await pageAccess("audit:view");
  if (!access.ok) return <Forbidden scope={access.scope} role={access.session.role} page="Audit" />;
  return (
    <>
      <PageHeader title="Audit" description="An append-only record of sign-ins, decisions and changes in your organisation." />
      <PageBody>
        <div className="space-y-4">
          <AuditIntegrity />
          <AuditLog />
        </div>
      </PageBody>
    </>
  );
}
