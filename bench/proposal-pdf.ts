// Proposal PDFs, in one run on the production build:
//  1. median time per proposal PDF: @react-pdf/renderer (the app's PDF route,
//     rendered in the worker pool) beside headless Chromium printing the web
//     view of the same proposal to PDF (Playwright, Debian's chromium);
//  2. the render itself, in this process (the route serves a sent version's
//     PDF from storage after its first render, so 1. mostly times storage):
//     a new version (two passes: layout, then the contents' page numbers)
//     and the same document again (one pass), Italian municipality prospect;
//  3. p99 latency of the intake page while four PDFs render at once, beside
//     the same page idle.
//
//   npm run build && npx tsx bench/proposal-pdf.ts
//   BENCH_PDFS=20 BENCH_PAGES=400 npx tsx bench/proposal-pdf.ts
import { execFileSync } from "node:child_process";
import { chromium } from "@playwright/test";
import { buildProposal } from "~/domain/strategy/engine";
import { ISSUED_ON, prospectAnswers, prospects } from "~/domain/strategy/prospects.fixture";
import { defaultOwnerSettings } from "~/domain/strategy/settings";
import { proposalView } from "~/domain/strategy/view";
import { getT } from "~/i18n/i18n";
import { renderFullProposalPdf } from "~/pdf/full-proposal.server";
import { freshDatabase, percentile, requireBuild, root, startServer, stopServer } from "./lib/server";

const pdfs = Number(process.env.BENCH_PDFS ?? 12);
const pages = Number(process.env.BENCH_PAGES ?? 300);
const port = 3410;
const base = `http://localhost:${port}`;

requireBuild();

const renders = Number(process.env.BENCH_RENDERS ?? 8);
const prospect = prospects.municipality;
const model = buildProposal({ answers: prospectAnswers(prospect), organisation: prospect.organisation, contactName: "Marta Neri", issuedOn: ISSUED_ON }, defaultOwnerSettings);
const view = proposalView(model, "it", (key, options) => getT("it")(key, options));
const branding = { ...defaultOwnerSettings.branding, logo: null };
const firstStart = performance.now();
await renderFullProposalPdf(view, branding, "Studio 0");
const firstRender = performance.now() - firstStart;
const newVersion: number[] = [];
const sameDocument: number[] = [];
for (let i = 1; i <= renders; i++) {
  let start = performance.now();
  await renderFullProposalPdf(view, branding, `Studio ${i}`); // a studio name not seen yet: no pages known, two passes
  newVersion.push(performance.now() - start);
  start = performance.now();
  await renderFullProposalPdf(view, branding, `Studio ${i}`);
  sameDocument.push(performance.now() - start);
}
const DATABASE_URL = freshDatabase("proposal-pdf");
execFileSync(`${root}/node_modules/.bin/tsx`, ["scripts/migrate.ts", "deploy"], { cwd: root, env: { ...process.env, DATABASE_URL }, stdio: "ignore" });
const token = execFileSync(`${root}/node_modules/.bin/tsx`, ["bench/seed-proposal.ts"], { cwd: root, env: { ...process.env, DATABASE_URL, LOG_LEVEL: "silent" } }).toString().trim();
const server = await startServer(port, { DATABASE_URL });

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function fetchPdf(): Promise<void> {
  const response = await fetch(`${base}/it/p/${token}/pdf`);
  if (!response.ok || response.headers.get("content-type") !== "application/pdf") throw new Error(`PDF route answered ${response.status}`);
  await response.arrayBuffer();
}

try {
  // Warm up both paths once (worker start, browser start, first compile).
  await fetchPdf();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  const page = await browser.newPage();
  const printWebView = async () => {
    await page.goto(`${base}/it/p/${token}`, { waitUntil: "load" });
    await page.pdf({ format: "A4", printBackground: true });
  };
  await printWebView();

  const reactPdf: number[] = [];
  const chrome: number[] = [];
  for (let i = 0; i < pdfs; i++) {
    reactPdf.push(await timed(fetchPdf));
    chrome.push(await timed(printWebView));
  }
  await browser.close();

  const intake = async (): Promise<number[]> => {
    const times: number[] = [];
    for (let i = 0; i < pages; i++) times.push(await timed(async () => (await fetch(`${base}/it/intake/about`, { redirect: "manual" })).arrayBuffer()));
    return times;
  };
  const idle = await intake();
  let rendering = true;
  let rendered = 0;
  const renderers = Array.from({ length: 4 }, async () => {
    while (rendering) {
      await fetchPdf();
      rendered++;
    }
  });
  const busy = await intake();
  rendering = false;
  await Promise.all(renderers);

  const median = (v: number[]) => percentile(v, 50);
  console.log(`Proposal PDF, ${pdfs} renders each (production build, loopback)`);
  console.log("");
  console.log("renderer                     median ms   p95 ms");
  console.log(`@react-pdf/renderer (pool)  ${median(reactPdf).toFixed(0).padStart(9)}  ${percentile(reactPdf, 95).toFixed(0).padStart(7)}`);
  console.log(`Chromium page.pdf()         ${median(chrome).toFixed(0).padStart(9)}  ${percentile(chrome, 95).toFixed(0).padStart(7)}`);
  console.log(`react-pdf / Chromium median ratio: ${(median(reactPdf) / median(chrome)).toFixed(2)}`);
  console.log("");
  console.log(`Proposal PDF render in this process, ${renders} renders each (after a first one: ${firstRender.toFixed(0)} ms)`);
  console.log(`new version (two passes)     ${percentile(newVersion, 50).toFixed(0).padStart(9)}  ${percentile(newVersion, 95).toFixed(0).padStart(7)}`);
  console.log(`same document (one pass)     ${percentile(sameDocument, 50).toFixed(0).padStart(9)}  ${percentile(sameDocument, 95).toFixed(0).padStart(7)}`);
  console.log("");
  console.log(`Intake page (/it/intake/about), ${pages} sequential requests`);
  console.log("condition                 p50 ms   p99 ms");
  console.log(`idle                   ${percentile(idle, 50).toFixed(1).padStart(8)} ${percentile(idle, 99).toFixed(1).padStart(8)}`);
  console.log(`4 PDFs rendering       ${percentile(busy, 50).toFixed(1).padStart(8)} ${percentile(busy, 99).toFixed(1).padStart(8)}   (${rendered} PDFs rendered meanwhile)`);
  console.log(`busy / idle p99 ratio: ${(percentile(busy, 99) / percentile(idle, 99)).toFixed(2)}`);
} finally {
  await stopServer(server);
}
