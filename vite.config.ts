import { vitePlugin as remix } from "@remix-run/dev";
import path from "node:path";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * The browser bundle carries no dictionary: app/i18n/i18n.ts imports
 * ./dictionaries (every word, for the server), and the client build gets
 * ./dictionaries.browser.ts (none) instead. A page's words come with its HTML
 * (app/i18n/parts.ts).
 */
function browserWithoutDictionaries(): Plugin {
  const real = path.resolve("app/i18n/dictionaries.ts");
  const browser = path.resolve("app/i18n/dictionaries.browser.ts");
  return {
    name: "socialbrief:browser-without-dictionaries",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (options?.ssr || !importer) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === real ? browser : null;
    },
  };
}

export default defineConfig({
  server: { port: 3000 },
  build: { target: "es2022" },
  ssr: {
    // Native and heavy server-only packages stay in node_modules.
    external: ["better-sqlite3", "@react-pdf/renderer", "pg"],
  },
  plugins: [
    browserWithoutDictionaries(),
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
    tsconfigPaths(),
  ],
});
