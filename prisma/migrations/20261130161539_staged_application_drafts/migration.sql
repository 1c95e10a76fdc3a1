-- CreateTable
CREATE TABLE "StagedDraft" (
    "id" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StagedDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StagedDraft_journeyId_idx" ON "StagedDraft"("journeyId");

