// Pages with private data are never stored by a browser or proxy cache, and the
// prospect's private links are never indexed: for the HTML document, the
// single-fetch data request (`.data`) and error answers alike.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLead } from "~/models/lead.server";
import { upsertOwner } from "~/models/user.server";
import { createSessionCookie } from "~/utils/auth.server";
import { startApp, stopApps, type RunningApp } from "./server-app";

let app: RunningApp;
let cookie: string;
let token: string;
let leadId: string;

beforeAll(async () => {
  app = await startApp();
});
// Every test starts from empty tables (tests/setup-db.ts): the owner and the lead are made anew for each.
beforeEach(async () => {
  const user = await upsertOwner({ email: "owner@studio.example", name: "Olga Owner", password: "correct horse battery staple" });
  cookie = (await createSessionCookie(user.id, { userAgent: "vitest", ip: null })).split(";")[0]!;
  const lead = await createLead({ name: "Chiara Neri", email: "chiara@agriturismo-neri.example", organisation: "Agriturismo Neri", goal: "awareness", locale: "it" });
  token = lead.token;
  leadId = lead.id;
});
afterAll(stopApps);

async function fetchBoth(path: string, headers: Record<string, string> = {}) {
  const [base, query] = path.split("?");
  const dataPath = `${base === "/" ? "/_root" : base}.data${query ? `?${query}` : ""}`;
  const document = await fetch(`${app.url}${path}`, { headers, redirect: "manual" });
  const data = await fetch(`${app.url}${dataPath}`, { headers, redirect: "manual" });
  await document.arrayBuffer();
  await data.arrayBuffer();
  return { document, data };
}

describe("private pages", () => {
  it("send Cache-Control: private, no-store for the owner's area, documents and data", async () => {
    const pages = [
      "/it/owner",
      "/en/owner/dashboard",
      `/it/owner/leads/${leadId}`,
      `/it/owner/proposals/${leadId}`,
      "/en/owner/account",
      "/it/owner/settings",
      "/it/owner/settings/proposals",
      "/it/owner/team",
      "/it/owner/outbox",
      "/it/owner/privacy-requests",
      `/it/owner/payments/${leadId}`,
      "/it/owner/leads/not-a-lead",
      "/IT/Owner",
      "/it/OWNER/Account",
    ];
    for (const page of pages) {
      const { document, data } = await fetchBoth(page, { Cookie: cookie });
      expect(document.status, page).toBeLessThan(500);
      expect(document.headers.get("cache-control"), `${page} (document ${document.status})`).toBe("private, no-store");
      expect(data.headers.get("cache-control"), `${page}.data (${data.status})`).toBe("private, no-store");
    }
    // Signed out, the redirect to the login page is not cached either.
    const { document, data } = await fetchBoth("/it/owner");
    expect(document.status).toBe(302);
    expect(document.headers.get("cache-control")).toBe("private, no-store");
    expect(data.headers.get("cache-control")).toBe("private, no-store");
  });

  it("send no-store and X-Robots-Tag: noindex on the prospect's private links", async () => {
    const pages = [
      `/it/p/${token}`,
      `/en/p/${token}`,
      `/it/p/${token}/accept`,
      `/it/p/${token}/checkout/success`,
      `/it/p/${token}/receipt/not-a-payment`,
      "/it/p/not-a-token",
      `/it/P/${token}`,
    ];
    for (const page of pages) {
      const { document, data } = await fetchBoth(page);
      for (const [kind, response] of [["document", document], ["data", data]] as const) {
        expect(response.headers.get("cache-control"), `${page} ${kind} ${response.status}`).toBe("private, no-store");
        expect(response.headers.get("x-robots-tag"), `${page} ${kind} ${response.status}`).toBe("noindex");
      }
    }
    // The PDF (a resource route) too.
    const pdf = await fetch(`${app.url}/it/p/not-a-token/pdf`);
    expect(pdf.headers.get("cache-control")).toBe("private, no-store");
  });

  it("keep the other token links (questionnaire, invitation, reset) out of caches and indexes", async () => {
    for (const page of ["/it/intake", "/it/intake/resume/not-a-token", "/en/invite/not-a-token", "/it/reset/not-a-token"]) {
      const { document, data } = await fetchBoth(page);
      for (const [kind, response] of [["document", document], ["data", data]] as const) {
        expect(response.headers.get("cache-control"), `${page} ${kind} ${response.status}`).toBe("private, no-store");
      }
    }
  });

  it("leave public pages cacheable by the browser's rules", async () => {
    const { document } = await fetchBoth("/it");
    expect(document.headers.get("cache-control") ?? "").not.toContain("no-store");
    expect(document.headers.get("x-robots-tag")).toBeNull();
  });
});
