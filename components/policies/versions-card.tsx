"use client";

import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { format } from "date-fns";
import { GitCompare, History, LoaderCircle, Undo2 } from "lucide-react";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc/react";
import { cn } from "@/lib/utils";
import { diffPolicies, diffSummary, type DiffSegment } from "./line-diff";
import { type CurrentPolicy } from "./types";
import { versionLabel } from "./wording";

/**
 * Every published version, newest first. Selecting one shows what it would change compared with
 * the version in force (so a rollback's effect is read before it is made); admins can roll back,
 * which publishes the old text again as a new version.
 */
export function VersionsCard({ current, canEdit }: { current: CurrentPolicy; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.policies.versions.queryOptions());
  const [selected, setSelected] = useState<number | null>(null);
  const version = useQuery(trpc.policies.version.queryOptions(selected === null ? skipToken : { number: selected }));

  const rollback = useMutation(
    trpc.policies.rollback.mutationOptions({
      onSuccess: (result, vars) => toast.success(`Version ${vars.number} is in force again, published as version ${result.number}`),
      onError: (e) => toast.error(e.message),
      onSettled: () => queryClient.invalidateQueries(trpc.policies.pathFilter()),
    }),
  );

  return (
    <Card data-testid="policy-versions">
      <CardHeader>
        <CardTitle>Versions</CardTitle>
        <CardDescription>Every published policy, newest first. Select one to compare it with the version in force{canEdit ? " or to roll back to it" : ""}.</CardDescription>
      </CardHeader>
      {versions.error ? (
        <p className="px-5 pb-5 text-sm text-destructive">We couldn&apos;t load the versions: {versions.error.message} Reload the page to try again.</p>
      ) : versions.data?.length === 0 ? (
        <EmptyState icon={History} title="No versions yet" className="mx-5 mb-5 py-10">
          The default policy is in force. {canEdit ? "When you publish a change above, it appears here as version 1." : "When an admin publishes a change, it appears here as version 1."}
        </EmptyState>
      ) : (
        <div className="grid border-t lg:grid-cols-[minmax(0,300px)_minmax(0,1fr)]">
          <ul className="max-h-[480px] overflow-y-auto border-b lg:border-r lg:border-b-0" aria-label="Published versions" aria-busy={versions.isPending}>
            {versions.isPending
              ? [0, 1, 2].map((i) => (
                  <li key={i} className="px-5 py-3">
                    <Skeleton className="h-4 w-24" />
                    <Skeleton className="mt-1.5 h-3 w-40" />
                  </li>
                ))
              : versions.data.map((v) => (
                  <li key={v.number}>
                    <button
                      type="button"
                      data-testid="policy-version"
                      aria-pressed={selected === v.number}
                      onClick={() => setSelected(v.number)}
                      className={cn("flex w-full flex-col gap-0.5 border-b px-5 py-3 text-left outline-none last:border-b-0 hover:bg-muted/40 focus-visible:bg-muted/50 focus-visible:ring-2 focus-visible:ring-ring/50 focus-visible:ring-inset", selected === v.number && "bg-muted")}
                    >
                      <span className="flex items-center gap-2 text-sm font-medium">
                        {versionLabel(v.number)}
                        {v.number === current.version ? <Badge variant="success">In force</Badge> : null}
                      </span>
                      <span className="line-clamp-2 text-sm text-muted-foreground">{v.note ?? "No note"}</span>
                      <span className="text-xs text-muted-foreground">
                        {v.createdBy ?? "Lumen"} · <time dateTime={v.createdAt.toISOString()}>{format(v.createdAt, "MMM d, yyyy HH:mm")}</time>
                      </span>
                    </button>
                  </li>
                ))}
          </ul>
          <div className="min-w-0">
            {selected === null ? (
              <div className="flex h-full min-h-48 flex-col items-center justify-center gap-2 p-8 text-center text-sm text-muted-foreground">
                <GitCompare className="size-5" aria-hidden />
                Select a version to see how it differs from the version in force.
              </div>
            ) : version.error ? (
              <p className="p-5 text-sm text-destructive">We couldn&apos;t load version {selected}: {version.error.message} Select it again to retry.</p>
            ) : version.isPending ? (
              <div className="space-y-2 p-5" aria-busy>
                <Skeleton className="h-4 w-48" />
                <Skeleton className="h-64 w-full" />
              </div>
            ) : version.data === null ? (
              <p className="p-5 text-sm text-muted-foreground">Version {selected} no longer exists. Select another version.</p>
            ) : (
              <VersionDiff
                key={selected}
                number={version.data.number}
                text={version.data.text}
                current={current}
                pending={rollback.isPending}
                onRollback={canEdit && version.data.number !== current.version ? () => rollback.mutate({ number: selected, basedOn: current.version }) : undefined}
              />
            )}
          </div>
        </div>
      )}
    </Card>
  );
}

/** The line diff from the version in force to a selected version; unchanged stretches fold and open on click. */
function VersionDiff({ number, text, current, pending, onRollback }: { number: number; text: string; current: CurrentPolicy; pending: boolean; onRollback?: () => void }) {
  const diff = useMemo(() => diffPolicies(current.text, text), [current.text, text]);
  const [opened, setOpened] = useState<ReadonlySet<number>>(new Set());
  const inForce = number === current.version;
  return (
    <div className="space-y-3 p-5" data-testid="policy-version-diff">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h4 className="text-sm font-semibold">
            {inForce ? `Version ${number} is the version in force` : `${versionLabel(current.version)} (in force) → version ${number}`}
          </h4>
          <p className="text-xs text-muted-foreground">{inForce ? "Its text is the YAML shown above." : `${diffSummary(diff)}: what rolling back would change. Added lines are green, removed lines red.`}</p>
        </div>
        {onRollback ? (
          <ConfirmButton
            className="border"
            title={`Roll back to version ${number}?`}
            description={`Version ${number}'s text becomes the policy in force at once, published as a new version with the note “Rolled back to version ${number}”. Proposals already waiting keep their decisions.`}
            confirmLabel="Roll back"
            onConfirm={onRollback}
          >
            {pending ? <LoaderCircle className="animate-spin" aria-hidden /> : <Undo2 aria-hidden />}
            Roll back to this version
          </ConfirmButton>
        ) : null}
      </div>
      {inForce || diff.segments.length === 0 ? null : (
        <div className="overflow-x-auto rounded-lg border font-mono text-xs leading-5">
          <table className="w-full border-collapse">
            <tbody>
              {diff.segments.map((segment, i) =>
                segment.kind === "folded" && !opened.has(i) ? (
                  <tr key={i} className="bg-muted/40">
                    <td colSpan={4} className="px-3 py-1">
                      <button type="button" className="text-muted-foreground outline-none hover:text-foreground focus-visible:underline" onClick={() => setOpened(new Set(opened).add(i))}>
                        ⋯ {segment.lines.length} unchanged lines
                      </button>
                    </td>
                  </tr>
                ) : (
                  <DiffRows key={i} segment={segment} />
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

const ROW_STYLE = { added: "bg-success/12", removed: "bg-destructive/10", unchanged: "" } as const;
const SIGN = { added: "+", removed: "−", unchanged: " " } as const;

function DiffRows({ segment }: { segment: DiffSegment }) {
  return (
    <>
      {segment.lines.map((line, j) => (
        <tr key={j} className={ROW_STYLE[line.kind]} data-diff={line.kind}>
          <td className="w-10 px-2 text-right text-muted-foreground/70 select-none">{line.oldNumber ?? ""}</td>
          <td className="w-10 px-2 text-right text-muted-foreground/70 select-none">{line.newNumber ?? ""}</td>
          <td className={cn("w-4 select-none", line.kind === "added" ? "text-success" : line.kind === "removed" ? "text-destructive" : "")} aria-label={line.kind === "unchanged" ? undefined : line.kind}>
            {SIGN[line.kind]}
          </td>
          <td className="pr-3 whitespace-pre">{line.text}</td>
        </tr>
      ))}
    </>
  );
}
