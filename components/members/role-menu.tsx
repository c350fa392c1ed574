"use client";

import { ChevronDown } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuLabel, DropdownMenuRadioGroup, DropdownMenuRadioItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { ROLE_LABELS } from "@/server/auth/scopes";
import { type Role } from "@/server/db/generated/enums";

/** The roles in the order people choose among them. */
export const ROLES = Object.keys(ROLE_LABELS) as Role[];

/** A member's role as a badge; for admins, a menu that changes it. */
export function RoleBadge({ role }: { role: Role }) {
  return <Badge variant={role === "ADMIN" ? "default" : "secondary"}>{ROLE_LABELS[role]}</Badge>;
}

export function RoleMenu({ role, memberName, disabled, onChange }: { role: Role; memberName: string; disabled?: boolean; onChange: (role: Role) => void }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className="-ml-2 gap-1 px-2" disabled={disabled} aria-label={`Role of ${memberName}: ${ROLE_LABELS[role]}. Change role`}>
          <RoleBadge role={role} />
          <ChevronDown className="text-muted-foreground" aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start">
        <DropdownMenuLabel>Role of {memberName}</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={role} onValueChange={(value) => value !== role && onChange(value as Role)}>
          {ROLES.map((r) => (
            <DropdownMenuRadioItem key={r} value={r}>
              {ROLE_LABELS[r]}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
