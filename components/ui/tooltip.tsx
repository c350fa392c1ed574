"use client";

import { Tooltip as Primitive } from "radix-ui";
import { type ComponentProps, type ReactNode } from "react";
import { cn } from "@/lib/utils";

export const TooltipProvider = Primitive.Provider;

export function TooltipContent({ className, sideOffset = 6, ...props }: ComponentProps<typeof Primitive.Content>) {
  return (
    <Primitive.Portal>
      <Primitive.Content
        sideOffset={sideOffset}
        className={cn("z-50 rounded-md bg-foreground px-2 py-1 text-xs text-background shadow-md", className)}
        {...props}
      />
    </Primitive.Portal>
  );
}

/** A tooltip around one trigger; `shortcut` shows the key that does the same thing. */
export function Tip({ label, shortcut, side, children }: { label: string; shortcut?: string; side?: "top" | "right" | "bottom" | "left"; children: ReactNode }) {
  return (
    <Primitive.Root>
      <Primitive.Trigger asChild>{children}</Primitive.Trigger>
      <TooltipContent side={side}>
        <span className="flex items-center gap-2">
          {label}
          {shortcut ? <kbd className="rounded border border-background/30 px-1 font-mono text-[10px] opacity-80">{shortcut}</kbd> : null}
        </span>
      </TooltipContent>
    </Primitive.Root>
  );
}
