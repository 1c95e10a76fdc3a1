-- AlterTable
ALTER TABLE "OutboxMail" ADD COLUMN     "attachment" TEXT;

