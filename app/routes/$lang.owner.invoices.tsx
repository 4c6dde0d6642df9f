// The owner's invoices and credit notes of a month: number, date, client,
// total, type and whether it still has to be uploaded to the SDI; each XML to
// download, the month's files as one ZIP, and "mark as uploaded". Money is the
// owner's business: owners only (a member gets 403), never cached.
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AccountErrorPage } from "~/components/account-error-page";
import { romeToday } from "~/domain/intake/schema";
import { monthOr, shiftMonth } from "~/domain/invoice/month";
import { formatDate, formatMoney } from "~/i18n/format";
import { listInvoices, markInvoiceUploaded } from "~/models/invoices.server";
import { getOwnerSettings } from "~/models/settings.server";
import { requireRole } from "~/utils/auth.server";
import { useLocale } from "~/utils/locale";
import { requireLocaleParam } from "~/utils/locale.server";

export const meta: MetaFunction = () => [{ title: "Socialbrief" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { headers } = await requireRole(request, locale, "owner");
  const url = new URL(request.url);
  const month = monthOr(url.searchParams.get("month"), romeToday().slice(0, 7));
  const [invoices, settings] = await Promise.all([listInvoices(month), getOwnerSettings()]);
  const notice = (["marked", "alreadyMarked", "noSupplier"] as const).find((k) => url.searchParams.has(k)) ?? null;
  return data(
    { month, previous: shiftMonth(month, -1), next: shiftMonth(month, 1), invoices, hasFiscal: settings.fiscal !== null, notice, markedNumber: url.searchParams.get("marked") },
    { headers: { ...Object.fromEntries(headers), "Cache-Control": "private, no-store" } },
  );
}

const MarkSchema = z.object({ intent: z.literal("uploaded"), invoiceId: z.string().min(1).max(64), month: z.string().max(7).optional() });

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await requireRole(request, locale, "owner");
  const submission = parseWithZod(await request.formData(), { schema: MarkSchema });
  if (submission.status !== "success") throw new Response("Bad Request", { status: 400 });
  const { invoiceId, month } = submission.value;
  const back = `/${locale}/owner/invoices?month=${monthOr(month ?? null, romeToday().slice(0, 7))}`;
  const marked = await markInvoiceUploaded(invoiceId, user.id);
  // A second click (or another tab) finds it marked already: said so, nothing written twice.
  return redirect(marked ? `${back}&marked=${encodeURIComponent(marked)}` : `${back}&alreadyMarked=1`, 303);
}

export default function Invoices() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { month, previous, next, invoices, hasFiscal, notice, markedNumber } = useLoaderData<typeof loader>();
  const monthName = new Intl.DateTimeFormat(locale === "it" ? "it-IT" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));
  const withFiles = invoices.filter((i) => i.fileName);
  return (
    <main id="main" className="page stacked">
      <h1>{t("invoice.list.heading")}</h1>
      <p className="lead">{t("invoice.list.intro")}</p>
      {!hasFiscal ? (
        <p className="form-error" role="alert">
          {t("invoice.list.missingFiscal")} <Link to={`/${locale}/owner/settings/invoicing`}>{t("invoice.list.missingFiscalLink")}</Link>
        </p>
      ) : null}
      {notice ? (
        <p className={notice === "noSupplier" ? "form-error" : "notice"} role="status">
          {notice === "marked" ? t("invoice.list.marked", { number: markedNumber }) : t(`invoice.list.${notice}`)}
        </p>
      ) : null}
      <nav className="month-nav" aria-label={t("invoice.list.month")}>
        <Link to={`?month=${previous}`} rel="prev">
          ← {t("invoice.list.previous")}
        </Link>
        <Form method="get">
          <label htmlFor="invoice-month">{t("invoice.list.month")}</label> <input id="invoice-month" type="month" name="month" defaultValue={month} required />{" "}
          <button type="submit" className="button">
            {t("invoice.list.show")}
          </button>
        </Form>
        <Link to={`?month=${next}`} rel="next">
          {t("invoice.list.next")} →
        </Link>
      </nav>
      <h2>
        {monthName} · {t("invoice.list.count", { count: invoices.length })}
      </h2>
      {invoices.length === 0 ? (
        <p>{t("invoice.list.empty")}</p>
      ) : (
        <>
          {withFiles.length > 0 ? (
            <p>
              <a className="button primary" href={`/${locale}/owner/invoices/zip/${month}`} download>
                {t("invoice.list.exportZip", { count: withFiles.length })}
              </a>
            </p>
          ) : null}
          <div className="table-wrap">
            <table className="table stack-table">
              <thead>
                <tr>
                  <th scope="col">{t("invoice.list.number")}</th>
                  <th scope="col">{t("invoice.list.date")}</th>
                  <th scope="col">{t("invoice.list.type")}</th>
                  <th scope="col">{t("invoice.list.client")}</th>
                  <th scope="col">{t("invoice.list.total")}</th>
                  <th scope="col">{t("invoice.list.status")}</th>
                  <th scope="col">{t("invoice.list.file")}</th>
                </tr>
              </thead>
              <tbody>
                {invoices.map((invoice) => (
                  <tr key={invoice.id} data-testid="invoice-row">
                    <th scope="row" data-label={t("invoice.list.number")} className="nowrap">
                      <Link to={`/${locale}/owner/leads/${invoice.leadId}`}>{invoice.label}</Link>
                    </th>
                    <td data-label={t("invoice.list.date")} className="nowrap">
                      {formatDate(new Date(invoice.issuedOn), locale, "medium")}
                    </td>
                    <td data-label={t("invoice.list.type")}>{t(`invoice.list.types.${invoice.documentType === "TD04" ? "TD04" : "TD01"}`)}</td>
                    <td data-label={t("invoice.list.client")} className="break">
                      {invoice.clientName}
                    </td>
                    <td data-label={t("invoice.list.total")} className="nowrap">
                      {formatMoney(invoice.totalCents, locale, invoice.currency)}
                    </td>
                    <td data-label={t("invoice.list.status")}>
                      {invoice.sdiStatus === "uploaded" ? (
                        <span>{invoice.uploadedAt ? t("invoice.list.uploadedOn", { date: formatDate(new Date(invoice.uploadedAt), locale, "medium") }) : t("invoice.list.statuses.uploaded")}</span>
                      ) : (
                        <>
                          <strong>{t("invoice.list.statuses.to_upload")}</strong>
                          <Form method="post">
                            <input type="hidden" name="intent" value="uploaded" />
                            <input type="hidden" name="invoiceId" value={invoice.id} />
                            <input type="hidden" name="month" value={month} />
                            <button type="submit" className="button small" aria-label={t("invoice.list.markUploadedLabel", { number: invoice.label })}>
                              {t("invoice.list.markUploaded")}
                            </button>
                          </Form>
                        </>
                      )}
                    </td>
                    <td data-label={t("invoice.list.file")}>
                      {invoice.fileName ? (
                        <a href={`/${locale}/owner/invoices/${invoice.id}/xml`} download={invoice.fileName} aria-label={t("invoice.list.downloadLabel", { number: invoice.label })}>
                          {t("invoice.list.download")}
                        </a>
                      ) : (
                        "—"
                      )}
                      {invoice.fileName ? (
                        <span className="hint filename">
                          {/* The break goes after the Partita IVA, where a narrow column can take it. */}
                          {invoice.fileName.split("_")[0]}_<wbr />
                          {invoice.fileName.split("_")[1]}
                        </span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </main>
  );
}

export function ErrorBoundary() {
  return <AccountErrorPage />;
}
