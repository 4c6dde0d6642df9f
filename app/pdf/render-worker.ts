// Runs in a worker thread (piscina): turns a job into PDF bytes, off the
// request path. Built to build/pdf-worker/render-worker.js for production;
// in development and tests it runs from source through tsx.
import { renderJob, type PdfJob } from "./render-job.server";

export default async function render(job: PdfJob): Promise<Uint8Array> {
  const bytes = await renderJob(job);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
