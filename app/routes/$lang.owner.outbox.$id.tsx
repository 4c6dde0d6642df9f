import { data } from "@remix-run/node";
import { ErrorPage } from "~/components/error-page";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { requireUser } from "~/utils/auth.server";
import { canReadEmail } from "~/utils/roles.server";
import { getEmailMessage } from "~/utils/email.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: ["email"] } satisfies I18nHandle;

// One email from the outbox: its headers, the plain-text body, and the HTML
// body in a fully sandboxed iframe (no scripts, no forms, no navigation).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { headers, user } = await requireUser(request, locale);
  const message = params.id ? await getEmailMessage(params.id) : null;
  if (!message) throw new Response("Not Found", { status: 404, headers });
  if (!canReadEmail(user, message)) throw new Response("Forbidden", { status: 403, headers });
  headers.set("Cache-Control", "private, no-store");
  return data(
    { message: { ...message, createdAt: message.createdAt.toISOString(), sentAt: message.sentAt?.toISOString() ?? null } },
    { headers },
  );
}

export default function OutboxMessage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="page">
      <p className="meta">
        <Link to={`/${locale}/owner/outbox`}>{t("email.outbox.back")}</Link>
      </p>
      <div className="page-head">
        <h1>{message.subject}</h1>
        <span className={`badge badge-email-${message.status}`}>
          {t(`email.outbox.statuses.${message.status}`, { defaultValue: message.status })}
        </span>
      </div>
      <dl className="email-headers">
        {message.from ? (
          <>
            <dt>{t("email.outbox.from")}</dt>
            <dd>{message.from}</dd>
          </>
        ) : null}
        {message.replyTo ? (
          <>
            <dt>{t("email.outbox.replyTo")}</dt>
            <dd>{message.replyTo}</dd>
          </>
        ) : null}
        <dt>{t("email.outbox.to")}</dt>
        <dd>{message.to}</dd>
        <dt>{t("email.outbox.subject")}</dt>
        <dd>{message.subject}</dd>
        <dt>{t("email.outbox.kind")}</dt>
        <dd>{t(`email.outbox.kinds.${message.kind}`, { defaultValue: message.kind })}</dd>
        <dt>{t("email.outbox.language")}</dt>
        <dd>{t(`email.outbox.languages.${message.locale}`, { defaultValue: message.locale })}</dd>
        <dt>{t("email.outbox.date")}</dt>
        <dd>{formatDateTime(new Date(message.createdAt), locale)}</dd>
        {message.sentAt ? (
          <>
            <dt>{t("email.outbox.sentAt")}</dt>
            <dd>{formatDateTime(new Date(message.sentAt), locale)}</dd>
          </>
        ) : null}
        {message.error ? (
          <>
            <dt>{t("email.outbox.error")}</dt>
            <dd>
              <code>{message.error}</code>
            </dd>
          </>
        ) : null}
      </dl>
      {message.attachments.length ? (
        <section aria-labelledby="email-attachments">
          <h2 id="email-attachments">{t("email.outbox.attachments")}</h2>
          <ul>
            {message.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/${locale}/owner/outbox/attachments/${a.id}`} download={a.filename}>
                  {t("email.outbox.download", { name: a.filename, size: formatNumber(Math.max(1, Math.round(a.size / 1024)), locale) })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="email-text">
        <h2 id="email-text">{t("email.outbox.textVersion")}</h2>
        <pre className="email-text">{message.text}</pre>
      </section>
      <section aria-labelledby="email-html">
        <h2 id="email-html">{t("email.outbox.htmlVersion")}</h2>
        <iframe className="email-frame" sandbox="" srcDoc={message.html} title={t("email.outbox.htmlFrameTitle")} />
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
