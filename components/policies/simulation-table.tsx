import { format } from "date-fns";
import { ArrowRight, History } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { type PolicyOutputs } from "./types";
import { simulationSummary, type Verdict, verdictBadge } from "./wording";

/** A decision as a small badge. */
export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const { label, variant } = verdictBadge(verdict);
  return <Badge variant={variant}>{label}</Badge>;
}

/**
 * The simulator's answer: every recent action whose decision the draft would change, with the
 * decision under the policy in force, the draft's decision and the draft's reason for it.
 * `stale` says the draft has changed since, so the table may no longer match it.
 */
export function SimulationTable({ result, stale }: { result: PolicyOutputs["simulate"]; stale: boolean }) {
  return (
    <section data-testid="policy-simulation" aria-labelledby="policy-simulation-title" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h4 id="policy-simulation-title" className="text-sm font-semibold">
          Simulation
        </h4>
        <p className="text-sm text-muted-foreground">{simulationSummary(result)}</p>
      </div>
      {stale ? <p className="text-xs text-warning">The draft has changed since this simulation. Run Simulate again to see its effect.</p> : null}
      {result.changes.length === 0 ? (
        <EmptyState icon={History} title="No recent decision would change" className="py-10">
          {result.proposals === 0 ? "Once people have had Lumen propose changes, the simulator replays them against your draft." : "Publishing this draft would decide every recent proposal the same way the policy in force did."}
        </EmptyState>
      ) : (
        <div className="overflow-hidden rounded-lg border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Proposal</TableHead>
                <TableHead>Action</TableHead>
                <TableHead>Decision now → with this draft</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.changes.map((c) => (
                <TableRow key={c.actionId} data-testid="simulation-row">
                  <TableCell className="max-w-56 align-top">
                    <div className="truncate font-medium" title={c.title}>
                      {c.title}
                    </div>
                    <div className="text-xs text-muted-foreground tabular-nums">{format(c.createdAt, "MMM d, HH:mm")}</div>
                  </TableCell>
                  <TableCell className="max-w-72 align-top">{c.summary}</TableCell>
                  <TableCell className="align-top">
                    <div className="flex items-center gap-1.5">
                      <VerdictBadge verdict={c.before} />
                      <ArrowRight className="size-3.5 text-muted-foreground" aria-label="becomes" />
                      <VerdictBadge verdict={c.after} />
                    </div>
                    <p className="mt-1.5 max-w-md text-xs text-muted-foreground">{c.after.reason}</p>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
