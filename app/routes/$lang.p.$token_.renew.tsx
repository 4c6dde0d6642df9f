// The prospect asks to renew an expired proposal: a plain POST from the
// proposal page (works without JavaScript); a GET only leads back to it.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireLiveLink } from "~/models/gdpr.server";
import { requestRenewal } from "~/models/renewal.server";
import { requireLocaleParam } from "~/utils/locale.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  throw redirect(`/${locale}/p/${params.token ?? ""}`);
}

export async function action({ params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const token = params.token ?? "";
  await requireLiveLink(token, locale); // erased (GDPR): 410
  const outcome = await requestRenewal(token, locale);
  if (outcome === "missing") throw new Response("Not Found", { status: 404 });
  // "already" reads as "requested": asking twice sends nothing more.
  const renewal = outcome === "already" ? "requested" : outcome;
  throw redirect(`/${locale}/p/${token}?renewal=${renewal}`, { status: 303, headers: { "Cache-Control": "no-store" } });
}
