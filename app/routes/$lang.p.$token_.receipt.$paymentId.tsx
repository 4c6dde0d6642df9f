import { data } from "@remix-run/node";
// A printable payment receipt (the browser's print saves it as a PDF): who
// paid whom, for what, imponibile / IVA / totale, when and how. Not an invoice:
// the electronic invoice goes through SdI.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { VatLines } from "~/components/vat-lines";
import { formatDate } from "~/i18n/format";
import { getReceipt } from "~/models/client-payments.server";
import { useLocale } from "~/utils/locale";
import { requireLocaleParam } from "~/utils/locale.server";
import { requireLiveLink } from "~/models/gdpr.server";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: ["invoice.copy", "invoice.receipt", "payment"] } satisfies I18nHandle;

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireLiveLink(params.token ?? "", locale);
  const receipt = await getReceipt(params.token ?? "", params.paymentId ?? "", locale);
  if (!receipt) throw new Response("Not Found", { status: 404 });
  return data({ receipt, token: params.token }, { headers: { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" } });
}

export default function ReceiptPage() {
  const { receipt: r, token } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(true), []);
  const day = (iso: string | null) => (iso ? formatDate(new Date(iso), locale, "long") : "—");
  const c = r.client;
  return (
    <main id="main" className="page narrow receipt">
      <p className="no-print">
        <Link to={`/${locale}/p/${token}`}>← {t("payment.receipt.back")}</Link>
      </p>
      <div className="card receipt-sheet">
        <p className="brand-line">{r.studio.name}</p>
        <h1>{t("payment.receipt.title")}</h1>
        <p className="meta">{t("payment.receipt.number", { id: r.id })}</p>
        {r.invoiceNumber ? (
          <p className="meta" data-testid="receipt-invoice">
            {t("invoice.receipt.invoice", { number: r.invoiceNumber })}
            {r.creditNoteNumber ? ` · ${t(r.partlyRefunded ? "invoice.receipt.creditNotePartial" : "invoice.receipt.creditNote", { number: r.creditNoteNumber })}` : null}
          </p>
        ) : null}
        {r.status === "refunded" ? (
          <p className="form-error" role="status">
            {t("payment.receipt.refundedOn", { date: day(r.refundedAt) })}
          </p>
        ) : null}
        <div className="receipt-parties">
          <section aria-labelledby="receipt-from">
            <h2 id="receipt-from">{t("payment.receipt.from")}</h2>
            <p>
              <strong>{r.studio.displayName ?? r.studio.name}</strong>
              {r.studio.vatNumber ? (
                <>
                  <br />
                  {t("payment.receipt.vatNumber", { number: r.studio.vatNumber })}
                </>
              ) : null}
              {r.studio.city ? (
                <>
                  <br />
                  {r.studio.city}
                </>
              ) : null}
              {r.studio.email ? (
                <>
                  <br />
                  {r.studio.email}
                </>
              ) : null}
            </p>
          </section>
          <section aria-labelledby="receipt-to">
            <h2 id="receipt-to">{t("payment.receipt.to")}</h2>
            {c ? (
              <p>
                <strong>{c.legalName}</strong>
                <br />
                {c.partitaIva ? t("payment.receipt.vatNumber", { number: c.partitaIva }) : c.vatNumber ? t("payment.receipt.vatNumber", { number: c.vatNumber }) : c.codiceFiscale ? t("payment.receipt.fiscalCode", { code: c.codiceFiscale }) : null}
                {c.cig || c.cup ? (
                  <>
                    <br />
                    {[c.cig && `CIG ${c.cig}`, c.cup && `CUP ${c.cup}`].filter(Boolean).join(" · ")}
                  </>
                ) : null}
                {c.codiceDestinatario ? (
                  <>
                    <br />
                    {t("payment.receipt.sdi", { code: c.codiceDestinatario })}
                  </>
                ) : null}
                {c.pec ? (
                  <>
                    <br />
                    {t("payment.receipt.pecLabel", { pec: c.pec })}
                  </>
                ) : null}
                <br />
                {c.address}
              </p>
            ) : (
              <p>{r.organisation}</p>
            )}
          </section>
        </div>
        <h2>{t("payment.receipt.description")}</h2>
        <p>
          {t("payment.receipt.item", { organisation: r.organisation, package: r.packageName })}
          {r.version ? (
            <>
              <br />
              <span className="hint">{t("payment.receipt.itemVersion", { number: r.version.number, hash: r.version.hash.slice(0, 12) })}</span>
            </>
          ) : null}
        </p>
        <VatLines amount={r.amount} currency={r.currency} testId="receipt-total" />
        <p>
          {t("payment.receipt.paidOn", { date: day(r.paidAt) })}
          <br />
          {t("payment.receipt.method", { method: t(`payment.methods.${r.provider === "manual" ? "manual" : "stripe"}`) })}
          {r.reference ? (
            <>
              <br />
              <span className="break">{t("payment.receipt.reference", { reference: r.reference })}</span>
            </>
          ) : null}
        </p>
        <p className="hint">{r.invoiceNumber ? t("invoice.receipt.courtesy") : t("payment.receipt.notInvoice")}</p>
      </div>
      {r.invoiceId ? (
        <p className="no-print invoice-links">
          <a className="button primary" href={`/${locale}/p/${token}/invoice/${r.invoiceId}`} download>
            {t("invoice.copy.download")}
          </a>
          {r.creditNotes.map((note) => (
            <a key={note.id} className="button" href={`/${locale}/p/${token}/invoice/${note.id}`} download>
              {r.creditNotes.length > 1 ? t("invoice.copy.downloadCreditNumber", { number: note.label }) : t("invoice.copy.downloadCredit")}
            </a>
          ))}
        </p>
      ) : null}
      <p className="no-print">
        {canPrint ? (
          <button type="button" className={r.invoiceId ? "button" : "button primary"} onClick={() => window.print()}>
            {t("payment.receipt.print")}
          </button>
        ) : (
          <span className="hint">{t("payment.receipt.printHint")}</span>
        )}
      </p>
    </main>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
