-- DropIndex
DROP INDEX "Journey_phase_idx";

-- CreateIndex
CREATE INDEX "Journey_phase_nextDeadline_updatedAt_id_idx" ON "Journey"("phase", "nextDeadline", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_type_journeyId_idx" ON "AuditEvent"("type", "journeyId");

