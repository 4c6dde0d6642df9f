import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loader as pdfLoader } from "~/routes/$lang.p.$token.pdf";
import { createLead } from "~/models/lead.server";
import { call, get } from "./helpers";

async function pdfText(response: Response): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "sb-pdf-"));
  const file = path.join(dir, "proposal.pdf");
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

describe("proposal PDF", () => {
  it("renders the lead's proposal in Italian with accents, € and page numbers", async () => {
    const lead = await createLead({ name: "Niccolò Sà", email: "n@caffe.example", organisation: "Caffè Perù €", goal: "leads", locale: "it" });
    const response = await call(pdfLoader, get(`/it/p/${lead.token}/pdf`), { lang: "it", token: lead.token });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="socialbrief-caffe-peru-it.pdf"');
    const text = await pdfText(response);
    expect(text).toContain("Proposta di strategia social");
    expect(text).toContain("Preparata per Niccolò Sà, Caffè Perù €");
    expect(text).toContain("Contatti e vendite");
    expect(text).toMatch(/Pagina 2 di 2/);
    expect(text).toContain("È un pubblico tuo");
  });

  it("renders the same proposal in English from the /en URL", async () => {
    const lead = await createLead({ name: "Ann Lee", email: "ann@example.com", organisation: "Lake Tours", goal: "civic", locale: "en" });
    const text = await pdfText(await call(pdfLoader, get(`/en/p/${lead.token}/pdf`), { lang: "en", token: lead.token }));
    expect(text).toContain("Social media strategy proposal");
    expect(text).toContain("Civic participation");
    expect(text).toMatch(/Page 2 of 2/);
    expect(text).not.toContain("Pagina");
  });

  it("is a 404 for an unknown token", async () => {
    expect((await call(pdfLoader, get("/it/p/unknown/pdf"), { lang: "it", token: "unknown" })).status).toBe(404);
  });
});
