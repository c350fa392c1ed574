"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleCheck, ShieldAlert } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc/react";

const PROBLEM_TEXT = {
  changed: "its content no longer matches its hash: the event was altered after it was recorded.",
  missing: "this event is missing: it was deleted from the trail.",
  "broken link": "its link to the previous event does not match: an earlier event was altered or replaced.",
} as const;

/**
 * The trail's integrity: every event's hash recomputed and every link checked on the server, so a
 * reader can trust the log below or see where it was tampered with.
 */
export function AuditIntegrity() {
  const trpc = useTRPC();
  const integrity = useQuery(trpc.audit.integrity.queryOptions());
  const verdict = integrity.data;

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-sm">Integrity</CardTitle>
        <CardDescription>Each event is hash-chained to the one before it, so any change or deletion shows up here.</CardDescription>
      </CardHeader>
      <CardContent>
        {integrity.isPending ? (
          <Skeleton className="h-5 w-64" />
        ) : integrity.error ? (
          <p className="text-sm text-destructive">Could not check the trail: {integrity.error.message} Reload the page to try again.</p>
        ) : verdict?.ok ? (
          <p className="flex items-center gap-2 text-sm" data-testid="audit-integrity">
            <CircleCheck className="size-4 text-emerald-600 dark:text-emerald-400" aria-hidden />
            Verified {verdict.events.toLocaleString()} {verdict.events === 1 ? "event" : "events"}: chain intact ✓
          </p>
        ) : verdict ? (
          <p className="flex items-start gap-2 text-sm text-destructive" data-testid="audit-integrity">
            <ShieldAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>
              Chain broken at event #{verdict.seq} ({verdict.problem}): {PROBLEM_TEXT[verdict.problem]} {verdict.events.toLocaleString()} earlier{" "}
              {verdict.events === 1 ? "event verifies" : "events verify"}. Run <code>npm run audit:verify</code> for details and restore the trail from a backup.
            </span>
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
