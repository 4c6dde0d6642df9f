// A lead's invoices and credit notes with their courtesy copies (PDF): in the
// client area and on the team's lead page.
import { useTranslation } from "react-i18next";
import { formatDate, formatMoney } from "~/i18n/format";
import type { InvoiceListItem } from "~/models/invoice-copies.server";
import { useLocale } from "~/utils/locale";

export function InvoiceList({ invoices, hrefOf, xmlHrefOf, headingId, intro }: { invoices: InvoiceListItem[]; hrefOf: (id: string) => string; xmlHrefOf?: (id: string) => string; headingId: string; intro?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby={headingId} data-testid="invoice-list">
      <h2 id={headingId}>{t("invoice.portal.heading")}</h2>
      {intro ? <p className="hint">{intro}</p> : null}
      {invoices.length ? (
        <ul className="receipts">
          {invoices.map((invoice) => {
            const title = t(invoice.documentType === "TD04" ? "invoice.copy.titleCredit" : "invoice.copy.title", { number: invoice.label });
            return (
              <li key={invoice.id}>
                <span>
                  <strong>{title}</strong> · {formatDate(new Date(`${invoice.issuedOn}T12:00:00Z`), locale, "long")} · {formatMoney(invoice.totalCents, locale, invoice.currency)}
                  {invoice.cancels ? <> · {t("invoice.portal.cancels", { number: invoice.cancels })}</> : null}
                </span>
                <span className="invoice-links">
                  <a href={hrefOf(invoice.id)} download aria-label={t("invoice.copy.downloadLabel", { number: invoice.label })}>
                    {t("invoice.portal.pdf")}
                  </a>
                  {xmlHrefOf ? (
                    <>
                      {" · "}
                      <a href={xmlHrefOf(invoice.id)} download aria-label={t("invoice.list.downloadLabel", { number: invoice.label })}>
                        XML
                      </a>
                    </>
                  ) : null}
                </span>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="hint">{t("invoice.portal.empty")}</p>
      )}
    </section>
  );
}
