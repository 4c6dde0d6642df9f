-- AlterTable
ALTER TABLE "Client" ADD COLUMN     "cig" TEXT,
ADD COLUMN     "cup" TEXT,
ADD COLUMN     "vatNumber" TEXT;

-- AlterTable
ALTER TABLE "Acceptance" ADD COLUMN     "taxTreatment" TEXT NOT NULL DEFAULT 'standard';
