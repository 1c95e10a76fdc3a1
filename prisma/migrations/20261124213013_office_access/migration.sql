-- CreateTable
CREATE TABLE "OfficeAccess" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "staffId" TEXT NOT NULL,
    "staffName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "journeyId" TEXT,
    "brin" TEXT,
    "status" INTEGER NOT NULL,

    CONSTRAINT "OfficeAccess_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OfficeAccess_journeyId_idx" ON "OfficeAccess"("journeyId");

-- CreateIndex
CREATE INDEX "OfficeAccess_brin_idx" ON "OfficeAccess"("brin");

-- CreateIndex
CREATE INDEX "OfficeAccess_staffId_at_idx" ON "OfficeAccess"("staffId", "at");

