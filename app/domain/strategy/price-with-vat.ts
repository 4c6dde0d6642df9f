// A net price as an Italian quote shows it: "1.200,00 € + IVA 22%", with the
// amount including VAT beside it. Shared by the web page and the PDF, from the
// resolved view's labels (so a stored view keeps its words).
import { vatFromNet } from "~/domain/vat";
import { formatMoney, formatNumber } from "~/i18n/format";

export interface PriceWithVat {
  /** "1.200,00 €" */
  net: string;
  /** "+ IVA 22%" */
  plusVat: string;
  /** "IVA inclusa: 1.464,00 €" */
  withVat: string;
  grossCents: number;
}

const fallback = {
  it: { plusVat: "+ IVA {{rate}}%", withVat: "IVA inclusa: {{amount}}", pricesNet: "Prezzi al netto dell'IVA ({{rate}}%)." },
  en: { plusVat: "+ VAT {{rate}}%", withVat: "Including VAT: {{amount}}", pricesNet: "Prices exclude VAT ({{rate}}%)." },
} as const;

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? "");
}

export function priceWithVat(netCents: number, ratePercent: number, locale: "it" | "en", labels: Record<string, string | undefined> = {}): PriceWithVat {
  const { grossCents } = vatFromNet(netCents, ratePercent);
  const rate = formatNumber(ratePercent, locale);
  return {
    net: formatMoney(netCents, locale),
    plusVat: fill(labels.plusVat ?? fallback[locale].plusVat, { rate }),
    withVat: fill(labels.withVat ?? fallback[locale].withVat, { amount: formatMoney(grossCents, locale) }),
    grossCents,
  };
}

/** "Prezzi al netto dell'IVA (22%)." */
export function pricesNetNote(ratePercent: number, locale: "it" | "en", labels: Record<string, string | undefined> = {}): string {
  return fill(labels.pricesNet ?? fallback[locale].pricesNet, { rate: formatNumber(ratePercent, locale) });
}
