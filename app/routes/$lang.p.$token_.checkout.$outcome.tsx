import { data } from "@remix-run/node";
// Where Stripe Checkout sends the client back: /checkout/success?session_id=…
// and /checkout/cancel. These pages only READ the payment: it becomes paid
// when a verified webhook says so, never because someone opened this URL. While
// the confirmation is on its way the success page checks again by itself.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { formatDate, formatMoney } from "~/i18n/format";
import { getCheckoutPayment } from "~/models/client-payments.server";
import { useLocale } from "~/utils/locale";
import { requireLocaleParam } from "~/utils/locale.server";
import { requireLiveLink } from "~/models/gdpr.server";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: ["payment"] } satisfies I18nHandle;

export async function loader({ params, request }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireLiveLink(params.token ?? "", locale);
  const outcome = params.outcome;
  if (outcome !== "success" && outcome !== "cancel") throw new Response("Not Found", { status: 404 });
  const token = params.token ?? "";
  const sessionId = new URL(request.url).searchParams.get("session_id");
  const found = await getCheckoutPayment(token, sessionId);
  if (!found) throw new Response("Not Found", { status: 404 });
  return data({ outcome, token, ...found }, { headers: { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" } });
}

const POLL_MS = 2000;
const POLL_FOR_MS = 120_000;

export default function CheckoutOutcome() {
  const { outcome, token, state, payment } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const revalidator = useRevalidator();
  const [startedAt] = useState(() => Date.now());
  const portal = `/${locale}/p/${token}`;
  const paid = payment?.status === "paid" || (payment === null && state === "paid");
  const failed = payment?.status === "failed";
  const waiting = outcome === "success" && !paid && !failed;

  useEffect(() => {
    if (!waiting) return;
    const timer = window.setInterval(() => {
      if (Date.now() - startedAt > POLL_FOR_MS) return window.clearInterval(timer);
      if (revalidator.state === "idle") revalidator.revalidate();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [waiting, revalidator, startedAt]);

  if (outcome === "cancel") {
    return (
      <main id="main" className="page narrow">
        <h1>{t("payment.checkout.cancelTitle")}</h1>
        <p>{t("payment.checkout.cancel")}</p>
        <p>
          <Link className="button primary" to={portal}>
            {t("payment.checkout.toPortal")}
          </Link>
        </p>
      </main>
    );
  }
  const title = paid ? t("payment.checkout.paidTitle") : failed ? t("payment.checkout.failedTitle") : state === "processing" ? t("payment.checkout.processingTitle") : t("payment.checkout.successTitle");
  return (
    <main id="main" className="page narrow">
      <h1>{title}</h1>
      <div role="status" aria-live="polite">
        {paid && payment ? (
          <p className="notice">{t("payment.checkout.paid", { amount: formatMoney(payment.amountCents, locale), date: payment.paidAt ? formatDate(new Date(payment.paidAt), locale, "long") : "—" })}</p>
        ) : failed ? (
          <p className="form-error">{t("payment.checkout.failed")}</p>
        ) : state === "processing" ? (
          <p>{t("payment.portal.processing")}</p>
        ) : (
          <p>{t("payment.checkout.waiting")}</p>
        )}
      </div>
      <p className="step-actions">
        {paid && payment ? (
          <Link className="button" to={`${portal}/receipt/${payment.id}`}>
            {t("payment.checkout.toReceipt")}
          </Link>
        ) : waiting ? (
          <a className="button" href="">
            {t("payment.checkout.refresh")}
          </a>
        ) : null}
        <Link className="button primary" to={portal}>
          {t("payment.checkout.toPortal")}
        </Link>
      </p>
    </main>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
