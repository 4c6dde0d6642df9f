import { describe, expect, it } from "vitest";
import { loader as pdfLoader } from "~/routes/$lang.p.$token.pdf";
import { createLead } from "~/models/lead.server";
import { call, get } from "./helpers";

// The private link's PDF: only a sent version is ever served (full-proposal.test.ts
// and proposal-versions.test.ts check what a sent PDF holds).
describe("proposal PDF", () => {
  it("is not served through the private link of a lead with nothing sent: a 404 page", async () => {
    const lead = await createLead({ name: "Niccolò Sà", email: "n@caffe.example", organisation: "Caffè Perù €", goal: "leads", locale: "it" });
    const response = await call(pdfLoader, get(`/it/p/${lead.token}/pdf`), { lang: "it", token: lead.token });
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toContain("text/html");
  });

  it("is a 404 for an unknown token", async () => {
    expect((await call(pdfLoader, get("/it/p/unknown/pdf"), { lang: "it", token: "unknown" })).status).toBe(404);
  });
});
