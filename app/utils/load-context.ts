// What server/app.ts hands every Remix loader, action and entry function
// (getLoadContext), typed once for both sides.
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** This request's Content-Security-Policy nonce, for every inline and module script. */
    cspNonce: string;
  }
}

export {};
