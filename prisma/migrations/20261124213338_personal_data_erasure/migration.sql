-- AlterTable
ALTER TABLE "Journey" ADD COLUMN     "personalDataErasedAt" TIMESTAMP(3);

