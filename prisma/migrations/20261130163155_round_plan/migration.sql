-- CreateTable
CREATE TABLE "RoundPlan" (
    "track" TEXT NOT NULL,
    "opensMonth" INTEGER NOT NULL,
    "opensDay" INTEGER NOT NULL,
    "opensTime" TEXT NOT NULL,
    "closesMonth" INTEGER NOT NULL,
    "closesDay" INTEGER NOT NULL,
    "closesTime" TEXT NOT NULL,
    "capacity" INTEGER,
    "reminderDaysBefore" INTEGER[],
    "updatedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoundPlan_pkey" PRIMARY KEY ("track")
);

