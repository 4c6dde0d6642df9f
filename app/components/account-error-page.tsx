import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { getT } from "~/i18n/i18n";
import { useLocale } from "~/utils/locale";

/**
 * Error boundary for the account pages: a translated page for a used or
 * expired emailed link (410) and for a signed-in user without the owner role
 * (403); anything else goes to the shared error page.
 */
export function AccountErrorPage() {
  const error = useRouteError();
  const locale = useLocale();
  const t = getT(locale);
  if (isRouteErrorResponse(error) && error.status === 410) {
    return (
      <main className="page narrow error-page" id="main">
        <p className="brand-line">410</p>
        <h1>{t("account.errors.goneTitle")}</h1>
        <p>{t("account.errors.goneBody")}</p>
        <p>
          <Link to={`/${locale}/forgot`} className="button">
            {t("account.errors.goneAction")}
          </Link>
        </p>
      </main>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <main className="page narrow error-page" id="main">
        <p className="brand-line">403</p>
        <h1>{t("account.errors.forbiddenTitle")}</h1>
        <p>{t("account.errors.forbiddenBody")}</p>
        <p>
          <Link to={`/${locale}/owner`} className="button">
            {t("nav.leads")}
          </Link>
        </p>
      </main>
    );
  }
  return <ErrorPage />;
}
