// The payments panel of a lead, for the team: the acceptance (who, when, which
// version), the invoicing data, every payment (Stripe or bank transfer) with
// its state and any amount that differs from the one accepted, the history,
// and the forms to record a bank transfer or accept a differing amount.
// Self-contained: its data comes in as props (getLeadPayments in
// models/payments.server.ts, from the page's loader); its forms post to the
// resource route /:lang/owner/payments/:leadId.
import { useFetcher, useLocation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { LeadPaymentsData } from "~/domain/payment-screens";
import { formatDate, formatDateTime, formatMoney } from "~/i18n/format";
import { useLocale } from "~/utils/locale";
import { isPanelKey, ManualForm, ReviewForm, type FetcherData } from "./lead-payment-forms";
import { VatLines } from "./vat-lines";
import { useHydrated } from "remix-utils/use-hydrated";

export function LeadPayments({ data, actionUrl }: { data: LeadPaymentsData; actionUrl?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const location = useLocation();
  const [params] = useSearchParams();
  const hydrated = useHydrated();
  const manual = useFetcher<FetcherData>({ key: `payments-manual-${data.leadId}` });
  const review = useFetcher<FetcherData>({ key: `payments-review-${data.leadId}` });
  const action = actionUrl ?? `/${locale}/owner/payments/${data.leadId}`;
  const cleanSearch = new URLSearchParams(location.search);
  cleanSearch.delete("payments");
  cleanSearch.delete("paymentError");
  const redirectTo = `${location.pathname}${cleanSearch.size ? `?${cleanSearch}` : ""}`;
  const money = (cents: number, currency = "EUR") => formatMoney(cents, locale, currency);
  const day = (iso: string | null) => (iso ? formatDate(new Date(iso), locale, "medium") : "—");
  const euros = (cents: number) => new Intl.NumberFormat(locale === "it" ? "it-IT" : "en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);

  const manualFailed = manual.state === "idle" && manual.data !== undefined && manual.data.result.status === "error";
  const done = manual.state === "idle" && manual.data?.ok ? manual.data.ok : review.state === "idle" && review.data?.ok ? review.data.ok : params.get("payments");
  const noJsError = params.get("paymentError");
  const a = data.acceptance;
  const paid = data.summary === "paid";

  return (
    <section id="payments" className="card lead-payments" aria-labelledby="payments-heading">
      <h2 id="payments-heading">{t("payment.panel.title")}</h2>
      <p className={`payments-summary payments-${data.summary}`} data-testid="payments-summary" data-summary={data.summary}>
        <strong>{t(`payment.panel.summary.${data.summary}`)}</strong>
      </p>
      {data.stripeMode !== "live" ? (
        <p className="hint">
          {t(data.stripeMode === "standin" ? "payment.panel.standin" : data.stripeMode === "disabled" ? "payment.panel.onlineDisabled" : "payment.panel.testMode")}
          {data.standinUrl ? (
            <>
              {" "}
              <a href={data.standinUrl} target="_blank" rel="noreferrer">
                {t("payment.panel.standinLink")}
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      {done === "saved" || done === "reviewed" || done === "invoiced" ? (
        <p className="notice" role="status">
          {t(done === "saved" ? "payment.panel.saved" : done === "invoiced" ? "payment.panel.invoiced" : "payment.panel.reviewed")}
        </p>
      ) : null}
      {isPanelKey(noJsError) ? (
        <p className="form-error" role="alert">
          {t(noJsError)}
        </p>
      ) : null}

      {a ? (
        <>
          <h3>{t("payment.panel.acceptance")}</h3>
          <dl className="facts">
            <dt>{t("payment.panel.acceptedAt")}</dt>
            <dd>{formatDateTime(new Date(a.acceptedAt), locale)}</dd>
            <dt>{t("payment.panel.acceptedBy")}</dt>
            <dd>{a.fullName}</dd>
            <dt>{t("payment.panel.version")}</dt>
            <dd>
              {t("payment.panel.versionValue", { number: a.versionNumber ?? "—", hash: a.versionHash.slice(0, 12) })}
              {a.intact ? null : <strong className="field-error"> · {t("payment.panel.notIntact")}</strong>}
            </dd>
            <dt>{t("payment.panel.origin")}</dt>
            <dd className="break">
              {a.ip ?? "—"} · {a.userAgent ?? "—"}
            </dd>
            <dt>{t("payment.panel.package")}</dt>
            <dd>{a.packageName}</dd>
            <dt>{t("payment.panel.addOns")}</dt>
            <dd>{a.addOnNames.length ? a.addOnNames.join(", ") : "—"}</dd>
            {data.client ? (
              <>
                <dt>{t("payment.panel.invoicing")}</dt>
                <dd>
                  {t(`payment.panel.kinds.${data.client.kind}`, { defaultValue: data.client.kind })}: {data.client.legalName}
                  <br />
                  {[data.client.partitaIva && `P. IVA ${data.client.partitaIva}`, data.client.codiceFiscale && `C.F. ${data.client.codiceFiscale}`, data.client.vatNumber && `VAT ${data.client.vatNumber}`, data.client.codiceDestinatario && `${data.client.kind === "public" ? "Ufficio" : "SdI"} ${data.client.codiceDestinatario}`, data.client.cig && `CIG ${data.client.cig}`, data.client.cup && `CUP ${data.client.cup}`, data.client.pec && `PEC ${data.client.pec}`]
                    .filter(Boolean)
                    .join(" · ")}
                  <br />
                  {data.client.address}
                </dd>
              </>
            ) : null}
          </dl>
          <div className="totals">
            <VatLines amount={a.onboarding} currency={a.currency} heading={t("payment.panel.expected")} />
          </div>
        </>
      ) : null}

      <h3>{t("payment.panel.payments")}</h3>
      {data.payments.length ? (
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("payment.panel.created")}</th>
                <th scope="col">{t("payment.panel.method")}</th>
                <th scope="col" className="num">
                  {t("payment.panel.amount")}
                </th>
                <th scope="col">{t("payment.panel.status")}</th>
                <th scope="col">{t("payment.panel.details")}</th>
              </tr>
            </thead>
            <tbody>
              {data.payments.map((p) => (
                <tr key={p.id} data-testid={`payment-${p.status}`}>
                  <td className="nowrap">{day(p.createdAt)}</td>
                  <td>{t(`payment.methods.${p.provider === "manual" ? "manual" : "stripe"}`)}</td>
                  <td className="num">
                    {p.amountCents || p.status !== "pending" ? money(p.amountCents, p.currency) : "—"}
                    <br />
                    <span className="hint">{t("payment.panel.expectedShort", { amount: money(p.expectedCents, p.currency) })}</span>
                  </td>
                  <td>
                    <span className={`badge badge-pay-${p.status}`}>{t(`payment.statuses.${p.status}`)}</span>
                  </td>
                  <td>
                    {p.paidAt ? <div>{t("payment.receipt.paidOn", { date: day(p.paidAt) })}</div> : null}
                    {p.refundedAt ? <div>{t("payment.receipt.refundedOn", { date: day(p.refundedAt) })}</div> : null}
                    {p.refundedCents > 0 ? <div>{t("payment.panel.refundedAmount", { amount: money(p.refundedCents, p.currency) })}</div> : null}
                    {p.mismatch ? (
                      <p className="field-error" role="note">
                        {t("payment.panel.mismatch", { expected: money(p.expectedCents, p.currency), amount: money(p.amountCents, p.currency) })}
                      </p>
                    ) : null}
                    {p.note ? <p className="generated">{p.note}</p> : null}
                    {p.dashboardUrl ? (
                      <a href={p.dashboardUrl} target="_blank" rel="noreferrer">
                        {t("payment.panel.stripeLink")}
                      </a>
                    ) : p.stripePaymentIntentId ? (
                      <span className="hint break">{p.stripePaymentIntentId}</span>
                    ) : null}
                    {p.mismatch && !data.canSettleDifferences ? <p className="hint">{t("payment.panel.reviewOwnerOnly")}</p> : null}
                    {p.mismatch && data.canSettleDifferences ? (
                      <ReviewForm paymentId={p.id} fetcher={review} action={action} redirectTo={redirectTo} js={hydrated} />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="hint">{t("payment.panel.none")}</p>
      )}

      {a && a.onboarding.treatment === "splitPayment" && data.canSettleDifferences && !paid && !data.payments.some((p) => p.provider === "manual") ? (
        // A public body pays against the invoice: the owner issues it first (transfer-invoices.server.ts).
        <form method="post" action={action} className="transfer-invoice">
          <input type="hidden" name="intent" value="invoice" />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <p className="hint">{t("payment.panel.transferInvoiceHint")}</p>
          <button type="submit" className="button primary">
            {t("payment.panel.transferInvoice")}
          </button>
        </form>
      ) : null}
      {a ? (
        <details className="manual-payment" open={!paid && (manualFailed || isPanelKey(noJsError)) ? true : undefined}>
          <summary>{t("payment.panel.manual")}</summary>
          <ManualForm
            leadId={data.leadId}
            fetcher={manual}
            action={action}
            redirectTo={redirectTo}
            js={hydrated}
            defaultAmount={euros(a.expectedCents)}
            hint={`${t("payment.panel.manualHint")}${data.canSettleDifferences ? "" : ` ${t("payment.panel.manualMemberHint", { amount: money(a.expectedCents, a.currency) })}`}`}
          />
        </details>
      ) : null}

      <h3>{t("payment.panel.history")}</h3>
      {data.history.length ? (
        <ol className="payment-history">
          {data.history.map((e) => (
            <li key={e.id}>
              <span className="nowrap">{formatDateTime(new Date(e.at), locale)}</span> · {t(`payment.panel.events.${e.action.replace(".", "_")}`, { defaultValue: e.action })}
              {e.actorName ? ` · ${t("payment.panel.by", { name: e.actorName })}` : ""}
              {typeof e.data.amountCents === "number" && e.data.amountCents > 0 ? ` · ${money(e.data.amountCents)}` : ""}
              {typeof e.data.reportedCents === "number" ? ` · ${money(e.data.reportedCents)}` : ""}
              {typeof e.data.refundedCents === "number" ? ` · ${money(e.data.refundedCents)}` : ""}
            </li>
          ))}
        </ol>
      ) : (
        <p className="hint">{t("payment.panel.noHistory")}</p>
      )}
    </section>
  );
}
