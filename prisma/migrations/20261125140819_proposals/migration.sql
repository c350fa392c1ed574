-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('PENDING', 'DECIDED');

-- CreateEnum
CREATE TYPE "ActionStatus" AS ENUM ('DRAFT', 'PROPOSED', 'APPROVED', 'EXECUTING', 'SUCCEEDED', 'FAILED', 'REJECTED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "DecisionKind" AS ENUM ('APPLY_ALL', 'APPLY_SELECTED', 'EDIT_THEN_APPLY', 'REJECT');

-- CreateTable
CREATE TABLE "Proposal" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "conversationId" TEXT,
    "artifactId" TEXT,
    "createdById" TEXT,
    "model" TEXT,
    "modelCallId" TEXT,
    "title" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "sources" JSONB NOT NULL DEFAULT '[]',
    "status" "ProposalStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposedAction" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "tool" "Tool" NOT NULL,
    "input" JSONB NOT NULL,
    "originalInput" JSONB NOT NULL,
    "status" "ActionStatus" NOT NULL DEFAULT 'PROPOSED',
    "idempotencyKey" TEXT NOT NULL,
    "result" JSONB,
    "error" TEXT,
    "undoOfId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProposedAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "DecisionKind" NOT NULL,
    "appliedIds" TEXT[],
    "edits" JSONB NOT NULL DEFAULT '[]',
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Proposal_organizationId_status_createdAt_idx" ON "Proposal"("organizationId", "status", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ProposedAction_idempotencyKey_key" ON "ProposedAction"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ProposedAction_organizationId_status_idx" ON "ProposedAction"("organizationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ProposedAction_proposalId_position_key" ON "ProposedAction"("proposalId", "position");

-- CreateIndex
CREATE INDEX "Decision_organizationId_createdAt_idx" ON "Decision"("organizationId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "ProposedAction" ADD CONSTRAINT "ProposedAction_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;
