import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getAuth, lucia } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";

// Logging out changes state, so it is POST only; a GET just goes home.
export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/${requireLocaleParam(params.lang)}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { session } = await getAuth(request);
  if (session) await lucia.invalidateSession(session.id);
  return redirect(`/${locale}`, { headers: { "Set-Cookie": lucia.createBlankSessionCookie().serialize() } });
}
