// What server/app.ts hands every Remix loader, action and entry function
// (getLoadContext), typed once for both sides.
import type { Logger } from "pino";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** This request's id (the X-Request-Id answer header), given by server/app.ts. */
    requestId: string;
    /** This request's logger: every line carries the request id. */
    logger: Logger;
    /** This request's Content-Security-Policy nonce, for every inline and module script. */
    cspNonce: string;
  }
}

export {};
