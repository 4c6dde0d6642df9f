import type { LoaderFunctionArgs } from "@remix-run/node";
import { ErrorPage } from "~/components/error-page";
import { requireLocaleParam } from "~/utils/locale.server";

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
