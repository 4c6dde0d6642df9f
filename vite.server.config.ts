// Third build step: the Node server (server/index.ts and what it imports:
// server/app.ts, server/forms.ts, server/stripe-standin.ts) compiled to
// build/node/index.js, which `npm start` runs with plain node, and the Stripe
// stand-in on its own (server/standin-main.ts) to build/node/standin.js, which
// `npm run standin` runs. Packages stay in node_modules; the Remix build
// (build/server/index.js) is loaded at run time.
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  publicDir: false,
  build: {
    ssr: true,
    outDir: "build/node",
    target: "node20",
    emptyOutDir: true,
    rollupOptions: {
      input: { index: "server/index.ts", standin: "server/standin-main.ts" },
      output: { entryFileNames: "[name].js", chunkFileNames: "[name]-[hash].js", format: "es" },
    },
  },
  plugins: [tsconfigPaths()],
});
