-- AlterTable
ALTER TABLE "Journey" ADD COLUMN     "cohortId" TEXT,
ADD COLUMN     "developmentGroupId" TEXT;

-- CreateTable
CREATE TABLE "HubYear" (
    "id" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "brin" VARCHAR(4) NOT NULL,
    "schoolYear" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "outcome" TEXT,
    "outcomeReason" TEXT,
    "decidedBy" TEXT,
    "lastStep" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HubYear_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HubTrajectory" (
    "id" TEXT NOT NULL,
    "hubId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "places" INTEGER NOT NULL,
    "startSessionOn" DATE,
    "trainingsGiven" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "HubTrajectory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrajectoryEnrolment" (
    "trajectoryId" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "brin" VARCHAR(4) NOT NULL,
    "status" TEXT NOT NULL,
    "waitingPosition" INTEGER,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "enrolledAt" TIMESTAMP(3),
    "offerExpiresAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "TrajectoryEnrolment_pkey" PRIMARY KEY ("trajectoryId","journeyId")
);

-- CreateTable
CREATE TABLE "KnowledgeSharing" (
    "id" TEXT NOT NULL,
    "hubId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "heldOn" DATE NOT NULL,
    "attendees" INTEGER NOT NULL,
    "recordedBy" TEXT NOT NULL,

    CONSTRAINT "KnowledgeSharing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FormRequest" (
    "id" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "answers" JSONB,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "FormRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DevelopmentCohort" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "schoolYear" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "registrationClosesAt" TIMESTAMP(3) NOT NULL,
    "kickOffOn" DATE NOT NULL,
    "startDayOn" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DevelopmentCohort_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DevelopmentGroup" (
    "id" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "confirmedBy" TEXT,
    "confirmedAt" TIMESTAMP(3),

    CONSTRAINT "DevelopmentGroup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HubYear_schoolYear_idx" ON "HubYear"("schoolYear");

-- CreateIndex
CREATE INDEX "HubYear_brin_idx" ON "HubYear"("brin");

-- CreateIndex
CREATE INDEX "HubTrajectory_hubId_idx" ON "HubTrajectory"("hubId");

-- CreateIndex
CREATE INDEX "TrajectoryEnrolment_journeyId_idx" ON "TrajectoryEnrolment"("journeyId");

-- CreateIndex
CREATE INDEX "TrajectoryEnrolment_brin_idx" ON "TrajectoryEnrolment"("brin");

-- CreateIndex
CREATE INDEX "KnowledgeSharing_hubId_idx" ON "KnowledgeSharing"("hubId");

-- CreateIndex
CREATE INDEX "FormRequest_journeyId_idx" ON "FormRequest"("journeyId");

-- CreateIndex
CREATE INDEX "FormRequest_kind_status_idx" ON "FormRequest"("kind", "status");

-- CreateIndex
CREATE INDEX "DevelopmentGroup_cohortId_idx" ON "DevelopmentGroup"("cohortId");

-- CreateIndex
CREATE INDEX "Journey_cohortId_idx" ON "Journey"("cohortId");

-- AddForeignKey
ALTER TABLE "Journey" ADD CONSTRAINT "Journey_developmentGroupId_fkey" FOREIGN KEY ("developmentGroupId") REFERENCES "DevelopmentGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HubTrajectory" ADD CONSTRAINT "HubTrajectory_hubId_fkey" FOREIGN KEY ("hubId") REFERENCES "HubYear"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrajectoryEnrolment" ADD CONSTRAINT "TrajectoryEnrolment_trajectoryId_fkey" FOREIGN KEY ("trajectoryId") REFERENCES "HubTrajectory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeSharing" ADD CONSTRAINT "KnowledgeSharing_hubId_fkey" FOREIGN KEY ("hubId") REFERENCES "HubYear"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FormRequest" ADD CONSTRAINT "FormRequest_journeyId_fkey" FOREIGN KEY ("journeyId") REFERENCES "Journey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DevelopmentGroup" ADD CONSTRAINT "DevelopmentGroup_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "DevelopmentCohort"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

