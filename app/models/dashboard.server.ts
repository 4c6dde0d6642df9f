// Figures for the owner's dashboard: the funnel of a period and the money collected.
import { funnel, type FunnelCounts } from "~/domain/funnel";
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

export async function dashboardFigures(period: { from: string; to: string }) {
  const gte = romeMidnight(period.from);
  const end = new Date(`${period.to}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  const lt = romeMidnight(end.toISOString().slice(0, 10));
  const range = { gte, lt };

  const [started, submitted, sent, accepted, paidLeads, collected, refunded] = await Promise.all([
    prisma.auditLog.count({ where: { action: "draft.started", createdAt: range } }),
    prisma.lead.count({ where: { createdAt: range } }),
    prisma.auditLog.groupBy({ by: ["leadId"], where: { action: "proposal.sent", createdAt: range, leadId: { not: null } } }),
    prisma.acceptance.count({ where: { acceptedAt: range } }),
    prisma.payment.groupBy({ by: ["leadId"], where: { status: { in: ["paid", "refunded"] }, paidAt: range } }),
    prisma.payment.aggregate({ _sum: { amountCents: true }, where: { status: { in: ["paid", "refunded"] }, paidAt: range } }),
    prisma.payment.aggregate({ _sum: { amountCents: true }, where: { status: "refunded", refundedAt: range } }),
  ]);
  const counts: FunnelCounts = { started, submitted, proposalSent: sent.length, accepted, paid: paidLeads.length };
  const collectedCents = collected._sum.amountCents ?? 0;
  const refundedCents = refunded._sum.amountCents ?? 0;
  return { period, rows: funnel(counts), collectedCents, refundedCents, netCents: collectedCents - refundedCents };
}
