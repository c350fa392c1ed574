"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type inferRouterOutputs } from "@trpc/server";
import { AlertTriangle, CheckCheck, CheckSquare, ChevronRight, FileClock, Hourglass, Loader2, type LucideIcon, RotateCcw, Search, Trash2 } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { type KeyboardEvent, type RefObject, useEffect, useId, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Segmented } from "@/components/ui/segmented";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc/react";
import { cn } from "@/lib/utils";
import { type AppRouter } from "@/server/api/root";
import { type Tool } from "@/server/db/generated/enums";
import { actionsLine, ago, fullDate, proposedBy, QUEUE_TABS, type QueueParams, type QueueTab, queueSearch, readQueueParams, statusLine, TOOL_LABELS } from "./summaries";
import { ToolIcon } from "./tool-icon";

type QueueRow = inferRouterOutputs<AppRouter>["actions"]["queue"][number];

/** The nav badge polls the same counts; the queue shares its cache. */
const COUNTS_POLL_MS = 30_000;
const SEARCH_DELAY_MS = 300;

const TOOL_FILTERS: { value: Tool | "ALL"; label: string }[] = [
  { value: "ALL", label: "All" },
  { value: "JIRA", label: TOOL_LABELS.JIRA },
  { value: "GITHUB", label: TOOL_LABELS.GITHUB },
  { value: "NOTION", label: TOOL_LABELS.NOTION },
  { value: "SLACK", label: TOOL_LABELS.SLACK },
];

const EMPTY: Record<QueueTab, { icon: LucideIcon; title: string; text: string }> = {
  pending: {
    icon: CheckSquare,
    title: "Nothing waits for a decision",
    text: "When the agent proposes a change (issues moved into a sprint, a Slack post, a Notion page, a pull-request comment) it waits here with its rationale, its sources and a preview. Nothing reaches your tools until someone applies it.",
  },
  running: {
    icon: Hourglass,
    title: "Nothing is running",
    text: "Approved actions show here while they run, or while they wait for a tool to recover. Once they succeed they move to Done.",
  },
  failed: {
    icon: AlertTriangle,
    title: "Nothing needs attention",
    text: "An action that fails shows here with the tool's error, to retry, edit and retry, or cancel.",
  },
  drafts: {
    icon: FileClock,
    title: "No drafts",
    text: "Actions kept as drafts while deciding wait here. Propose one again when the time is right, or discard it.",
  },
  done: {
    icon: CheckCheck,
    title: "Nothing decided yet",
    text: "Proposals whose actions have all finished (applied, rejected or cancelled) are listed here, newest first, with who decided.",
  },
};


/** The tRPC input a queue key was made for, to keep showing a list only while its tab is unchanged. */
function tabOfKey(queryKey: readonly unknown[] | undefined): unknown {
  const meta = queryKey?.[1];
  return meta && typeof meta === "object" ? (meta as { input?: { tab?: unknown } }).input?.tab : undefined;
}

/**
 * The approvals queue: tabs by what a reviewer is looking for, a tool filter and a search, all
 * kept in the URL so a view can be shared and survives a reload. `j`/`k` move through the list.
 */
export function ApprovalsQueue({ canDecide }: { canDecide: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const params = readQueueParams(searchParams);
  const listRef = useRef<HTMLUListElement>(null);
  const panelId = useId();
  const [search, setSearch] = useState(params.q);
  // The URL can change without the box (back and forward): follow it, unless the change is the box's own.
  const [seenQ, setSeenQ] = useState(params.q);
  const [pushedQ, setPushedQ] = useState(params.q);
  if (params.q !== seenQ) {
    setSeenQ(params.q);
    if (params.q !== pushedQ) setSearch(params.q);
  }

  const go = (next: QueueParams) => router.replace(`${pathname}${queueSearch(next)}`, { scroll: false });

  // The search box writes to the URL once typing rests.
  const wanted = queueSearch({ ...params, q: search });
  const current = queueSearch(params);
  useEffect(() => {
    if (wanted === current) return;
    const timer = setTimeout(() => {
      setPushedQ(search.trim());
      router.replace(`${pathname}${wanted}`, { scroll: false });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [wanted, current, pathname, router, search]);

  useEffect(() => {
    function onKey(e: globalThis.KeyboardEvent) {
      if (e.key !== "j" && e.key !== "k") return;
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      const links = [...(listRef.current?.querySelectorAll<HTMLElement>("[data-queue-item]") ?? [])];
      if (!links.length) return;
      const at = links.indexOf(document.activeElement as HTMLElement);
      const next = e.key === "j" ? Math.min(links.length - 1, at + 1) : Math.max(0, at < 0 ? 0 : at - 1);
      e.preventDefault();
      links[next]?.focus();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const counts = useQuery({ ...trpc.actions.counts.queryOptions(), refetchInterval: COUNTS_POLL_MS });
  const input = { tab: params.tab, ...(params.tool ? { tool: params.tool } : {}), ...(params.q ? { q: params.q } : {}) };
  const queue = useQuery({
    ...trpc.actions.queue.queryOptions(input),
    placeholderData: (previous, previousQuery) => (tabOfKey(previousQuery?.queryKey) === params.tab ? keepPreviousData(previous) : undefined),
  });

  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.actions.pathKey() });
  const repropose = useMutation(
    trpc.actions.repropose.mutationOptions({
      onSuccess: (r) => {
        toast.success("Proposed again. Review it and decide.");
        router.push(`/approvals/${r.proposalId}`);
      },
      onError: (e) => toast.error(e.message),
      onSettled: invalidate,
    }),
  );
  const discard = useMutation(
    trpc.actions.discardDraft.mutationOptions({
      onSuccess: () => toast.success("Draft discarded."),
      onError: (e) => toast.error(e.message),
      onSettled: invalidate,
    }),
  );

  function onTabKey(e: KeyboardEvent<HTMLButtonElement>, index: number) {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    e.preventDefault();
    const next = QUEUE_TABS[(index + (e.key === "ArrowRight" ? 1 : QUEUE_TABS.length - 1)) % QUEUE_TABS.length]!;
    go({ ...params, tab: next.value });
    document.getElementById(`${panelId}-tab-${next.value}`)?.focus();
  }

  const filtered = params.tool !== null || params.q !== "";
  const clearFilters = () => {
    setSearch("");
    go({ tab: params.tab, tool: null, q: "" });
  };
  const rows = queue.data ?? [];
  const empty = EMPTY[params.tab];

  return (
    <div className="space-y-4">
      {!canDecide ? <p className="rounded-lg border bg-muted/30 px-3 py-2 text-sm text-muted-foreground">Your role can follow proposals and their outcomes; applying or rejecting them needs a PM or an admin.</p> : null}

      <div role="tablist" aria-label="Queues" className="flex gap-1 overflow-x-auto border-b">
        {QUEUE_TABS.map((t, i) => {
          const active = t.value === params.tab;
          const count = counts.data?.[t.value];
          return (
            <button
              key={t.value}
              id={`${panelId}-tab-${t.value}`}
              type="button"
              role="tab"
              aria-selected={active}
              aria-controls={panelId}
              tabIndex={active ? 0 : -1}
              onClick={() => go({ ...params, tab: t.value })}
              onKeyDown={(e) => onTabKey(e, i)}
              className={cn(
                "-mb-px flex shrink-0 items-center gap-1.5 border-b-2 px-3 py-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring/50",
                active ? "border-primary font-medium text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
              )}
              data-testid={`queue-tab-${t.value}`}
            >
              {t.label}
              {count !== undefined ? (
                <span className={cn("rounded-full px-1.5 text-xs tabular-nums", active ? "bg-primary/10 text-primary" : "bg-muted text-muted-foreground", count === 0 && "opacity-60")}>{count}</span>
              ) : (
                <Skeleton className="h-4 w-5 rounded-full" />
              )}
            </button>
          );
        })}
      </div>

      <div className="flex flex-wrap items-center gap-2">
        <Segmented label="Tool" options={TOOL_FILTERS} value={params.tool ?? "ALL"} onChange={(v) => go({ ...params, tool: v === "ALL" ? null : v })} />
        <div className="relative min-w-48 flex-1 sm:max-w-xs">
          <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <label htmlFor={`${panelId}-search`} className="sr-only">
            Search proposals
          </label>
          <Input id={`${panelId}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search titles and rationales" className="h-8 pl-8" />
        </div>
      </div>

      <div id={panelId} role="tabpanel" aria-labelledby={`${panelId}-tab-${params.tab}`} aria-busy={queue.isFetching || undefined}>
        {queue.error ? (
          <p role="alert" className="rounded-lg border border-destructive/40 bg-destructive/5 p-4 text-sm text-destructive">
            We couldn&apos;t load the queue: {queue.error.message}. Reload the page to try again.
          </p>
        ) : queue.isPending ? (
          <QueueSkeleton />
        ) : params.tab === "drafts" ? (
          <DraftList
            rows={rows}
            tool={params.tool}
            canDecide={canDecide}
            listRef={listRef}
            filtered={filtered}
            onClear={clearFilters}
            repropose={(id) => repropose.mutate({ actionId: id })}
            discard={(id) => discard.mutate({ actionId: id })}
            busy={[repropose.isPending ? repropose.variables?.actionId : null, discard.isPending ? discard.variables?.actionId : null]}
          />
        ) : rows.length === 0 ? (
          <Empty
            icon={empty.icon}
            title={filtered ? "No proposals match" : empty.title}
            text={filtered ? "Nothing in this tab matches the tool or the words searched for." : empty.text}
            filtered={filtered}
            onClear={clearFilters}
          />
        ) : (
          <ul ref={listRef} className={cn("divide-y overflow-hidden rounded-xl border bg-card transition-opacity", queue.isPlaceholderData && "opacity-60")} aria-label="Proposals">
            {rows.map((p) => (
              <ProposalRow key={p.id} row={p} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function ProposalRow({ row }: { row: QueueRow }) {
  const tools = [...new Set(row.actions.map((a) => a.tool))];
  return (
    <li>
      <Link
        href={`/approvals/${row.id}`}
        data-queue-item=""
        data-testid="queue-row"
        data-proposal-id={row.id}
        className="flex items-center gap-3 px-4 py-3 outline-none transition-colors hover:bg-muted/40 focus-visible:bg-muted/40 focus-visible:ring-2 focus-visible:ring-ring/50 focus-visible:ring-inset"
      >
        <span className="flex w-10 shrink-0 flex-wrap gap-1">
          {tools.map((t) => (
            <ToolIcon key={t} tool={t} />
          ))}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium">{row.title}</span>
          <span className="block truncate text-xs text-muted-foreground">{actionsLine(row.actions)}</span>
          <span className="mt-0.5 block text-xs text-muted-foreground">
            {proposedBy(row)} <time title={fullDate(row.createdAt)}>{ago(row.createdAt)}</time>
            {row.decidedBy && row.decidedAt ? (
              <>
                {" "}
                · decided by {row.decidedBy} <time title={fullDate(row.decidedAt)}>{ago(row.decidedAt)}</time>
              </>
            ) : null}
          </span>
        </span>
        <span className="hidden max-w-56 shrink-0 text-right text-xs text-muted-foreground sm:block">{statusLine(row.actions)}</span>
        <ChevronRight className="size-4 shrink-0 text-muted-foreground" aria-hidden />
      </Link>
    </li>
  );
}

function DraftList({
  rows,
  tool,
  canDecide,
  listRef,
  filtered,
  onClear,
  repropose,
  discard,
  busy,
}: {
  rows: QueueRow[];
  /** The tool filter: a proposal matches by any of its actions, a draft by its own tool. */
  tool: Tool | null;
  canDecide: boolean;
  listRef: RefObject<HTMLUListElement | null>;
  filtered: boolean;
  onClear(): void;
  repropose(actionId: string): void;
  discard(actionId: string): void;
  busy: (string | null | undefined)[];
}) {
  const drafts = rows.flatMap((p) => p.actions.filter((a) => a.status === "DRAFT" && (!tool || a.tool === tool)).map((a) => ({ ...a, proposal: p })));
  if (drafts.length === 0) {
    const e = EMPTY.drafts;
    return <Empty icon={e.icon} title={filtered ? "No drafts match" : e.title} text={filtered ? "No draft matches the tool or the words searched for." : e.text} filtered={filtered} onClear={onClear} />;
  }
  return (
    <ul ref={listRef} className="divide-y overflow-hidden rounded-xl border bg-card" aria-label="Drafts">
      {drafts.map((d) => {
        const working = busy.includes(d.id);
        return (
          <li key={d.id} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="draft-row" data-action-id={d.id} data-kind={d.kind}>
            <ToolIcon tool={d.tool} />
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium">{d.summary}</p>
              <p className="truncate text-xs text-muted-foreground">
                {d.label} · from{" "}
                <Link href={`/approvals/${d.proposal.id}?action=${d.id}`} data-queue-item="" className="rounded-sm text-foreground underline-offset-2 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring/50">
                  {d.proposal.title}
                </Link>{" "}
                · <time title={fullDate(d.proposal.createdAt)}>{ago(d.proposal.createdAt)}</time>
              </p>
            </div>
            {canDecide ? (
              <div className="flex items-center gap-1">
                <Button size="sm" variant="outline" onClick={() => repropose(d.id)} disabled={working}>
                  {working ? <Loader2 className="animate-spin" aria-hidden /> : <RotateCcw aria-hidden />}
                  Propose again
                </Button>
                <ConfirmButton
                  title="Discard this draft?"
                  description={`“${d.summary}” will not be proposed again. It stays in the history of “${d.proposal.title}”.`}
                  confirmLabel="Discard"
                  onConfirm={() => discard(d.id)}
                  className="text-muted-foreground"
                >
                  <Trash2 aria-hidden /> Discard
                </ConfirmButton>
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function Empty({ icon, title, text, filtered, onClear }: { icon: LucideIcon; title: string; text: string; filtered: boolean; onClear(): void }) {
  return (
    <EmptyState
      icon={icon}
      title={title}
      action={
        filtered ? (
          <Button variant="outline" size="sm" onClick={onClear}>
            Clear the filters
          </Button>
        ) : undefined
      }
    >
      {text}
    </EmptyState>
  );
}

/** The list's shape while it loads, so nothing jumps when it arrives. */
export function QueueSkeleton() {
  return (
    <div className="divide-y overflow-hidden rounded-xl border bg-card" aria-busy="true" aria-label="Loading proposals">
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="flex items-center gap-3 px-4 py-3">
          <Skeleton className="size-4" />
          <div className="flex-1 space-y-1.5">
            <Skeleton className="h-4 w-1/2" />
            <Skeleton className="h-3 w-3/4" />
            <Skeleton className="h-3 w-40" />
          </div>
        </div>
      ))}
    </div>
  );
}
