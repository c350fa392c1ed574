"use client";

import { useQuery } from "@tanstack/react-query";
import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc/react";

/** Back to the queue, and the proposal's title (from the same cached query the card reads). */
export function ProposalBreadcrumb({ proposalId }: { proposalId: string }) {
  const trpc = useTRPC();
  const proposal = useQuery({ ...trpc.actions.proposal.queryOptions({ id: proposalId }), staleTime: 5_000 });
  return (
    <nav aria-label="Breadcrumb" className="border-b px-6 py-3">
      <ol className="flex min-w-0 items-center gap-1.5 text-sm">
        <li>
          <Link href="/approvals" className="rounded-sm text-muted-foreground underline-offset-2 outline-none hover:text-foreground hover:underline focus-visible:ring-2 focus-visible:ring-ring/50">
            Approvals
          </Link>
        </li>
        <li aria-hidden>
          <ChevronRight className="size-3.5 text-muted-foreground" />
        </li>
        <li aria-current="page" className="min-w-0 truncate font-medium">
          {proposal.isPending ? <Skeleton className="h-4 w-48" /> : proposal.data === null ? "Proposal not found" : (proposal.data?.title ?? "Proposal")}
        </li>
      </ol>
    </nav>
  );
}
