// What the client pays for a choice of package and add-ons: integer cents,
// VAT computed on each total the way an Italian invoice shows it
// (imponibile, IVA, totale; IVA rounded half-up to the cent).

export interface PriceList {
  vatRatePercent: number;
  onboardingNetCents: number;
  packages: Array<{ id: string; monthlyNetCents: number; recommended: boolean }>;
  addOns: Array<{ id: string; priceNetCents: number; recurring: boolean }>;
}

export interface Amount {
  net: number;
  vat: number;
  gross: number;
}

export interface Quote {
  packageId: string;
  addOnIds: string[];
  monthly: Amount;
  oneOff: Amount;
}

const amount = (net: number, rate: number): Amount => {
  const vat = Math.round((net * rate) / 100);
  return { net, vat, gross: net + vat };
};

/** Unknown ids are ignored: the recommended package stands in for an unknown package. */
export function quote(prices: PriceList, packageId: string | null | undefined, addOnIds: readonly string[]): Quote {
  const pkg = prices.packages.find((p) => p.id === packageId) ?? prices.packages.find((p) => p.recommended) ?? prices.packages[0];
  if (!pkg) throw new RangeError("no packages");
  const chosen = prices.addOns.filter((a) => addOnIds.includes(a.id));
  const monthlyNet = pkg.monthlyNetCents + chosen.filter((a) => a.recurring).reduce((sum, a) => sum + a.priceNetCents, 0);
  const oneOffNet = prices.onboardingNetCents + chosen.filter((a) => !a.recurring).reduce((sum, a) => sum + a.priceNetCents, 0);
  return { packageId: pkg.id, addOnIds: chosen.map((a) => a.id), monthly: amount(monthlyNet, prices.vatRatePercent), oneOff: amount(oneOffNet, prices.vatRatePercent) };
}
