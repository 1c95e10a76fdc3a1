-- CreateTable
CREATE TABLE "ConversationRequest" (
    "id" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "brin" VARCHAR(4) NOT NULL,
    "schoolName" TEXT NOT NULL,
    "sector" "Sector" NOT NULL,
    "region" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "contactPhone" TEXT,
    "trackInterest" TEXT NOT NULL,
    "hasAspirantYearBehind" BOOLEAN NOT NULL,
    "question" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConversationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConversationRequest_journeyId_idx" ON "ConversationRequest"("journeyId");

-- CreateIndex
CREATE INDEX "ConversationRequest_brin_idx" ON "ConversationRequest"("brin");

