"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { format, formatDistanceStrict } from "date-fns";
import { MailX } from "lucide-react";
import { toast } from "sonner";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc/react";
import { RoleBadge } from "./role-menu";
import { useNow } from "./use-now";

/** Invitations nobody has accepted yet, each with a Revoke that asks first. Needs `members:manage`. */
export function InvitationsList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const now = useNow();
  const queryKey = trpc.members.invitations.queryKey();
  const invitations = useQuery(trpc.members.invitations.queryOptions());
  const revoke = useMutation(
    trpc.members.revokeInvitation.mutationOptions({
      onSuccess: (result) => toast.success(`The invitation for ${result.email} is revoked`),
      onError: (error) => toast.error(error.message),
      onSettled: () => queryClient.invalidateQueries({ queryKey }),
    }),
  );

  if (invitations.error) return <p className="p-5 text-sm text-destructive">We couldn&apos;t load the invitations: {invitations.error.message} Reload the page to try again.</p>;
  if (invitations.isPending) {
    return (
      <div className="space-y-2 p-5" aria-busy="true" aria-label="Loading invitations">
        <Skeleton className="h-7 w-full" />
        <Skeleton className="h-7 w-2/3" />
      </div>
    );
  }
  if (invitations.data.length === 0) {
    return (
      <p className="px-5 pb-5 text-sm text-muted-foreground" data-testid="no-invitations">
        No open invitations. Use Invite to add someone by email; they join when they first sign in.
      </p>
    );
  }

  return (
    <Table data-testid="invitations-table">
      <TableHeader>
        <TableRow>
          <TableHead>Email</TableHead>
          <TableHead>Role</TableHead>
          <TableHead className="hidden md:table-cell">Invited by</TableHead>
          <TableHead className="hidden sm:table-cell">Expires</TableHead>
          <TableHead className="w-0">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {invitations.data.map((inv) => (
          <TableRow key={inv.id} data-testid="invitation-row">
            <TableCell className="font-medium">{inv.email}</TableCell>
            <TableCell>
              <RoleBadge role={inv.role} />
            </TableCell>
            <TableCell className="hidden text-muted-foreground md:table-cell" title={`Sent ${format(inv.createdAt, "PPp")}`}>
              {inv.invitedBy?.name ?? inv.invitedBy?.email ?? "A former member"}
            </TableCell>
            <TableCell className="hidden whitespace-nowrap text-muted-foreground sm:table-cell" title={format(inv.expiresAt, "PPp")}>
              {now ? formatDistanceStrict(inv.expiresAt, now, { addSuffix: true }) : null}
            </TableCell>
            <TableCell className="text-right">
              <ConfirmButton
                className="text-muted-foreground hover:text-destructive"
                title={`Revoke the invitation for ${inv.email}?`}
                description="They can no longer join with it. You can invite them again at any time."
                confirmLabel="Revoke"
                onConfirm={() => revoke.mutate({ id: inv.id })}
              >
                <MailX aria-hidden /> Revoke
              </ConfirmButton>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
