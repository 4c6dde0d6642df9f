import { data } from "@remix-run/node";
import { ErrorPage } from "~/components/error-page";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useOutlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { requireUser } from "~/utils/auth.server";
import { canReadEmail } from "~/utils/roles.server";
import { listEmailMessages } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: ["email"] } satisfies I18nHandle;

// The outbox: the last 100 emails the app prepared (sent, failed, or kept here
// when no SMTP server is configured). One message opens at
// /{lang}/owner/outbox/{id} ($lang.owner.outbox.$id.tsx), rendered in place of
// the list through the <Outlet>. Owners also find the link to the emails the
// job runner could not send yet ($lang.owner.jobs.tsx).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { headers, user } = await requireUser(request, locale);
  // Members never see someone else's reset link or invitation (see roles.server).
  const messages = (await listEmailMessages({ take: 100 })).filter((m) => canReadEmail(user, m));
  headers.set("Cache-Control", "private, no-store");
  return data(
    {
      smtpConfigured: Boolean(getEnv().SMTP_URL),
      isOwner: user.role === "owner",
      messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
    },
    { headers },
  );
}

export default function Outbox() {
  const outlet = useOutlet();
  const { t } = useTranslation();
  const locale = useLocale();
  const { smtpConfigured, isOwner, messages } = useLoaderData<typeof loader>();
  if (outlet) return outlet;
  return (
    <main id="main" className="page">
      <div className="page-head">
        <h1>{t("email.outbox.heading")}</h1>
        <p className="meta">{t("email.outbox.intro")}</p>
        {isOwner ? <Link to={`/${locale}/owner/jobs`}>{t("email.outbox.jobs.link")}</Link> : null}
      </div>
      {smtpConfigured ? null : <p className="notice">{t("email.outbox.notConfigured")}</p>}
      {messages.length === 0 ? (
        <p>{t("email.outbox.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("email.outbox.date")}</th>
                <th scope="col">{t("email.outbox.kind")}</th>
                <th scope="col">{t("email.outbox.to")}</th>
                <th scope="col">{t("email.outbox.subject")}</th>
                <th scope="col">{t("email.outbox.status")}</th>
                <th scope="col">{t("email.outbox.attachments")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.id}>
                  <td className="nowrap">{formatDateTime(new Date(message.createdAt), locale)}</td>
                  <td>{t(`email.outbox.kinds.${message.kind}`, { defaultValue: message.kind })}</td>
                  <td className="break">{message.to}</td>
                  <th scope="row">
                    <Link to={`/${locale}/owner/outbox/${message.id}`}>{message.subject}</Link>
                  </th>
                  <td>
                    <span className={`badge badge-email-${message.status}`}>
                      {t(`email.outbox.statuses.${message.status}`, { defaultValue: message.status })}
                    </span>
                  </td>
                  <td>
                    {message.attachments.map((a) => (
                      <a key={a.id} className="attachment-link" href={`/${locale}/owner/outbox/attachments/${a.id}`} download={a.filename}>
                        {t("email.outbox.download", { name: a.filename, size: formatNumber(Math.max(1, Math.round(a.size / 1024)), locale) })}
                      </a>
                    ))}
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
