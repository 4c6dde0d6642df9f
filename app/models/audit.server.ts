// The audit log: who did what, when. Lead timelines and payment history read from it.
import { prisma } from "~/utils/db.server";

export type AuditAction =
  | "draft.started"
  | "lead.submitted"
  | "lead.status"
  | "lead.assigned"
  | "lead.reminder"
  | "lead.exported"
  | "leads.exported_csv"
  | "lead.erased"
  | "note.added"
  | "proposal.edited"
  | "proposal.block.edited"
  | "proposal.block.reset"
  | "proposal.sent"
  | "proposal.opened"
  | "proposal.renewal_requested"
  | "proposal.accepted"
  | "payment.pending"
  | "payment.paid"
  | "payment.failed"
  | "payment.refunded"
  | "payment.manual"
  | "payment.mismatch"
  | "payment.checkout"
  | "payment.partial_refund"
  | "payment.reviewed"
  | "retainer.checkout"
  | `retainer.${"incomplete" | "active" | "past_due" | "canceled" | "unpaid"}`
  | `retainer.payment_${"pending" | "paid" | "failed" | "refunded"}`
  | "retainer.renewal_failed"
  | "retainer.cancel_requested"
  | "invoice.issued"
  | "invoice.credit_note"
  | "invoice.uploaded"
  | "settings.updated"
  | "user.invited"
  | "user.invite_cancelled"
  | "user.joined"
  | "user.password_reset"
  | "user.login_throttled"
  | "user.role_changed"
  | "user.locale_changed"
  | "user.disabled"
  | "user.enabled";

type Db = Pick<typeof prisma, "auditLog">;

/** Records one event. Pass a transaction client to write it atomically with the change. */
export async function recordAudit(
  entry: { action: AuditAction; leadId?: string | null; actorId?: string | null; data?: Record<string, unknown> },
  db: Db = prisma,
) {
  await db.auditLog.create({
    data: { action: entry.action, leadId: entry.leadId ?? null, actorId: entry.actorId ?? null, data: JSON.stringify(entry.data ?? {}) },
  });
}

export async function listAudit(leadId: string, take = 200) {
  const rows = await prisma.auditLog.findMany({
    where: { leadId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, action: true, actorId: true, data: true, createdAt: true },
  });
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => Boolean(id)))];
  const actors = actorIds.length ? await prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(actors.map((a) => [a.id, a.name]));
  return rows.map((r) => ({ ...r, actorName: r.actorId ? (names.get(r.actorId) ?? null) : null, data: safeJson(r.data) }));
}

function safeJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
