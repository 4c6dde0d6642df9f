// The data of the prospect's private page (/:lang/p/:token) in as few queries
// as the schema allows: one read of the lead with its proposal and newest sent
// version (Prisma sends one statement per relation level), then the owner's
// settings and the acceptance side by side (Acceptance, Payment and Client have
// no relation to Lead to join through), then the logo's version and, once
// accepted, the payments and invoicing data (the accepted version only when a
// later one was sent), then the retainer's subscription. tests/integration/proposal-page-queries.test.ts holds the counts.
import { leadInvoices, type InvoiceListItem } from "./invoice-copies.server";
import { parseAcceptable, proposalExpectedDay } from "~/domain/proposal-edits";
import { clientPortal, type ClientPortal } from "~/domain/payment-screens";
import type { RetainerPortal } from "~/domain/subscription";
import type { ProposalView } from "~/domain/strategy/view";
import type { Locale } from "~/i18n/i18n";
import { prisma } from "~/utils/db.server";
import { onlinePaymentEnabled } from "~/utils/stripe.server";
import { recordAudit } from "./audit.server";
import { getPageBrand, type PageBrand } from "./brand-logo.server";
import { acceptedVersionSelect, firstAcceptance, invoicingOf, offerOf, paymentRowsByPurpose, type AcceptanceRow, type AcceptedVersionRow } from "./payment-records.server";
import { versionRendering } from "./proposal-versions.server";
import { leadRetainer, retainerViewOf } from "./retainer.server";
import { getOwnerSettings } from "./settings.server";

type Page =
  | { kind: "missing" }
  | { kind: "erased" }
  | { kind: "pending"; brand: PageBrand; lead: { name: string; organisation: string }; expectedDay: string }
  | { kind: "proposal"; brand: PageBrand; leadId: string; view: ProposalView; acceptable: boolean; sentAt: Date; firstOpening: { proposalId: string } | null }
  | { kind: "portal"; brand: PageBrand; portal: ClientPortal; retainer: RetainerPortal; view: ProposalView | null; invoices: InvoiceListItem[] };

/** Everything the private page shows for a token, read only (the first opening is recorded by recordFirstOpening). */
export async function getProspectPage(token: string, locale: Locale): Promise<Page> {
  const lead = await prisma.lead.findUnique({
    where: { token },
    select: {
      id: true,
      name: true,
      organisation: true,
      createdAt: true,
      erasedAt: true,
      proposal: { select: { id: true, firstOpenedAt: true, versions: { orderBy: { number: "desc" }, take: 1, select: acceptedVersionSelect } } },
    },
  });
  if (!lead) return { kind: "missing" };
  if (lead.erasedAt) return { kind: "erased" };
  const newest = lead.proposal?.versions[0] ?? null;
  // Nothing sent, nothing accepted: no acceptance to look for.
  const [settings, acceptance] = await Promise.all([getOwnerSettings(), newest ? firstAcceptance(lead.id) : null]);
  const [brand, accepted] = await Promise.all([getPageBrand(settings), acceptance ? acceptedPart(lead.id, acceptance, newest, locale) : null]);
  if (accepted) {
    const { version, offer, payments, client, subscription, invoices } = accepted;
    const portal = clientPortal({ token, lead, accepted: offer, payments, client, kickoffUrl: settings.kickoffUrl ?? null, onlinePayment: onlinePaymentEnabled() });
    const retainer = retainerViewOf(offer, subscription, settings.retainerMinimumTermMonths);
    // The version accepted, as it was sent (its stored view when it has one).
    const view = (version ? versionRendering(version, locale)?.view : null) ?? offer.view;
    return { kind: "portal", brand, portal, retainer, view, invoices };
  }
  const sent = newest ? versionRendering(newest, locale) : null;
  if (!newest || !sent || !lead.proposal) {
    return { kind: "pending", brand, lead: { name: lead.name, organisation: lead.organisation }, expectedDay: proposalExpectedDay(lead.createdAt, settings) };
  }
  return {
    kind: "proposal",
    brand,
    leadId: lead.id,
    view: sent.view,
    acceptable: parseAcceptable(newest.snapshot) !== null,
    sentAt: newest.sentAt,
    firstOpening: lead.proposal.firstOpenedAt ? null : { proposalId: lead.proposal.id },
  };
}

/** The accepted side: the version accepted (the newest, read already, as a rule), the payments, the invoicing data. */
async function acceptedPart(leadId: string, acceptance: AcceptanceRow, newest: AcceptedVersionRow | null, locale: Locale) {
  const pinned = newest?.id === acceptance.proposalVersionId ? newest : prisma.proposalVersion.findUnique({ where: { id: acceptance.proposalVersionId }, select: acceptedVersionSelect });
  const [version, allPayments, client, invoices] = await Promise.all([pinned, paymentRowsByPurpose(leadId), invoicingOf(leadId), leadInvoices(leadId)]);
  // The onboarding fee's payments drive the payment box; the retainer's months go with the subscription.
  const payments = allPayments.filter((p) => p.purpose === "onboarding");
  const subscription = await leadRetainer(leadId, allPayments.filter((p) => p.purpose === "retainer").reverse());
  return { version, offer: offerOf(acceptance, version, locale), payments, client, subscription, invoices };
}

/** The prospect (not the team) opened their proposal: the first time after sending is recorded for the owner. */
export async function recordFirstOpening(leadId: string, proposalId: string, now = new Date()): Promise<void> {
  const { count } = await prisma.proposal.updateMany({ where: { id: proposalId, firstOpenedAt: null }, data: { firstOpenedAt: now } });
  if (count) await recordAudit({ action: "proposal.opened", leadId });
}
