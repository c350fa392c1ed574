"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { format } from "date-fns";
import { UserMinus, Users } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { UserAvatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc/react";
import { ROLE_LABELS } from "@/server/auth/scopes";
import { type Role } from "@/server/db/generated/enums";
import { lastActiveLabel } from "./last-active";
import { RoleBadge, RoleMenu } from "./role-menu";
import { useNow } from "./use-now";

/**
 * Everyone in the organisation. With `members:manage` each row also changes the role (at once, put
 * back if the server refuses) and removes the member after a confirmation.
 */
export function MembersTable({ canManage, currentUserId, organizationName }: { canManage: boolean; currentUserId: string; organizationName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const now = useNow();
  const queryKey = trpc.members.list.queryKey();
  const members = useQuery(trpc.members.list.queryOptions());
  const nameOf = (id: string) => {
    const m = members.data?.find((row) => row.id === id);
    return m ? (m.user.name ?? m.user.email ?? "This member") : "This member";
  };

  const changeRole = useMutation(
    trpc.members.changeRole.mutationOptions({
      onMutate: async (vars) => {
        await queryClient.cancelQueries({ queryKey });
        const previous = queryClient.getQueryData(queryKey);
        queryClient.setQueryData(queryKey, (rows) => rows?.map((m) => (m.id === vars.membershipId ? { ...m, role: vars.role } : m)));
        return { previous, name: nameOf(vars.membershipId), self: members.data?.find((m) => m.id === vars.membershipId)?.user.id === currentUserId };
      },
      onError: (error, _vars, context) => {
        if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
        toast.error(error.message);
      },
      onSuccess: (result, _vars, context) => {
        if (result.changed) toast.success(`${context.name} is now ${ROLE_LABELS[result.role]}`);
        // Your own role decides what the rest of the app shows you.
        if (context.self) router.refresh();
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey }),
    }),
  );

  const remove = useMutation(
    trpc.members.remove.mutationOptions({
      onError: (error) => toast.error(error.message),
      onSuccess: (result, vars) => {
        if (result.self) {
          // Access ended with the removal: the home page sends them on (to sign-in, saying why, or to
          // another organisation they belong to), and the refresh redraws the shell for that.
          router.replace("/");
          router.refresh();
          return;
        }
        toast.success(`${nameOf(vars.membershipId)} no longer has access to ${organizationName}`);
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey }),
    }),
  );

  if (members.error) return <p className="p-5 text-sm text-destructive">We couldn&apos;t load the members: {members.error.message} Reload the page to try again.</p>;
  if (members.data?.length === 0) {
    return (
      <EmptyState icon={Users} title="No members yet" className="m-5">
        {canManage ? "Invite people by email; they join when they first sign in." : "Admins invite people by email."}
      </EmptyState>
    );
  }

  const columns = canManage ? 5 : 4;
  return (
    <Table data-testid="members-table">
      <TableHeader>
        <TableRow>
          <TableHead>Member</TableHead>
          <TableHead>Role</TableHead>
          <TableHead className="hidden md:table-cell">Joined</TableHead>
          <TableHead className="hidden sm:table-cell">Last active</TableHead>
          {canManage ? (
            <TableHead className="w-0">
              <span className="sr-only">Actions</span>
            </TableHead>
          ) : null}
        </TableRow>
      </TableHeader>
      <TableBody aria-busy={members.isPending}>
        {members.isPending
          ? [0, 1, 2, 3].map((i) => (
              <TableRow key={i}>
                <TableCell colSpan={columns}>
                  <Skeleton className="h-7 w-full" />
                </TableCell>
              </TableRow>
            ))
          : members.data.map((m) => {
              const self = m.user.id === currentUserId;
              const name = m.user.name ?? m.user.email ?? "Unnamed member";
              const busy = (changeRole.isPending && changeRole.variables?.membershipId === m.id) || (remove.isPending && remove.variables?.membershipId === m.id);
              return (
                <TableRow key={m.id} data-testid="member-row">
                  <TableCell>
                    <div className="flex items-center gap-2.5">
                      <UserAvatar name={m.user.name} email={m.user.email} image={m.user.image} />
                      <div className="min-w-0">
                        <div className="flex items-center gap-1.5 truncate font-medium">
                          {name}
                          {self ? <Badge variant="outline">You</Badge> : null}
                        </div>
                        <div className="truncate text-xs text-muted-foreground">{m.user.email}</div>
                      </div>
                    </div>
                  </TableCell>
                  <TableCell>{canManage ? <RoleMenu role={m.role} memberName={name} disabled={busy} onChange={(role: Role) => changeRole.mutate({ membershipId: m.id, role })} /> : <RoleBadge role={m.role} />}</TableCell>
                  <TableCell className="hidden whitespace-nowrap text-muted-foreground tabular-nums md:table-cell">{format(m.createdAt, "MMM d, yyyy")}</TableCell>
                  <TableCell className="hidden whitespace-nowrap text-muted-foreground sm:table-cell" title={m.lastActiveAt ? format(m.lastActiveAt, "PPpp") : undefined} data-testid="member-last-active">
                    {now ? lastActiveLabel(m.lastActiveAt, now) : null}
                  </TableCell>
                  {canManage ? (
                    <TableCell className="text-right">
                      <ConfirmButton
                        className="text-muted-foreground hover:text-destructive"
                        title={self ? `Leave ${organizationName}?` : `Remove ${name}?`}
                        description={
                          self
                            ? `You lose access to ${organizationName} at once. An admin can invite you again.`
                            : `${name} loses access to ${organizationName} at once. Their past activity stays in the audit trail, and you can invite them again later.`
                        }
                        confirmLabel={self ? "Leave" : "Remove"}
                        onConfirm={() => remove.mutate({ membershipId: m.id })}
                      >
                        <UserMinus aria-hidden />
                        <span className="sr-only">{self ? "Leave the organisation" : `Remove ${name}`}</span>
                      </ConfirmButton>
                    </TableCell>
                  ) : null}
                </TableRow>
              );
            })}
      </TableBody>
    </Table>
  );
}
