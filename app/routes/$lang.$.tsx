import type { LoaderFunctionArgs } from "@remix-run/node";
import { ErrorPage } from "~/components/error-page";
import { requireLocaleParam } from "~/utils/locale.server";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: [] } satisfies I18nHandle;

// Unknown pages under /it or /en: a 404 inside the site's header and footer.
export async function loader({ params }: LoaderFunctionArgs) {
  requireLocaleParam(params.lang);
  throw new Response("Not Found", { status: 404 });
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export default function NotFound() {
  return null;
}
