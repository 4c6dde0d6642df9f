import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { negotiateLocale } from "~/i18n/i18n";

/** `/` sends people to their language: Accept-Language, Italian by default. */
export async function loader({ request }: LoaderFunctionArgs) {
  const locale = negotiateLocale(request.headers.get("Accept-Language"));
  return redirect(`/${locale}`, { headers: { Vary: "Accept-Language" } });
}
