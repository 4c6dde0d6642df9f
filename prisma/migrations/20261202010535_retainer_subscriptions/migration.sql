-- CreateTable
CREATE TABLE "Subscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "leadId" TEXT NOT NULL,
    "acceptanceId" TEXT NOT NULL,
    "stripeSessionId" TEXT,
    "stripeSubscriptionId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'incomplete',
    "monthlyCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "minimumTermMonths" INTEGER NOT NULL,
    "startedAt" DATETIME,
    "currentPeriodEnd" DATETIME,
    "minimumTermEndsAt" DATETIME,
    "cancelAt" DATETIME,
    "canceledAt" DATETIME,
    "failedRenewals" INTEGER NOT NULL DEFAULT 0,
    "lastEventAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Payment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "leadId" TEXT NOT NULL,
    "acceptanceId" TEXT,
    "provider" TEXT NOT NULL,
    "stripeSessionId" TEXT,
    "stripePaymentIntentId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "amountCents" INTEGER NOT NULL,
    "expectedCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "mismatch" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "paidAt" DATETIME,
    "refundedAt" DATETIME,
    "lastEventAt" DATETIME,
    "purpose" TEXT NOT NULL DEFAULT 'onboarding',
    "stripeInvoiceId" TEXT,
    "stripeSubscriptionId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Payment" ("acceptanceId", "amountCents", "createdAt", "currency", "expectedCents", "id", "lastEventAt", "leadId", "mismatch", "note", "paidAt", "provider", "refundedAt", "status", "stripePaymentIntentId", "stripeSessionId", "updatedAt") SELECT "acceptanceId", "amountCents", "createdAt", "currency", "expectedCents", "id", "lastEventAt", "leadId", "mismatch", "note", "paidAt", "provider", "refundedAt", "status", "stripePaymentIntentId", "stripeSessionId", "updatedAt" FROM "Payment";
DROP TABLE "Payment";
ALTER TABLE "new_Payment" RENAME TO "Payment";
CREATE UNIQUE INDEX "Payment_stripeSessionId_key" ON "Payment"("stripeSessionId");
CREATE UNIQUE INDEX "Payment_stripeInvoiceId_key" ON "Payment"("stripeInvoiceId");
CREATE INDEX "Payment_leadId_idx" ON "Payment"("leadId");
CREATE INDEX "Payment_stripePaymentIntentId_idx" ON "Payment"("stripePaymentIntentId");
CREATE INDEX "Payment_stripeSubscriptionId_idx" ON "Payment"("stripeSubscriptionId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_acceptanceId_key" ON "Subscription"("acceptanceId");

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_stripeSessionId_key" ON "Subscription"("stripeSessionId");

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_stripeSubscriptionId_key" ON "Subscription"("stripeSubscriptionId");

-- CreateIndex
CREATE INDEX "Subscription_leadId_idx" ON "Subscription"("leadId");

-- CreateIndex
CREATE INDEX "Subscription_status_idx" ON "Subscription"("status");
