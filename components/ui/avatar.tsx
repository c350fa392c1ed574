"use client";

import { Avatar as Primitive } from "radix-ui";
import { cn } from "@/lib/utils";

function initials(name: string | null | undefined, email: string | null | undefined) {
  const source = name?.trim() || email?.split("@")[0] || "?";
  const parts = source.split(/[\s._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts[1]?.[0] ?? "")).toUpperCase();
}

export function UserAvatar({ name, email, image, className }: { name?: string | null; email?: string | null; image?: string | null; className?: string }) {
  return (
    <Primitive.Root className={cn("relative flex size-7 shrink-0 overflow-hidden rounded-full bg-primary/12", className)}>
      {image ? <Primitive.Image src={image} alt="" className="aspect-square size-full" /> : null}
      <Primitive.Fallback className="flex size-full items-center justify-center text-[11px] font-semibold text-primary" delayMs={image ? 400 : 0}>
        {initials(name, email)}
      </Primitive.Fallback>
    </Primitive.Root>
  );
}
