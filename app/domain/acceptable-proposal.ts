// What the acceptance and payment flow needs from a sent proposal version.
import { taxDocument, type TaxDocument } from "./tax/document";
import { regimeOrRate, type TaxRegime } from "./tax/regime";
import type { VatTreatment } from "./tax/treatment";

// Built by getAcceptableProposal(token) in app/models/proposal.server.ts from
// the newest sent version's snapshot; money in integer cents, net of VAT.
export interface AcceptableProposal {
  leadId: string;
  token: string;
  versionId: string;
  /** ProposalVersion.snapshotHash: what the client accepts is pinned by it. */
  versionHash: string;
  locale: "it" | "en";
  contactName: string;
  organisation: string;
  email: string;
  currency: "EUR";
  packages: Array<{ id: string; name: string; monthlyNetCents: number; recommended: boolean }>;
  addOns: Array<{ id: string; name: string; priceNetCents: number; recurring: boolean }>;
  onboardingNetCents: number;
  vatRatePercent: number;
  /** The regime the version was sent under (absent before regimes existed: ordinary VAT at vatRatePercent). */
  taxRegime?: TaxRegime | undefined;
  /** YYYY-MM-DD; after it the proposal asks to be renewed and cannot be accepted. */
  validUntil: string;
  kickoffUrl: string | null;
}

/** The onboarding fee's document for a client's VAT treatment: its `dueCents` is what is accepted and charged at checkout. */
export function onboardingDocument(p: Pick<AcceptableProposal, "onboardingNetCents" | "vatRatePercent" | "taxRegime">, treatment: VatTreatment): TaxDocument {
  return taxDocument(regimeOrRate(p.taxRegime, p.vatRatePercent), treatment, p.onboardingNetCents);
}
