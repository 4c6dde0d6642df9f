-- DropIndex
DROP INDEX "Lead_status_createdAt_idx";

-- AlterTable
ALTER TABLE "IntakeDraft" ADD COLUMN     "remindedAt" TIMESTAMP(3),
ADD COLUMN     "reminderCount" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Lead_status_createdAt_id_erasedAt_idx" ON "Lead"("status", "createdAt", "id", "erasedAt");

-- CreateIndex
CREATE INDEX "Lead_status_erasedAt_idx" ON "Lead"("status", "erasedAt");

-- CreateIndex
CREATE INDEX "Lead_createdAt_id_erasedAt_idx" ON "Lead"("createdAt", "id", "erasedAt");

-- CreateIndex
CREATE INDEX "Lead_name_id_erasedAt_idx" ON "Lead"("name", "id", "erasedAt");

-- CreateIndex
CREATE INDEX "IntakeDraft_submittedLeadId_updatedAt_idx" ON "IntakeDraft"("submittedLeadId", "updatedAt");
