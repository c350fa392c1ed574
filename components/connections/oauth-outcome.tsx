"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { toast } from "sonner";

/** Turns the OAuth callback's `?connected=` / `?error=` into a toast, then cleans the URL. */
export function OAuthOutcome() {
  const params = useSearchParams();
  const router = useRouter();
  const connected = params.get("connected");
  const error = params.get("error");
  useEffect(() => {
    if (!connected && !error) return;
    if (connected) toast.success(`${connected} connected. The first sync has started.`);
    if (error) toast.error(error, { duration: 10_000 });
    router.replace("/connections");
  }, [connected, error, router]);
  return null;
}
