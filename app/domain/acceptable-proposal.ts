// What the acceptance and payment flow needs from a sent proposal version.
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
  /** YYYY-MM-DD; after it the proposal asks to be renewed and cannot be accepted. */
  validUntil: string;
  kickoffUrl: string | null;
}

/** Onboarding fee with VAT, as charged at checkout: imponibile + IVA, rounded half-up to the cent. */
export function onboardingGrossCents(p: Pick<AcceptableProposal, "onboardingNetCents" | "vatRatePercent">): number {
  return p.onboardingNetCents + Math.round((p.onboardingNetCents * p.vatRatePercent) / 100);
}
