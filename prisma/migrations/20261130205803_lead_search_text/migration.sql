-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Lead" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "token" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "organisation" TEXT NOT NULL,
    "searchText" TEXT NOT NULL DEFAULT '',
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
    "marketingConsentAt" DATETIME,
    "assignedToId" TEXT,
    "erasedAt" DATETIME,
    CONSTRAINT "Lead_assignedToId_fkey" FOREIGN KEY ("assignedToId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Lead" ("answers", "assignedToId", "budgetBand", "createdAt", "crisisOpen", "draftId", "email", "erasedAt", "goal", "hasCrisis", "id", "intakeVersion", "locale", "marketingConsent", "marketingConsentAt", "name", "organisation", "phone", "privacyAt", "privacyVersion", "role", "sector", "size", "startDate", "status", "token", "updatedAt", "website") SELECT "answers", "assignedToId", "budgetBand", "createdAt", "crisisOpen", "draftId", "email", "erasedAt", "goal", "hasCrisis", "id", "intakeVersion", "locale", "marketingConsent", "marketingConsentAt", "name", "organisation", "phone", "privacyAt", "privacyVersion", "role", "sector", "size", "startDate", "status", "token", "updatedAt", "website" FROM "Lead";
DROP TABLE "Lead";
ALTER TABLE "new_Lead" RENAME TO "Lead";
CREATE UNIQUE INDEX "Lead_token_key" ON "Lead"("token");
CREATE UNIQUE INDEX "Lead_draftId_key" ON "Lead"("draftId");
CREATE INDEX "Lead_createdAt_idx" ON "Lead"("createdAt");
CREATE INDEX "Lead_status_createdAt_id_erasedAt_idx" ON "Lead"("status", "createdAt", "id", "erasedAt");
CREATE INDEX "Lead_status_erasedAt_idx" ON "Lead"("status", "erasedAt");
CREATE INDEX "Lead_createdAt_id_erasedAt_idx" ON "Lead"("createdAt", "id", "erasedAt");
CREATE INDEX "Lead_name_id_erasedAt_idx" ON "Lead"("name", "id", "erasedAt");
CREATE INDEX "Lead_email_idx" ON "Lead"("email");
CREATE INDEX "Lead_sector_idx" ON "Lead"("sector");
CREATE INDEX "Lead_budgetBand_idx" ON "Lead"("budgetBand");
CREATE INDEX "Lead_hasCrisis_idx" ON "Lead"("hasCrisis");
CREATE INDEX "Lead_locale_idx" ON "Lead"("locale");
CREATE INDEX "Lead_assignedToId_idx" ON "Lead"("assignedToId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Backfill: the same folding as app/domain/search-text.ts for the accents
-- Italian and its neighbours use (new rows get the full folding from the app).
UPDATE "Lead" SET "searchText" = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower("name" || ' ' || "email" || ' ' || "organisation"), 'à', 'a'), 'á', 'a'), 'â', 'a'), 'ä', 'a'), 'ã', 'a'), 'å', 'a'), 'À', 'a'), 'Á', 'a'), 'Â', 'a'), 'Ä', 'a'), 'Ã', 'a'), 'Å', 'a'), 'è', 'e'), 'é', 'e'), 'ê', 'e'), 'ë', 'e'), 'È', 'e'), 'É', 'e'), 'Ê', 'e'), 'Ë', 'e'), 'ì', 'i'), 'í', 'i'), 'î', 'i'), 'ï', 'i'), 'Ì', 'i'), 'Í', 'i'), 'Î', 'i'), 'Ï', 'i'), 'ò', 'o'), 'ó', 'o'), 'ô', 'o'), 'ö', 'o'), 'õ', 'o'), 'Ò', 'o'), 'Ó', 'o'), 'Ô', 'o'), 'Ö', 'o'), 'Õ', 'o'), 'ù', 'u'), 'ú', 'u'), 'û', 'u'), 'ü', 'u'), 'Ù', 'u'), 'Ú', 'u'), 'Û', 'u'), 'Ü', 'u'), 'ç', 'c'), 'Ç', 'c'), 'ñ', 'n'), 'Ñ', 'n');
