// The page of a 5xx that no route's error boundary renders: Express's own
// (server/app.ts: something threw, or the server is overloaded), a resource
// route's (PDF, CSV, logo, redirects) that threw, and a page whose error
// boundary failed to render too: Remix would answer the last two with a bare
// English "Unexpected Server Error". Plain HTML in the page's
// language, no script, never a stack trace; the request id is shown, so a
// person can quote it and we find the log line.
import type { ActionFunction, AppLoadContext, HandleDocumentRequestFunction, HandleErrorFunction, LoaderFunction, ServerBuild } from "@remix-run/node";
import { isRouteErrorResponse } from "@remix-run/react";
import { en } from "../app/i18n/locales/en";
import { it } from "../app/i18n/locales/it";
import "../app/utils/load-context";
import { escapeHtml } from "./html";

export type PageLang = "it" | "en";

/** The language of a page by its path (a routePath or a URL's pathname): English under /en, Italian elsewhere. */
export function langOf(path: string): PageLang {
  return /^\/en(\/|$)/i.test(path) ? "en" : "it";
}

export function errorPage(lang: PageLang, status: 500 | 503, requestId: string): string {
  const errors = (lang === "en" ? en : it).errors;
  const [title, body] = status === 503 ? [errors.busyTitle, errors.busyBody] : [errors.serverTitle, errors.serverBody];
  const reference = lang === "en" ? "Reference" : "Riferimento";
  return `<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(body)}</p>
<p><small>${reference}: ${escapeHtml(requestId)}</small></p>
<p><a href="/${lang}">${escapeHtml(errors.backHome)}</a></p>
</main>
</body>
</html>
`;
}

/** The translated 500 page for a request Remix handles, with the request id from the load context. */
function errorResponse(request: Request, context: Partial<AppLoadContext> | undefined): Response {
  return new Response(errorPage(langOf(new URL(request.url).pathname), 500, context?.requestId ?? ""), {
    status: 500,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * A resource route's loader or action: a thrown Error is logged by the build's
 * handleError (with the request id) and answered with the translated page.
 * Thrown Responses (redirects, 404s) and route error responses go on as Remix handles them.
 */
function withErrorPage<F extends LoaderFunction | ActionFunction>(fn: F, handleError: HandleErrorFunction): F {
  const wrapped: LoaderFunction = async (args) => {
    try {
      return await fn(args);
    } catch (error) {
      if (error instanceof Response || isRouteErrorResponse(error) || args.request.signal.aborted) throw error;
      handleError(error, args);
      return errorResponse(args.request, args.context);
    }
  };
  return wrapped as F;
}

/**
 * The document render: Remix renders a page again with the error after a
 * failed render (the error boundary); when that fails too, the translated page
 * instead of Remix's bare text. Both failures are logged by handleError.
 */
function withDocumentErrorPage(render: HandleDocumentRequestFunction, handleError: HandleErrorFunction): HandleDocumentRequestFunction {
  const failedOnce = new WeakSet<Request>();
  return async (request, status, headers, entryContext, loadContext) => {
    try {
      return await render(request, status, headers, entryContext, loadContext);
    } catch (error) {
      if (!failedOnce.has(request)) {
        failedOnce.add(request);
        throw error; // Remix logs it and renders the error boundary
      }
      handleError(error, { request, params: {}, context: loadContext });
      return errorResponse(request, loadContext);
    }
  };
}

/**
 * The same build, answering with the translated page where Remix has no error
 * boundary to render: every resource route (no page component) that throws, and
 * a page whose error boundary fails to render.
 */
export function withErrorPages(build: ServerBuild): ServerBuild {
  const handleError = build.entry.module.handleError;
  if (!handleError) return build;
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    const { loader, action, default: page } = route.module;
    routes[id] = page
      ? route
      : {
          ...route,
          module: {
            ...route.module,
            ...(loader ? { loader: withErrorPage(loader, handleError) } : {}),
            ...(action ? { action: withErrorPage(action, handleError) } : {}),
          },
        };
  }
  return { ...build, routes, entry: { module: { ...build.entry.module, default: withDocumentErrorPage(build.entry.module.default, handleError) } } };
}
