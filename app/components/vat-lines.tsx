// An amount the way an Italian invoice shows it under the studio's tax regime:
// imponibile (or compenso), rivalsa INPS, IVA at its rate, imposta di bollo,
// totale, what the client pays under split payment, and the legal wording
// (app/domain/tax/document.ts). A plain VAT split (net, IVA, total) still shows.
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import type { TaxDocument } from "~/domain/tax/document";
import type { VatBreakdown } from "~/domain/vat";
import { formatMoney, formatNumber } from "~/i18n/format";
import { useLocale } from "~/utils/locale";

export function VatLines({ amount, currency = "EUR", heading, testId }: { amount: VatBreakdown | TaxDocument; currency?: string; heading?: string; testId?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = (cents: number) => formatMoney(cents, locale, currency);
  const rate = (r: number) => formatNumber(r, locale);
  const doc = "regime" in amount ? amount : null;
  const rows: Array<[string, number]> = doc
    ? [
        [t(doc.regime === "forfettario" ? "payment.tax.feeForfettario" : "payment.tax.fee"), doc.feeCents],
        ...(doc.rivalsaCents > 0 ? [[t("payment.tax.rivalsa", { rate: rate(doc.rivalsaPercent) }), doc.rivalsaCents] as [string, number]] : []),
        ...(doc.vatLine ? [[t("payment.tax.vat", { rate: rate(doc.ratePercent) }), doc.vatCents] as [string, number]] : []),
        ...(doc.stampDuty?.chargedToClient ? [[t("payment.tax.stampDuty"), doc.stampDuty.cents] as [string, number]] : []),
      ]
    : [
        [t("payment.accept.net"), amount.netCents],
        [t("payment.accept.vat", { rate: rate(amount.ratePercent) }), amount.vatCents],
      ];
  const split = doc !== null && doc.dueCents !== doc.grossCents;
  return (
    <div className="vat-lines">
      {heading ? <p className="totals-heading">{heading}</p> : null}
      <dl className="invoice">
        {rows.map(([label, cents]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{money(cents)}</dd>
          </Fragment>
        ))}
        <dt>{t("payment.accept.total")}</dt>
        <dd>{split ? money(amount.grossCents) : <strong data-testid={testId}>{money(amount.grossCents)}</strong>}</dd>
        {split ? (
          <>
            <dt>{t("payment.tax.due")}</dt>
            <dd>
              <strong data-testid={testId}>{money(doc.dueCents)}</strong>
            </dd>
          </>
        ) : null}
      </dl>
      {doc?.notes.map((note) => (
        <p className="hint tax-note" key={note}>
          {t(`payment.tax.notes.${note}`)}
        </p>
      ))}
    </div>
  );
}
