-- CreateEnum
CREATE TYPE "Tool" AS ENUM ('JIRA', 'GITHUB', 'NOTION', 'SLACK');

-- CreateEnum
CREATE TYPE "ConnectionStatus" AS ENUM ('ACTIVE', 'DEGRADED', 'ERROR', 'DISCONNECTED');

-- CreateEnum
CREATE TYPE "AuthKind" AS ENUM ('API_TOKEN', 'OAUTH');

-- CreateEnum
CREATE TYPE "SyncKind" AS ENUM ('FULL', 'INCREMENTAL');

-- CreateEnum
CREATE TYPE "SyncStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "Connection" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "tool" "Tool" NOT NULL,
    "name" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "authKind" "AuthKind" NOT NULL,
    "externalAccountId" TEXT,
    "externalAccountName" TEXT,
    "encryptedCredentials" TEXT NOT NULL,
    "scopes" TEXT[],
    "status" "ConnectionStatus" NOT NULL DEFAULT 'ACTIVE',
    "statusMessage" TEXT,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "lastSyncAt" TIMESTAMP(3),
    "lastSyncError" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OAuthFlow" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tool" "Tool" NOT NULL,
    "state" TEXT NOT NULL,
    "codeVerifier" TEXT,
    "baseUrl" TEXT NOT NULL,
    "redirectUri" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OAuthFlow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "kind" "SyncKind" NOT NULL,
    "status" "SyncStatus" NOT NULL DEFAULT 'QUEUED',
    "trigger" TEXT NOT NULL DEFAULT 'schedule',
    "progress" JSONB NOT NULL DEFAULT '{}',
    "itemsWritten" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncCursor" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "cursor" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncCursor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExternalCall" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "connectionId" TEXT,
    "userId" TEXT,
    "tool" "Tool" NOT NULL,
    "operation" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "retries" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExternalCall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT,
    "url" TEXT,
    "avatarUrl" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "raw" JSONB NOT NULL DEFAULT '{}',
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkItem" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "projectKey" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "status" TEXT NOT NULL,
    "statusCategory" TEXT NOT NULL,
    "priority" TEXT,
    "storyPoints" DOUBLE PRECISION,
    "assigneeId" TEXT,
    "assigneeName" TEXT,
    "reporterId" TEXT,
    "epicKey" TEXT,
    "parentKey" TEXT,
    "sprintIds" TEXT[],
    "fixVersionIds" TEXT[],
    "labels" TEXT[],
    "links" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "dueDate" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusChange" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "workItemKey" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "toCategory" TEXT,
    "authorId" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Sprint" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "boardId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "goal" TEXT,
    "url" TEXT,
    "startDate" TIMESTAMP(3),
    "endDate" TIMESTAMP(3),
    "completeDate" TIMESTAMP(3),

    CONSTRAINT "Sprint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Release" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "projectKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "released" BOOLEAN NOT NULL,
    "releaseDate" TIMESTAMP(3),
    "startDate" TIMESTAMP(3),
    "url" TEXT,

    CONSTRAINT "Release_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PullRequest" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "repo" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "state" TEXT NOT NULL,
    "draft" BOOLEAN NOT NULL DEFAULT false,
    "authorLogin" TEXT,
    "url" TEXT NOT NULL,
    "workItemKeys" TEXT[],
    "additions" INTEGER,
    "deletions" INTEGER,
    "changedFiles" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "mergedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "PullRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "pullRequestSourceId" TEXT NOT NULL,
    "repo" TEXT NOT NULL,
    "prNumber" INTEGER NOT NULL,
    "authorLogin" TEXT,
    "state" TEXT NOT NULL,
    "body" TEXT,
    "url" TEXT,
    "submittedAt" TIMESTAMP(3),

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Document" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "parentId" TEXT,
    "text" TEXT NOT NULL,
    "properties" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "channelName" TEXT,
    "threadTs" TEXT,
    "ts" TEXT NOT NULL,
    "authorId" TEXT,
    "authorName" TEXT,
    "text" TEXT NOT NULL,
    "url" TEXT,
    "replyCount" INTEGER NOT NULL DEFAULT 0,
    "postedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Connection_organizationId_idx" ON "Connection"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Connection_organizationId_tool_externalAccountId_key" ON "Connection"("organizationId", "tool", "externalAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "OAuthFlow_state_key" ON "OAuthFlow"("state");

-- CreateIndex
CREATE INDEX "OAuthFlow_organizationId_idx" ON "OAuthFlow"("organizationId");

-- CreateIndex
CREATE INDEX "SyncRun_organizationId_connectionId_createdAt_idx" ON "SyncRun"("organizationId", "connectionId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "SyncCursor_organizationId_idx" ON "SyncCursor"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "SyncCursor_connectionId_resource_key" ON "SyncCursor"("connectionId", "resource");

-- CreateIndex
CREATE INDEX "ExternalCall_organizationId_createdAt_idx" ON "ExternalCall"("organizationId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ExternalCall_organizationId_tool_createdAt_idx" ON "ExternalCall"("organizationId", "tool", "createdAt");

-- CreateIndex
CREATE INDEX "Person_organizationId_email_idx" ON "Person"("organizationId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "Person_connectionId_sourceId_key" ON "Person"("connectionId", "sourceId");

-- CreateIndex
CREATE INDEX "WorkItem_organizationId_projectKey_idx" ON "WorkItem"("organizationId", "projectKey");

-- CreateIndex
CREATE INDEX "WorkItem_organizationId_key_idx" ON "WorkItem"("organizationId", "key");

-- CreateIndex
CREATE INDEX "WorkItem_organizationId_updatedAt_idx" ON "WorkItem"("organizationId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WorkItem_connectionId_sourceId_key" ON "WorkItem"("connectionId", "sourceId");

-- CreateIndex
CREATE INDEX "StatusChange_organizationId_workItemKey_idx" ON "StatusChange"("organizationId", "workItemKey");

-- CreateIndex
CREATE UNIQUE INDEX "StatusChange_connectionId_sourceId_key" ON "StatusChange"("connectionId", "sourceId");

-- CreateIndex
CREATE INDEX "Sprint_organizationId_idx" ON "Sprint"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Sprint_connectionId_sourceId_key" ON "Sprint"("connectionId", "sourceId");

-- CreateIndex
CREATE INDEX "Release_organizationId_idx" ON "Release"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Release_connectionId_sourceId_key" ON "Release"("connectionId", "sourceId");

-- CreateIndex
CREATE INDEX "PullRequest_organizationId_repo_idx" ON "PullRequest"("organizationId", "repo");

-- CreateIndex
CREATE INDEX "PullRequest_organizationId_updatedAt_idx" ON "PullRequest"("organizationId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PullRequest_connectionId_sourceId_key" ON "PullRequest"("connectionId", "sourceId");

-- CreateIndex
CREATE INDEX "Review_organizationId_repo_prNumber_idx" ON "Review"("organizationId", "repo", "prNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Review_connectionId_sourceId_key" ON "Review"("connectionId", "sourceId");

-- CreateIndex
CREATE INDEX "Document_organizationId_updatedAt_idx" ON "Document"("organizationId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Document_connectionId_sourceId_key" ON "Document"("connectionId", "sourceId");

-- CreateIndex
CREATE INDEX "Message_organizationId_channelId_postedAt_idx" ON "Message"("organizationId", "channelId", "postedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Message_connectionId_sourceId_key" ON "Message"("connectionId", "sourceId");

-- AddForeignKey
ALTER TABLE "Connection" ADD CONSTRAINT "Connection_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalCall" ADD CONSTRAINT "ExternalCall_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE SET NULL ON UPDATE CASCADE;
