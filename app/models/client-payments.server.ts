// The client's side of their payments, through their private link: the
// receipt of a payment, and what a Checkout success page reports. Read only.
// The client area itself comes with the proposal page (prospect-page.server.ts).
import { clientPaymentState, iso } from "~/domain/payment-view";
import { invoiceNumberLabel } from "~/domain/invoice/invoice";
import { receipt, type Receipt } from "~/domain/payment-screens";
import type { Locale } from "~/i18n/i18n";
import { prisma } from "~/utils/db.server";
import { acceptedOffer, firstAcceptance, invoicingOf, paymentRows } from "./payment-records.server";
import { getOwnerSettings } from "./settings.server";

/** The payment a Checkout success page is about, read only: the page never changes it. */
export async function getCheckoutPayment(token: string, sessionId: string | null) {
  const lead = await prisma.lead.findUnique({ where: { token }, select: { id: true, erasedAt: true } });
  if (!lead || lead.erasedAt) return null;
  const [rows, acceptance] = await Promise.all([paymentRows(lead.id), firstAcceptance(lead.id)]);
  if (!acceptance) return null;
  const payment = sessionId ? (rows.find((p) => p.stripeSessionId === sessionId) ?? null) : null;
  return {
    state: clientPaymentState(rows, acceptance.onboardingCents),
    payment: payment ? { id: payment.id, status: payment.status, amountCents: payment.amountCents, paidAt: iso(payment.paidAt) } : null,
  };
}

/** A receipt for one payment of the lead behind a private link (paid or refunded ones only). */
export async function getReceipt(token: string, paymentId: string, locale: Locale): Promise<(Receipt & { invoiceNumber: string | null; creditNoteNumber: string | null; partlyRefunded: boolean; invoiceId: string | null; creditNotes: Array<{ id: string; label: string }> }) | null> {
  const lead = await prisma.lead.findUnique({ where: { token }, select: { id: true, organisation: true, erasedAt: true } });
  if (!lead || lead.erasedAt) return null;
  const payment = await prisma.payment.findFirst({
    where: { id: paymentId, leadId: lead.id, status: { in: ["paid", "refunded"] } },
    select: { id: true, provider: true, status: true, paidAt: true, refundedAt: true, amountCents: true, currency: true, stripePaymentIntentId: true, stripeSessionId: true },
  });
  if (!payment) return null;
  const [accepted, client, settings, profile] = await Promise.all([
    acceptedOffer(lead.id, locale),
    invoicingOf(lead.id),
    getOwnerSettings(),
    prisma.profile.findUnique({ where: { id: 1 }, select: { displayName: true, vatNumber: true, city: true, email: true } }),
  ]);
  // The invoice (and credit note) the payment issued: the receipt names them as the courtesy copy's reference.
  const invoices = await prisma.invoice.findMany({ where: { paymentId: payment.id }, orderBy: { number: "asc" }, select: { id: true, year: true, number: true, documentType: true } });
  // Every credit note (one per refund step), in number order: "2/2026, 3/2026".
  const invoiceOf = (type: string) => invoices.filter((i) => i.documentType === type).map(invoiceNumberLabel).join(", ") || null;
  const base = receipt({
    payment,
    accepted,
    client,
    organisation: lead.organisation,
    studio: { name: settings.studioName, displayName: profile?.displayName ?? null, vatNumber: profile?.vatNumber ?? null, city: profile?.city ?? null, email: profile?.email ?? null },
    vatRatePercent: settings.vatRatePercent,
  });
  const creditNoteNumber = invoiceOf("TD04");
  return {
    ...base,
    invoiceNumber: invoiceOf("TD01"),
    creditNoteNumber,
    partlyRefunded: creditNoteNumber !== null && payment.status !== "refunded",
    invoiceId: invoices.find((i) => i.documentType === "TD01")?.id ?? null,
    creditNotes: invoices.filter((i) => i.documentType === "TD04").map((i) => ({ id: i.id, label: invoiceNumberLabel(i) })),
  };
}
