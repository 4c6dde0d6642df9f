import { ErrorPage } from "~/components/error-page";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/i18n/format";
import { listLeads } from "~/models/lead.server";
import { requireUser } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user, headers } = await requireUser(request, locale);
  const { items, total } = await listLeads({ take: 100 });
  headers.set("Cache-Control", "private, no-store");
  return Response.json(
    { user: { name: user.name }, total, leads: items.map((l) => ({ ...l, createdAt: l.createdAt.toISOString() })) },
    { headers },
  );
}

interface LeadRow {
  id: string;
  token: string;
  name: string;
  email: string;
  organisation: string;
  goal: string;
  status: string;
  createdAt: string;
}

export default function OwnerLeads() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { user, total, leads } = useLoaderData<{ user: { name: string }; total: number; leads: LeadRow[] }>();
  return (
    <main id="main" className="page">
      <div className="page-head">
        <h1>{t("leads.heading")}</h1>
        <p className="meta">
          {t("leads.signedInAs", { name: user.name })} · {t("leads.count", { count: total })}
        </p>
      </div>
      {leads.length === 0 ? (
        <p>{t("leads.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("leads.name")}</th>
                <th scope="col">{t("leads.organisation")}</th>
                <th scope="col">{t("leads.goal")}</th>
                <th scope="col">{t("leads.status")}</th>
                <th scope="col">{t("leads.received")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("leads.open")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {leads.map((lead) => (
                <tr key={lead.id}>
                  <th scope="row">
                    {lead.name}
                    <br />
                    <span className="meta">{lead.email}</span>
                  </th>
                  <td>{lead.organisation}</td>
                  <td>{t(`goals.${lead.goal}`, { defaultValue: lead.goal })}</td>
                  <td>
                    <span className={`badge badge-${lead.status}`}>{t(`status.${lead.status}`, { defaultValue: lead.status })}</span>
                  </td>
                  <td>{formatDateTime(new Date(lead.createdAt), locale)}</td>
                  <td>
                    <Link to={`/${locale}/owner/proposals/${lead.id}`}>{t("settings.review.open")}</Link>
                    {" · "}
                    <Link to={`/${locale}/p/${lead.token}`}>{t("leads.open")}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
