// The client area behind the private link, once the proposal is accepted: the
// payment of the onboarding fee, the next steps (kick-off booking link from the
// owner's settings), the monthly retainer, what was chosen, receipts, and the accepted version itself.
import { useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { ProposalView } from "~/domain/strategy/view";
import { formatDate, formatMoney } from "~/i18n/format";
import type { PageBrand } from "~/models/brand-logo.server";
import type { ClientPortal as Portal } from "~/domain/payment-screens";
import type { RetainerPortal } from "~/domain/subscription";
import { useLocale } from "~/utils/locale";
import type { InvoiceListItem } from "~/models/invoice-copies.server";
import { InvoiceList } from "./invoice-list";
import { ProposalDocumentView } from "./proposal-document";
import { RetainerSection } from "./retainer-portal";
import { VatLines } from "./vat-lines";

/** The studio's logo (when uploaded) and name over a heading, in the brand's colours: the proposal page and the client area share it. */
export function BrandMark({ brand }: { brand: PageBrand }) {
  const { t } = useTranslation();
  return (
    <>
      {brand.logoSrc ? (
        <p className="brand-logo">
          <img src={brand.logoSrc} alt={t("settings.proposals.logoAlt", { name: brand.studioName })} height={48} />
        </p>
      ) : null}
      <p className="brand-line">{brand.studioName}</p>
    </>
  );
}

export function ClientPortal({ portal, retainer, invoices, view, brand }: { portal: Portal; retainer: RetainerPortal; invoices: InvoiceListItem[]; view: ProposalView | null; brand: PageBrand }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params] = useSearchParams();
  const revalidator = useRevalidator();
  const base = `/${locale}/p/${portal.token}`;
  const day = (iso: string | null) => (iso ? formatDate(new Date(iso), locale, "long") : "—");
  const money = (cents: number) => formatMoney(cents, locale, portal.currency);
  const paidReceipt = portal.receipts.find((r) => r.status === "paid");
  const refundedReceipt = portal.receipts.find((r) => r.status === "refunded");
  const paid = portal.state === "paid";

  // A bank debit being confirmed: look again now and then.
  useEffect(() => {
    if (portal.state !== "processing") return;
    const timer = window.setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 5000);
    return () => window.clearInterval(timer);
  }, [portal.state, revalidator]);

  const payForm = (label: string) => (
    <form method="post" action={`${base}/pay`} className="pay-form">
      <button type="submit" className="button primary button-large">
        {label}
      </button>
    </form>
  );

  return (
    <main id="main" className="page portal" style={brand.style}>
      {params.has("accepted") && !paid ? (
        <p className="notice" role="status">
          {t("payment.portal.acceptedNotice")}
        </p>
      ) : null}
      {params.get("payment") === "disabled" ? (
        <p className="form-error" role="alert">
          {t("payment.portal.onlineDisabled")}
        </p>
      ) : null}
      {params.get("payment") === "unavailable" ? (
        <p className="form-error" role="alert">
          {t("payment.portal.unavailable")}
        </p>
      ) : null}
      {params.get("payment") === "paid" || params.get("payment") === "processing" ? (
        <p className="notice" role="status">
          {t(params.get("payment") === "paid" ? "payment.portal.alreadyPaid" : "payment.portal.alreadyProcessing")}
        </p>
      ) : null}
      <header className="proposal-cover">
        <BrandMark brand={brand} />
        <h1>{t("payment.portal.title", { organisation: portal.organisation })}</h1>
        <p className="meta">{t("payment.portal.acceptedBy", { name: portal.fullName, date: day(portal.acceptedAt) })}</p>
      </header>

      <div className="portal-grid">
        <section className="card" aria-labelledby="portal-status">
          <h2 id="portal-status">{t("payment.portal.status")}</h2>
          <div role="status" aria-live="polite" data-testid="portal-state" data-state={portal.state}>
            {portal.state === "paid" ? <p className="notice">{t("payment.portal.paid", { date: day(paidReceipt?.paidAt ?? null) })}</p> : null}
            {portal.state === "refunded" ? <p className="notice notice-muted">{t("payment.portal.refunded", { date: day(refundedReceipt?.refundedAt ?? null) })}</p> : null}
            {portal.state === "processing" ? <p>{t("payment.portal.processing")}</p> : null}
            {portal.state === "nothing_due" ? <p>{t("payment.portal.nothingDue")}</p> : null}
            {portal.state === "failed" ? <p className="form-error">{t("payment.portal.failed")}</p> : null}
            {portal.state === "due" ? <p>{t("payment.portal.due")}</p> : null}
          </div>
          <VatLines amount={portal.onboarding} currency={portal.currency} heading={t("payment.portal.onboarding")} testId="portal-onboarding" />
          {(portal.state === "due" || portal.state === "failed") && !portal.onlinePayment ? (
            <p className="notice" data-testid="online-payment-disabled">
              {t(portal.onboarding.treatment === "splitPayment" ? "payment.tax.bankTransfer" : "payment.portal.onlineDisabled")}
            </p>
          ) : null}
          {(portal.state === "due" || portal.state === "failed") && portal.onlinePayment ? (
            <>
              {payForm(t(portal.state === "failed" ? "payment.portal.payAgain" : "payment.portal.pay", { amount: money(portal.onboarding.dueCents) }))}
              <p className="hint">{t("payment.portal.bankTransfer")}</p>
            </>
          ) : null}
        </section>

        <section className="card" aria-labelledby="portal-next">
          <h2 id="portal-next">{t("payment.portal.next")}</h2>
          <ol className="steps">
            <li className="step-done">
              {t("payment.portal.stepAccepted")} <span className="badge badge-done">{t("payment.portal.done")}</span>
            </li>
            <li className={paid || portal.state === "nothing_due" ? "step-done" : undefined}>
              {paid || portal.state === "nothing_due" ? t("payment.portal.stepPay") : t("payment.portal.stepPayDue")}{" "}
              <span className={paid || portal.state === "nothing_due" ? "badge badge-done" : "badge"}>{paid || portal.state === "nothing_due" ? t("payment.portal.done") : t("payment.portal.todo")}</span>
            </li>
            <li>
              {t("payment.portal.stepKickoff")}
              <br />
              {portal.kickoffUrl && (paid || portal.state === "nothing_due") ? (
                <a href={portal.kickoffUrl} className="button" target="_blank" rel="noreferrer">
                  {t("payment.portal.kickoffLink")}
                </a>
              ) : (
                <span className="hint">{portal.kickoffUrl ? t("payment.portal.kickoffLater") : t("payment.portal.kickoffNone")}</span>
              )}
            </li>
          </ol>
        </section>
      </div>

      <RetainerSection retainer={retainer} base={base} currency={portal.currency} />

      <section className="card" aria-labelledby="portal-choice">
        <h2 id="portal-choice">{t("payment.portal.choice")}</h2>
        <dl className="facts">
          <dt>{t("payment.portal.package")}</dt>
          <dd>{portal.packageName}</dd>
          <dt>{t("payment.portal.addOns")}</dt>
          <dd>{portal.addOns.length ? portal.addOns.map((a) => a.name).join(", ") : t("payment.portal.none")}</dd>
          {portal.invoicing ? (
            <>
              <dt>{t("payment.portal.invoicing")}</dt>
              <dd>
                {portal.invoicing.legalName}
                {portal.invoicing.taxId ? ` · ${portal.invoicing.taxId}` : ""}
                {portal.invoicing.delivery ? ` · ${portal.invoicing.delivery}` : ""}
                <br />
                {portal.invoicing.address}
              </dd>
            </>
          ) : null}
        </dl>
        <VatLines amount={portal.monthly} currency={portal.currency} heading={t("payment.portal.monthly")} />
      </section>

      <section className="card" aria-labelledby="portal-payments">
        <h2 id="portal-payments">{t("payment.portal.payments")}</h2>
        {portal.receipts.length ? (
          <ul className="receipts">
            {portal.receipts.map((r) => (
              <li key={r.id}>
                <span>
                  <strong>{money(r.amountCents)}</strong> · {day(r.paidAt)} · {t(`payment.methods.${r.provider === "manual" ? "manual" : "stripe"}`)} ·{" "}
                  <span className={`badge badge-pay-${r.status}`}>{t(`payment.statuses.${r.status}`, { defaultValue: r.status })}</span>
                </span>
                <a href={`${base}/receipt/${r.id}`}>{t("payment.portal.openReceipt", { date: day(r.paidAt) })}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">{t("payment.portal.noPayments")}</p>
        )}
      </section>

      <InvoiceList invoices={invoices} hrefOf={(id) => `${base}/invoice/${id}`} headingId="portal-invoices" intro={t("invoice.portal.intro")} />

      <section className="card" aria-labelledby="portal-proposal">
        <h2 id="portal-proposal">{t("payment.portal.proposal")}</h2>
        {portal.version ? (
          <p>
            {t("payment.portal.version", { number: portal.version.number, date: day(portal.version.sentAt), hash: portal.version.hash.slice(0, 12) })}{" "}
            {portal.version.intact ? t("payment.portal.intact") : <strong className="field-error">{t("payment.portal.notIntact")}</strong>}
          </p>
        ) : null}
        <p>
          <a className="button" href={`${base}/pdf`} download>
            {t("payment.portal.download")}
          </a>
        </p>
        {view ? (
          <details className="portal-document">
            <summary>{t("payment.portal.read")}</summary>
            <ProposalDocumentView view={view} contentsLabel={view.label.contents ?? ""} />
          </details>
        ) : null}
      </section>
    </main>
  );
}
