// A public body pays against the invoice: it receives the electronic invoice
// (FPA12, split payment) through the SDI first and pays the imponibile by bank
// transfer afterwards, never by card. So for a client whose VAT treatment is
// split payment, the owner issues the onboarding fee's invoice before any
// money arrives: a bank-transfer payment row is written as awaited ("pending",
// provider "manual") and invoiced in the same transaction. When the transfer
// arrives, recording it (recordManualPayment) marks that same row paid, and
// the invoice already issued is the one it has: one invoice per fee.
//
// Safe against double clicks, two tabs and two instances: the lead's row is
// written first (on PostgreSQL it locks it until the transaction ends; SQLite
// runs one writing transaction at a time), so a second request waits, then
// finds the awaited row and its invoice and returns them.
import { countsAsPaid, isPaymentStatus } from "~/domain/payment-state";
import { prisma } from "~/utils/db.server";
import { issueInvoiceForPayment } from "./invoices.server";
import { PaymentActionError } from "./payments.server";

/** Issues (or returns, once issued) the invoice a public body pays by transfer; owners only. */
export async function issueInvoiceBeforeTransfer(input: { leadId: string; actorRole: string; now?: Date }): Promise<{ invoiceId: string; number: number; year: number }> {
  if (input.actorRole !== "owner") throw new PaymentActionError("owner_only");
  const acceptance = await prisma.acceptance.findFirst({ where: { leadId: input.leadId }, orderBy: { acceptedAt: "asc" }, select: { id: true, onboardingCents: true, currency: true, taxTreatment: true } });
  if (!acceptance) throw new PaymentActionError("not_accepted");
  if (acceptance.taxTreatment !== "splitPayment") throw new PaymentActionError("transfer_only");
  return prisma.$transaction(async (tx) => {
    await tx.lead.update({ where: { id: input.leadId }, data: { updatedAt: new Date() }, select: { id: true } });
    const rows = await tx.payment.findMany({ where: { leadId: input.leadId, purpose: "onboarding" }, orderBy: { createdAt: "asc" }, select: { id: true, provider: true, status: true, mismatch: true } });
    const awaited = rows.find((p) => p.provider === "manual" && p.status === "pending");
    if (!awaited && rows.some((p) => isPaymentStatus(p.status) && countsAsPaid({ status: p.status, mismatch: p.mismatch }))) throw new PaymentActionError("already_paid");
    const payment =
      awaited ??
      (await tx.payment.create({
        data: { leadId: input.leadId, acceptanceId: acceptance.id, provider: "manual", status: "pending", amountCents: acceptance.onboardingCents, expectedCents: acceptance.onboardingCents, currency: acceptance.currency },
        select: { id: true },
      }));
    const invoice = await issueInvoiceForPayment(tx, payment.id, input.now ?? new Date(), { beforePayment: true });
    // No invoicing data for the client (never expected after an acceptance): nothing is kept.
    if (!invoice) throw new PaymentActionError("not_accepted");
    return { invoiceId: invoice.id, number: invoice.number, year: invoice.year };
  });
}
