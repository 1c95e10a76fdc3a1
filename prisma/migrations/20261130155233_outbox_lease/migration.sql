-- AlterTable
ALTER TABLE "OutboxMail" ADD COLUMN     "leaseUntil" TIMESTAMP(3);

