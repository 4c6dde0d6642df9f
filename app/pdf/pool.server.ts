// A small pool of worker threads that render PDFs, so a long render never
// blocks the server's event loop (other requests keep their latency).
import { existsSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { logoForPdf } from "~/models/brand-logo.server";
import { logger } from "~/utils/logger.server";
import type { PdfJob } from "./render-job.server";

// One pool per process, shared by every copy of this module: the integration
// tests load the app twice (their own imports and the compiled build) and keep
// one warm worker for all their files.
const shared = globalThis as unknown as { __socialbriefPdfPool?: Piscina };

/** The worker's file: the built bundle in production, the TypeScript source (through tsx) otherwise. */
function workerFile(): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  if (/\.tsx?$/.test(new URL(here).pathname)) {
    return { filename: fileURLToPath(new URL("./render-worker.dev.mjs", here)), execArgv: [] };
  }
  // build/server/index.js → build/pdf-worker/render-worker.js
  const built = fileURLToPath(new URL("../pdf-worker/render-worker.js", here));
  if (!existsSync(built)) throw new Error(`PDF worker bundle missing at ${built}: run npm run build`);
  return { filename: built, execArgv: [] };
}

export function pdfPoolSize(): number {
  const cores = cpus().length;
  // More workers than cores render no faster (a render is all CPU), and each
  // holds its own fonts and heap: PDF_WORKERS is capped at the core count.
  const fromEnv = Number(process.env.PDF_WORKERS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return Math.min(fromEnv, cores);
  // One core is left to the server itself: PDFs render once per version,
  // while every page request wants the event loop's core now.
  return Math.max(1, Math.min(4, cores - 1));
}

/**
 * A worker's V8 heap limits. A small young generation (V8's default is
 * 16 MB per semi-space, three of them) is collected more often but keeps
 * each worker's resident memory far lower; a render's garbage dies young.
 * The old generation holds the parsed fonts and the glyph run cache: its
 * limit is a ceiling against a runaway document (the worker then fails that
 * render and piscina starts another), far above what a proposal needs.
 */
function workerResourceLimits(): { maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number } {
  return {
    maxYoungGenerationSizeMb: Number(process.env.PDF_WORKER_YOUNG_MB) || 12,
    maxOldGenerationSizeMb: Number(process.env.PDF_WORKER_OLD_MB) || 512,
  };
}

function getPool(): Piscina {
  if (!shared.__socialbriefPdfPool) {
    const { filename, execArgv } = workerFile();
    const size = pdfPoolSize();
    shared.__socialbriefPdfPool = new Piscina({ filename, execArgv, minThreads: 1, maxThreads: size, idleTimeout: 60_000, resourceLimits: workerResourceLimits() });
  }
  return shared.__socialbriefPdfPool;
}

/**
 * Starts the pool's standing workers and runs each of `samples` on each of
 * them, in turn (a worker's first render is several times slower than the
 * next: modules, fonts, the JIT, the shaping cache; the second still gains).
 * Resolves with the number of workers that are warm.
 */
export async function warmPool(samples: PdfJob[]): Promise<number> {
  const current = getPool();
  const standing = Math.max(1, current.options.minThreads);
  // Each render keeps one worker busy, so `standing` renders at once reach every standing worker.
  for (const sample of samples) await Promise.all(Array.from({ length: standing }, () => current.run(sample)));
  return current.threads.length;
}

/** How many worker threads are running now. */
export function pdfWorkerCount(): number {
  return shared.__socialbriefPdfPool?.threads.length ?? 0;
}

/** Renders a PDF in a worker thread. */
export async function renderInPool(job: PdfJob): Promise<Buffer> {
  // Every document carries the owner's current logo (unless the caller passed one, or null).
  if (job.branding.logo === undefined) job = { ...job, branding: { ...job.branding, logo: await logoForPdf() } };
  logger.debug({ document: job.document, locale: job.document === "full-proposal" ? job.view.locale : job.copy.locale }, "pdf render started");
  const bytes = (await getPool().run(job)) as Uint8Array;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Stops the workers (graceful shutdown, end of tests). */
export async function closePdfPool(): Promise<void> {
  const current = shared.__socialbriefPdfPool;
  shared.__socialbriefPdfPool = undefined;
  if (current) await current.destroy();
}
