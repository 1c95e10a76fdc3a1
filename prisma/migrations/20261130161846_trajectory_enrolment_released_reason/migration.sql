-- AlterTable
ALTER TABLE "TrajectoryEnrolment" ADD COLUMN     "endedReason" TEXT;

