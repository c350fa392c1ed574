"use client";

import { useQuery } from "@tanstack/react-query";
import { format } from "date-fns";
import { UserAvatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc/react";
import { ROLE_LABELS } from "@/server/auth/scopes";

export function MembersTable() {
  const trpc = useTRPC();
  const { data, isPending, error } = useQuery(trpc.members.list.queryOptions());
  if (error) return <p className="p-4 text-sm text-destructive">We couldn&apos;t load the members: {error.message}</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Member</TableHead>
          <TableHead>Role</TableHead>
          <TableHead className="hidden sm:table-cell">Title</TableHead>
          <TableHead className="hidden md:table-cell">Joined</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {isPending
          ? [0, 1, 2, 3].map((i) => (
              <TableRow key={i}>
                <TableCell colSpan={4}>
                  <Skeleton className="h-6 w-full" />
                </TableCell>
              </TableRow>
            ))
          : data.map((m) => (
              <TableRow key={m.id} data-testid="member-row">
                <TableCell>
                  <div className="flex items-center gap-2.5">
                    <UserAvatar name={m.user.name} email={m.user.email} image={m.user.image} />
                    <div className="min-w-0">
                      <div className="truncate font-medium">{m.user.name ?? m.user.email}</div>
                      <div className="truncate text-xs text-muted-foreground">{m.user.email}</div>
                    </div>
                  </div>
                </TableCell>
                <TableCell>
                  <Badge variant={m.role === "ADMIN" ? "default" : "secondary"}>{ROLE_LABELS[m.role]}</Badge>
                </TableCell>
                <TableCell className="hidden text-muted-foreground sm:table-cell">{m.title ?? "—"}</TableCell>
                <TableCell className="hidden text-muted-foreground tabular-nums md:table-cell">{format(m.createdAt, "MMM d, yyyy")}</TableCell>
              </TableRow>
            ))}
      </TableBody>
    </Table>
  );
}
