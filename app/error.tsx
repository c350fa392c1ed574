"use client";

import { AlertTriangle } from "lucide-react";
import { Button } from "@/components/ui/button";

/** A failed page: say so plainly, offer a retry, and give the id support can look up. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex min-h-[60dvh] flex-col items-center justify-center px-6 text-center">
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-destructive/10">
        <AlertTriangle className="size-5 text-destructive" aria-hidden />
      </div>
      <h1 className="text-xl font-semibold tracking-tight">Something went wrong on this page</h1>
      <p className="mt-2 max-w-md text-sm text-muted-foreground">
        Your data is safe. Try again; if it keeps happening, send your admin this reference{error.digest ? <>: <code className="font-mono">{error.digest}</code></> : "."}
      </p>
      <Button className="mt-6" onClick={reset}>
        Try again
      </Button>
    </main>
  );
}
