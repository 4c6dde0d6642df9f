import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { getT } from "~/i18n/i18n";
import { useLocale } from "~/utils/locale";

/** Shared error boundary: a 404 page, a 410 page (an erased person's link), or a plain apology. Never a stack trace. */
export function ErrorPage() {
  const error = useRouteError();
  const locale = useLocale();
  const t = getT(locale);
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  // 410: a private link whose person was erased (GDPR).
  if (isRouteErrorResponse(error) && error.status === 410) {
    return (
      <main className="page narrow error-page" id="main">
        <p className="brand-line">410</p>
        <h1>{t("errors.erasedTitle")}</h1>
        <p>{t("errors.erasedBody")}</p>
      </main>
    );
  }
  // 400/415: a post that was not a readable form (server/forms.ts).
  if (isRouteErrorResponse(error) && (error.status === 400 || error.status === 415)) {
    return (
      <main className="page narrow error-page" id="main">
        <p className="brand-line">{error.status}</p>
        <h1>{t("errors.badRequestTitle")}</h1>
        <p>{t("errors.badRequestBody")}</p>
        <p>
          <Link to={`/${locale}`} className="button">
            {t("errors.backHome")}
          </Link>
        </p>
      </main>
    );
  }
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
