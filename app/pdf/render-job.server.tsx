// What a PDF worker can render. Jobs are plain data (they cross a thread
// boundary): the worker looks up words itself from the job's locale.
import type { ProposalView } from "~/domain/strategy/view";
import { renderFullProposalPdf, type PdfBranding } from "./full-proposal.server";

export interface PdfJob {
  document: "full-proposal";
  view: ProposalView;
  /** The colours; the owner's logo is added by renderInPool when not given. */
  branding: PdfBranding;
  studioName: string;
  /** ISO date stamped in the PDF (a sent version's sentAt), for reproducible bytes; now when absent. */
  createdAt?: string;
}

export async function renderJob(job: PdfJob): Promise<Buffer> {
  return renderFullProposalPdf(job.view, job.branding, job.studioName, { createdAt: job.createdAt ? new Date(job.createdAt) : undefined });
}
