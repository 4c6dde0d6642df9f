-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "answers" TEXT,
ADD COLUMN     "budgetBand" TEXT,
ADD COLUMN     "crisisOpen" BOOLEAN,
ADD COLUMN     "draftId" TEXT,
ADD COLUMN     "hasCrisis" BOOLEAN,
ADD COLUMN     "intakeVersion" TEXT,
ADD COLUMN     "marketingConsent" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "marketingConsentAt" TIMESTAMP(3),
ADD COLUMN     "phone" TEXT,
ADD COLUMN     "privacyAt" TIMESTAMP(3),
ADD COLUMN     "privacyVersion" TEXT,
ADD COLUMN     "role" TEXT,
ADD COLUMN     "sector" TEXT,
ADD COLUMN     "size" TEXT,
ADD COLUMN     "startDate" TIMESTAMP(3),
ADD COLUMN     "website" TEXT;

-- CreateTable
CREATE TABLE "LeadGoal" (
    "leadId" TEXT NOT NULL,
    "goal" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,

    CONSTRAINT "LeadGoal_pkey" PRIMARY KEY ("leadId","goal")
);

-- CreateTable
CREATE TABLE "LeadChannel" (
    "leadId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "handle" TEXT,
    "followers" INTEGER,
    "frequency" TEXT,
    "runBy" TEXT,

    CONSTRAINT "LeadChannel_pkey" PRIMARY KEY ("leadId","channel")
);

-- CreateTable
CREATE TABLE "IntakeDraft" (
    "id" TEXT NOT NULL,
    "browserKeyHash" TEXT NOT NULL,
    "resumeTokenHash" TEXT,
    "resumeSentAt" TIMESTAMP(3),
    "email" TEXT,
    "locale" TEXT NOT NULL,
    "answers" TEXT NOT NULL DEFAULT '{}',
    "currentStep" TEXT NOT NULL DEFAULT 'about',
    "submittedLeadId" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IntakeDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailMessage" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "EmailMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Profile" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "displayName" TEXT NOT NULL,
    "headlineIt" TEXT NOT NULL,
    "headlineEn" TEXT NOT NULL,
    "bioIt" TEXT NOT NULL,
    "bioEn" TEXT NOT NULL,
    "photoUrl" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "city" TEXT,
    "vatNumber" TEXT,
    "audience" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Profile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LeadGoal_goal_rank_idx" ON "LeadGoal"("goal", "rank");

-- CreateIndex
CREATE INDEX "LeadChannel_channel_status_idx" ON "LeadChannel"("channel", "status");

-- CreateIndex
CREATE UNIQUE INDEX "IntakeDraft_browserKeyHash_key" ON "IntakeDraft"("browserKeyHash");

-- CreateIndex
CREATE UNIQUE INDEX "IntakeDraft_resumeTokenHash_key" ON "IntakeDraft"("resumeTokenHash");

-- CreateIndex
CREATE INDEX "IntakeDraft_expiresAt_idx" ON "IntakeDraft"("expiresAt");

-- CreateIndex
CREATE INDEX "EmailMessage_createdAt_idx" ON "EmailMessage"("createdAt");

-- CreateIndex
CREATE INDEX "EmailMessage_status_createdAt_idx" ON "EmailMessage"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Lead_draftId_key" ON "Lead"("draftId");

-- CreateIndex
CREATE INDEX "Lead_sector_idx" ON "Lead"("sector");

-- CreateIndex
CREATE INDEX "Lead_budgetBand_idx" ON "Lead"("budgetBand");

-- CreateIndex
CREATE INDEX "Lead_hasCrisis_idx" ON "Lead"("hasCrisis");

-- CreateIndex
CREATE INDEX "Lead_locale_idx" ON "Lead"("locale");

-- AddForeignKey
ALTER TABLE "LeadGoal" ADD CONSTRAINT "LeadGoal_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadChannel" ADD CONSTRAINT "LeadChannel_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;
