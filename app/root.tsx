import { skipAfterAutosave } from "~/utils/revalidate";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useMatches } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { I18nextProvider } from "react-i18next";
import { getT, i18nFor, type Locale } from "~/i18n/i18n";
import { pageWordsBlock, useWords, WORDS_SCRIPT_ID } from "~/i18n/page-words";
import { partsForHandles } from "~/i18n/parts";
import { getRequestLocale } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";
import { useNonce } from "~/utils/nonce";
import { pageHydrates } from "~/utils/hydrate";
import stylesHref from "~/styles/app.css?url";
// Built by Vite as a file of its own (a "worker" bundle is one self-contained script with a content hash): the intake's enhancement without React.
import intakeEnhanceHref from "~/enhance/intake.ts?worker&url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const shouldRevalidate = skipAfterAutosave;

export async function loader({ request }: LoaderFunctionArgs) {
  return { locale: getRequestLocale(request) };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const t = getT(data?.locale ?? "it");
  return [{ title: t("meta.title") }, { name: "description", content: t("meta.description") }];
};

function Document({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const i18n = i18nFor(locale);
  const nonce = useNonce();
  const handles = useMatches().map((match) => match.handle);
  // The words this page's routes name (app/i18n/parts.ts), in its language only.
  const parts = partsForHandles(handles);
  useWords(locale, parts);
  // A page whose route says `hydrate: false` (app/utils/hydrate.ts) is HTML and forms: no Remix
  // scripts, loader data or words block, only the enhancement script. Scroll is the browser's
  // own on these full page loads.
  const hydrate = pageHydrates(handles);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
      </head>
      <body>
        {hydrate ? (
          <script id={WORDS_SCRIPT_ID} type="application/json" nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: pageWordsBlock(locale, parts) }} />
        ) : null}
        <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : (
          <script type="module" src={intakeEnhanceHref} nonce={nonce} />
        )}
      </body>
    </html>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const locale = useLocale();
  return <Document locale={locale}>{children}</Document>;
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

/** Errors outside a language layout (and the last resort): never a stack trace. */
export function ErrorBoundary() {
  return <ErrorPage />;
}
