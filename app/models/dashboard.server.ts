// Figures for the owner's dashboard: the funnel of a period and the money collected.
import { funnel, type FunnelCounts } from "~/domain/funnel";
import { refundedWithin } from "~/domain/payment-state";
import { refundRecords } from "./payment-records.server";
import { prisma } from "~/utils/db.server";

/** UTC instant of 00:00 in Rome on a YYYY-MM-DD day (handles summer time). */
export function romeMidnight(day: string): Date {
  const utc = new Date(`${day}T00:00:00Z`);
  const offset = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Rome", timeZoneName: "longOffset" })
    .formatToParts(utc)
    .find((p) => p.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(offset ?? "");
  const minutes = match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return new Date(utc.getTime() - minutes * 60_000);
}

/**
 * The funnel of a period and its money. Collected counts payments received in
 * the period for the amount accepted; a payment whose amount differs from the
 * one accepted is not counted but shown apart ("to check") until the team
 * accepts it. Refunded is what went back in the period, partial refunds at
 * their real amount, for the payments that count.
 */
export async function dashboardFigures(period: { from: string; to: string }) {
  const gte = romeMidnight(period.from);
  const end = new Date(`${period.to}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  const lt = romeMidnight(end.toISOString().slice(0, 10));
  const range = { gte, lt };
  const received = { status: { in: ["paid", "refunded"] }, paidAt: range };

  const [started, submitted, sent, accepted, paidLeads, collected, toCheck, records] = await Promise.all([
    prisma.auditLog.count({ where: { action: "draft.started", createdAt: range } }),
    prisma.lead.count({ where: { createdAt: range } }),
    prisma.auditLog.groupBy({ by: ["leadId"], where: { action: "proposal.sent", createdAt: range, leadId: { not: null } } }),
    prisma.acceptance.count({ where: { acceptedAt: range } }),
    prisma.payment.groupBy({ by: ["leadId"], where: { ...received, mismatch: false } }),
    prisma.payment.aggregate({ _sum: { amountCents: true }, where: { ...received, mismatch: false } }),
    prisma.payment.aggregate({ _sum: { amountCents: true }, _count: { _all: true }, where: { ...received, mismatch: true } }),
    refundRecords(lt),
  ]);
  // Refunds in the period: the amounts Stripe reported, and refunded payments with no amount on record in full.
  const reported = refundedWithin(records, gte, lt);
  const withRecord = new Set(records.map((r) => r.paymentId));
  const refundedPayments = await prisma.payment.findMany({
    where: {
      mismatch: false,
      OR: [{ id: { in: [...reported.keys()] } }, { status: "refunded", refundedAt: range, id: { notIn: [...withRecord] } }],
    },
    select: { id: true, status: true, amountCents: true },
  });
  const refundedCents = refundedPayments.reduce((sum, p) => sum + (withRecord.has(p.id) ? (reported.get(p.id) ?? 0) : p.amountCents), 0);
  const counts: FunnelCounts = { started, submitted, proposalSent: sent.length, accepted, paid: paidLeads.length };
  const collectedCents = collected._sum.amountCents ?? 0;
  return {
    period,
    rows: funnel(counts),
    collectedCents,
    refundedCents,
    netCents: collectedCents - refundedCents,
    toCheckCents: toCheck._sum.amountCents ?? 0,
    toCheckCount: toCheck._count._all,
  };
}
