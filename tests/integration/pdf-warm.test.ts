// The PDF workers are warmed at start (server/index.ts): the standing worker
// renders a sample proposal before any request asks for one, and the first
// real render then runs on that same worker (no new thread is started for it).
import { afterEach, describe, expect, it } from "vitest";
import { closePdfPool, pdfWorkerCount, renderInPool } from "~/pdf/pool.server";
import { warmPdfWorkers } from "~/pdf/warm.server";
import { defaultOwnerSettings } from "~/domain/strategy/settings";
import { buildProposal } from "~/domain/strategy/engine";
import { ISSUED_ON, prospectAnswers, prospects } from "~/domain/strategy/prospects.fixture";
import { proposalView } from "~/domain/strategy/view";
import { getT } from "~/i18n/i18n";

describe("warming the PDF workers", () => {
  afterEach(() => {
    delete process.env.PDF_WARM_RENDERS;
  });

  it("with PDF_WARM_RENDERS=0 starts no worker: the first PDF starts one", async () => {
    await closePdfPool();
    process.env.PDF_WARM_RENDERS = "0";
    expect(await warmPdfWorkers()).toBe(0);
    expect(pdfWorkerCount()).toBe(0);
  });

  it("starts the standing worker and renders the sample on it; the first real PDF uses that worker", async () => {
    // From no pool at all, as at server start (an earlier test file of this process may have left its warm one).
    await closePdfPool();
    expect(pdfWorkerCount()).toBe(0);
    expect(await warmPdfWorkers()).toBe(1);
    expect(pdfWorkerCount()).toBe(1);

    const p = prospects.hut;
    const model = buildProposal({ answers: prospectAnswers(p), organisation: "Baita Warm", contactName: "Anna", issuedOn: ISSUED_ON }, defaultOwnerSettings);
    const view = proposalView(model, "en", (key, options) => getT("en")(key, options));
    const pdf = await renderInPool({ document: "full-proposal", view, branding: { ...defaultOwnerSettings.branding, logo: null }, studioName: "Studio Warm" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdfWorkerCount()).toBe(1);
  });
});
