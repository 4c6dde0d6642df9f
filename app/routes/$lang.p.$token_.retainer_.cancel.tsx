// The client cancels the monthly retainer: a page that says when it would end
// (the end of the minimum term, or of the month being paid) and asks to
// confirm; the POST asks Stripe (cancel_at, or cancel_at_period_end) and goes
// back to the client area. Works without JavaScript.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { canCancel, isSubscriptionStatus } from "~/domain/subscription";
import { formatDate } from "~/i18n/format";
import { requireLiveLink } from "~/models/gdpr.server";
import { cancelRetainer, planFor, retainerOfToken } from "~/models/retainer.server";
import { requireLocaleParam } from "~/utils/locale.server";

const headers = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" };

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const token = params.token ?? "";
  await requireLiveLink(token, locale);
  const row = await retainerOfToken(token);
  if (!row?.stripeSubscriptionId) throw new Response("Not Found", { status: 404, headers });
  const status = isSubscriptionStatus(row.status) ? row.status : "incomplete";
  const plan = planFor(row);
  return data({ token, locale, cancellable: canCancel({ status, cancelAt: row.cancelAt }), plan: { kind: plan.kind, at: plan.at?.toISOString() ?? null } }, { headers });
}

export async function action({ params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const token = params.token ?? "";
  await requireLiveLink(token, locale);
  const outcome = await cancelRetainer(token);
  if (!outcome.ok && outcome.reason === "not_found") throw new Response("Not Found", { status: 404, headers });
  const result = outcome.ok ? "ending" : outcome.reason;
  throw redirect(`/${locale}/p/${token}?retainer=${result}#retainer`, { status: 303, headers: { "Cache-Control": "no-store" } });
}

export default function CancelRetainer() {
  const { t } = useTranslation();
  const { token, locale, cancellable, plan } = useLoaderData<typeof loader>();
  const date = plan.at ? formatDate(new Date(plan.at), locale, "long") : null;
  const back = `/${locale}/p/${token}#retainer`;
  return (
    <main id="main" className="page narrow">
      <h1>{t("retainer.cancel.title")}</h1>
      {cancellable ? (
        <>
          <p data-testid="cancel-plan">{plan.kind === "at_term_end" ? t("retainer.cancel.beforeTerm", { date }) : date ? t("retainer.cancel.afterTerm", { date }) : t("retainer.cancel.afterTermNoDate")}</p>
          <Form method="post" className="actions">
            <button type="submit" className="button danger">
              {t("retainer.cancel.confirm")}
            </button>{" "}
            <Link to={back} className="button">
              {t("retainer.cancel.back")}
            </Link>
          </Form>
        </>
      ) : (
        <>
          <p className="notice">{t("retainer.cancel.notCancellable")}</p>
          <p>
            <Link to={back}>{t("retainer.cancel.back")}</Link>
          </p>
        </>
      )}
    </main>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
