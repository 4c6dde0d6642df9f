import { createContext, useContext } from "react";

/**
 * This request's CSP nonce (server/app.ts makes one per request), given by
 * app/entry.server.tsx to every script the render writes. In the browser it is
 * undefined: scripts added after hydration are modules loaded from our origin.
 */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
