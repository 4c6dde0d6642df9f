// What the client pays for a choice of package and add-ons: integer cents, each
// total computed as an Italian document shows it under the owner's tax regime
// (app/domain/tax/document.ts: IVA or rivalsa rounded half up to the cent, the
// stamp duty in the regime forfettario) for the client's VAT treatment
// (standard before the client says who they are).
import { taxDocument, type TaxDocument } from "../tax/document";
import { regimeOrRate, type TaxRegime } from "../tax/regime";
import type { VatTreatment } from "../tax/treatment";

export interface PriceList {
  vatRatePercent: number;
  /** Absent in proposals sent before regimes existed: ordinary VAT at vatRatePercent. */
  taxRegime?: TaxRegime | undefined;
  onboardingNetCents: number;
  packages: Array<{ id: string; monthlyNetCents: number; recommended: boolean }>;
  addOns: Array<{ id: string; priceNetCents: number; recurring: boolean }>;
}

export interface Amount {
  /** Imponibile (fee + rivalsa). */
  net: number;
  vat: number;
  /** Document total. */
  gross: number;
  document: TaxDocument;
}

export interface Quote {
  packageId: string;
  addOnIds: string[];
  monthly: Amount;
  oneOff: Amount;
}

const amount = (document: TaxDocument): Amount => ({ net: document.netCents, vat: document.vatCents, gross: document.grossCents, document });

/** Unknown ids are ignored: the recommended package stands in for an unknown package. */
export function quote(prices: PriceList, packageId: string | null | undefined, addOnIds: readonly string[], treatment: VatTreatment = "standard"): Quote {
  const pkg = prices.packages.find((p) => p.id === packageId) ?? prices.packages.find((p) => p.recommended) ?? prices.packages[0];
  if (!pkg) throw new RangeError("no packages");
  const regime = regimeOrRate(prices.taxRegime, prices.vatRatePercent);
  const chosen = prices.addOns.filter((a) => addOnIds.includes(a.id));
  const monthlyNet = pkg.monthlyNetCents + chosen.filter((a) => a.recurring).reduce((sum, a) => sum + a.priceNetCents, 0);
  const oneOffNet = prices.onboardingNetCents + chosen.filter((a) => !a.recurring).reduce((sum, a) => sum + a.priceNetCents, 0);
  return { packageId: pkg.id, addOnIds: chosen.map((a) => a.id), monthly: amount(taxDocument(regime, treatment, monthlyNet)), oneOff: amount(taxDocument(regime, treatment, oneOffNet)) };
}
