import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

type Handler<A> = (args: A) => Promise<unknown>;

/** Calls a route's action or loader the way Remix does, and returns the Response it gave or threw. */
export async function call<A extends ActionFunctionArgs | LoaderFunctionArgs>(
  handler: Handler<A>,
  request: Request,
  params: Record<string, string>,
): Promise<Response> {
  try {
    const result = await handler({ request, params, context: {} } as A);
    if (result instanceof Response) return result;
    return Response.json(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export function post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}

export function get(url: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${url}`, { headers });
}

/** The `name=value` part of a Set-Cookie header, to send back as Cookie. */
export function cookieFrom(response: Response): string {
  const header = response.headers.get("Set-Cookie") ?? "";
  return header.split(";")[0] ?? "";
}
