// Proposal PDFs, in one run on the production build:
//  1. median time per proposal PDF: @react-pdf/renderer (the app's PDF route,
//     rendered in the worker pool) beside headless Chromium printing the web
//     view of the same proposal to PDF (Playwright, Debian's chromium);
//  2. the render itself, in this process (the route serves a sent version's
//     PDF from storage after its first render, so 1. mostly times storage):
//     a new version (a studio name not rendered before) and the same document
//     again (both one pass since the contents' pages are found while paginating), Italian municipality prospect;
//  3. p99 latency of the intake page while four PDFs render at once, beside
//     the same page idle;
//  4. the same content laid out with raw pdfkit (bench/lib/raw-pdfkit-proposal.ts,
//     the pdfkit react-pdf draws with, the same Inter TTFs), with both PDFs'
//     word counts (pdftotext) to show it prints the same words; the ratios
//     react-pdf / pdfkit and react-pdf / Chromium against issue 14's targets;
//  5. the first PDF after the server starts (a sent version never rendered)
//     beside later never-rendered versions;
//  6. the server's peak RSS (VmRSS of its process every 20 ms, and VmHWM)
//     while four never-rendered versions render at once, on a second server
//     started with PDF_WORKERS=4 (BENCH_RSS_WORKERS) so that they do run at once.
//
//   npm run build && npx tsx bench/proposal-pdf.ts
//   BENCH_PDFS=20 BENCH_PAGES=400 npx tsx bench/proposal-pdf.ts
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { chromium } from "@playwright/test";
import { buildProposal } from "~/domain/strategy/engine";
import { ISSUED_ON, prospectAnswers, prospects } from "~/domain/strategy/prospects.fixture";
import { defaultOwnerSettings } from "~/domain/strategy/settings";
import { proposalView } from "~/domain/strategy/view";
import { getT } from "~/i18n/i18n";
import { renderFullProposalPdf } from "~/pdf/full-proposal.server";
import { renderRawPdfkitProposal } from "./lib/raw-pdfkit-proposal";
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
  await renderFullProposalPdf(view, branding, `Studio ${i}`); // a studio name not rendered yet
  newVersion.push(performance.now() - start);
  start = performance.now();
  await renderFullProposalPdf(view, branding, `Studio ${i}`);
  sameDocument.push(performance.now() - start);
}
// The same content with raw pdfkit (fonts parsed by its first render, as react-pdf's were by its first).
const studio = `Studio ${renders}`;
const reactPdfBytes = await renderFullProposalPdf(view, branding, studio);
const rawFirstStart = performance.now();
const rawPdfBytes = await renderRawPdfkitProposal(view, branding.primaryColor, studio);
const rawFirst = performance.now() - rawFirstStart;
const rawPdfkit: number[] = [];
for (let i = 0; i < renders; i++) {
  const start = performance.now();
  await renderRawPdfkitProposal(view, branding.primaryColor, studio);
  rawPdfkit.push(performance.now() - start);
}
/** Words of a PDF's text (pdftotext, Poppler), and its pages. */
function pdfWords(bytes: Buffer, name: string): { words: number; pages: number } {
  const file = `${root}/bench/.tmp/${name}.pdf`;
  writeFileSync(file, bytes);
  const text = execFileSync("pdftotext", [file, "-"]).toString();
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file]).toString())?.[1] ?? NaN);
  return { words: text.split(/\s+/).filter(Boolean).length, pages };
}

// Leads (each a sent version with its own snapshot): 0 for the stored-PDF and
// Chromium timings, 1 the first PDF after start, then `warmVersions` more
// never rendered, then four rendered at once on the second server.
const warmVersions = Number(process.env.BENCH_WARM_VERSIONS ?? 3);
const rssWorkers = process.env.BENCH_RSS_WORKERS ?? "4";
const DATABASE_URL = freshDatabase("proposal-pdf");
execFileSync(`${root}/node_modules/.bin/tsx`, ["scripts/migrate.ts", "deploy"], { cwd: root, env: { ...process.env, DATABASE_URL }, stdio: "ignore" });
const tokens = execFileSync(`${root}/node_modules/.bin/tsx`, ["bench/seed-proposal.ts"], { cwd: root, env: { ...process.env, DATABASE_URL, LOG_LEVEL: "silent", BENCH_LEADS: String(2 + warmVersions + 4) } })
  .toString()
  .trim()
  .split("\n");
const token = tokens[0]!;
const firstToken = tokens[1]!;
const warmTokens = tokens.slice(2, 2 + warmVersions);
const rssTokens = tokens.slice(2 + warmVersions);
const poolSize = Number(process.env.PDF_WORKERS) || Math.max(1, Math.min(4, cpus().length - 1));
const serverStart = performance.now();
let server = await startServer(port, { DATABASE_URL });
const serverUp = performance.now() - serverStart;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function fetchPdf(of = token): Promise<void> {
  const response = await fetch(`${base}/it/p/${of}/pdf`);
  if (!response.ok || response.headers.get("content-type") !== "application/pdf") throw new Error(`PDF route answered ${response.status}`);
  await response.arrayBuffer();
}

/** A line of /proc/<pid>/status in MB (VmRSS: now, VmHWM: the peak so far). */
function statusMb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return kb ? Number(kb) / 1024 : NaN;
}

try {
  // The first PDF after the start: a version never rendered, asked for as soon as /healthz answers
  // (the workers' warm-up may still be running), then versions never rendered on the warm server.
  const firstPdf = await timed(() => fetchPdf(firstToken));
  const warmNew: number[] = [];
  for (const t of warmTokens) warmNew.push(await timed(() => fetchPdf(t)));

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

  // Peak memory while four never-rendered versions render at once, on a fresh server whose pool may hold four workers.
  await stopServer(server);
  server = await startServer(port, { DATABASE_URL, PDF_WORKERS: rssWorkers });
  const pid = server.pid!;
  await new Promise((r) => setTimeout(r, Number(process.env.BENCH_RSS_SETTLE_MS ?? 3000))); // the start's warm-up render
  const rssBefore = statusMb(pid, "VmRSS");
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, statusMb(pid, "VmRSS"));
  }, 20);
  const fourStart = performance.now();
  await Promise.all(rssTokens.map((t) => fetchPdf(t)));
  const fourMs = performance.now() - fourStart;
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, statusMb(pid, "VmRSS"));
  const hwm = statusMb(pid, "VmHWM");

  const median = (v: number[]) => percentile(v, 50);
  console.log(`Proposal PDF, ${pdfs} renders each (production build, loopback)`);
  console.log("");
  console.log("renderer                     median ms   p95 ms");
  console.log(`@react-pdf/renderer (pool)  ${median(reactPdf).toFixed(0).padStart(9)}  ${percentile(reactPdf, 95).toFixed(0).padStart(7)}`);
  console.log(`Chromium page.pdf()         ${median(chrome).toFixed(0).padStart(9)}  ${percentile(chrome, 95).toFixed(0).padStart(7)}`);
  console.log(`react-pdf / Chromium median ratio: ${(median(reactPdf) / median(chrome)).toFixed(2)}`);
  console.log("");
  console.log(`Proposal PDF render in this process, ${renders} renders each (after a first one: ${firstRender.toFixed(0)} ms)`);
  console.log(`new version                  ${percentile(newVersion, 50).toFixed(0).padStart(9)}  ${percentile(newVersion, 95).toFixed(0).padStart(7)}`);
  console.log(`same document again          ${percentile(sameDocument, 50).toFixed(0).padStart(9)}  ${percentile(sameDocument, 95).toFixed(0).padStart(7)}`);
  console.log("");
  console.log(`Intake page (/it/intake/about), ${pages} sequential requests`);
  console.log("condition                 p50 ms   p99 ms");
  console.log(`idle                   ${percentile(idle, 50).toFixed(1).padStart(8)} ${percentile(idle, 99).toFixed(1).padStart(8)}`);
  console.log(`4 PDFs rendering       ${percentile(busy, 50).toFixed(1).padStart(8)} ${percentile(busy, 99).toFixed(1).padStart(8)}   (${rendered} PDFs rendered meanwhile)`);
  console.log(`busy / idle p99 ratio: ${(percentile(busy, 99) / percentile(idle, 99)).toFixed(2)}`);

  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  const react = pdfWords(reactPdfBytes, "proposal-react-pdf");
  const raw = pdfWords(rawPdfBytes, "proposal-raw-pdfkit");
  const wordsOff = Math.abs(raw.words - react.words) / react.words;
  const twoPasses = median(newVersion);
  const onePass = median(sameDocument);
  const floor = median(rawPdfkit);
  const warmRoute = median(warmNew);
  console.log("");
  console.log(`Issue 14 "PDF speed and memory". In this process, ${renders} renders each, the municipality prospect; through the server, the hotel fixture (seed-proposal.ts)`);
  console.log("path                                   median ms   p95 ms");
  console.log(`react-pdf, new version                ${twoPasses.toFixed(0).padStart(9)}  ${percentile(newVersion, 95).toFixed(0).padStart(7)}`);
  console.log(`react-pdf, same document again        ${onePass.toFixed(0).padStart(9)}  ${percentile(sameDocument, 95).toFixed(0).padStart(7)}`);
  console.log(`raw pdfkit (one pass)                 ${floor.toFixed(0).padStart(9)}  ${percentile(rawPdfkit, 95).toFixed(0).padStart(7)}   (first: ${rawFirst.toFixed(0)} ms)`);
  console.log(`react-pdf route, never-rendered, warm ${warmRoute.toFixed(0).padStart(9)}  ${percentile(warmNew, 95).toFixed(0).padStart(7)}   (server: ${warmNew.length} versions, one pass in a worker + storage)`);
  console.log(`Chromium page.pdf(), warm             ${median(chrome).toFixed(0).padStart(9)}  ${percentile(chrome, 95).toFixed(0).padStart(7)}   (server: the web view loaded and printed)`);
  console.log(`words (pdftotext): react-pdf ${react.words} on ${react.pages} pages, raw pdfkit ${raw.words} on ${raw.pages} pages, ${(wordsOff * 100).toFixed(1)}% apart   ${verdict(wordsOff <= 0.1)} (within 10%)`);
  console.log(`react-pdf / pdfkit, new version:      ${(twoPasses / floor).toFixed(2)}x   ${verdict(twoPasses <= 1.5 * floor)} (target at most 1.5x)`);
  console.log(`react-pdf / pdfkit, same document:    ${(onePass / floor).toFixed(2)}x   ${verdict(onePass <= 1.5 * floor)} (target at most 1.5x)`);
  console.log(`react-pdf / Chromium, new version:    ${(warmRoute / median(chrome)).toFixed(2)}x   ${verdict(warmRoute < median(chrome))} (target below 1: a never-rendered version vs warm Chromium, same content)`);
  console.log("");
  console.log(`First PDF after a fresh start (server up in ${serverUp.toFixed(0)} ms, PDF asked at once; pool of ${poolSize} worker(s): PDF_WORKERS, else cores - 1, at most 4)`);
  console.log(`first never-rendered version          ${firstPdf.toFixed(0).padStart(9)} ms`);
  console.log(`warm never-rendered version (median)  ${warmRoute.toFixed(0).padStart(9)} ms`);
  console.log(`first / warm: ${(firstPdf / warmRoute).toFixed(2)}x   ${verdict(firstPdf < 1.5 * warmRoute)} (target below 1.5x)`);
  console.log("");
  console.log(`Server memory, four never-rendered versions at once (PDF_WORKERS=${rssWorkers}, ${fourMs.toFixed(0)} ms for the four)`);
  console.log(`RSS before ${rssBefore.toFixed(0)} MB, peak sampled every 20 ms ${rssPeak.toFixed(0)} MB, VmHWM ${hwm.toFixed(0)} MB   ${verdict(Math.max(rssPeak, hwm) < 350)} (target peak below 350 MB)`);
} finally {
  await stopServer(server);
}
