-- CreateTable
CREATE TABLE "RetiredResumeToken" (
    "tokenHash" TEXT NOT NULL,
    "draftId" TEXT,
    "retiredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RetiredResumeToken_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "RetiredResumeToken_draftId_idx" ON "RetiredResumeToken"("draftId");

-- CreateIndex
CREATE INDEX "RetiredResumeToken_retiredAt_idx" ON "RetiredResumeToken"("retiredAt");

-- AddForeignKey
ALTER TABLE "RetiredResumeToken" ADD CONSTRAINT "RetiredResumeToken_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "IntakeDraft"("id") ON DELETE SET NULL ON UPDATE CASCADE;
