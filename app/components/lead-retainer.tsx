// The lead page's monthly retainer: the subscription's state as the verified
// webhook events left it (status, amount, next renewal, minimum term end,
// cancellation, failed renewals) and the months paid.
import { useTranslation } from "react-i18next";
import type { RetainerPortal } from "~/domain/subscription";
import { formatDate, formatMoney, formatNumber } from "~/i18n/format";
import { useLocale } from "~/utils/locale";

export function LeadRetainer({ retainer, subscriptionId }: { retainer: RetainerPortal; subscriptionId: string | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const sub = retainer.subscription;
  const day = (iso: string | null) => (iso ? formatDate(new Date(iso), locale, "long") : "—");
  const paid = retainer.payments.filter((p) => p.status === "paid");
  return (
    <section className="card" aria-labelledby="lead-retainer-heading" data-testid="lead-retainer">
      <h2 id="lead-retainer-heading">{t("retainer.owner.heading")}</h2>
      {sub ? (
        <dl className="facts" data-status={sub.status}>
          <dt>{t("retainer.owner.status")}</dt>
          <dd data-testid="lead-retainer-status">
            <span className={`badge badge-sub-${sub.status}`}>{t(`retainer.portal.statuses.${sub.status}`)}</span>
          </dd>
          <dt>{t("retainer.owner.monthly")}</dt>
          <dd>{formatMoney(sub.monthlyCents, locale, sub.currency)}</dd>
          <dt>{t("retainer.owner.nextRenewal")}</dt>
          <dd>{sub.status === "canceled" || sub.cancelAt ? "—" : day(sub.currentPeriodEnd)}</dd>
          <dt>{t("retainer.owner.minimumTerm")}</dt>
          <dd>{day(sub.minimumTermEndsAt)}</dd>
          {sub.cancelAt ? (
            <>
              <dt>{t("retainer.owner.cancelAt")}</dt>
              <dd>{day(sub.cancelAt)}</dd>
            </>
          ) : null}
          <dt>{t("retainer.owner.failedRenewals")}</dt>
          <dd data-testid="lead-retainer-failed">{formatNumber(sub.failedRenewals, locale)}</dd>
          <dt>{t("retainer.owner.paidMonths")}</dt>
          <dd data-testid="lead-retainer-paid">
            {formatNumber(paid.length, locale)}
            {paid.length ? ` · ${paid.map((p) => `${formatMoney(p.amountCents, locale, p.currency)} (${day(p.paidAt)})`).join(", ")}` : ""}
          </dd>
          {subscriptionId ? (
            <>
              <dt>{t("retainer.owner.subscriptionId")}</dt>
              <dd>
                <code>{subscriptionId}</code>
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="hint">{t("retainer.owner.none")}</p>
      )}
    </section>
  );
}
