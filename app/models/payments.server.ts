// The team's side of a lead's payments: the payments panel's data, and the
// payments the team records by hand (a bank transfer) or settles (a differing
// amount taken as received). Money is integer cents. The client's side is in
// client-payments.server.ts, Stripe Checkout in stripe-checkout.server.ts.
import { leadPayments, type LeadPaymentsData } from "~/domain/payment-screens";
import { countsAsPaid, isPaymentStatus, refundAuditActions, refundedUpTo, refundRecord, type RefundRecord } from "~/domain/payment-state";
import type { Locale } from "~/i18n/i18n";
import { prisma } from "~/utils/db.server";
import { getEnv, standinOrigin } from "~/utils/env.server";
import { stripeMode, usesStandin } from "~/utils/stripe.server";
import { listAudit, recordAudit } from "./audit.server";
import { issueInvoiceForPayment } from "./invoices.server";
import { acceptedOffer, invoicingOf, paymentRows, syncLeadStatus } from "./payment-records.server";

/** Everything the payments panel shows for a lead (props for <LeadPayments>); null when the lead does not exist. */
export async function getLeadPayments(leadId: string, locale: Locale, viewer: { role: string }): Promise<LeadPaymentsData | null> {
  const lead = await prisma.lead.findUnique({ where: { id: leadId }, select: { id: true, status: true } });
  if (!lead) return null;
  const env = getEnv();
  const [accepted, payments, client, audit] = await Promise.all([acceptedOffer(lead.id, locale), paymentRows(lead.id), invoicingOf(lead.id), listAudit(leadId)]);
  const refunds = audit.filter((e) => (refundAuditActions as readonly string[]).includes(e.action)).map(refundRecord).filter((r): r is RefundRecord => r !== null);
  return leadPayments({
    lead,
    stripeMode: stripeMode(env),
    // Where the stand-in's dashboard is (to make refunds in the demo), when it is in use.
    standinUrl: usesStandin(env) ? `${standinOrigin(env)}/` : null,
    viewerRole: viewer.role,
    accepted,
    payments,
    refunded: refundedUpTo(refunds, null),
    client,
    audit,
  });
}

/** A lead's status (null: no such lead). */
export async function leadStatusOf(leadId: string): Promise<string | null> {
  return (await prisma.lead.findUnique({ where: { id: leadId }, select: { status: true } }))?.status ?? null;
}

export class PaymentActionError extends Error {
  constructor(public code: "not_accepted" | "not_found" | "not_flagged" | "already_paid" | "owner_only" | "transfer_only") {
    super(code);
  }
}

/**
 * A payment received outside Stripe (a bank transfer), recorded by a team
 * member with a note. Only an owner may record an amount other than the
 * accepted fee ("owner_only" for a member): otherwise a member could settle any
 * fee with a token transfer and then accept the difference.
 */
export async function recordManualPayment(input: { leadId: string; actorId: string; actorRole: string; amountCents: number; paidOn: Date; note: string }) {
  const acceptance = await prisma.acceptance.findFirst({ where: { leadId: input.leadId }, select: { id: true, onboardingCents: true, currency: true } });
  if (!acceptance) throw new PaymentActionError("not_accepted");
  if (input.amountCents !== acceptance.onboardingCents && input.actorRole !== "owner") throw new PaymentActionError("owner_only");
  return prisma.$transaction(async (tx) => {
    // A write first: on PostgreSQL it locks the lead's row, so two recordings at
    // once take turns and the second sees the first (SQLite runs one transaction at a time).
    await tx.lead.update({ where: { id: input.leadId }, data: { updatedAt: new Date() }, select: { id: true } });
    const existing = await tx.payment.findMany({ where: { leadId: input.leadId, purpose: "onboarding" }, select: { status: true, mismatch: true } });
    if (existing.some((p) => isPaymentStatus(p.status) && countsAsPaid({ status: p.status, mismatch: p.mismatch }))) throw new PaymentActionError("already_paid");
    const mismatch = input.amountCents !== acceptance.onboardingCents;
    // A public body's transfer invoiced before it came (transfer-invoices.server.ts): that row is now paid, and keeps its invoice.
    const awaited = await tx.payment.findFirst({ where: { leadId: input.leadId, purpose: "onboarding", provider: "manual", status: "pending" }, select: { id: true } });
    const received = { status: "paid", amountCents: input.amountCents, mismatch, note: input.note, paidAt: input.paidOn };
    const payment = awaited
      ? await tx.payment.update({ where: { id: awaited.id }, data: received, select: { id: true } })
      : await tx.payment.create({
          data: { leadId: input.leadId, acceptanceId: acceptance.id, provider: "manual", expectedCents: acceptance.onboardingCents, currency: acceptance.currency, ...received },
          select: { id: true },
        });
    await recordAudit(
      { action: "payment.manual", leadId: input.leadId, actorId: input.actorId, data: { paymentId: payment.id, amountCents: input.amountCents, expectedCents: acceptance.onboardingCents, currency: acceptance.currency, note: input.note, paidOn: input.paidOn.toISOString().slice(0, 10) } },
      tx,
    );
    if (mismatch) {
      await recordAudit({ action: "payment.mismatch", leadId: input.leadId, actorId: input.actorId, data: { paymentId: payment.id, reportedCents: input.amountCents, expectedCents: acceptance.onboardingCents, currency: acceptance.currency } }, tx);
    }
    // Its invoice, in this transaction (none while the amount is to check).
    await issueInvoiceForPayment(tx, payment.id);
    await syncLeadStatus(tx, input.leadId, input.actorId, payment.id);
    return payment;
  });
}

/**
 * The team looked at a payment whose amount differs from the one accepted and
 * takes it as received: the amount reported becomes the one expected, the flag
 * goes, and the note says why. Owners only ("owner_only" for anyone else): it
 * settles the fee at whatever amount came in.
 */
export async function acceptReportedAmount(input: { leadId: string; paymentId: string; actorId: string; actorRole: string; note: string }) {
  if (input.actorRole !== "owner") throw new PaymentActionError("owner_only");
  return prisma.$transaction(async (tx) => {
    const payment = await tx.payment.findFirst({ where: { id: input.paymentId, leadId: input.leadId }, select: { id: true, mismatch: true, amountCents: true, expectedCents: true, note: true } });
    if (!payment) throw new PaymentActionError("not_found");
    if (!payment.mismatch) throw new PaymentActionError("not_flagged");
    await tx.payment.update({
      where: { id: payment.id },
      data: { mismatch: false, expectedCents: payment.amountCents, note: payment.note ? `${payment.note}\n${input.note}` : input.note },
    });
    await recordAudit(
      { action: "payment.reviewed", leadId: input.leadId, actorId: input.actorId, data: { paymentId: payment.id, amountCents: payment.amountCents, previousExpectedCents: payment.expectedCents, note: input.note } },
      tx,
    );
    // Now it counts: its invoice, in this transaction.
    await issueInvoiceForPayment(tx, payment.id);
    await syncLeadStatus(tx, input.leadId, input.actorId, payment.id);
  });
}
