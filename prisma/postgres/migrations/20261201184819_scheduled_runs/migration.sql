-- CreateTable
CREATE TABLE "ScheduledRun" (
    "name" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "error" TEXT,
    "instance" TEXT,

    CONSTRAINT "ScheduledRun_pkey" PRIMARY KEY ("name","slot")
);

-- CreateIndex
CREATE INDEX "ScheduledRun_startedAt_idx" ON "ScheduledRun"("startedAt");
