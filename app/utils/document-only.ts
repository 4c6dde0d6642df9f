import type { ClientLoaderFunctionArgs } from "@remix-run/react";

/**
 * The clientLoader of a route that is never hydrated (app/utils/hydrate.ts):
 * a client-side navigation to it, from a link on a hydrated page, loads it as
 * a document instead (its enhancement script comes with that HTML).
 */
export function loadAsDocument({ request }: ClientLoaderFunctionArgs): Promise<never> {
  window.location.assign(request.url);
  return new Promise<never>(() => undefined);
}
