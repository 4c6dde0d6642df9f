// Renders the full proposal (Italian municipality prospect) several times in
// this process, for a CPU profile of react-pdf's work:
//
//   node --cpu-prof --cpu-prof-dir=bench/.tmp/prof --import tsx bench/profile-proposal-pdf.ts
//   npx tsx bench/cpuprofile-summary.ts bench/.tmp/prof/<file>.cpuprofile
//
// BENCH_RENDERS (5) renders after a first one (fonts, modules); each prints its time.
import { buildProposal } from "~/domain/strategy/engine";
import { ISSUED_ON, prospectAnswers, prospects } from "~/domain/strategy/prospects.fixture";
import { defaultOwnerSettings } from "~/domain/strategy/settings";
import { proposalView } from "~/domain/strategy/view";
import { getT } from "~/i18n/i18n";
import { renderFullProposalPdf } from "~/pdf/full-proposal.server";

const renders = Number(process.env.BENCH_RENDERS ?? 5);
const prospect = prospects.municipality;
const model = buildProposal({ answers: prospectAnswers(prospect), organisation: prospect.organisation, contactName: "Marta Neri", issuedOn: ISSUED_ON }, defaultOwnerSettings);
const view = proposalView(model, "it", (key, options) => getT("it")(key, options));
const branding = { ...defaultOwnerSettings.branding, logo: null };

for (let i = 0; i <= renders; i++) {
  const start = performance.now();
  // A new studio name each time: a document never laid out before.
  await renderFullProposalPdf(view, branding, `Studio ${i}`);
  console.log(`${i === 0 ? "first" : `render ${i}`}: ${(performance.now() - start).toFixed(0)} ms`);
}
