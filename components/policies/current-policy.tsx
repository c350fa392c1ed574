"use client";

import { format } from "date-fns";
import { ShieldCheck } from "lucide-react";
import { ToolIcon } from "@/components/approvals/tool-icon";
import { TOOL_LABELS } from "@/components/approvals/summaries";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { PolicyCode } from "./policy-code";
import { type CurrentPolicy } from "./types";
import { groupActionsByTool, splitRuleSummary, versionLabel } from "./wording";

/**
 * The policy in force as everyone who may read it sees it: which version, who published it, what
 * it lets the reader's own role propose, its rules in words, and the YAML itself.
 * `data-version` is the version number, or 0 while the default policy is in force.
 */
export function CurrentPolicyCard({ current, yamlOpen }: { current: CurrentPolicy; yamlOpen: boolean }) {
  const groups = groupActionsByTool(current.yourActions);
  return (
    <Card data-testid="policy-current" data-version={current.version ?? 0}>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-1">
          <CardTitle className="flex items-center gap-2">
            <ShieldCheck className="size-4 text-success" aria-hidden />
            Policy in force
          </CardTitle>
          <CardDescription>{published(current)}</CardDescription>
        </div>
        <Badge variant={current.version === null ? "secondary" : "default"}>{versionLabel(current.version)}</Badge>
      </CardHeader>
      <CardContent className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <section aria-labelledby="policy-you-may">
          <h4 id="policy-you-may" className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">
            What you may do
          </h4>
          {groups.length ? (
            <ul className="space-y-2.5">
              {groups.map((g) => (
                <li key={g.tool} className="flex items-start gap-2">
                  <ToolIcon tool={g.tool} labelled={false} className="mt-0.5" />
                  <div className="min-w-0">
                    <div className="text-sm font-medium">{TOOL_LABELS[g.tool]}</div>
                    <div className="mt-1 flex flex-wrap gap-1">
                      {g.actions.map((a) => (
                        <Badge key={a.kind} variant="outline">
                          {a.label}
                        </Badge>
                      ))}
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">Your role proposes no changes. Lumen still reads connected tools to plan for you; an admin can change what your role may propose.</p>
          )}
        </section>
        <section aria-labelledby="policy-rules">
          <h4 id="policy-rules" className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">
            Rules
          </h4>
          {current.rules.length ? (
            <ol className="space-y-1.5 text-sm" data-testid="policy-rules">
              {current.rules.map((line, i) => {
                const { name, text } = splitRuleSummary(line);
                return (
                  <li key={i} className="flex gap-2">
                    <span className="w-5 shrink-0 text-right text-xs leading-5 text-muted-foreground tabular-nums">{i + 1}.</span>
                    <span>
                      {name ? <span className="font-medium">{name}: </span> : null}
                      <span className="text-muted-foreground">{text}</span>
                    </span>
                  </li>
                );
              })}
            </ol>
          ) : (
            <p className="text-sm text-muted-foreground">This policy has no rules, so Lumen proposes no changes for anyone.</p>
          )}
        </section>
      </CardContent>
      <details className="group border-t" open={yamlOpen}>
        <summary className="cursor-pointer px-5 py-3 text-sm font-medium text-muted-foreground select-none hover:text-foreground">
          <span className="group-open:hidden">Show the YAML</span>
          <span className="hidden group-open:inline">Hide the YAML</span>
        </summary>
        <div className="border-t" data-testid="policy-current-yaml">
          <PolicyCode value={current.text} label={`${versionLabel(current.version)}, read-only`} maxHeight="420px" />
        </div>
      </details>
    </Card>
  );
}

function published(current: CurrentPolicy): string {
  if (current.version === null) return "No version has been published yet, so Lumen's default policy applies. Its comments explain each rule.";
  const when = current.publishedAt ? format(current.publishedAt, "MMM d, yyyy 'at' HH:mm") : null;
  const who = current.publishedBy ?? "a former member";
  return when ? `Published by ${who} on ${when}.` : `Published by ${who}.`;
}

/** The card's shape while the policy loads. */
export function CurrentPolicySkeleton() {
  return (
    <Card aria-busy>
      <CardHeader>
        <Skeleton className="h-4 w-32" />
        <Skeleton className="mt-1 h-4 w-64" />
      </CardHeader>
      <CardContent className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <div className="space-y-2">
          <Skeleton className="h-3 w-24" />
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
        <div className="space-y-2">
          <Skeleton className="h-3 w-16" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-11/12" />
          <Skeleton className="h-4 w-4/5" />
        </div>
      </CardContent>
    </Card>
  );
}
