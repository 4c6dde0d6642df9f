-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN "from" TEXT;
ALTER TABLE "EmailMessage" ADD COLUMN "replyTo" TEXT;
