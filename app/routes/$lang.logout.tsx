import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { endSession, getAuth } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";

// Logging out changes state, so it is POST only; a GET just goes home.
export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/${requireLocaleParam(params.lang)}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { session } = await getAuth(request);
  return redirect(`/${locale}`, { headers: { "Set-Cookie": await endSession(session) } });
}
