-- DropIndex
DROP INDEX "Lead_status_createdAt_idx";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_IntakeDraft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "browserKeyHash" TEXT NOT NULL,
    "resumeTokenHash" TEXT,
    "resumeSentAt" DATETIME,
    "email" TEXT,
    "locale" TEXT NOT NULL,
    "answers" TEXT NOT NULL DEFAULT '{}',
    "currentStep" TEXT NOT NULL DEFAULT 'about',
    "submittedLeadId" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "reminderCount" INTEGER NOT NULL DEFAULT 0,
    "remindedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_IntakeDraft" ("answers", "browserKeyHash", "createdAt", "currentStep", "email", "expiresAt", "id", "locale", "resumeSentAt", "resumeTokenHash", "submittedLeadId", "updatedAt") SELECT "answers", "browserKeyHash", "createdAt", "currentStep", "email", "expiresAt", "id", "locale", "resumeSentAt", "resumeTokenHash", "submittedLeadId", "updatedAt" FROM "IntakeDraft";
DROP TABLE "IntakeDraft";
ALTER TABLE "new_IntakeDraft" RENAME TO "IntakeDraft";
CREATE UNIQUE INDEX "IntakeDraft_browserKeyHash_key" ON "IntakeDraft"("browserKeyHash");
CREATE UNIQUE INDEX "IntakeDraft_resumeTokenHash_key" ON "IntakeDraft"("resumeTokenHash");
CREATE INDEX "IntakeDraft_expiresAt_idx" ON "IntakeDraft"("expiresAt");
CREATE INDEX "IntakeDraft_submittedLeadId_updatedAt_idx" ON "IntakeDraft"("submittedLeadId", "updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Lead_status_createdAt_id_erasedAt_idx" ON "Lead"("status", "createdAt", "id", "erasedAt");

-- CreateIndex
CREATE INDEX "Lead_status_erasedAt_idx" ON "Lead"("status", "erasedAt");

-- CreateIndex
CREATE INDEX "Lead_createdAt_id_erasedAt_idx" ON "Lead"("createdAt", "id", "erasedAt");

-- CreateIndex
CREATE INDEX "Lead_name_id_erasedAt_idx" ON "Lead"("name", "id", "erasedAt");
