-- Credit notes for every refund step (partial refunds too), and a retainer restarted after it ended.

-- How much of a payment Stripe reports refunded so far.
ALTER TABLE "Payment" ADD COLUMN "refundedCents" INTEGER NOT NULL DEFAULT 0;
UPDATE "Payment" SET "refundedCents" = "amountCents" WHERE "status" = 'refunded';

-- One credit note per refund step: the key gains how much is refunded once it counts.
ALTER TABLE "Invoice" ADD COLUMN "refundedUpToCents" INTEGER NOT NULL DEFAULT 0;
-- The credit notes issued so far each cancelled a whole invoice.
UPDATE "Invoice" SET "refundedUpToCents" = "dueCents" WHERE "documentType" = 'TD04';
DROP INDEX "Invoice_paymentId_documentType_key";
CREATE UNIQUE INDEX "Invoice_paymentId_documentType_refundedUpToCents_key" ON "Invoice"("paymentId", "documentType", "refundedUpToCents");

-- Several subscriptions per acceptance, one after the other.
ALTER TABLE "Subscription" ADD COLUMN "generation" INTEGER NOT NULL DEFAULT 1;
DROP INDEX "Subscription_acceptanceId_key";
CREATE UNIQUE INDEX "Subscription_acceptanceId_generation_key" ON "Subscription"("acceptanceId", "generation");
