// VAT the way an Italian invoice shows it: imponibile, IVA, totale, in integer
// cents, IVA rounded half-up to the cent (the same rule as the proposal's quote).
// The whole document under a tax regime (rivalsa, stamp duty, split payment,
// reverse charge) is app/domain/tax/document.ts, which builds on this.
import { percentOfCents } from "./money";

export interface VatBreakdown {
  netCents: number;
  vatCents: number;
  grossCents: number;
  ratePercent: number;
}

/** From the taxable amount (imponibile). */
export function vatFromNet(netCents: number, ratePercent: number): VatBreakdown {
  if (!Number.isInteger(netCents)) throw new RangeError("Money amounts are integer cents");
  const vatCents = percentOfCents(netCents, ratePercent);
  return { netCents, vatCents, grossCents: netCents + vatCents, ratePercent };
}

/**
 * From a total with VAT (what a payment received): the imponibile is the net
 * amount whose gross is this total when one exists, so amounts charged from a
 * net price split back into exactly that price.
 */
export function vatFromGross(grossCents: number, ratePercent: number): VatBreakdown {
  if (!Number.isInteger(grossCents)) throw new RangeError("Money amounts are integer cents");
  const guess = Math.round((grossCents * 100) / (100 + ratePercent));
  for (const net of [guess, guess - 1, guess + 1]) {
    if (vatFromNet(net, ratePercent).grossCents === grossCents) return vatFromNet(net, ratePercent);
  }
  return { netCents: guess, vatCents: grossCents - guess, grossCents, ratePercent };
}
