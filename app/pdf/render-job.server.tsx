// What a PDF worker can render. Jobs are plain data (they cross a thread
// boundary): the proposal's view and the invoice's courtesy copy hold every
// word already in the reader's language.
import type { CourtesyCopy } from "~/domain/invoice/courtesy-copy";
import type { ProposalView } from "~/domain/strategy/view";
import { renderFullProposalPdf, type PdfBranding } from "./full-proposal.server";
import { renderInvoiceCopyPdf } from "./invoice-copy.server";

interface JobBase {
  /** The colours; the owner's logo is added by renderInPool when not given. */
  branding: PdfBranding;
  studioName: string;
  /** ISO date stamped in the PDF (a sent version's sentAt, an invoice's date), for reproducible bytes; now when absent. */
  createdAt?: string;
}

export interface ProposalPdfJob extends JobBase {
  document: "full-proposal";
  view: ProposalView;
}

export interface InvoicePdfJob extends JobBase {
  document: "invoice-copy";
  copy: CourtesyCopy;
}

export type PdfJob = ProposalPdfJob | InvoicePdfJob;

export async function renderJob(job: PdfJob): Promise<Buffer> {
  const createdAt = job.createdAt ? new Date(job.createdAt) : undefined;
  if (job.document === "invoice-copy") return renderInvoiceCopyPdf(job.copy, job.branding, job.studioName, { createdAt });
  return renderFullProposalPdf(job.view, job.branding, job.studioName, { createdAt });
}
