// Starts (or resumes) the Stripe Checkout for the accepted onboarding fee and
// sends the browser there. A plain POST from the client area; a GET only
// leads back to it. Nothing is marked paid here: only a verified webhook does.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { startCheckout } from "~/models/stripe-checkout.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { requireLiveLink } from "~/models/gdpr.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  throw redirect(`/${locale}/p/${params.token ?? ""}`);
}

export async function action({ params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const token = params.token ?? "";
  await requireLiveLink(token, locale);
  const started = await startCheckout(token, locale);
  if (started.ok) throw redirect(started.url, { status: 303, headers: { "Cache-Control": "no-store" } });
  if (started.reason === "not_accepted") throw new Response("Not Found", { status: 404 });
  // Already paid (or being paid): no new session, and the client area says why.
  throw redirect(`/${locale}/p/${token}?payment=${started.reason}`, { status: 303, headers: { "Cache-Control": "no-store" } });
}
