// Second build step: the PDF render worker as its own Node entry
// (build/pdf-worker/render-worker.js), loaded by piscina in production.
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  publicDir: false,
  build: {
    ssr: "app/pdf/render-worker.ts",
    outDir: "build/pdf-worker",
    target: "node20",
    emptyOutDir: true,
    rollupOptions: { output: { entryFileNames: "render-worker.js", format: "es" } },
  },
  ssr: { external: ["better-sqlite3", "@react-pdf/renderer", "pg"] },
  plugins: [tsconfigPaths()],
});
