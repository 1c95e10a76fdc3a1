-- AlterTable
ALTER TABLE "OutboxMail" ADD COLUMN     "icalEvent" TEXT;

-- CreateTable
CREATE TABLE "LinkToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "singleUse" BOOLEAN NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "stepEndsAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "usedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedBy" TEXT,
    "renews" TEXT,

    CONSTRAINT "LinkToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LinkToken_tokenHash_key" ON "LinkToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "LinkToken_renews_key" ON "LinkToken"("renews");

-- CreateIndex
CREATE INDEX "LinkToken_journeyId_purpose_idx" ON "LinkToken"("journeyId", "purpose");

