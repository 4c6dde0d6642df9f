-- CreateTable
CREATE TABLE "LeadGoal" (
    "leadId" TEXT NOT NULL,
    "goal" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,

    PRIMARY KEY ("leadId", "goal"),
    CONSTRAINT "LeadGoal_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

    PRIMARY KEY ("leadId", "channel"),
    CONSTRAINT "LeadChannel_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IntakeDraft" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "EmailMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "Profile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
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
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Lead" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "token" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "organisation" TEXT NOT NULL,
    "goal" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'new',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "sector" TEXT,
    "size" TEXT,
    "website" TEXT,
    "role" TEXT,
    "phone" TEXT,
    "budgetBand" TEXT,
    "startDate" DATETIME,
    "hasCrisis" BOOLEAN,
    "crisisOpen" BOOLEAN,
    "answers" TEXT,
    "intakeVersion" TEXT,
    "draftId" TEXT,
    "privacyVersion" TEXT,
    "privacyAt" DATETIME,
    "marketingConsent" BOOLEAN NOT NULL DEFAULT false,
    "marketingConsentAt" DATETIME
);
INSERT INTO "new_Lead" ("createdAt", "email", "goal", "id", "locale", "name", "organisation", "status", "token", "updatedAt") SELECT "createdAt", "email", "goal", "id", "locale", "name", "organisation", "status", "token", "updatedAt" FROM "Lead";
DROP TABLE "Lead";
ALTER TABLE "new_Lead" RENAME TO "Lead";
CREATE UNIQUE INDEX "Lead_token_key" ON "Lead"("token");
CREATE UNIQUE INDEX "Lead_draftId_key" ON "Lead"("draftId");
CREATE INDEX "Lead_createdAt_idx" ON "Lead"("createdAt");
CREATE INDEX "Lead_status_createdAt_idx" ON "Lead"("status", "createdAt");
CREATE INDEX "Lead_email_idx" ON "Lead"("email");
CREATE INDEX "Lead_sector_idx" ON "Lead"("sector");
CREATE INDEX "Lead_budgetBand_idx" ON "Lead"("budgetBand");
CREATE INDEX "Lead_hasCrisis_idx" ON "Lead"("hasCrisis");
CREATE INDEX "Lead_locale_idx" ON "Lead"("locale");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
