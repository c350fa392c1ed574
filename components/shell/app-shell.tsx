"use client";

import { useQuery } from "@tanstack/react-query";
import { Menu } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Dialog } from "radix-ui";
import { type ReactNode, useId, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { Tip } from "@/components/ui/tooltip";
import { useTRPC } from "@/lib/trpc/react";
import { cn } from "@/lib/utils";
import { type Scope } from "@/server/auth/scopes";
import { CommandMenu } from "./command-menu";
import { navFor } from "./nav";
import { badgeText, NotificationsBell } from "./notifications-bell";
import { useGoShortcuts } from "./use-go-shortcuts";
import { UserMenu, type ShellUser } from "./user-menu";

export interface ShellProps {
  user: ShellUser;
  organizationName: string;
  roleLabel: string;
  scopes: Scope[];
  children: ReactNode;
}

function Brand({ organizationName }: { organizationName: string }) {
  return (
    <Link href="/" className="flex items-center gap-2.5 rounded-md px-2 py-1.5 outline-none focus-visible:ring-2 focus-visible:ring-ring/50">
      <svg viewBox="0 0 32 32" className="size-6 shrink-0" aria-hidden>
        <rect width="32" height="32" rx="8" className="fill-primary" />
        <path d="M10 8v16h12" fill="none" stroke="white" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
        <circle cx="21" cy="11" r="3" fill="#c7d2fe" />
      </svg>
      <span className="min-w-0">
        <span className="block truncate text-sm font-semibold leading-tight">{organizationName}</span>
        <span className="block text-[11px] leading-tight text-muted-foreground">Lumen</span>
      </span>
    </Link>
  );
}

/** Proposals waiting for a decision, polled for the Approvals badge; null without the scope. */
const APPROVALS_POLL_MS = 30_000;
function usePendingApprovals(scopes: Scope[]): number | null {
  const trpc = useTRPC();
  const enabled = scopes.includes("approvals:view");
  const counts = useQuery({ ...trpc.actions.counts.queryOptions(), enabled, refetchInterval: enabled ? APPROVALS_POLL_MS : false });
  return enabled ? (counts.data?.pending ?? null) : null;
}

function NavLinks({ scopes, onNavigate }: { scopes: Scope[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  const pending = usePendingApprovals(scopes);
  const badgeId = useId();
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5">
      {navFor(scopes).map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        // The count sits beside the link, not in it, so the link's name stays the section's name.
        const badge = item.href === "/approvals" && pending ? badgeText(pending) : null;
        return (
          <div key={item.href} className="relative">
            <Tip label={item.description} shortcut={`G ${item.key.toUpperCase()}`} side="right">
              <Link
                href={item.href}
                onClick={onNavigate}
                aria-current={active ? "page" : undefined}
                aria-describedby={badge ? badgeId : undefined}
                className={cn(
                  "flex items-center gap-2.5 rounded-md px-2 py-1.5 text-sm text-sidebar-foreground transition-colors outline-none hover:bg-sidebar-accent focus-visible:ring-2 focus-visible:ring-ring/50",
                  active && "bg-sidebar-accent font-medium text-foreground",
                  badge && "pr-9",
                )}
              >
                <item.icon className={cn("size-4 text-muted-foreground", active && "text-primary")} aria-hidden />
                {item.label}
              </Link>
            </Tip>
            {badge ? (
              <span className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded-full bg-primary px-1.5 py-px text-[10px] leading-4 font-semibold text-primary-foreground tabular-nums" data-testid="approvals-badge">
                <span aria-hidden>{badge}</span>
                <span id={badgeId} className="sr-only">
                  {pending} waiting for a decision
                </span>
              </span>
            ) : null}
          </div>
        );
      })}
    </nav>
  );
}

/** The signed-in frame: sidebar on wide screens, a top bar with a drawer on narrow ones. */
export function AppShell({ user, organizationName, roleLabel, scopes, children }: ShellProps) {
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [commandOpen, setCommandOpen] = useState(false);
  useGoShortcuts(scopes);
  // True once hydrated (shortcuts attached); marks the shell interactive for browser tests.
  const ready = useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );

  return (
    <div className="flex min-h-dvh" data-shell-ready={ready ? "" : undefined}>
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-sm text-primary-foreground focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        Skip to main content
      </a>
      <aside className="sticky top-0 hidden h-dvh w-60 shrink-0 flex-col border-r border-sidebar-border bg-sidebar p-3 md:flex">
        <Brand organizationName={organizationName} />
        <div className="mt-3 mb-3 flex items-center gap-1">
          <button
            type="button"
            onClick={() => setCommandOpen(true)}
            className="flex h-8 min-w-0 flex-1 items-center justify-between rounded-md border bg-background px-2.5 text-xs text-muted-foreground outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring/50"
          >
            Search or jump to…
            <kbd className="rounded border px-1 font-mono text-[10px]">Ctrl K</kbd>
          </button>
          <NotificationsBell />
        </div>
        <NavLinks scopes={scopes} />
        <div className="mt-auto">
          <UserMenu user={user} roleLabel={roleLabel} organizationName={organizationName} />
        </div>
      </aside>

      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-12 items-center gap-2 border-b bg-background/90 px-3 backdrop-blur md:hidden">
          <Dialog.Root open={drawerOpen} onOpenChange={setDrawerOpen}>
            <Dialog.Trigger asChild>
              <Button variant="ghost" size="icon-sm" aria-label="Open navigation">
                <Menu />
              </Button>
            </Dialog.Trigger>
            <Dialog.Portal>
              <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
              <Dialog.Content className="fixed inset-y-0 left-0 z-50 flex w-72 flex-col gap-3 border-r bg-sidebar p-3 shadow-xl outline-none">
                <Dialog.Title className="sr-only">Navigation</Dialog.Title>
                <Dialog.Description className="sr-only">Sections of the app you can open</Dialog.Description>
                <Brand organizationName={organizationName} />
                <NavLinks scopes={scopes} onNavigate={() => setDrawerOpen(false)} />
                <div className="mt-auto">
                  <UserMenu user={user} roleLabel={roleLabel} organizationName={organizationName} />
                </div>
              </Dialog.Content>
            </Dialog.Portal>
          </Dialog.Root>
          <span className="min-w-0 flex-1 truncate text-sm font-semibold">{organizationName}</span>
          {/* The sidebar's bell stays mounted (hidden) on narrow screens and does the polling. */}
          <NotificationsBell align="end" poll={false} />
        </header>
        <main id="main" tabIndex={-1} className="flex-1 outline-none">
          {children}
        </main>
      </div>
      <CommandMenu open={commandOpen} onOpenChange={setCommandOpen} scopes={scopes} />
    </div>
  );
}
