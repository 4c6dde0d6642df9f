// A net price as an Italian quote shows it under the owner's tax regime:
// "1.200,00 € + IVA 22%" with the amount including VAT beside it, or, in the
// regime forfettario, "1.200,00 €" (+ rivalsa INPS 4% when charged) with the
// document total and the legal wording. Shared by the web page and the PDF, from
// the resolved view's labels (so a stored view keeps its words). The amounts are
// app/domain/tax/document.ts's, for an Italian client (the standard treatment):
// what a public body, an EU or a non-EU client pays is shown at acceptance.
import { taxDocument } from "~/domain/tax/document";
import { RIVALSA_INPS_PERCENT, type TaxRegime } from "~/domain/tax/regime";

export { regimeOrRate } from "~/domain/tax/regime";
import { formatMoney, formatNumber } from "~/i18n/format";

export interface PriceWithVat {
  /** "1.200,00 €" */
  net: string;
  /** "+ IVA 22%", "+ rivalsa INPS 4%", or "" */
  plusVat: string;
  /** "IVA inclusa: 1.464,00 €", "Totale documento: 1.250,00 €" */
  withVat: string;
  grossCents: number;
}

const fallback = {
  it: {
    plusVat: "+ IVA {{rate}}%",
    withVat: "IVA inclusa: {{amount}}",
    pricesNet: "Prezzi al netto dell'IVA ({{rate}}%).",
    plusRivalsa: "+ rivalsa INPS {{rate}}%",
    totalNoVat: "Totale documento: {{amount}}",
  },
  en: {
    plusVat: "+ VAT {{rate}}%",
    withVat: "Including VAT: {{amount}}",
    pricesNet: "Prices exclude VAT ({{rate}}%).",
    plusRivalsa: "+ INPS rivalsa {{rate}}%",
    totalNoVat: "Document total: {{amount}}",
  },
} as const;

/** The legal wording of the regime forfettario, when the view has none stored. */
const forfettarioNote = {
  it: "Operazione senza applicazione dell'IVA, effettuata ai sensi dell'art. 1, commi da 54 a 89, della Legge n. 190/2014 (regime forfettario).",
  en: "Transaction without VAT under art. 1, paragraphs 54 to 89, of Italian Law no. 190/2014 (regime forfettario).",
} as const;

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? "");
}

export function priceWithVat(netCents: number, regime: TaxRegime, locale: "it" | "en", labels: Record<string, string | undefined> = {}): PriceWithVat {
  const doc = taxDocument(regime, "standard", netCents);
  const net = formatMoney(netCents, locale);
  if (regime.kind === "ordinary") {
    const rate = formatNumber(regime.vatRatePercent, locale);
    return {
      net,
      plusVat: fill(labels.plusVat ?? fallback[locale].plusVat, { rate }),
      withVat: fill(labels.withVat ?? fallback[locale].withVat, { amount: formatMoney(doc.grossCents, locale) }),
      grossCents: doc.grossCents,
    };
  }
  return {
    net,
    plusVat: regime.rivalsaInps ? fill(labels.plusRivalsa ?? fallback[locale].plusRivalsa, { rate: formatNumber(RIVALSA_INPS_PERCENT, locale) }) : "",
    withVat: fill(labels.totalNoVat ?? fallback[locale].totalNoVat, { amount: formatMoney(doc.grossCents, locale) }),
    grossCents: doc.grossCents,
  };
}

/** "Prezzi al netto dell'IVA (22%).", or the forfettario wording. */
export function pricesNetNote(regime: TaxRegime, locale: "it" | "en", labels: Record<string, string | undefined> = {}): string {
  if (regime.kind === "forfettario") return labels.forfettarioNote ?? forfettarioNote[locale];
  return fill(labels.pricesNet ?? fallback[locale].pricesNet, { rate: formatNumber(regime.vatRatePercent, locale) });
}
