// The monthly retainer in the client area: start it (Checkout in subscription
// mode), or read its state (status, amount, next renewal, minimum term, the
// months paid) and cancel it (a confirmation page first); once it has ended,
// start a new one (with a new minimum term). Plain forms: works
// without JavaScript; with it, the page looks again while a start is confirmed.
import { useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { RetainerPortal } from "~/domain/subscription";
import { formatDate, formatMoney } from "~/i18n/format";
import { useLocale } from "~/utils/locale";

const notices = { started: "notice", checkout_cancelled: "notice", already: "notice", ending: "notice", unavailable: "error", not_cancellable: "error", bank_transfer: "notice", disabled: "notice", nothing_due: "notice" } as const;
type NoticeKey = keyof typeof notices;
const isNotice = (value: string | null): value is NoticeKey => value !== null && Object.hasOwn(notices, value);

export function RetainerSection({ retainer, base, currency }: { retainer: RetainerPortal; base: string; currency: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params] = useSearchParams();
  const revalidator = useRevalidator();
  const money = (cents: number, cur = currency) => formatMoney(cents, locale, cur);
  const day = (iso: string | null) => (iso ? formatDate(new Date(iso), locale, "long") : "—");
  const notice = params.get("retainer");
  const sub = retainer.subscription;

  // Back from Checkout, the subscription's events on their way (the checkout's, then the first month's invoice): look again now and then.
  const waiting = notice === "started" && (!sub || sub.status === "incomplete" || !retainer.payments.some((p) => p.status === "paid"));
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 2000);
    return () => window.clearInterval(timer);
  }, [waiting, revalidator]);

  const message = (key: NoticeKey) => {
    if (key === "ending") return t("retainer.portal.cancelled", { date: day(sub?.cancelAt ?? null) });
    if (key === "checkout_cancelled") return t("retainer.portal.checkoutCancelled");
    if (key === "not_cancellable") return t("retainer.cancel.notCancellable");
    if (key === "bank_transfer") return t("retainer.portal.bankTransfer");
    if (key === "nothing_due") return t("retainer.portal.nothingDue");
    return t(`retainer.portal.${key}`);
  };

  return (
    <section className="card" aria-labelledby="retainer-heading" id="retainer" data-testid="retainer">
      <h2 id="retainer-heading">{t("retainer.portal.heading")}</h2>
      {isNotice(notice) && !(notice === "started" && sub && sub.status !== "incomplete") ? (
        <p className={notices[notice] === "error" ? "form-error" : "notice"} role={notices[notice] === "error" ? "alert" : "status"}>
          {message(notice)}
        </p>
      ) : null}
      {sub ? (
        <>
          <dl className="facts" data-testid="retainer-state" data-status={sub.status}>
            <dt>{t("retainer.portal.statusLabel")}</dt>
            <dd>
              <span className={`badge badge-sub-${sub.status}`}>{t(`retainer.portal.statuses.${sub.status}`)}</span>
            </dd>
            <dt>{t("retainer.portal.monthly")}</dt>
            <dd>{money(sub.monthlyCents, sub.currency)}</dd>
            {sub.status !== "canceled" && !sub.cancelAt ? (
              <>
                <dt>{t("retainer.portal.nextRenewal")}</dt>
                <dd>{day(sub.currentPeriodEnd)}</dd>
              </>
            ) : null}
            <dt>{t("retainer.portal.minimumTerm")}</dt>
            <dd>{day(sub.minimumTermEndsAt)}</dd>
            {sub.cancelAt && sub.status !== "canceled" ? (
              <>
                <dt>{t("retainer.portal.endsOn")}</dt>
                <dd>{day(sub.cancelAt)}</dd>
              </>
            ) : null}
          </dl>
          {sub.status === "past_due" ? <p className="form-error">{t("retainer.portal.pastDue")}</p> : null}
          {sub.status === "canceled" && retainer.offer ? (
            retainer.offer === "start" ? (
              <form method="post" action={`${base}/retainer`} className="pay-form" data-testid="retainer-restart">
                <p>{t("retainer.portal.restartIntro", { months: retainer.minimumTermMonths })}</p>
                <button type="submit" className="button primary">
                  {t("retainer.portal.restart", { amount: money(retainer.monthlyDueCents) })}
                </button>
              </form>
            ) : (
              <p className="notice" data-testid="retainer-offline">
                {message(retainer.offer)}
              </p>
            )
          ) : null}
          {sub.cancellable ? (
            <p>
              <a className="button danger" href={`${base}/retainer/cancel`}>
                {t("retainer.portal.cancel")}
              </a>
            </p>
          ) : null}
          <h3>{t("retainer.portal.payments")}</h3>
          {retainer.payments.some((p) => p.status === "paid") ? (
            <ul className="receipts" data-testid="retainer-payments">
              {retainer.payments
                .filter((p) => p.status === "paid")
                .map((p) => (
                  <li key={p.id}>
                    <strong>{money(p.amountCents, p.currency)}</strong> · {day(p.paidAt)}
                  </li>
                ))}
            </ul>
          ) : (
            <p className="hint">{t("retainer.portal.noPayments")}</p>
          )}
        </>
      ) : (
        <>
          <p>{t("retainer.portal.intro", { months: retainer.minimumTermMonths })}</p>
          {retainer.offer === "start" ? (
            <form method="post" action={`${base}/retainer`} className="pay-form">
              <button type="submit" className="button primary button-large">
                {t("retainer.portal.start", { amount: money(retainer.monthlyDueCents) })}
              </button>
            </form>
          ) : retainer.offer ? (
            <p className="notice" data-testid="retainer-offline">
              {message(retainer.offer)}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
