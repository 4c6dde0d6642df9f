-- Edit versions for the one-row settings tables (Settings, Profile): every save
-- adds one, and a form saves only if the version it was opened on is still the
-- stored one, so two tabs cannot undo each other's changes. Existing rows start at 0.
-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Profile" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;
