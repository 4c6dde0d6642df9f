// Third build step: the Node server (server/index.ts and what it imports:
// server/app.ts, server/forms.ts, server/stripe-standin.ts) compiled to
// build/node/index.js, which `npm start` runs with plain node. Packages stay in
// node_modules; the Remix build (build/server/index.js) is loaded at run time.
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  publicDir: false,
  build: {
    ssr: "server/index.ts",
    outDir: "build/node",
    target: "node20",
    emptyOutDir: true,
    rollupOptions: { output: { entryFileNames: "index.js", chunkFileNames: "[name]-[hash].js", format: "es" } },
  },
  plugins: [tsconfigPaths()],
});
