import { skipAfterAutosave } from "~/utils/revalidate";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLocation, useRouteLoaderData, Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocaleParam } from "~/utils/locale.server";
import { getAuth } from "~/utils/auth.server";
import { switchLocalePath } from "~/i18n/i18n";
import { useLocale } from "~/utils/locale";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: ["account.nav", "email.nav", "invoice.nav", "landing.privacy.title", "settings.dashboard.nav", "settings.gdpr.nav", "settings.nav"] } satisfies I18nHandle;

export const shouldRevalidate = skipAfterAutosave;

export async function loader({ params, request }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await getAuth(request);
  return { locale, user: user ? { name: user.name, role: user.role, locale: user.locale } : null };
}

export default function LocaleLayout() {
  const { t } = useTranslation();
  const locale = useLocale();
  const location = useLocation();
  const data = useRouteLoaderData<typeof loader>("routes/$lang");
  const other = locale === "it" ? "en" : "it";
  // A prospect's or client's private pages (/it/p/…) are theirs: no staff login, no team menu, even for staff looking at them.
  const clientPage = /^\/[a-z]{2}\/p\//.test(location.pathname);
  // On a staff page read in another language than the user's emails (after the switcher, say): an offer to have them in this one too.
  const offerLocale = data?.user && data.user.locale !== locale && /^\/[a-z]{2}\/owner(\/|$)/.test(location.pathname) ? data.user.locale : null;
  return (
    <>
      <a href="#main" className="skip-link">
        {t("nav.skip")}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to={`/${locale}`} className="brand" aria-label="Socialbrief">
            <img src="/favicon.svg" alt="" width={28} height={28} />
            <span>Socialbrief</span>
          </Link>
          <nav aria-label={t("nav.language")} className="site-nav">
            {clientPage ? null : data?.user ? (
              <>
                <Link to={`/${locale}/owner`}>{t("nav.leads")}</Link>
                <Link to={`/${locale}/owner/dashboard`}>{t("settings.dashboard.nav")}</Link>
                <Link to={`/${locale}/owner/outbox`}>{t("email.nav.outbox")}</Link>
                <Link to={`/${locale}/owner/account`}>{t("account.nav.account")}</Link>
                {data.user.role === "owner" ? (
                  <>
                    <Link to={`/${locale}/owner/invoices`}>{t("invoice.nav")}</Link>
                    <Link to={`/${locale}/owner/settings`}>{t("settings.nav")}</Link>
                    <Link to={`/${locale}/owner/privacy-requests`}>{t("settings.gdpr.nav")}</Link>
                    <Link to={`/${locale}/owner/team`}>{t("account.nav.team")}</Link>
                  </>
                ) : null}
                <Form method="post" action={`/${locale}/logout`}>
                  <button type="submit" className="link-button">
                    {t("nav.logout")}
                  </button>
                </Form>
              </>
            ) : (
              <Link to={`/${locale}/login`}>{t("nav.login")}</Link>
            )}
            <a href={switchLocalePath(location.pathname, location.search, other)} hrefLang={other} lang={other} className="lang-switch">
              {t("nav.switchTo")}
            </a>
          </nav>
        </div>
        {offerLocale ? (
          <Form method="post" action={`/${locale}/owner/account`} className="site-header__inner locale-offer">
            <input type="hidden" name="intent" value="language" />
            <input type="hidden" name="locale" value={locale} />
            <span>{t(`account.nav.emailsIn.${offerLocale}`)}</span>
            <button type="submit" className="link-button">
              {t(`account.nav.receiveIn.${locale}`)}
            </button>
          </Form>
        ) : null}
      </header>
      <Outlet />
      <footer className="site-footer">
        <p>
          © Socialbrief · <Link to={`/${locale}/privacy`}>{t("landing.privacy.title")}</Link>
        </p>
      </footer>
    </>
  );
}
