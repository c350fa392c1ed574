"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { format } from "date-fns";
import { Loader2, UserPlus } from "lucide-react";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useTRPC } from "@/lib/trpc/react";
import { ROLE_LABELS } from "@/server/auth/scopes";
import { type Role } from "@/server/db/generated/enums";
import { INVITATION_TTL_DAYS } from "@/server/members/rules";
import { ROLES } from "./role-menu";

/** Invites a person by email with a role; they become a member when they first sign in. */
export function InviteDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<Role>("ENGINEER");
  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onSuccess: (invitation) => {
        toast.success(`Invited ${invitation.email} as ${ROLE_LABELS[invitation.role]}`, {
          description: `They join when they sign in with that address, by ${format(invitation.expiresAt, "MMM d")}.`,
        });
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: trpc.members.invitations.queryKey() });
      },
    }),
  );
  const fieldErrors = (invite.error?.data as { fieldErrors?: Partial<Record<string, string[]>> } | null | undefined)?.fieldErrors ?? {};
  const formError = invite.error && !fieldErrors.email && !fieldErrors.role ? invite.error.message : null;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const email = String(new FormData(e.currentTarget).get("email") ?? "");
    invite.mutate({ email, role });
  }

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (next) {
      invite.reset();
      setRole("ENGINEER");
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm" data-testid="invite-member">
          <UserPlus /> Invite
        </Button>
      </DialogTrigger>
      <DialogContent title="Invite a member" description={`They sign in with this address through any sign-in method your organisation offers. The invitation expires after ${INVITATION_TTL_DAYS} days.`}>
        <form onSubmit={submit} className="grid gap-3" noValidate>
          <div className="grid gap-1.5">
            <Label htmlFor="invite-email">Email</Label>
            <Input id="invite-email" name="email" type="email" autoComplete="off" placeholder="name@company.com" autoFocus aria-invalid={Boolean(fieldErrors.email)} aria-describedby={fieldErrors.email ? "invite-email-error" : undefined} />
            {fieldErrors.email ? (
              <p id="invite-email-error" className="text-xs text-destructive">
                {fieldErrors.email[0]}
              </p>
            ) : null}
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="invite-role">Role</Label>
            <select
              id="invite-role"
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
              aria-invalid={Boolean(fieldErrors.role)}
              className="h-9 rounded-md border border-input bg-background px-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring/50"
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
            {fieldErrors.role ? <p className="text-xs text-destructive">{fieldErrors.role[0]}</p> : null}
          </div>
          {formError ? (
            <p role="alert" className="rounded-md bg-destructive/10 p-2 text-sm text-destructive">
              {formError}
            </p>
          ) : null}
          <div className="flex justify-end gap-2 pt-1">
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={invite.isPending}>
              {invite.isPending ? <Loader2 className="animate-spin" /> : null} Send invitation
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
