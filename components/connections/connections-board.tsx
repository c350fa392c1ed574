"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { formatDistanceToNowStrict } from "date-fns";
import { AlertTriangle, CheckCircle2, ExternalLink, Loader2, PlugZap, RefreshCw, ShieldCheck } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Segmented } from "@/components/ui/segmented";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc/react";
import { cn } from "@/lib/utils";

const TOOL_LABEL = { JIRA: "Jira", GITHUB: "GitHub", NOTION: "Notion", SLACK: "Slack" } as const;
const STATUS: Record<string, { label: string; variant: "success" | "warning" | "destructive" | "outline" }> = {
  ACTIVE: { label: "Connected", variant: "success" },
  DEGRADED: { label: "Degraded", variant: "warning" },
  ERROR: { label: "Needs attention", variant: "destructive" },
  DISCONNECTED: { label: "Disconnected", variant: "outline" },
};

/** What each tool contributes to planning, for the card's headline figure. */
const SYNCED = {
  JIRA: { key: "workItems", label: "issues" },
  GITHUB: { key: "pullRequests", label: "pull requests" },
  NOTION: { key: "documents", label: "pages and rows" },
  SLACK: { key: "messages", label: "messages" },
} as const;

type Progress = Record<string, { done: number; total: number | null }>;

function RunProgress({ progress, items }: { progress: Progress; items: number }) {
  const entries = Object.values(progress);
  const done = entries.reduce((n, p) => n + p.done, 0);
  const known = entries.filter((p) => p.total != null);
  const pct = known.length === entries.length && known.length > 0 ? Math.min(100, Math.round((100 * done) / known.reduce((n, p) => n + (p.total ?? 0), 0))) : null;
  return (
    <div className="space-y-1.5" data-testid="sync-progress">
      <div className="h-1.5 w-full overflow-hidden rounded-full bg-muted">
        <div className={cn("h-full rounded-full bg-primary transition-all", pct == null && "w-1/3 animate-pulse")} style={pct != null ? { width: `${pct}%` } : undefined} />
      </div>
      <p className="text-xs text-muted-foreground tabular-nums">
        {items.toLocaleString("en")} items written · {entries.length} resources read
      </p>
    </div>
  );
}

export function ConnectionsBoard({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery({
    ...trpc.connections.list.queryOptions(),
    refetchInterval: (q) => (q.state.data?.some((c) => c.latestRun && ["QUEUED", "RUNNING"].includes(c.latestRun.status)) ? 1000 : 15_000),
  });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.connections.list.queryKey() });
  const sync = useMutation(
    trpc.connections.syncNow.mutationOptions({
      onSuccess: (r) => {
        toast.success(r.alreadyRunning ? "A sync is already running" : "Sync started");
        void invalidate();
      },
      onError: (e) => toast.error(e.message),
    }),
  );
  const disconnect = useMutation(
    trpc.connections.disconnect.mutationOptions({
      onSuccess: () => {
        toast.success("Disconnected. Its tokens are deleted; synced data stays.");
        void invalidate();
      },
      onError: (e) => toast.error(e.message),
    }),
  );
  const test = useMutation(
    trpc.connections.test.mutationOptions({
      onSuccess: (r) => (r.ok ? toast.success(`Connected as ${r.account.name}${r.missingScopes.length ? ` — missing ${r.missingScopes.join(", ")}` : ""}`) : toast.error(r.message)),
      onError: (e) => toast.error(e.message),
    }),
  );

  if (list.error) return <p className="rounded-lg border border-destructive/40 bg-destructive/5 p-4 text-sm text-destructive">We couldn&apos;t load the connections: {list.error.message}</p>;
  if (list.isPending)
    return (
      <div className="grid gap-4 sm:grid-cols-2">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-44 rounded-xl" />
        ))}
      </div>
    );
  if (list.data.length === 0)
    return (
      <EmptyState icon={PlugZap} title="No tools connected yet">
        {canManage ? "Connect Jira, GitHub, Notion or Slack to start planning over your team's real work." : "An admin of your organisation connects the tools your team uses."}
      </EmptyState>
    );

  return (
    <div className="space-y-8">
      <div className="grid gap-4 sm:grid-cols-2">
        {list.data.map((c) => {
          const run = c.latestRun;
          const running = run && ["QUEUED", "RUNNING"].includes(run.status);
          const status = STATUS[c.status] ?? STATUS.ACTIVE!;
          return (
            <Card key={c.id} data-testid={`connection-${c.tool.toLowerCase()}`}>
              <CardHeader className="flex-row items-start justify-between gap-3">
                <div className="min-w-0">
                  <CardTitle className="text-base">{TOOL_LABEL[c.tool]}</CardTitle>
                  <CardDescription className="mt-1 truncate">{c.name}</CardDescription>
                </div>
                <Badge variant={status.variant} data-testid="connection-status">
                  {status.label}
                </Badge>
              </CardHeader>
              <CardContent className="space-y-3 text-sm">
                {running ? (
                  <RunProgress progress={(run.progress ?? {}) as Progress} items={run.itemsWritten} />
                ) : (
                  <p className="text-muted-foreground" data-testid="last-sync">
                    {c.lastSyncAt ? (
                      <span className="inline-flex items-center gap-1.5">
                        <CheckCircle2 className="size-3.5 text-success" /> Synced {formatDistanceToNowStrict(c.lastSyncAt, { addSuffix: true })}
                      </span>
                    ) : (
                      "Not synced yet"
                    )}
                  </p>
                )}
                {c.lastSyncError && !running ? (
                  <p className="flex gap-1.5 rounded-md bg-warning/10 p-2 text-xs text-foreground">
                    <AlertTriangle className="mt-0.5 size-3.5 shrink-0 text-warning" /> {c.lastSyncError}
                  </p>
                ) : null}
                <p className="text-sm" data-testid="synced-count">
                  <span className="text-xl font-semibold tabular-nums">{c.counts[SYNCED[c.tool].key].toLocaleString("en")}</span>{" "}
                  <span className="text-muted-foreground">{SYNCED[c.tool].label} synced</span>
                </p>
                <div className="flex flex-wrap items-center gap-1.5">
                  {c.scopes.map((s) => (
                    <Badge key={s} variant="outline" className="font-mono text-[10px]">
                      {s}
                    </Badge>
                  ))}
                </div>
                {canManage && c.status !== "DISCONNECTED" ? (
                  <div className="flex gap-2 pt-1">
                    <Button size="sm" onClick={() => sync.mutate({ connectionId: c.id, full: false })} disabled={Boolean(running) || sync.isPending}>
                      {running ? <Loader2 className="animate-spin" /> : <RefreshCw />} {running ? "Syncing…" : "Sync now"}
                    </Button>
                    <Button size="sm" variant="outline" onClick={() => test.mutate({ connectionId: c.id })} disabled={test.isPending}>
                      <ShieldCheck /> Test
                    </Button>
                    <ConfirmButton
                      className="ml-auto text-muted-foreground hover:text-destructive"
                      title={`Disconnect ${TOOL_LABEL[c.tool]}?`}
                      description="Its tokens are deleted at once and syncing stops. The data already synced stays until you remove it."
                      confirmLabel="Disconnect"
                      onConfirm={() => disconnect.mutate({ connectionId: c.id })}
                    >
                      Disconnect
                    </ConfirmButton>
                  </div>
                ) : null}
              </CardContent>
            </Card>
          );
        })}
      </div>
      <SyncedItems />
    </div>
  );
}

const KINDS = [
  { id: "workItems", label: "Issues" },
  { id: "pullRequests", label: "Pull requests" },
  { id: "documents", label: "Documents" },
  { id: "messages", label: "Messages" },
] as const;

function SyncedItems() {
  const trpc = useTRPC();
  const [kind, setKind] = useState<(typeof KINDS)[number]["id"]>("workItems");
  const [search, setSearch] = useState("");
  const items = useQuery(trpc.connections.items.queryOptions({ kind, search: search || undefined, limit: 25 }));
  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-center justify-between gap-3">
        <div>
          <CardTitle>Synced items</CardTitle>
          <CardDescription className="mt-1">What the agent plans over. Every row links to its source.</CardDescription>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Segmented role="tablist" label="Kind" options={KINDS.map((k) => ({ value: k.id, label: k.label }))} value={kind} onChange={setKind} />
          <Input value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Filter…" aria-label="Filter synced items" className="h-8 w-44" />
        </div>
      </CardHeader>
      {items.isPending ? (
        <div className="space-y-2 p-5 pt-0">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-8 w-full" />
          ))}
        </div>
      ) : items.error ? (
        <p className="p-5 text-sm text-destructive">{items.error.message}</p>
      ) : items.data.length === 0 ? (
        <p className="p-5 pt-0 text-sm text-muted-foreground">Nothing synced here yet. Run a sync, or clear the filter.</p>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Item</TableHead>
              <TableHead className="hidden md:table-cell">Details</TableHead>
              <TableHead className="hidden sm:table-cell">Who</TableHead>
              <TableHead>Updated</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.data.map((item) => (
              <TableRow key={item.id} data-testid="synced-item">
                <TableCell className="max-w-md">
                  <a href={item.url ?? undefined} target="_blank" rel="noreferrer noopener" className="group inline-flex max-w-full items-center gap-2 hover:underline">
                    <span className="shrink-0 font-mono text-xs text-muted-foreground">{item.ref}</span>
                    <span className="truncate">{item.title}</span>
                    {item.url ? <ExternalLink className="size-3 shrink-0 text-muted-foreground opacity-0 group-hover:opacity-100" aria-label="open source" /> : null}
                  </a>
                </TableCell>
                <TableCell className="hidden text-xs text-muted-foreground md:table-cell">{item.meta}</TableCell>
                <TableCell className="hidden text-xs sm:table-cell">{item.who ?? "—"}</TableCell>
                <TableCell className="text-xs whitespace-nowrap text-muted-foreground">{formatDistanceToNowStrict(item.at, { addSuffix: true })}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
