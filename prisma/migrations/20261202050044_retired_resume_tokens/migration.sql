-- CreateTable
CREATE TABLE "RetiredResumeToken" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "draftId" TEXT,
    "retiredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RetiredResumeToken_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "IntakeDraft" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RetiredResumeToken_draftId_idx" ON "RetiredResumeToken"("draftId");

-- CreateIndex
CREATE INDEX "RetiredResumeToken_retiredAt_idx" ON "RetiredResumeToken"("retiredAt");
