import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loader as pdfLoader } from "~/routes/$lang.p.$token.pdf";
import { loader as pageLoader } from "~/routes/$lang.p.$token";
import { complete } from "~/domain/intake/fixtures";
import { createDraft } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { saveOwnerSettings } from "~/models/settings.server";
import { sendProposal } from "~/models/proposal-versions.server";
import { defaultOwnerSettings } from "~/domain/strategy/settings";
import { prisma } from "~/utils/db.server";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ProposalDocumentView } from "~/components/proposal-document";
import type { ProposalView } from "~/domain/strategy/view";
import { call, get } from "./helpers";

/** A lead from the full questionnaire whose proposal the owner sent as generated. */
async function submitted(organisation: string) {
  const answers = { ...complete, about: { ...complete.about, organisation, email: `${organisation.length}@full.example` } };
  const { draft } = await createDraft("it");
  const outcome = await submitIntake({ id: draft.id, answers }, "it");
  if (!outcome.ok) throw new Error("fixture does not submit");
  // The private link shows a proposal only once it is sent.
  const lead = await prisma.lead.findUniqueOrThrow({ where: { token: outcome.token }, select: { id: true } });
  await sendProposal(lead.id, null);
  return outcome.token;
}

async function pdfText(response: Response, args: string[] = []): Promise<{ text: string; pages: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), "sb-full-"));
  const file = path.join(dir, "proposal.pdf");
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  return { text: execFileSync("pdftotext", [...args, file, "-"], { encoding: "utf8" }), pages: Number(/Pages:\s+(\d+)/.exec(info)![1]) };
}

describe("full proposal from the questionnaire", () => {
  it("renders a PDF with every part, the client's name, Italian prices and no raw markup", async () => {
    const owner = await prisma.user.create({ data: { email: "o@full.example", name: "O", passwordHash: "x", role: "owner" } });
    await saveOwnerSettings({ ...defaultOwnerSettings, studioName: "Studio Prova", packages: defaultOwnerSettings.packages.map((p) => (p.id === "completo" ? { ...p, monthlyNetCents: 123456 } : p)) }, owner.id);
    const token = await submitted("Hotel «Lago» & Blu <b>");
    const response = await call(pdfLoader, get(`/it/p/${token}/pdf`), { lang: "it", token });
    expect(response.status).toBe(200);
    const { text, pages } = await pdfText(response);
    expect(pages).toBeGreaterThanOrEqual(6);
    for (const title of ["In sintesi", "La situazione di partenza", "Pubblico e persone tipo", "Obiettivi e indicatori", "Strategia dei canali", "Contenuti, formati e frequenza", "Gestione della community", "Protocollo di gestione delle crisi", "Ruoli: chi fa cosa", "Misurazione e report", "I primi 90 giorni", "Come lavoriamo", "Investimento", "Condizioni", "Prossimi passi"]) {
      expect(text, title).toContain(title);
    }
    expect(text).toContain("Preparata per Elena Riva, Hotel «Lago» & Blu <b>");
    expect(text).toContain("Studio Prova · Hotel «Lago» & Blu <b>");
    expect(text).toContain("1.234,56 €");
    expect(text).toContain("610,00 €"); // onboarding 500,00 € + IVA 22% 110,00 €
    expect(text).toContain("IVA 22%");
    // Monthly package prices as an Italian quote writes them: net + IVA, and the amount with IVA.
    const flat = text.replace(/\u00a0/g, " ");
    expect(flat).toContain("1.234,56 € + IVA 22%");
    expect(flat).toContain("IVA inclusa: 1.506,16 €"); // 1.234,56 € + 271,60 €
    expect(flat).toContain("450,00 € + IVA 22%");
    expect(flat).toContain("IVA inclusa: 549,00 €");
    expect(flat).toContain("Prezzi al netto dell'IVA (22%).");
    expect(text).toMatch(new RegExp(`Pagina ${pages} di ${pages}`));
    expect(text).not.toMatch(/\{\{|\}\}|plan\.|questionnaire\.|undefined|\[object|NaN/);
    expect(text).toContain("Instagram serve il vostro obiettivo principale, «Contatti e vendite».");
    // The sections the rules add: persona hypotheses, measurable KPIs, reply times by channel,
    // the authorities and misinformation in the crisis protocol.
    const words = text.replace(/\s+/g, " ");
    expect(words).toContain("Persone tipo ipotizzate, da verificare alla call di avvio");
    expect(words).toContain("Giulia e Marco (25–34 anni)");
    expect(words).toMatch(/almeno \d+ al mese entro 6 mesi/);
    expect(words).toContain("Tempi di risposta per canale");
    expect(words).toContain("Quando coinvolgere le autorità");
    expect(words).toContain("Garante Privacy entro 72 ore");
    expect(words).toContain("Fake news e disinformazione");
  });

  it("lists in its contents the page each part starts on, and links there", async () => {
    const token = await submitted("Hotel Indice");
    const response = await call(pdfLoader, get(`/it/p/${token}/pdf`), { lang: "it", token });
    const dir = mkdtempSync(path.join(tmpdir(), "sb-toc-"));
    const file = path.join(dir, "proposal.pdf");
    const bytes = Buffer.from(await response.arrayBuffer());
    writeFileSync(file, bytes);
    const pageText = (n: number) => execFileSync("pdftotext", ["-layout", "-f", String(n), "-l", String(n), file, "-"], { encoding: "utf8" });
    const contents = pageText(2);
    const entries = [...contents.matchAll(/^\s*(\d+)\s{2,}(.+?)\s{2,}(\d+)\s*$/gm)].map((m) => ({ title: m[2]!.trim(), page: Number(m[3]) }));
    expect(entries).toHaveLength(15);
    for (const { title, page } of entries) {
      // The heading is on the page the contents give, as a line of its own.
      expect(pageText(page).split("\n").map((l) => l.trim()), `${title} on page ${page}`).toContain(title);
    }
    expect(entries.map((e) => e.page)).toEqual([...entries.map((e) => e.page)].sort((a, b) => a - b));
    // An outline (bookmarks) with every part, and the contents lines link inside the document.
    const raw = bytes.toString("latin1");
    expect(raw).toContain("/Outlines");
    expect(raw.match(/\/Dest/g)?.length ?? 0).toBeGreaterThanOrEqual(15);
  });

  it("shows the same proposal on the web page, in English from the /en URL", async () => {
    const token = await submitted("Lake Hotel");
    const page = await call(pageLoader, get(`/en/p/${token}`), { lang: "en", token });
    const data = (await page.json()) as { view: { partTitles: Record<string, string>; summary: Array<{ text: string }>; investment: { onboarding: { total: string } } } };
    expect(Object.values(data.view.partTitles)).toHaveLength(15);
    expect(data.view.partTitles.crisis).toBe("Crisis management protocol");
    expect(data.view.summary[1]!.text).toContain("conversions before vanity numbers");
    expect(data.view.investment.onboarding.total).toBe("€610.00");
    // The page's packages show VAT on the monthly price, in the URL's language.
    const html = renderToStaticMarkup(createElement(ProposalDocumentView, { view: data.view as unknown as ProposalView, contentsLabel: "Contents" }));
    const words = html.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/[\s\u00a0]+/g, " ");
    expect(words).toContain("€450.00 + VAT 22% a month");
    expect(words).toContain("Including VAT: €549.00");
    expect(words).toContain("Prices exclude VAT (22%).");
    const { text } = await pdfText(await call(pdfLoader, get(`/en/p/${token}/pdf`), { lang: "en", token }));
    expect(text).toContain("Prepared for Elena Riva, Lake Hotel");
    expect(text).not.toContain("Pagina");
  });
});

describe("the client's choices", () => {
  it("totals the chosen package and add-ons with VAT, without JavaScript (plain GET)", async () => {
    const token = await submitted("Choice Hotel");
    const page = await call(pageLoader, get(`/it/p/${token}?package=essenziale&addon=ads&addon=training&addon=bogus`), { lang: "it", token });
    const data = (await page.json()) as { choice: { packageId: string; addOnIds: string[]; monthly: { net: number; vat: number; gross: number }; oneOff: { gross: number } } };
    expect(data.choice.packageId).toBe("essenziale");
    expect(data.choice.addOnIds).toEqual(["ads", "training"]);
    expect(data.choice.monthly).toMatchObject({ net: 75000, vat: 16500, gross: 91500 });
    expect(data.choice.oneOff.gross).toBe(Math.round((50000 + 35000) * 1.22));
    const fallback = (await (await call(pageLoader, get(`/it/p/${token}`), { lang: "it", token })).json()) as { choice: { packageId: string } };
    expect(fallback.choice.packageId).toBe("completo");
  });
});
