import { QueueSkeleton } from "@/components/approvals/queue";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading approvals">
      <div className="border-b px-6 py-5">
        <Skeleton className="h-6 w-32" />
        <Skeleton className="mt-2 h-4 w-96 max-w-full" />
      </div>
      <div className="mx-auto w-full max-w-6xl space-y-4 px-6 py-6">
        <Skeleton className="h-9 w-full max-w-xl" />
        <Skeleton className="h-8 w-80" />
        <QueueSkeleton />
      </div>
    </div>
  );
}
