import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { getT } from "~/i18n/i18n";
import { useLocale } from "~/utils/locale";

/** Shared error boundary: a 404 page, or a plain apology. Never a stack trace. */
export function ErrorPage() {
  const error = useRouteError();
  const locale = useLocale();
  const t = getT(locale);
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main className="page narrow error-page" id="main">
      <p className="brand-line">{notFound ? "404" : "Socialbrief"}</p>
      <h1>{notFound ? t("errors.notFoundTitle") : t("errors.serverTitle")}</h1>
      <p>{notFound ? t("errors.notFoundBody") : t("errors.serverBody")}</p>
      <p>
        <Link to={`/${locale}`} className="button">
          {t("errors.backHome")}
        </Link>
      </p>
    </main>
  );
}
