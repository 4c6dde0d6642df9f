// What a PDF worker can render. Jobs are plain data (they cross a thread
// boundary): the worker looks up words itself from the job's locale.
import type { ProposalText } from "~/domain/proposal-text";
import { getT, type Locale } from "~/i18n/i18n";
import type { ProposalView } from "~/domain/strategy/view";
import { renderFullProposalPdf } from "./full-proposal.server";
import { renderProposalPdf } from "./proposal-document.server";

export type PdfJob =
  | { document: "proposal"; locale: Locale; text: ProposalText }
  | { document: "full-proposal"; view: ProposalView; branding: { primaryColor: string; accentColor: string }; studioName: string };

export async function renderJob(job: PdfJob): Promise<Buffer> {
  switch (job.document) {
    case "proposal": {
      const t = getT(job.locale);
      return renderProposalPdf(job.text, (page, total) => t("proposal.page", { page, total }), job.locale);
    }
    case "full-proposal":
      return renderFullProposalPdf(job.view, job.branding, job.studioName);
  }
}
