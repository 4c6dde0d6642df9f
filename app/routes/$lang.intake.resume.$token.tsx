import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { isStepId } from "~/domain/intake/definition";
import { resumeDraft } from "~/models/intake-draft.server";
import { intakeCookie } from "~/utils/intake-cookie.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: ["questionnaire"] } satisfies I18nHandle;

/** The emailed link: this browser takes over the draft and goes back to where it stopped. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const token = params.token ?? "";
  const resumed = /^[\w-]{20,64}$/.test(token) ? await resumeDraft(token) : null;
  if (!resumed || resumed.draft.submittedLeadId) {
    return Response.json({ expired: true }, { status: 410, headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
  }
  const step = isStepId(resumed.draft.currentStep) ? resumed.draft.currentStep : "about";
  return redirect(`/${locale}/intake/${step}`, {
    headers: { "Set-Cookie": await intakeCookie.serialize(resumed.browserKey), "Referrer-Policy": "no-referrer" },
  });
}

export default function ResumeExpired() {
  useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <main id="main" className="page narrow">
      <h1>{t("questionnaire.title")}</h1>
      <p>{t("questionnaire.resumeExpired")}</p>
      <p>
        <Link className="button primary" to={`/${locale}/intake/about`}>
          {t("questionnaire.steps.about.title")}
        </Link>
      </p>
    </main>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
