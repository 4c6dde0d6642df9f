import { useRouteLoaderData, useLocation } from "@remix-run/react";
import { defaultLocale, isLocale, localeFromPath, type Locale } from "~/i18n/i18n";

/** The locale of the current page: the root loader's, else the URL's, else Italian. */
export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale?: string }>("root");
  const location = useLocation();
  if (isLocale(data?.locale)) return data.locale;
  return localeFromPath(location.pathname) ?? defaultLocale;
}
