"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { type Scope } from "@/server/auth/scopes";
import { navFor } from "./nav";

function isTyping(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return Boolean(el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName)));
}

/** Linear-style navigation: press `g`, then a section's key within a second. */
export function useGoShortcuts(scopes: Scope[]) {
  const router = useRouter();
  useEffect(() => {
    let armedUntil = 0;
    const items = navFor(scopes);
    function onKey(e: KeyboardEvent) {
      if (e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
      const key = e.key.toLowerCase();
      if (Date.now() < armedUntil) {
        armedUntil = 0;
        const item = items.find((i) => i.key === key);
        if (item) {
          e.preventDefault();
          router.push(item.href);
        }
        return;
      }
      if (key === "g") armedUntil = Date.now() + 1000;
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router, scopes]);
}
