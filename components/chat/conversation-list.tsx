"use client";

import { differenceInCalendarDays, isValid, parseISO } from "date-fns";
import { FileBarChart, ListChecks, type LucideIcon, MessageSquare, MoreHorizontal, Pencil, Plus, Rocket, ShieldAlert, Trash2 } from "lucide-react";
import Link from "next/link";
import { AlertDialog } from "radix-ui";
import { type KeyboardEvent, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Skeleton } from "@/components/ui/skeleton";
import { Tip } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";
import { ARTIFACT_KIND_LABELS, type ArtifactKind } from "@/server/planning/artifact";
import { type ConversationSummary } from "./types";

const KIND_ICONS: Record<ArtifactKind, LucideIcon> = {
  sprint_plan: ListChecks,
  release_plan: Rocket,
  status_report: FileBarChart,
  risk_register: ShieldAlert,
};

export type ConversationGroupLabel = "Today" | "Previous 7 days" | "Older";

/**
 * Splits conversations into Today / Previous 7 days / Older by calendar day in the viewer's time
 * zone, newest first within each group; empty groups are left out. Rows with an unreadable date
 * count as Older.
 */
export function groupConversations<T extends { updatedAt: string }>(conversations: readonly T[], now: Date): { label: ConversationGroupLabel; items: T[] }[] {
  const groups: Record<ConversationGroupLabel, { item: T; at: number }[]> = { Today: [], "Previous 7 days": [], Older: [] };
  for (const item of conversations) {
    const d = parseISO(item.updatedAt);
    if (!isValid(d)) {
      groups.Older.push({ item, at: -Infinity });
      continue;
    }
    const days = differenceInCalendarDays(now, d);
    const label: ConversationGroupLabel = days <= 0 ? "Today" : days <= 7 ? "Previous 7 days" : "Older";
    groups[label].push({ item, at: d.getTime() });
  }
  return (["Today", "Previous 7 days", "Older"] as const)
    .filter((label) => groups[label].length > 0)
    .map((label) => ({ label, items: groups[label].sort((a, b) => b.at - a.at).map((g) => g.item) }));
}

export interface ConversationListProps {
  conversations: ConversationSummary[];
  activeId: string | null;
  onNew(): void;
  /** Called with the trimmed new title, only when it changed and is not empty. */
  onRename(id: string, title: string): void;
  /** Called after the user confirmed. */
  onDelete(id: string): void;
  loading?: boolean;
}

function RenameInput({ initial, onDone }: { initial: string; onDone(title: string | null): void }) {
  const [value, setValue] = useState(initial);
  const ref = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  function finish(title: string | null) {
    if (done.current) return;
    done.current = true;
    onDone(title);
  }
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter") {
      e.preventDefault();
      finish(value);
    } else if (e.key === "Escape") {
      e.preventDefault();
      finish(null);
    }
  }
  return (
    <input
      ref={ref}
      value={value}
      maxLength={200}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => finish(value)}
      aria-label="Conversation title"
      className="h-8 w-full min-w-0 rounded-md border border-ring/60 bg-background px-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring/30"
    />
  );
}

function Row({
  conversation,
  active,
  onRename,
  onAskDelete,
}: {
  conversation: ConversationSummary;
  active: boolean;
  onRename(id: string, title: string): void;
  onAskDelete(c: ConversationSummary): void;
}) {
  const [renaming, setRenaming] = useState(false);
  const Icon = conversation.kind ? KIND_ICONS[conversation.kind] : MessageSquare;
  const title = conversation.title.trim() || "Untitled conversation";

  if (renaming) {
    return (
      <li className="px-1 py-0.5">
        <RenameInput
          initial={conversation.title}
          onDone={(next) => {
            setRenaming(false);
            const t = next?.trim();
            if (t && t !== conversation.title) onRename(conversation.id, t);
          }}
        />
      </li>
    );
  }

  return (
    <li className="group/row relative" data-testid="conversation-row">
      <Link
        href={`/chat/${conversation.id}`}
        aria-current={active ? "page" : undefined}
        className={cn(
          "flex h-8 items-center gap-2 rounded-md pr-8 pl-2 text-sm text-sidebar-foreground outline-none hover:bg-sidebar-accent focus-visible:ring-2 focus-visible:ring-ring/50",
          active && "bg-sidebar-accent font-medium text-foreground",
        )}
        title={conversation.kind ? `${title} · ${ARTIFACT_KIND_LABELS[conversation.kind]}` : title}
      >
        <Icon className={cn("size-3.5 shrink-0 text-muted-foreground", active && "text-primary")} aria-hidden />
        <span className="truncate">{title}</span>
      </Link>
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger
          aria-label={`Actions for ${title}`}
          className={cn(
            "absolute top-1/2 right-1 flex size-6 -translate-y-1/2 items-center justify-center rounded text-muted-foreground outline-none hover:bg-background hover:text-foreground focus-visible:opacity-100 focus-visible:ring-2 focus-visible:ring-ring/50 data-[state=open]:opacity-100",
            active ? "opacity-100" : "opacity-0 group-hover/row:opacity-100 group-focus-within/row:opacity-100",
          )}
        >
          <MoreHorizontal className="size-4" />
        </DropdownMenuTrigger>
        <DropdownMenuContent
          align="start"
          className="w-40"
          // Keep focus in the rename field instead of handing it back to the trigger.
          onCloseAutoFocus={(e) => e.preventDefault()}
        >
          <DropdownMenuItem onSelect={() => setRenaming(true)}>
            <Pencil /> Rename
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => onAskDelete(conversation)} className="text-destructive focus:text-destructive [&_svg]:text-destructive">
            <Trash2 /> Delete
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </li>
  );
}

// Grouping depends on "now": read it as an external store that ticks each minute, and not at all
// on the server, so server and client markup agree.
function subscribeMinutes(onChange: () => void) {
  const t = setInterval(onChange, 60_000);
  return () => clearInterval(t);
}
const currentMinute = () => Math.floor(Date.now() / 60_000);
const noMinute = () => null;

/** The conversations sidebar: new chat, conversations grouped by recency, rename and delete. */
export function ConversationList({ conversations, activeId, onNew, onRename, onDelete, loading = false }: ConversationListProps) {
  const [deleting, setDeleting] = useState<ConversationSummary | null>(null);
  const minute = useSyncExternalStore(subscribeMinutes, currentMinute, noMinute);
  const now = minute == null ? null : new Date(minute * 60_000);

  const groups = now ? groupConversations(conversations, now) : [{ label: "Older" as const, items: [...conversations].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)) }];

  return (
    <nav aria-label="Conversations" className="flex min-h-0 flex-1 flex-col gap-2" data-testid="conversation-list">
      <Tip label="Start a new conversation">
        <Button variant="outline" size="sm" className="w-full justify-start" onClick={onNew} data-testid="new-conversation">
          <Plus /> New chat
        </Button>
      </Tip>

      <div className="-mx-1 min-h-0 flex-1 overflow-y-auto px-1">
        {loading ? (
          <div className="space-y-1.5 pt-2" aria-busy="true" aria-label="Loading conversations">
            <Skeleton className="h-3 w-16" />
            {[72, 88, 64, 80, 56].map((w, i) => (
              <Skeleton key={i} className="h-7" style={{ width: `${w}%` }} />
            ))}
          </div>
        ) : conversations.length === 0 ? (
          <div className="mt-2 rounded-lg border border-dashed px-3 py-6 text-center">
            <MessageSquare className="mx-auto mb-2 size-5 text-muted-foreground" aria-hidden />
            <p className="text-sm font-medium">No conversations yet</p>
            <p className="mt-1 text-xs text-muted-foreground">Start one with New chat, or pick a workflow like planning the next sprint.</p>
          </div>
        ) : (
          groups.map((g) => (
            <section key={g.label} className="mt-3 first:mt-1" aria-label={now ? g.label : "Conversations"}>
              {now ? <h3 className="px-2 pb-1 text-[11px] font-medium text-muted-foreground">{g.label}</h3> : null}
              <ul className="flex flex-col gap-px">
                {g.items.map((c) => (
                  <Row key={c.id} conversation={c} active={c.id === activeId} onRename={onRename} onAskDelete={setDeleting} />
                ))}
              </ul>
            </section>
          ))
        )}
      </div>

      <AlertDialog.Root open={deleting != null} onOpenChange={(open) => !open && setDeleting(null)}>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="fixed inset-0 z-50 bg-black/40" />
          <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(440px,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-xl border bg-popover p-5 shadow-2xl outline-none">
            <AlertDialog.Title className="text-base font-semibold">Delete this conversation?</AlertDialog.Title>
            <AlertDialog.Description className="mt-1.5 text-sm text-muted-foreground">
              “{deleting?.title || "Untitled conversation"}” and its messages will be deleted. This can&apos;t be undone.
            </AlertDialog.Description>
            <div className="mt-5 flex justify-end gap-2">
              <AlertDialog.Cancel className={buttonVariants({ variant: "ghost", size: "sm" })}>Cancel</AlertDialog.Cancel>
              <AlertDialog.Action
                className={buttonVariants({ variant: "destructive", size: "sm" })}
                onClick={() => {
                  if (deleting) onDelete(deleting.id);
                }}
                data-testid="confirm-delete-conversation"
              >
                Delete
              </AlertDialog.Action>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </nav>
  );
}
