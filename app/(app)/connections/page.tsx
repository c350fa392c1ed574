import { Suspense } from "react";
import { ConnectDialog } from "@/components/connections/connect-dialog";
import { ConnectionsBoard } from "@/components/connections/connections-board";
import { ModelCard } from "@/components/connections/model-card";
import { OAuthOutcome } from "@/components/connections/oauth-outcome";
import { Forbidden } from "@/components/shell/forbidden";
import { PageBody, PageHeader } from "@/components/shell/page-header";
import { pageAccess } from "@/server/auth/page-access";
import { hasScope } from "@/server/auth/scopes";

export const metadata = { title: "Connections" };

export default async function ConnectionsPage() {
  const access = await pageAccess("connections:view");
  if (!access.ok) return <Forbidden scope={access.scope} role={access.session.role} page="Connections" />;
  const canManage = hasScope(access.session.role, "connections:manage");
  const canManageModel = hasScope(access.session.role, "models:manage");
  return (
    <>
      <PageHeader
        title="Connections"
        description={canManage ? "Your organisation's tools. Tokens are encrypted at rest and never shown again." : "The tools your organisation has connected. Admins manage them."}
        actions={canManage ? <ConnectDialog /> : undefined}
      />
      <Suspense>
        <OAuthOutcome />
      </Suspense>
      <PageBody>
        <div className="space-y-8">
          <ConnectionsBoard canManage={canManage} />
          <ModelCard canManageModel={canManageModel} />
        </div>
      </PageBody>
    </>
  );
}
