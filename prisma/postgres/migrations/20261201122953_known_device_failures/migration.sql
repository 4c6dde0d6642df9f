-- AlterTable
ALTER TABLE "KnownDevice" ADD COLUMN     "failures" INTEGER NOT NULL DEFAULT 0;
