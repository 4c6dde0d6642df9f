// Starts (or resumes) the monthly retainer: Stripe Checkout in subscription
// mode for the accepted package's monthly fee, and sends the browser there. A
// plain POST from the client area; a GET only leads back to it. Nothing is
// marked paid here: only a verified webhook does.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireLiveLink } from "~/models/gdpr.server";
import { startRetainer } from "~/models/retainer.server";
import { requireLocaleParam } from "~/utils/locale.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  throw redirect(`/${locale}/p/${params.token ?? ""}`);
}

export async function action({ params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const token = params.token ?? "";
  await requireLiveLink(token, locale); // erased (GDPR): 410
  const started = await startRetainer(token, locale);
  if (started.ok) throw redirect(started.url, { status: 303, headers: { "Cache-Control": "no-store" } });
  if (started.reason === "not_accepted") throw new Response("Not Found", { status: 404 });
  // Started already, ended, or not to be paid by card: the client area says why.
  throw redirect(`/${locale}/p/${token}?retainer=${started.reason}#retainer`, { status: 303, headers: { "Cache-Control": "no-store" } });
}
