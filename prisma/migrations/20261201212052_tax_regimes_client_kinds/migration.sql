-- AlterTable
ALTER TABLE "Client" ADD COLUMN "cig" TEXT;
ALTER TABLE "Client" ADD COLUMN "cup" TEXT;
ALTER TABLE "Client" ADD COLUMN "vatNumber" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Acceptance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "leadId" TEXT NOT NULL,
    "proposalVersionId" TEXT NOT NULL,
    "versionHash" TEXT NOT NULL,
    "packageId" TEXT NOT NULL,
    "addOnIds" TEXT NOT NULL DEFAULT '[]',
    "fullName" TEXT NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "onboardingCents" INTEGER NOT NULL,
    "taxTreatment" TEXT NOT NULL DEFAULT 'standard',
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "acceptedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Acceptance" ("acceptedAt", "addOnIds", "currency", "fullName", "id", "ip", "leadId", "onboardingCents", "packageId", "proposalVersionId", "userAgent", "versionHash") SELECT "acceptedAt", "addOnIds", "currency", "fullName", "id", "ip", "leadId", "onboardingCents", "packageId", "proposalVersionId", "userAgent", "versionHash" FROM "Acceptance";
DROP TABLE "Acceptance";
ALTER TABLE "new_Acceptance" RENAME TO "Acceptance";
CREATE UNIQUE INDEX "Acceptance_proposalVersionId_key" ON "Acceptance"("proposalVersionId");
CREATE INDEX "Acceptance_leadId_idx" ON "Acceptance"("leadId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
