-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "settledAt" TIMESTAMP(3);
