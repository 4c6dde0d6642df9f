// The amounts of one fee on an Italian document (proposal, Checkout, receipt,
// later the invoice), from the owner's regime and the client's VAT treatment.
// Integer cents; every line is computed on its own base and rounded half up to
// the cent (percentOfCents), then the lines are added: the total is always the
// sum of the lines shown, as on an Italian invoice.
//
//   fee (compenso / imponibile)
// + rivalsa INPS 4 % of the fee             (forfettario, when the owner charges it)
// = imponibile (netCents)
// + IVA at the rate on the imponibile      (ordinary regime, standard or split payment)
// + imposta di bollo 2,00 €                 (forfettario, imponibile over 77,47 €, when charged to the client)
// = document total (grossCents)
//   due (dueCents) = total, or total − IVA under split payment (the public body pays the IVA to the State).
import { percentOfCents } from "../money";
import type { VatBreakdown } from "../vat";
import { RIVALSA_INPS_PERCENT, STAMP_DUTY_CENTS, STAMP_DUTY_THRESHOLD_CENTS, type TaxRegime } from "./regime";
import type { VatTreatment } from "./treatment";

/** Wording each document carries (translated under `tax.notes.*`). */
export type TaxNote = "forfettario" | "splitPayment" | "reverseCharge" | "outOfScope" | "stampDutyByStudio";

export interface TaxDocument extends VatBreakdown {
  regime: TaxRegime["kind"];
  treatment: VatTreatment;
  /** The fee itself, before rivalsa. */
  feeCents: number;
  /** Rivalsa INPS, 0 when not charged. */
  rivalsaCents: number;
  rivalsaPercent: number;
  /** Imponibile: fee + rivalsa. */
  netCents: number;
  /** IVA on the imponibile; 0 with no VAT line (forfettario, reverse charge, out of scope). */
  vatCents: number;
  /** The VAT rate shown, 0 when there is no VAT line. */
  ratePercent: number;
  /** Whether the document has an IVA line at all. */
  vatLine: boolean;
  /** Stamp duty on this document (null when none is due); `chargedToClient` adds it to the total. */
  stampDuty: { cents: number; chargedToClient: boolean } | null;
  /** Document total: imponibile + IVA + stamp duty charged to the client. */
  grossCents: number;
  /** What the client pays: the total, less the IVA under split payment. */
  dueCents: number;
  notes: TaxNote[];
}

export function taxDocument(regime: TaxRegime, treatment: VatTreatment, feeCents: number): TaxDocument {
  if (!Number.isSafeInteger(feeCents) || feeCents < 0) throw new RangeError("A fee is non-negative integer cents");
  const notes: TaxNote[] = [];
  if (regime.kind === "forfettario") {
    const rivalsaPercent = regime.rivalsaInps ? RIVALSA_INPS_PERCENT : 0;
    const rivalsaCents = percentOfCents(feeCents, rivalsaPercent);
    const netCents = feeCents + rivalsaCents;
    const stampDuty = netCents > STAMP_DUTY_THRESHOLD_CENTS ? { cents: STAMP_DUTY_CENTS, chargedToClient: regime.stampDutyToClient } : null;
    notes.push("forfettario");
    // Outside Italy the place-of-supply notes still apply (no Italian VAT either way).
    if (treatment === "reverseCharge" || treatment === "outOfScope") notes.push(treatment);
    if (stampDuty && !stampDuty.chargedToClient) notes.push("stampDutyByStudio");
    const grossCents = netCents + (stampDuty?.chargedToClient ? stampDuty.cents : 0);
    return { regime: "forfettario", treatment, feeCents, rivalsaCents, rivalsaPercent, netCents, vatCents: 0, ratePercent: 0, vatLine: false, stampDuty, grossCents, dueCents: grossCents, notes };
  }
  const vatLine = treatment === "standard" || treatment === "splitPayment";
  const ratePercent = vatLine ? regime.vatRatePercent : 0;
  const vatCents = percentOfCents(feeCents, ratePercent);
  if (treatment !== "standard") notes.push(treatment);
  const grossCents = feeCents + vatCents;
  return {
    regime: "ordinary",
    treatment,
    feeCents,
    rivalsaCents: 0,
    rivalsaPercent: 0,
    netCents: feeCents,
    vatCents,
    ratePercent,
    vatLine,
    stampDuty: null,
    grossCents,
    dueCents: treatment === "splitPayment" ? grossCents - vatCents : grossCents,
    notes,
  };
}

/**
 * A received amount split back into a document (a receipt of a payment): the
 * document of the fee whose due amount is `dueCents` when one exists, else the
 * fee's document with the amount actually received as the due amount.
 */
export function taxDocumentForDue(regime: TaxRegime, treatment: VatTreatment, dueCents: number, expectedFeeCents: number | null): TaxDocument {
  if (expectedFeeCents !== null) {
    const doc = taxDocument(regime, treatment, expectedFeeCents);
    if (doc.dueCents === dueCents) return doc;
  }
  // Invert the rates: guess the fee and look around it (rounding moves it by a cent at most).
  const rate = (regime.kind === "ordinary" && treatment === "standard" ? regime.vatRatePercent : 0) + (regime.kind === "forfettario" && regime.rivalsaInps ? RIVALSA_INPS_PERCENT : 0);
  const bases = [dueCents, dueCents - STAMP_DUTY_CENTS];
  for (const base of bases) {
    const guess = Math.round((base * 100) / (100 + rate));
    for (const fee of [guess, guess - 1, guess + 1]) {
      if (fee < 0) continue;
      const doc = taxDocument(regime, treatment, fee);
      if (doc.dueCents === dueCents) return doc;
    }
  }
  return { ...taxDocument(regime, treatment, expectedFeeCents ?? 0), dueCents };
}

/** One amount the client is charged for (a Checkout line item). */
export interface ChargedLine {
  line: "fee" | "rivalsa" | "vat" | "stampDuty";
  cents: number;
  ratePercent: number;
}

/**
 * What the client pays, line by line: the fee, the rivalsa, the IVA (not under
 * split payment: the public body pays it to the State), the stamp duty when
 * charged to them. Lines of 0 are left out; the lines add up to `dueCents`.
 */
export function chargedLines(doc: TaxDocument): ChargedLine[] {
  const lines: ChargedLine[] = [
    { line: "fee", cents: doc.feeCents, ratePercent: 0 },
    { line: "rivalsa", cents: doc.rivalsaCents, ratePercent: doc.rivalsaPercent },
    { line: "vat", cents: doc.treatment === "splitPayment" ? 0 : doc.vatCents, ratePercent: doc.ratePercent },
    { line: "stampDuty", cents: doc.stampDuty?.chargedToClient ? doc.stampDuty.cents : 0, ratePercent: 0 },
  ];
  return lines.filter((l) => l.cents > 0);
}
