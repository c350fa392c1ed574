import { InviteDialog } from "@/components/members/invite-dialog";
import { MembersBoard } from "@/components/members/members-board";
import { Forbidden } from "@/components/shell/forbidden";
import { PageBody, PageHeader } from "@/components/shell/page-header";
import { pageAccess } from "@/server/auth/page-access";
import { hasScope } from "@/server/auth/scopes";

export const metadata = { title: "Members" };

export default async function MembersPage() {
  const access = await pageAccess("members:view");
  if (!access.ok) return <Forbidden scope={access.scope} role={access.session.role} page="Members" />;
  const canManage = hasScope(access.session.role, "members:manage");
  const organizationName = access.session.organization.name;
  return (
    <>
      <PageHeader
        title="Members"
        description={canManage ? "Who belongs to your organisation and with which role. Invite people by email; they join when they first sign in." : "Who belongs to your organisation and with which role."}
        actions={canManage ? <InviteDialog /> : undefined}
      />
      <PageBody>
        <MembersBoard canManage={canManage} currentUserId={access.session.user.id} organizationName={organizationName} />
      </PageBody>
    </>
  );
}
