-- AlterTable
ALTER TABLE "ProposedAction" ADD COLUMN     "approvedById" TEXT,
ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "before" JSONB,
ADD COLUMN     "finishedAt" TIMESTAMP(3),
ADD COLUMN     "issues" JSONB,
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3),
ADD COLUMN     "startedAt" TIMESTAMP(3),
ADD COLUMN     "verification" JSONB,
ADD COLUMN     "waitingReason" TEXT;

-- CreateIndex
CREATE INDEX "ProposedAction_status_nextAttemptAt_idx" ON "ProposedAction"("status", "nextAttemptAt");
