// An amount the way an Italian invoice shows it: imponibile, IVA at its rate, totale.
import { useTranslation } from "react-i18next";
import type { VatBreakdown } from "~/domain/vat";
import { formatMoney, formatNumber } from "~/i18n/format";
import { useLocale } from "~/utils/locale";

export function VatLines({ amount, currency = "EUR", heading, testId }: { amount: VatBreakdown; currency?: string; heading?: string; testId?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = (cents: number) => formatMoney(cents, locale, currency);
  return (
    <div className="vat-lines">
      {heading ? <p className="totals-heading">{heading}</p> : null}
      <dl className="invoice">
        <dt>{t("payment.accept.net")}</dt>
        <dd>{money(amount.netCents)}</dd>
        <dt>{t("payment.accept.vat", { rate: formatNumber(amount.ratePercent, locale) })}</dt>
        <dd>{money(amount.vatCents)}</dd>
        <dt>{t("payment.accept.total")}</dt>
        <dd>
          <strong data-testid={testId}>{money(amount.grossCents)}</strong>
        </dd>
      </dl>
    </div>
  );
}
