// Accepting a sent proposal: one acceptance per lead, pinned to the version
// accepted by its hash, with who typed their name, when, from which IP and
// browser; the invoicing data goes on the Client row. Nothing here is ever
// updated afterwards: an accepted version cannot change. The emails that follow
// (client and owners) are a job written in the acceptance's transaction.
import { onboardingDocument, type AcceptableProposal } from "~/domain/acceptable-proposal";
import { invoicingData, treatmentOf, type AcceptanceInput } from "~/domain/acceptance-schema";
import { romeToday } from "~/domain/intake/schema";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import type { Locale } from "~/i18n/i18n";
import { recordAudit } from "./audit.server";
import { enqueueAcceptanceEmails } from "./payment-emails.server";

export type AcceptOutcome =
  | { ok: true; acceptanceId: string }
  | { ok: false; reason: "changed" | "expired" | "accepted" };


export function isExpired(proposal: Pick<AcceptableProposal, "validUntil">, now = new Date()): boolean {
  return romeToday(now) > proposal.validUntil;
}

export async function findAcceptance(leadId: string) {
  return prisma.acceptance.findFirst({ where: { leadId }, orderBy: { acceptedAt: "asc" } });
}

export async function acceptProposal(
  proposal: AcceptableProposal,
  input: AcceptanceInput,
  /** `locale`: the language the client accepted in (their emails are written in it). */
  meta: { ip: string | null; userAgent: string | null; locale: Locale },
  now = new Date(),
): Promise<AcceptOutcome> {
  if (input.versionHash !== proposal.versionHash) return { ok: false, reason: "changed" };
  if (isExpired(proposal, now)) return { ok: false, reason: "expired" };
  // What the client pays under the version's regime for who they are (split payment: the imponibile).
  const taxTreatment = treatmentOf(input);
  const onboardingCents = onboardingDocument(proposal, taxTreatment).dueCents;
  try {
    return await prisma.$transaction(async (tx) => {
      if (await tx.acceptance.findFirst({ where: { leadId: proposal.leadId }, select: { id: true } })) return { ok: false, reason: "accepted" } as const;
      const acceptance = await tx.acceptance.create({
        data: {
          leadId: proposal.leadId,
          proposalVersionId: proposal.versionId,
          versionHash: proposal.versionHash,
          packageId: input.packageId,
          addOnIds: JSON.stringify(input.addOnIds),
          fullName: input.fullName,
          ip: meta.ip?.slice(0, 100) || null,
          userAgent: meta.userAgent?.slice(0, 300) || null,
          onboardingCents,
          taxTreatment,
          currency: proposal.currency,
          acceptedAt: now,
        },
        select: { id: true },
      });
      const client = invoicingData(input);
      await tx.client.upsert({ where: { leadId: proposal.leadId }, create: { leadId: proposal.leadId, ...client }, update: client });
      const lead = await tx.lead.findUniqueOrThrow({ where: { id: proposal.leadId }, select: { status: true } });
      if (lead.status !== "accepted" && lead.status !== "paid") {
        await tx.lead.update({ where: { id: proposal.leadId }, data: { status: "accepted" } });
        await recordAudit({ action: "lead.status", leadId: proposal.leadId, data: { from: lead.status, to: "accepted", reason: "accepted" } }, tx);
      }
      await recordAudit(
        {
          action: "proposal.accepted",
          leadId: proposal.leadId,
          data: { acceptanceId: acceptance.id, versionId: proposal.versionId, versionHash: proposal.versionHash, packageId: input.packageId, addOnIds: input.addOnIds, onboardingCents, kind: client.kind, taxTreatment },
        },
        tx,
      );
      await enqueueAcceptanceEmails(tx, { leadId: proposal.leadId, acceptanceId: acceptance.id, locale: meta.locale });
      return { ok: true, acceptanceId: acceptance.id } as const;
    });
  } catch (error) {
    // Two submissions at once: the version's unique acceptance keeps the first.
    if (isUniqueViolation(error)) return { ok: false, reason: "accepted" };
    throw error;
  }
}
