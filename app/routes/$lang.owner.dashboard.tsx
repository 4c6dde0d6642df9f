import { data } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { addDays, parsePeriod } from "~/domain/funnel";
import { romeToday } from "~/domain/intake/schema";
import { formatDate, formatMoney, formatNumber, intlTag } from "~/i18n/format";
import { dashboardFigures } from "~/models/dashboard.server";
import { retainerDashboard } from "~/models/retainer.server";
import { subscriptionStatuses } from "~/domain/subscription";
import { requireUser } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireUser(request, locale);
  const url = new URL(request.url);
  const today = romeToday();
  const period = parsePeriod(url.searchParams.get("from"), url.searchParams.get("to"), today);
  const [figures, retainers] = await Promise.all([dashboardFigures(period), retainerDashboard()]);
  return data({ ...figures, retainers, today }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function Dashboard() {
  const { t } = useTranslation();
  const locale = useLocale();
  const data = useLoaderData<typeof loader>();
  const percent = new Intl.NumberFormat(intlTag(locale), { style: "percent", maximumFractionDigits: 1 });
  const day = (d: string) => formatDate(new Date(`${d}T12:00:00Z`), locale, "long");
  const max = Math.max(1, ...data.rows.map((r) => r.count));
  const presets = [
    ["d7", addDays(data.today, -6)],
    ["d30", addDays(data.today, -29)],
    ["d90", addDays(data.today, -89)],
    ["year", `${data.today.slice(0, 4)}-01-01`],
  ] as const;
  return (
    <main id="main" className="page stacked">
      <h1>{t("settings.dashboard.title")}</h1>
      <Form method="get" className="card period-form">
        <fieldset>
          <legend>{t("settings.dashboard.period")}</legend>
          <div className="period-fields">
            <div className="field">
              <label htmlFor="period-from">{t("settings.dashboard.from")}</label>
              <input id="period-from" type="date" name="from" defaultValue={data.period.from} />
            </div>
            <div className="field">
              <label htmlFor="period-to">{t("settings.dashboard.to")}</label>
              <input id="period-to" type="date" name="to" defaultValue={data.period.to} />
            </div>
            <button type="submit" className="button">
              {t("settings.dashboard.show")}
            </button>
          </div>
          <p className="presets">
            {presets.map(([key, from]) => (
              <Link key={key} to={`?from=${from}&to=${data.today}`}>
                {t(`settings.dashboard.presets.${key}`)}
              </Link>
            ))}
          </p>
        </fieldset>
      </Form>
      <p className="meta">{t("settings.dashboard.range", { from: day(data.period.from), to: day(data.period.to) })}</p>

      <section className="card" aria-labelledby="funnel-heading">
        <h2 id="funnel-heading">{t("settings.dashboard.funnelHeading")}</h2>
        {/* On a phone the table scrolls sideways inside its frame: the keyboard can scroll it too. */}
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="funnel-heading">
          <table className="table funnel">
            <thead>
              <tr>
                <th scope="col">{t("settings.dashboard.stage")}</th>
                <th scope="col" className="num">
                  {t("settings.dashboard.count")}
                </th>
                <th scope="col" aria-hidden="true" className="funnel-bar-col" />
                <th scope="col" className="num">
                  {t("settings.dashboard.fromPrevious")}
                </th>
                <th scope="col" className="num">
                  {t("settings.dashboard.fromStart")}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.stage}>
                  <th scope="row">{t(`settings.dashboard.stages.${row.stage}`)}</th>
                  <td className="num">{formatNumber(row.count, locale)}</td>
                  <td aria-hidden="true" className="funnel-bar-col">
                    <span className="funnel-bar" style={{ width: `${Math.round((row.count / max) * 100)}%` }} />
                  </td>
                  <td className="num">{row.fromPrevious === null ? "—" : percent.format(row.fromPrevious)}</td>
                  <td className="num">{row.fromStart === null ? "—" : percent.format(row.fromStart)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="hint">{t("settings.dashboard.note")}</p>
      </section>

      <section className="card" aria-labelledby="money-heading">
        <h2 id="money-heading">{t("settings.dashboard.moneyHeading")}</h2>
        <dl className="money">
          <div>
            <dt>{t("settings.dashboard.collected")}</dt>
            <dd>{formatMoney(data.collectedCents, locale)}</dd>
          </div>
          <div>
            <dt>{t("settings.dashboard.refunded")}</dt>
            <dd>{formatMoney(data.refundedCents, locale)}</dd>
          </div>
          <div>
            <dt>{t("settings.dashboard.net")}</dt>
            <dd>{formatMoney(data.netCents, locale)}</dd>
          </div>
          {data.toCheckCount > 0 ? (
            <div className="to-check">
              <dt>{t("settings.dashboard.toCheck")}</dt>
              <dd>{formatMoney(data.toCheckCents, locale)}</dd>
            </div>
          ) : null}
        </dl>
        {data.toCheckCount > 0 ? <p className="hint">{t("settings.dashboard.toCheckHint", { count: data.toCheckCount })}</p> : null}
      </section>

      <section className="card" aria-labelledby="retainers-heading" data-testid="retainers">
        <h2 id="retainers-heading">{t("retainer.dashboard.heading")}</h2>
        <dl className="money">
          <div>
            <dt>{t("retainer.dashboard.mrr")}</dt>
            <dd data-testid="mrr">{data.retainers.mrr.length ? data.retainers.mrr.map((m) => formatMoney(m.cents, locale, m.currency)).join(" + ") : formatMoney(0, locale)}</dd>
          </div>
        </dl>
        <p className="hint">{t("retainer.dashboard.mrrHint")}</p>
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{t("retainer.dashboard.count")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("retainer.owner.status")}</th>
                <th scope="col" className="num">
                  {t("retainer.dashboard.count")}
                </th>
              </tr>
            </thead>
            <tbody>
              {subscriptionStatuses.map((status) => (
                <tr key={status} data-testid={`retainers-${status}`}>
                  <th scope="row">{t(`retainer.portal.statuses.${status}`)}</th>
                  <td className="num">{formatNumber(data.retainers.counts[status], locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
