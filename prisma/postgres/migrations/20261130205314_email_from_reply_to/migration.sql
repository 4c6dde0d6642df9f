-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "from" TEXT,
ADD COLUMN     "replyTo" TEXT;
