"use client";

import { cn } from "@/lib/utils";

/** A small set of mutually exclusive options (a period, a kind), shown side by side. */
export function Segmented<T extends string | number>({ options, value, onChange, label, role = "radiogroup" }: { options: readonly { value: T; label: string }[]; value: T; onChange: (value: T) => void; label: string; role?: "radiogroup" | "tablist" }) {
  const itemRole = role === "tablist" ? "tab" : "radio";
  return (
    <div role={role} aria-label={label} className="inline-flex rounded-md border p-0.5">
      {options.map((o) => (
        <button
          key={String(o.value)}
          type="button"
          role={itemRole}
          {...(itemRole === "tab" ? { "aria-selected": value === o.value } : { "aria-checked": value === o.value })}
          onClick={() => onChange(o.value)}
          className={cn("rounded px-2.5 py-1 text-xs outline-none focus-visible:ring-2 focus-visible:ring-ring/50", value === o.value ? "bg-secondary font-medium" : "text-muted-foreground hover:text-foreground")}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
