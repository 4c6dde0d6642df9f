// The owner's preview PDFs, by lead and content. The proposal editor asks for
// its preview on every visit, after every save and in every open tab: a working
// copy whose preview was drawn in the last few minutes, unchanged since, is
// served from memory, and requests for one that is being drawn share that
// render. Previews only: they carry no date of their own (sent versions are
// dated and stored, app/models/proposal-versions.server.ts).
//
// Personal data: an entry lives at most PREVIEW_TTL_MS, in this process only;
// erasing a person (app/models/gdpr.server.ts) drops their leads' previews from
// this process at once, and another instance's copies expire within that time.
import { createHash } from "node:crypto";
import { getBrandLogoVersion } from "~/models/brand-logo.server";
import { renderInPool } from "./pool.server";
import type { ProposalPdfJob } from "./render-job.server";

/** A few dozen full proposals (about 0.3 MB each). */
const MAX_BYTES = 16 * 1024 * 1024;
/** How long a preview is kept: the time an owner spends on one proposal. */
export const PREVIEW_TTL_MS = 10 * 60 * 1000;

interface Entry {
  leadId: string;
  pdf: Promise<Buffer>;
  bytes: number;
  at: number;
}

// One cache per process, shared by every copy of this module (the integration
// tests load the app twice: their own imports and the compiled build).
const shared = globalThis as unknown as { __socialbriefPreviews?: { entries: Map<string, Entry>; bytes: number } };
function store() {
  return (shared.__socialbriefPreviews ??= { entries: new Map(), bytes: 0 });
}

/** The lead and every input of the render (the logo by its hash). */
function keyOf(leadId: string, job: Omit<ProposalPdfJob, "createdAt">, logoSha256: string | null): string {
  const { logo: _logo, ...colours } = job.branding;
  return createHash("sha256")
    .update(JSON.stringify([leadId, job.studioName, colours, logoSha256, job.view]))
    .digest("hex");
}

function drop(key: string): void {
  const cache = store();
  const entry = cache.entries.get(key);
  if (!entry) return;
  cache.entries.delete(key);
  cache.bytes -= entry.bytes;
}

/**
 * A lead's working copy as a PDF: drawn by the worker pool the first time,
 * from memory after that until the copy, the settings or the logo change, or
 * PREVIEW_TTL_MS pass. A failed render is not kept: the next request tries again.
 */
export async function previewPdf(leadId: string, job: Omit<ProposalPdfJob, "createdAt">, now = Date.now()): Promise<Buffer> {
  // The key needs only the logo's hash (a one-column read); renderInPool reads its bytes when a render is needed.
  const logoSha256 = job.branding.logo === undefined ? await getBrandLogoVersion() : (job.branding.logo?.sha256 ?? null);
  const key = keyOf(leadId, job, logoSha256);
  const cache = store();
  const known = cache.entries.get(key);
  if (known && now - known.at < PREVIEW_TTL_MS) {
    // Most recently used last: the oldest entries go first.
    cache.entries.delete(key);
    cache.entries.set(key, known);
    return known.pdf;
  }
  drop(key);
  // renderInPool adds the owner's logo when the job has none.
  const entry: Entry = { leadId, pdf: renderInPool(job), bytes: 0, at: now };
  cache.entries.set(key, entry);
  try {
    const pdf = await entry.pdf;
    if (cache.entries.get(key) === entry) {
      entry.bytes = pdf.byteLength;
      cache.bytes += pdf.byteLength;
      for (const [oldest, old] of cache.entries) {
        if (cache.bytes <= MAX_BYTES) break;
        if (oldest !== key && (old.bytes > 0 || now - old.at >= PREVIEW_TTL_MS)) drop(oldest);
      }
    }
    return pdf;
  } catch (error) {
    if (cache.entries.get(key) === entry) drop(key);
    throw error;
  }
}

/** Drops these leads' previews from this process (erasure). */
export function forgetPreviews(leadIds: string[]): void {
  const ids = new Set(leadIds);
  for (const [key, entry] of store().entries) if (ids.has(entry.leadId)) drop(key);
}

/** How many previews of a lead this process holds (tests). */
export function cachedPreviews(leadId: string): number {
  let count = 0;
  for (const entry of store().entries.values()) if (entry.leadId === leadId) count++;
  return count;
}
