import { isLocale, negotiateLocale, localeFromPath, type Locale } from "~/i18n/i18n";

/** Locale from the URL's first segment, else from Accept-Language. */
export function getRequestLocale(request: Request): Locale {
  return localeFromPath(new URL(request.url).pathname) ?? negotiateLocale(request.headers.get("Accept-Language"));
}

/** For `$lang` routes: a locale we do not serve is a 404, not a silent fallback. */
export function requireLocaleParam(lang: string | undefined): Locale {
  if (!isLocale(lang)) throw new Response("Not Found", { status: 404 });
  return lang;
}
