-- CreateTable
CREATE TABLE "ScheduledRun" (
    "name" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "error" TEXT,
    "instance" TEXT,

    PRIMARY KEY ("name", "slot")
);

-- CreateIndex
CREATE INDEX "ScheduledRun_startedAt_idx" ON "ScheduledRun"("startedAt");
