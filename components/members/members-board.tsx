import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { InvitationsList } from "./invitations-list";
import { MembersTable } from "./members-table";

/** The Members page's body: the members and, for admins, the invitations still open. */
export function MembersBoard({ canManage, currentUserId, organizationName }: { canManage: boolean; currentUserId: string; organizationName: string }) {
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle>Members</CardTitle>
          <CardDescription>
            {canManage ? `Everyone in ${organizationName}. Role changes and removals take effect at once.` : `Everyone in ${organizationName} and their role. Admins invite people and change roles.`}
          </CardDescription>
        </CardHeader>
        <MembersTable canManage={canManage} currentUserId={currentUserId} organizationName={organizationName} />
      </Card>
      {canManage ? (
        <Card>
          <CardHeader>
            <CardTitle>Open invitations</CardTitle>
            <CardDescription>People who may sign in and join. An invitation closes when it is accepted, revoked, or expires.</CardDescription>
          </CardHeader>
          <InvitationsList />
        </Card>
      ) : null}
    </div>
  );
}
