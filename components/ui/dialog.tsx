"use client";

import { X } from "lucide-react";
import { Dialog as Primitive } from "radix-ui";
import { type ComponentProps, type ReactNode } from "react";
import { cn } from "@/lib/utils";

export const Dialog = Primitive.Root;
export const DialogTrigger = Primitive.Trigger;
export const DialogClose = Primitive.Close;

export function DialogContent({ className, children, title, description, ...props }: ComponentProps<typeof Primitive.Content> & { title: string; description?: ReactNode }) {
  return (
    <Primitive.Portal>
      <Primitive.Overlay className="fixed inset-0 z-50 bg-black/40 backdrop-blur-[1px]" />
      <Primitive.Content
        className={cn("fixed top-1/2 left-1/2 z-50 max-h-[90dvh] w-[min(560px,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl border bg-popover p-5 text-popover-foreground shadow-2xl outline-none", className)}
        {...props}
      >
        <div className="mb-4 pr-8">
          <Primitive.Title className="text-base font-semibold">{title}</Primitive.Title>
          {description ? <Primitive.Description className="mt-1 text-sm text-muted-foreground">{description}</Primitive.Description> : <Primitive.Description className="sr-only">{title}</Primitive.Description>}
        </div>
        {children}
        <Primitive.Close className="absolute top-4 right-4 rounded-md p-1 text-muted-foreground outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring/50" aria-label="Close">
          <X className="size-4" />
        </Primitive.Close>
      </Primitive.Content>
    </Primitive.Portal>
  );
}
