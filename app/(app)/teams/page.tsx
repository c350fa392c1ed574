import { Forbidden } from "@/components/shell/forbidden";
import { PageBody, PageHeader } from "@/components/shell/page-header";
import { TeamsBoard } from "@/components/teams/teams-board";
import { pageAccess } from "@/server/auth/page-access";
import { hasScope } from "@/server/auth/scopes";

export const metadata = { title: "Teams" };

export default async function TeamsPage() {
  const access = await pageAccess("chat:use");
  if (!access.ok) return <Forbidden scope={access.scope} role={access.session.role} page="Teams" />;
  const canManage = hasScope(access.session.role, "teams:manage");
  return (
    <>
      <PageHeader
        title="Teams"
        description={
          canManage
            ? "Time zones, availability and days off feed every plan and forecast. Changes save as you make them."
            : "Each team's capacity, days off and scheduled workflows, as the planner sees them. Product managers edit them."
        }
      />
      <PageBody>
        <TeamsBoard canManage={canManage} />
      </PageBody>
    </>
  );
}
