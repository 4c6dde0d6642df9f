import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AccountErrorPage } from "~/components/account-error-page";
import { erasePerson, summarisePerson } from "~/models/gdpr.server";
import { requireRole } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";

const Email = z.string().trim().toLowerCase().max(254).email();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireRole(request, locale, "owner");
  const email = Email.safeParse(new URL(request.url).searchParams.get("email") ?? "");
  const summary = email.success ? await summarisePerson(email.data) : null;
  return data({ summary }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await requireRole(request, locale, "owner");
  const form = await request.formData();
  const parsed = z.object({ email: Email, confirm: z.string().trim().toLowerCase() }).safeParse({ email: form.get("email"), confirm: form.get("confirm") });
  if (!parsed.success || parsed.data.email !== parsed.data.confirm) {
    return Response.json({ error: "settings.gdpr.confirmMismatch" }, { status: 400 });
  }
  const result = await erasePerson(parsed.data.email, user.id);
  const query = new URLSearchParams({ erased: parsed.data.email, leads: String(result.leads), drafts: String(result.drafts), emails: String(result.emails) });
  throw redirect(`/${locale}/owner/privacy-requests?${query}`);
}

export default function PrivacyRequests() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { summary } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ error?: string }>();
  const [params] = useSearchParams();
  const erased = params.get("erased");
  return (
    <main id="main" className="page narrow stacked">
      <h1>{t("settings.gdpr.title")}</h1>
      <p className="lead">{t("settings.gdpr.intro")}</p>
      {erased ? (
        <p className="notice" role="status">
          {t("settings.gdpr.erased", { email: erased, leads: params.get("leads"), drafts: params.get("drafts"), emails: params.get("emails") })}
        </p>
      ) : null}
      <Form method="get" className="card form">
        <div className="field">
          <label htmlFor="gdpr-email">{t("settings.gdpr.email")}</label>
          <input id="gdpr-email" name="email" type="email" required defaultValue={summary?.email ?? ""} autoComplete="off" />
        </div>
        <button type="submit" className="button">
          {t("settings.gdpr.search")}
        </button>
      </Form>
      {summary ? (
        <section className="card form" aria-labelledby="gdpr-result">
          <h2 id="gdpr-result">
            {summary.leads.length + summary.drafts + summary.emails > 0
              ? t("settings.gdpr.found", {
                  email: summary.email,
                  leads: t("settings.gdpr.leads", { count: summary.leads.length }),
                  drafts: t("settings.gdpr.drafts", { count: summary.drafts }),
                  emails: t("settings.gdpr.emails", { count: summary.emails }),
                })
              : t("settings.gdpr.nothing", { email: summary.email })}
          </h2>
          {summary.leads.length + summary.drafts + summary.emails > 0 ? (
            <>
              <p>
                <a className="button" href={`/${locale}/owner/privacy-requests/export?email=${encodeURIComponent(summary.email)}`} download>
                  {t("settings.gdpr.export")}
                </a>
              </p>
              <h3>{t("settings.gdpr.eraseHeading")}</h3>
              <p className="hint">{t("settings.gdpr.eraseHelp")}</p>
              <Form method="post" className="form">
                <input type="hidden" name="email" value={summary.email} />
                <div className="field">
                  <label htmlFor="gdpr-confirm">{t("settings.gdpr.confirm")}</label>
                  <input id="gdpr-confirm" name="confirm" type="email" required autoComplete="off" aria-describedby={actionData?.error ? "gdpr-error" : undefined} />
                  {actionData?.error ? (
                    <p id="gdpr-error" className="field-error" role="alert">
                      {t(actionData.error)}
                    </p>
                  ) : null}
                </div>
                <button type="submit" className="button danger">
                  {t("settings.gdpr.erase")}
                </button>
              </Form>
            </>
          ) : null}
        </section>
      ) : null}
    </main>
  );
}

// A member gets the translated "owners only" page (403), not a generic error.
export function ErrorBoundary() {
  return <AccountErrorPage />;
}
