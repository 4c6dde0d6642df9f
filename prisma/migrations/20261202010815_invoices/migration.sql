-- CreateTable
CREATE TABLE "InvoiceCounter" (
    "year" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "lastNumber" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "documentType" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "originalInvoiceId" TEXT,
    "issuedOn" DATETIME NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "totalCents" INTEGER NOT NULL,
    "dueCents" INTEGER NOT NULL,
    "data" TEXT NOT NULL,
    "sdiStatus" TEXT NOT NULL DEFAULT 'to_upload',
    "uploadedAt" DATETIME,
    "uploadedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "Invoice_issuedOn_idx" ON "Invoice"("issuedOn");

-- CreateIndex
CREATE INDEX "Invoice_leadId_idx" ON "Invoice"("leadId");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_year_number_key" ON "Invoice"("year", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_paymentId_documentType_key" ON "Invoice"("paymentId", "documentType");
