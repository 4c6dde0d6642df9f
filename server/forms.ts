// Every form action gets a clean form, in one place: the Remix build's actions
// are wrapped (server/app.ts) so no route can read a raw body.
// - Control characters (NUL and the rest of C0/C1, except tab, line feed and
//   carriage return, which textareas use) are removed from every field name and
//   text value before the action sees it, so they never reach the database.
// - A body that is not a form (JSON, text, …) answers 415 and a form that
//   cannot be parsed (broken multipart, …) 400, through the route's translated
//   error page, never a 500. A post without a body gets an empty form.
// Routes that take other bodies (Stripe's signed JSON webhook) are left alone.
import type { ActionFunction, ServerBuild } from "@remix-run/node";

const FORM_TYPE = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const NOT_FORMS = new Set(["routes/stripe.webhook"]);

/** A text value without control characters other than \t, \n and \r. */
export function cleanText(value: string): string {
  return value.replace(CONTROL, "");
}

function hasBody(request: Request): boolean {
  const length = request.headers.get("content-length");
  if (length !== null) return Number(length) > 0;
  return request.headers.has("transfer-encoding");
}

function rebuilt(request: Request, body: URLSearchParams | FormData): Request {
  const headers = new Headers(request.headers);
  for (const name of ["content-length", "content-type", "transfer-encoding"]) headers.delete(name);
  return new Request(request.url, { method: request.method, headers, body, signal: request.signal });
}

/** The request as the action may see it: a clean form, or a thrown 400/415. */
export async function cleanFormRequest(request: Request): Promise<Request> {
  const type = request.headers.get("content-type") ?? "";
  if (!FORM_TYPE.test(type)) {
    if (hasBody(request)) throw new Response("Unsupported Media Type", { status: 415 });
    return rebuilt(request, new URLSearchParams());
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response("Bad Request", { status: 400 });
  }
  const multipart = /multipart/i.test(type);
  const clean = multipart ? new FormData() : new URLSearchParams();
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") clean.append(cleanText(name), cleanText(value));
    else if (clean instanceof FormData) clean.append(cleanText(name), value, cleanText(value.name));
  }
  return rebuilt(request, clean);
}

function wrapAction(action: ActionFunction): ActionFunction {
  return async (args) => {
    if (args.request.method === "GET" || args.request.method === "HEAD") return action(args);
    return action({ ...args, request: await cleanFormRequest(args.request) });
  };
}

/**
 * A POST to a route without an action: a plain 405 through the route's error
 * page. Remix's own 405 carries "did not provide an `action` for route
 * routes/…" into the page it renders, naming our modules to whoever asks.
 */
const noAction: ActionFunction = () => {
  throw new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET, HEAD" } });
};

/** The same build, every form action taking its form through cleanFormRequest, and a plain 405 where there is none. */
export function withCleanForms(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    const action = route.module.action;
    if (!action) routes[id] = { ...route, module: { ...route.module, action: noAction } };
    else routes[id] = NOT_FORMS.has(id) ? route : { ...route, module: { ...route.module, action: wrapAction(action) } };
  }
  return { ...build, routes };
}
