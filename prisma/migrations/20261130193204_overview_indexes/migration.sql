-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- DropIndex
DROP INDEX "Journey_nextDeadline_idx";

-- DropIndex
DROP INDEX "Journey_brin_idx";

-- CreateIndex
CREATE INDEX "School_name_idx" ON "School" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "School_brin_idx" ON "School" USING GIN ("brin" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "School_region_sector_idx" ON "School"("region", "sector");

-- CreateIndex
CREATE INDEX "School_sector_idx" ON "School"("sector");

-- CreateIndex
CREATE INDEX "Journey_nextDeadline_updatedAt_id_idx" ON "Journey"("nextDeadline", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Journey_brin_phase_idx" ON "Journey"("brin", "phase");

-- CreateIndex
CREATE INDEX "Journey_waitingFor_nextDeadline_idx" ON "Journey"("waitingFor", "nextDeadline");

-- CreateIndex
CREATE INDEX "Journey_waitingFor_updatedAt_idx" ON "Journey"("waitingFor", "updatedAt");

-- CreateIndex
CREATE INDEX "Journey_roundId_idx" ON "Journey"("roundId");

-- CreateIndex
CREATE INDEX "FormRequest_status_journeyId_idx" ON "FormRequest"("status", "journeyId");

