"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { format, formatDistanceToNowStrict } from "date-fns";
import { ScrollText } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc/react";

function describe(metadata: unknown): string {
  if (!metadata || typeof metadata !== "object") return "";
  return Object.entries(metadata as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}

export function AuditLog() {
  const trpc = useTRPC();
  const [action, setAction] = useState<string>("");
  const actions = useQuery(trpc.audit.actions.queryOptions());
  const events = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions({ action: action || undefined, limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="space-y-3">
      <div className="flex items-center gap-2">
        <label htmlFor="audit-action" className="text-sm text-muted-foreground">
          Action
        </label>
        <select
          id="audit-action"
          value={action}
          onChange={(e) => setAction(e.target.value)}
          className="h-8 rounded-md border border-input bg-background px-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring/50"
        >
          <option value="">All actions</option>
          {actions.data?.map((a) => (
            <option key={a.action} value={a.action}>
              {a.action} ({a.count})
            </option>
          ))}
        </select>
      </div>
      {events.error ? (
        <p className="rounded-lg border border-destructive/40 bg-destructive/5 p-4 text-sm text-destructive">We couldn&apos;t load the audit trail: {events.error.message}</p>
      ) : events.isPending ? (
        <div className="space-y-2">
          {[0, 1, 2, 3, 4].map((i) => (
            <Skeleton key={i} className="h-10 w-full" />
          ))}
        </div>
      ) : rows.length === 0 ? (
        <EmptyState icon={ScrollText} title="No events match">
          Sign-ins, approvals, policy changes and executed actions are recorded here as they happen.
        </EmptyState>
      ) : (
        <div className="rounded-xl border bg-card">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>When</TableHead>
                <TableHead>Who</TableHead>
                <TableHead>Action</TableHead>
                <TableHead className="hidden md:table-cell">Details</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((e) => (
                <TableRow key={e.id} data-testid="audit-row">
                  <TableCell className="whitespace-nowrap text-muted-foreground tabular-nums" title={format(e.createdAt, "PPpp")}>
                    {formatDistanceToNowStrict(e.createdAt, { addSuffix: true })}
                  </TableCell>
                  <TableCell className="whitespace-nowrap">{e.actor?.name ?? e.actor?.email ?? "System"}</TableCell>
                  <TableCell>
                    <Badge variant="secondary" className="font-mono">
                      {e.action}
                    </Badge>
                  </TableCell>
                  <TableCell className="hidden max-w-md truncate text-xs text-muted-foreground md:table-cell">{describe(e.metadata)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {events.hasNextPage ? (
            <div className="border-t p-2 text-center">
              <Button variant="ghost" size="sm" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
                {events.isFetchingNextPage ? "Loading…" : "Load older events"}
              </Button>
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}
