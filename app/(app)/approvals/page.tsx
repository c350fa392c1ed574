import { Suspense } from "react";
import { ApprovalsQueue, QueueSkeleton } from "@/components/approvals/queue";
import { Forbidden } from "@/components/shell/forbidden";
import { PageBody, PageHeader } from "@/components/shell/page-header";
import { pageAccess } from "@/server/auth/page-access";
import { hasScope } from "@/server/auth/scopes";

export const metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const access = await pageAccess("approvals:view");
  if (!access.ok) return <Forbidden scope={access.scope} role={access.session.role} page="Approvals" />;
  const canDecide = hasScope(access.session.role, "approvals:decide");
  return (
    <>
      <PageHeader title="Approvals" description="Every change the agent proposes waits here for a person: apply, edit or reject." />
      <PageBody>
        {/* The queue reads its tab, tool and search from the URL. */}
        <Suspense fallback={<QueueSkeleton />}>
          <ApprovalsQueue canDecide={canDecide} />
        </Suspense>
      </PageBody>
    </>
  );
}
