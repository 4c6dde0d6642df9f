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
  const fromEnv = Number(process.env.PDF_WORKERS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  // One core is left to the server itself: PDFs render once per version,
  // while every page request wants the event loop's core now.
  return Math.max(1, Math.min(4, cpus().length - 1));
}

function getPool(): Piscina {
  if (!shared.__socialbriefPdfPool) {
    const { filename, execArgv } = workerFile();
    const size = pdfPoolSize();
    shared.__socialbriefPdfPool = new Piscina({ filename, execArgv, minThreads: 1, maxThreads: size, idleTimeout: 60_000 });
  }
  return shared.__socialbriefPdfPool;
}

/**
 * Starts the pool's standing workers and runs `sample` on each of them (a
 * worker's first render is several times slower than the next: modules, fonts,
 * the layout engine). Resolves with the number of workers that are warm.
 */
export async function warmPool(sample: PdfJob): Promise<number> {
  const current = getPool();
  const standing = Math.max(1, current.options.minThreads);
  // Each render keeps one worker busy, so `standing` renders at once reach every standing worker.
  await Promise.all(Array.from({ length: standing }, () => current.run(sample)));
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
