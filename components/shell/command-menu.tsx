"use client";

import { Command } from "cmdk";
import { LogOut, Monitor, Moon, Sun } from "lucide-react";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useTheme } from "next-themes";
import { Dialog } from "radix-ui";
import { type ReactNode, useEffect } from "react";
import { type Scope } from "@/server/auth/scopes";
import { navFor } from "./nav";

function Item({ onSelect, children, hint }: { onSelect: () => void; children: ReactNode; hint?: string }) {
  return (
    <Command.Item
      onSelect={onSelect}
      className="flex cursor-default items-center gap-2.5 rounded-md px-2.5 py-2 text-sm outline-none data-[selected=true]:bg-accent [&_svg]:size-4 [&_svg]:text-muted-foreground"
    >
      {children}
      {hint ? <span className="ml-auto font-mono text-[10px] text-muted-foreground">{hint}</span> : null}
    </Command.Item>
  );
}

/** The command palette on Ctrl/⌘ K: jump to a section, switch theme, sign out. */
export function CommandMenu({ open, onOpenChange, scopes }: { open: boolean; onOpenChange: (open: boolean) => void; scopes: Scope[] }) {
  const router = useRouter();
  const { setTheme } = useTheme();

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key.toLowerCase() === "k" && (e.metaKey || e.ctrlKey)) {
        e.preventDefault();
        onOpenChange(!open);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open, onOpenChange]);

  const run = (fn: () => void) => () => {
    onOpenChange(false);
    fn();
  };

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-black/30 backdrop-blur-[1px]" />
        <Dialog.Content className="fixed top-[18%] left-1/2 z-50 w-[min(560px,calc(100vw-2rem))] -translate-x-1/2 overflow-hidden rounded-xl border bg-popover text-popover-foreground shadow-2xl outline-none">
          <Dialog.Title className="sr-only">Command menu</Dialog.Title>
          <Dialog.Description className="sr-only">Type to search sections and commands</Dialog.Description>
          <Command label="Command menu" loop>
            <Command.Input autoFocus placeholder="Type a command or search…" className="h-11 w-full border-b bg-transparent px-4 text-sm outline-none placeholder:text-muted-foreground" />
            <Command.List className="max-h-80 overflow-y-auto p-1.5">
              <Command.Empty className="px-3 py-6 text-center text-sm text-muted-foreground">Nothing matches. Try a section name such as “Audit”.</Command.Empty>
              <Command.Group heading="Go to" className="[&_[cmdk-group-heading]]:px-2.5 [&_[cmdk-group-heading]]:py-1.5 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:text-muted-foreground">
                {navFor(scopes).map((item) => (
                  <Item key={item.href} onSelect={run(() => router.push(item.href))} hint={`G ${item.key.toUpperCase()}`}>
                    <item.icon />
                    {item.label}
                    <span className="truncate text-xs text-muted-foreground">{item.description}</span>
                  </Item>
                ))}
              </Command.Group>
              <Command.Group heading="Theme" className="[&_[cmdk-group-heading]]:px-2.5 [&_[cmdk-group-heading]]:py-1.5 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:text-muted-foreground">
                <Item onSelect={run(() => setTheme("light"))}>
                  <Sun /> Light theme
                </Item>
                <Item onSelect={run(() => setTheme("dark"))}>
                  <Moon /> Dark theme
                </Item>
                <Item onSelect={run(() => setTheme("system"))}>
                  <Monitor /> Match the system
                </Item>
              </Command.Group>
              <Command.Group heading="Account" className="[&_[cmdk-group-heading]]:px-2.5 [&_[cmdk-group-heading]]:py-1.5 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:text-muted-foreground">
                <Item onSelect={run(() => void signOut({ callbackUrl: "/sign-in" }))}>
                  <LogOut /> Sign out
                </Item>
              </Command.Group>
            </Command.List>
          </Command>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
