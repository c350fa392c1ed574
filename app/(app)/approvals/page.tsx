import { CheckSquare } from "lucide-react";
import { Forbidden } from "@/components/shell/forbidden";
import { PageBody, PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
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
        <EmptyState icon={CheckSquare} title="No proposals waiting">
          <p>
            When the agent drafts a Jira change, a Slack post, a Notion page or a pull-request comment, it arrives here as a proposal with its rationale, its
            sources and a preview of the change. Nothing reaches your tools until someone applies it.
          </p>
          <p className="mt-3">{canDecide ? "Your role can apply, edit and reject proposals." : "Your role can follow proposals and their outcomes; applying them needs a PM or an admin."}</p>
        </EmptyState>
      </PageBody>
    </>
  );
}
