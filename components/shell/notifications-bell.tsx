"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type inferRouterOutputs } from "@trpc/server";
import { formatDistanceToNowStrict } from "date-fns";
import { Bell, BellOff, CheckCheck } from "lucide-react";
import Link from "next/link";
import { Popover } from "radix-ui";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc/react";
import { cn } from "@/lib/utils";
import { type AppRouter } from "@/server/api/root";

type NotificationList = inferRouterOutputs<AppRouter>["notifications"]["list"];
type NotificationItem = NotificationList["items"][number];

/** How many the popover lists; the unread count covers all of them. */
const LIMIT = 20;
/** Polling is one indexed count and one short list per member, and pauses while the tab is hidden. */
const POLL_MS = 30_000;

/** The bell's accessible name, with the unread count when there is one. */
export function bellLabel(unread: number): string {
  return unread > 0 ? `Notifications, ${unread} unread` : "Notifications";
}

/** What the badge shows: nothing at zero, the count up to 9, then "9+". */
export function badgeText(unread: number): string | null {
  if (unread <= 0) return null;
  return unread > 9 ? "9+" : String(unread);
}

/**
 * The list as it is after marking `ids` read (all of them when `ids` is undefined), so the bell
 * updates before the server answers. The unread count only drops for items that were unread.
 */
export function markedRead(list: NotificationList, ids?: readonly string[]): NotificationList {
  const marks = (n: NotificationItem) => !n.read && (!ids || ids.includes(n.id));
  const listed = list.items.filter(marks).length;
  // Unread items beyond the listed ones are only cleared by "mark all".
  const unread = ids ? Math.max(0, list.unread - listed) : 0;
  return { unread, items: list.items.map((n) => (marks(n) ? { ...n, read: true } : n)) };
}

/**
 * The bell with its unread count; opens the recent notifications, each a link that marks it read.
 * Every bell on the page shares one cached list, so only one of them needs to `poll`.
 */
export function NotificationsBell({ align = "start", side = "bottom", poll = true, className }: { align?: "start" | "end"; side?: "bottom" | "right"; poll?: boolean; className?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const input = { limit: LIMIT };
  const queryKey = trpc.notifications.list.queryKey(input);
  const list = useQuery({ ...trpc.notifications.list.queryOptions(input), refetchInterval: poll ? POLL_MS : false });

  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onMutate: async (vars) => {
        await queryClient.cancelQueries({ queryKey });
        const previous = queryClient.getQueryData(queryKey);
        queryClient.setQueryData(queryKey, (old) => (old ? markedRead(old, vars.ids) : old));
        return { previous };
      },
      onError: (error, _vars, context) => {
        if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
        toast.error(error.message);
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() }),
    }),
  );

  const unread = list.data?.unread ?? 0;
  const badge = badgeText(unread);

  return (
    <Popover.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void list.refetch();
      }}
    >
      <Popover.Trigger asChild>
        <Button variant="ghost" size="icon-sm" aria-label={bellLabel(unread)} className={cn("relative text-muted-foreground hover:text-foreground", className)} data-testid="notifications-bell">
          <Bell />
          {badge ? (
            <span className="absolute -top-1 -right-1 flex h-4 min-w-4 items-center justify-center rounded-full bg-primary px-1 text-[10px] leading-none font-semibold text-primary-foreground tabular-nums ring-2 ring-sidebar">
              {badge}
            </span>
          ) : null}
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          side={side}
          align={align}
          sideOffset={8}
          collisionPadding={12}
          className="z-50 flex max-h-[min(32rem,calc(100dvh-4rem))] w-[min(22rem,calc(100vw-1.5rem))] flex-col overflow-hidden rounded-xl border bg-popover text-popover-foreground shadow-lg outline-none"
          aria-label="Notifications"
        >
          <div className="flex items-center justify-between gap-2 border-b px-3 py-2">
            <h2 className="text-sm font-semibold">Notifications</h2>
            <Button size="sm" variant="ghost" className="h-7 px-2 text-xs text-muted-foreground" disabled={unread === 0 || markRead.isPending} onClick={() => markRead.mutate({})}>
              <CheckCheck className="size-3.5" /> Mark all read
            </Button>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto">
            {list.isPending ? (
              <div className="space-y-3 p-3">
                {[0, 1, 2].map((i) => (
                  <Skeleton key={i} className="h-10 w-full" />
                ))}
              </div>
            ) : list.error ? (
              <p className="p-4 text-sm text-destructive">We couldn&apos;t load your notifications: {list.error.message}</p>
            ) : list.data.items.length === 0 ? (
              <div className="flex flex-col items-center gap-2 px-6 py-10 text-center">
                <BellOff className="size-5 text-muted-foreground" aria-hidden />
                <p className="text-sm font-medium">Nothing new</p>
                <p className="text-xs text-muted-foreground">Scheduled reports and failed runs show up here.</p>
              </div>
            ) : (
              <ul className="divide-y" aria-label="Recent notifications">
                {list.data.items.map((n) => (
                  <li key={n.id}>
                    <NotificationRow
                      item={n}
                      onOpen={() => {
                        if (!n.read) markRead.mutate({ ids: [n.id] });
                        setOpen(false);
                      }}
                    />
                  </li>
                ))}
              </ul>
            )}
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function NotificationRow({ item, onOpen }: { item: NotificationItem; onOpen: () => void }) {
  const content = (
    <>
      <span className={cn("mt-1.5 size-2 shrink-0 rounded-full", item.read ? "bg-transparent" : "bg-primary")} aria-hidden />
      <span className="min-w-0 flex-1">
        <span className={cn("block text-sm leading-snug", item.read ? "text-muted-foreground" : "font-medium")}>
          {item.title}
          {item.read ? null : <span className="sr-only"> (unread)</span>}
        </span>
        {item.body ? <span className="mt-0.5 line-clamp-2 block text-xs text-muted-foreground">{item.body}</span> : null}
        <time dateTime={item.createdAt.toISOString()} className="mt-1 block text-[11px] text-muted-foreground">
          {formatDistanceToNowStrict(item.createdAt, { addSuffix: true })}
        </time>
      </span>
    </>
  );
  const className = "flex w-full gap-2.5 px-3 py-2.5 text-left outline-none transition-colors hover:bg-accent focus-visible:bg-accent";
  return item.href ? (
    <Link href={item.href} onClick={onOpen} className={className} data-testid="notification">
      {content}
    </Link>
  ) : (
    <button type="button" onClick={onOpen} className={className} data-testid="notification">
      {content}
    </button>
  );
}
