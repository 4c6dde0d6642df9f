// Warming the PDF workers at start: each worker the pool keeps renders sample
// proposals (an invented prospect, the default settings), so fonts are
// parsed, the layout engine is compiled and the modules are loaded before the
// first real PDF is asked for; that one then takes as long as any other.
import { buildProposal } from "~/domain/strategy/engine";
import { ISSUED_ON, prospectAnswers, prospects } from "~/domain/strategy/prospects.fixture";
import { defaultOwnerSettings } from "~/domain/strategy/settings";
import { proposalView } from "~/domain/strategy/view";
import { getT } from "~/i18n/i18n";
import { warmPool } from "./pool.server";
import type { PdfJob } from "./render-job.server";

function sampleJob(prospect: "hut" | "municipality"): PdfJob {
  const p = prospects[prospect];
  const model = buildProposal({ answers: prospectAnswers(p), organisation: p.organisation, contactName: "contactName" in p ? p.contactName : "Marta Neri", issuedOn: ISSUED_ON }, defaultOwnerSettings);
  const t = getT("it");
  return { document: "full-proposal", view: proposalView(model, "it", (key, options) => t(key, options)), branding: { ...defaultOwnerSettings.branding, logo: null }, studioName: defaultOwnerSettings.studioName };
}

/**
 * Starts the PDF workers and has each render PDF_WARM_RENDERS (2) samples,
 * two different prospects in turn; resolves with how many are warm.
 * PDF_WARM_RENDERS=0 skips the warm-up (servers started by tests about other
 * things): the first PDF then starts a worker and pays its cold start.
 */
export function warmPdfWorkers(): Promise<number> {
  const setting = process.env.PDF_WARM_RENDERS;
  if (setting === "0") return Promise.resolve(0);
  const renders = Math.max(1, Math.min(4, Number(setting) || 2));
  return warmPool(Array.from({ length: renders }, (_, i) => sampleJob(i % 2 === 0 ? "hut" : "municipality")));
}
