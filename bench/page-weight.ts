// What a page costs a phone to download: for the prospect's pages, the
// JavaScript the page loads (for a hydrated page, the modules Remix loads for the
// route and their imports, from the build's manifest; for every page, each
// script the HTML names with src, such as the intake's enhancement script on
// the pages React does not hydrate, app/utils/hydrate.ts) and the data inlined
// in the HTML (the page's words, block #sb-words, and Remix's loader data),
// each compressed with gzip and brotli as a server would send them. Beside it, in the same run, the baseline: the same
// page as it would ship if it brought every word of both languages (what every
// page shipped before app/i18n/parts.ts).
//
//   npm run build && npx tsx bench/page-weight.ts
//
// Words are counted as the HTML carries them (the words block, data-words
// attributes HTML-escaped).
//
// Budget (issue 14): the intake route ships at most 60 KB of JavaScript and data
// compressed. Prints "over budget" when it does not; exits 0 either way (the
// figure is the output; CI does not run benches).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { dictionaries } from "~/i18n/dictionaries";
import { freshBenchDatabase, requireBuild, root, startServer, stopServer } from "./lib/server";

const PORT = Number(process.env.BENCH_PORT ?? 3480);
const BUDGET = 60 * 1024;

type Manifest = { entry: { module: string; imports: string[] }; routes: Record<string, { parentId?: string; module: string; imports?: string[] }> };

requireBuild();
const assets = path.join(root, "build/client/assets");
const manifestFile = readdirSync(assets).find((file) => /^manifest-.*\.js$/.test(file));
if (!manifestFile) throw new Error("no manifest in build/client/assets");
const manifest = JSON.parse(readFileSync(path.join(assets, manifestFile), "utf8").replace(/^window.__remixManifest=/, "").replace(/;\s*$/, "")) as Manifest;

function routeModules(routeId: string): string[] {
  const files = new Set([manifest.entry.module, ...manifest.entry.imports]);
  for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`no route ${id} in the manifest`);
    files.add(route.module);
    for (const file of route.imports ?? []) files.add(file);
  }
  return [...files];
}

const sizes = (bytes: Buffer) => ({ raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotliCompressSync(bytes).length });
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const pages = [
  { name: "landing", url: "/it", route: "routes/$lang._index" },
  { name: "intake, first step", url: "/it/intake/about", route: "routes/$lang.intake.$step" },
  { name: "intake, channels", url: "/en/intake/channels", route: "routes/$lang.intake.$step" },
  { name: "intake, resume link", url: `/it/intake/resume/${"x".repeat(32)}`, route: "routes/$lang.intake.resume.$token" },
  { name: "login", url: "/it/login", route: "routes/$lang.login" },
];

const database = await freshBenchDatabase("page-weight");
const server = await startServer(PORT, { DATABASE_URL: database.url, STRIPE_STANDIN: "1" });
try {
  console.log(`Page weight (compressed: gzip / brotli), build of ${new Date().toISOString().slice(0, 10)}`);
  console.log("page                 | JS              | words          | other data     | total brotli | every word (baseline) | budget 60 KB");
  for (const page of pages) {
    const response = await fetch(`http://localhost:${PORT}${page.url}`, { redirect: "follow" });
    const html = await response.text();
    // Remix's modules only when the page hydrates (its context script is there), plus every script named by src.
    const named = [...html.matchAll(/<script\b[^>]*\bsrc="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    const files = new Set([...(html.includes("window.__remixContext") ? routeModules(page.route) : []), ...named]);
    const js = [...files].map((file) => sizes(readFileSync(path.join(root, "build/client", file))));
    const jsGzip = js.reduce((sum, s) => sum + s.gzip, 0);
    const jsBrotli = js.reduce((sum, s) => sum + s.brotli, 0);
    // The words block, or on a page without hydration the words its script writes (data-words attributes).
    const words = [html.match(/<script id="sb-words"[^>]*>([\s\S]*?)<\/script>/)?.[1] ?? "", ...[...html.matchAll(/\bdata-words="([^"]*)"/g)].map((m) => m[1]!)].join("");
    const inline = [...html.matchAll(/<script(?![^>]*id="sb-words")(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join("");
    const w = sizes(Buffer.from(words));
    const other = sizes(Buffer.from(inline));
    const everyWord = sizes(Buffer.from(JSON.stringify(dictionaries)));
    const total = jsBrotli + w.brotli + other.brotli;
    const baseline = total - w.brotli + everyWord.brotli;
    console.log(
      `${page.name.padEnd(20)} | ${kb(jsGzip).padStart(7)} / ${kb(jsBrotli).padStart(7)} | ${kb(w.gzip).padStart(6)} / ${kb(w.brotli).padStart(6)} | ${kb(other.gzip).padStart(6)} / ${kb(other.brotli).padStart(6)} | ${kb(total).padStart(12)} | ${kb(baseline).padStart(21)} | ${total <= BUDGET ? "within" : `over by ${kb(total - BUDGET)}`}`,
    );
  }
} finally {
  await stopServer(server);
  await database.drop();
}

