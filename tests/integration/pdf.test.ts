import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loader as pdfLoader } from "~/routes/$lang.p.$token.pdf";
import { proposalText } from "~/domain/proposal-text";
import { getT, type Locale } from "~/i18n/i18n";
import { createLead } from "~/models/lead.server";
import { renderInPool } from "~/pdf/pool.server";
import { call, get } from "./helpers";

function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), "sb-pdf-"));
  const file = path.join(dir, "proposal.pdf");
  writeFileSync(file, bytes);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

// The short proposal of leads from the old short form. Their private link no
// longer serves it (nothing generated reaches a prospect unsent, and these
// leads have no answers to send a full proposal from); the renderer is still checked.
async function shortPdf(lead: { name: string; organisation: string; goal: "leads" | "civic"; createdAt: Date }, locale: Locale) {
  return renderInPool({ document: "proposal", locale, text: proposalText(lead, getT(locale), locale) });
}

describe("proposal PDF", () => {
  it("is not served through the private link of a lead with nothing sent: a 404 page", async () => {
    const lead = await createLead({ name: "Niccolò Sà", email: "n@caffe.example", organisation: "Caffè Perù €", goal: "leads", locale: "it" });
    const response = await call(pdfLoader, get(`/it/p/${lead.token}/pdf`), { lang: "it", token: lead.token });
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toContain("text/html");
  });

  it("renders the short proposal in Italian with accents, € and page numbers", async () => {
    const text = pdfText(await shortPdf({ name: "Niccolò Sà", organisation: "Caffè Perù €", goal: "leads", createdAt: new Date("2026-01-10T10:00:00Z") }, "it"));
    expect(text).toContain("Proposta di strategia social");
    expect(text).toContain("Preparata per Niccolò Sà, Caffè Perù €");
    expect(text).toContain("Contatti e vendite");
    expect(text).toMatch(/Pagina 2 di 2/);
    expect(text).toContain("È un pubblico tuo");
  });

  it("renders the same proposal in English from the /en URL", async () => {
    const text = pdfText(await shortPdf({ name: "Ann Lee", organisation: "Lake Tours", goal: "civic", createdAt: new Date("2026-01-10T10:00:00Z") }, "en"));
    expect(text).toContain("Social media strategy proposal");
    expect(text).toContain("Civic participation");
    expect(text).toMatch(/Page 2 of 2/);
    expect(text).not.toContain("Pagina");
  });

  it("is a 404 for an unknown token", async () => {
    expect((await call(pdfLoader, get("/it/p/unknown/pdf"), { lang: "it", token: "unknown" })).status).toBe(404);
  });
});
