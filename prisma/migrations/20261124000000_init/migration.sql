-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Sector" AS ENUM ('PO', 'VO', 'SO');

-- CreateTable
CREATE TABLE "School" (
    "brin" VARCHAR(4) NOT NULL,
    "name" TEXT NOT NULL,
    "sector" "Sector" NOT NULL,
    "region" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "inspectionRating" TEXT NOT NULL,
    "equalAccessMarkers" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "School_pkey" PRIMARY KEY ("brin")
);

-- CreateTable
CREATE TABLE "Journey" (
    "id" TEXT NOT NULL,
    "brin" VARCHAR(4) NOT NULL,
    "track" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "phase" TEXT NOT NULL,
    "waitingFor" TEXT,
    "nextDeadline" TIMESTAMP(3),
    "schoolYear" TEXT,
    "roundId" TEXT,
    "outcome" TEXT,
    "lastStep" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Journey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "conductedOn" DATE NOT NULL,
    "report" TEXT NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntakeOutcome" (
    "id" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "notes" TEXT NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IntakeOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "schoolYear" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "otherSubsidies" TEXT[],
    "amountEuros" INTEGER,
    "submittedAt" TIMESTAMP(3),
    "decision" TEXT,
    "decisionReason" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationParticipant" (
    "applicationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    CONSTRAINT "ApplicationParticipant_pkey" PRIMARY KEY ("applicationId","position")
);

-- CreateTable
CREATE TABLE "ActivityPlanSection" (
    "applicationId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "content" TEXT NOT NULL,

    CONSTRAINT "ActivityPlanSection_pkey" PRIMARY KEY ("applicationId","key")
);

-- CreateTable
CREATE TABLE "Trajectory" (
    "applicationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "places" INTEGER NOT NULL,

    CONSTRAINT "Trajectory_pkey" PRIMARY KEY ("applicationId","position")
);

-- CreateTable
CREATE TABLE "AspirantYear" (
    "id" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "schoolYear" TEXT NOT NULL,
    "outcome" TEXT,
    "reason" TEXT,
    "recordedBy" TEXT,
    "recordedAt" TIMESTAMP(3),

    CONSTRAINT "AspirantYear_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExpertTeamMember" (
    "aspirantYearId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    CONSTRAINT "ExpertTeamMember_pkey" PRIMARY KEY ("aspirantYearId","position")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "data" JSONB NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubsidyRound" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "schoolYear" TEXT NOT NULL,
    "opensAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "tracks" TEXT[],
    "rates" JSONB NOT NULL,
    "capacity" INTEGER,
    "reminderDaysBefore" INTEGER[],
    "status" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closedReason" TEXT,
    "cancelReason" TEXT,
    "workflowId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SubsidyRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoundPlace" (
    "roundId" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoundPlace_pkey" PRIMARY KEY ("roundId","journeyId")
);

-- CreateTable
CREATE TABLE "OutboxMail" (
    "id" TEXT NOT NULL,
    "journeyId" TEXT,
    "purpose" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "messageId" TEXT,

    CONSTRAINT "OutboxMail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Journey_phase_idx" ON "Journey"("phase");

-- CreateIndex
CREATE INDEX "Journey_track_phase_idx" ON "Journey"("track", "phase");

-- CreateIndex
CREATE INDEX "Journey_nextDeadline_idx" ON "Journey"("nextDeadline");

-- CreateIndex
CREATE INDEX "Journey_brin_idx" ON "Journey"("brin");

-- CreateIndex
CREATE INDEX "Conversation_journeyId_idx" ON "Conversation"("journeyId");

-- CreateIndex
CREATE INDEX "IntakeOutcome_journeyId_idx" ON "IntakeOutcome"("journeyId");

-- CreateIndex
CREATE INDEX "Application_journeyId_idx" ON "Application"("journeyId");

-- CreateIndex
CREATE INDEX "Application_roundId_status_idx" ON "Application"("roundId", "status");

-- CreateIndex
CREATE INDEX "AspirantYear_journeyId_idx" ON "AspirantYear"("journeyId");

-- CreateIndex
CREATE INDEX "AuditEvent_journeyId_seq_idx" ON "AuditEvent"("journeyId", "seq");

-- CreateIndex
CREATE INDEX "SubsidyRound_status_idx" ON "SubsidyRound"("status");

-- CreateIndex
CREATE INDEX "SubsidyRound_schoolYear_idx" ON "SubsidyRound"("schoolYear");

-- CreateIndex
CREATE INDEX "OutboxMail_journeyId_idx" ON "OutboxMail"("journeyId");

-- CreateIndex
CREATE INDEX "OutboxMail_status_idx" ON "OutboxMail"("status");

-- AddForeignKey
ALTER TABLE "Journey" ADD CONSTRAINT "Journey_brin_fkey" FOREIGN KEY ("brin") REFERENCES "School"("brin") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_journeyId_fkey" FOREIGN KEY ("journeyId") REFERENCES "Journey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntakeOutcome" ADD CONSTRAINT "IntakeOutcome_journeyId_fkey" FOREIGN KEY ("journeyId") REFERENCES "Journey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_journeyId_fkey" FOREIGN KEY ("journeyId") REFERENCES "Journey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationParticipant" ADD CONSTRAINT "ApplicationParticipant_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityPlanSection" ADD CONSTRAINT "ActivityPlanSection_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Trajectory" ADD CONSTRAINT "Trajectory_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AspirantYear" ADD CONSTRAINT "AspirantYear_journeyId_fkey" FOREIGN KEY ("journeyId") REFERENCES "Journey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpertTeamMember" ADD CONSTRAINT "ExpertTeamMember_aspirantYearId_fkey" FOREIGN KEY ("aspirantYearId") REFERENCES "AspirantYear"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_journeyId_fkey" FOREIGN KEY ("journeyId") REFERENCES "Journey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundPlace" ADD CONSTRAINT "RoundPlace_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "SubsidyRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

