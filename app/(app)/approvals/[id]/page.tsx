import { ProposalBreadcrumb } from "@/components/approvals/breadcrumb";
import { ProposalCard } from "@/components/approvals/proposal-card";
import { Forbidden } from "@/components/shell/forbidden";
import { PageBody } from "@/components/shell/page-header";
import { pageAccess } from "@/server/auth/page-access";
import { hasScope } from "@/server/auth/scopes";

export const metadata = { title: "Proposal" };

export default async function ProposalPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await pageAccess("approvals:view");
  if (!access.ok) return <Forbidden scope={access.scope} role={access.session.role} page="Approvals" />;
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const action = typeof query.action === "string" ? query.action : null;
  return (
    <>
      <ProposalBreadcrumb proposalId={id} />
      <PageBody>
        <ProposalCard proposalId={id} variant="page" highlightActionId={action} canDecide={hasScope(access.session.role, "approvals:decide")} />
      </PageBody>
    </>
  );
}
