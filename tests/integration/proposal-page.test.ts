import { describe, expect, it } from "vitest";
import { loader as proposalLoader } from "~/routes/$lang.p.$token";
import { createLead } from "~/models/lead.server";
import { call, get } from "./helpers";

describe("proposal page", () => {
  it("before anything is sent, says privately in the URL's language that the answers arrived and when the proposal comes", async () => {
    const lead = await createLead({ name: "Chiara Neri", email: "chiara@agriturismo-neri.example", organisation: "Agriturismo Neri", goal: "awareness", locale: "it" });
    const page = await call(proposalLoader, get(`/it/p/${lead.token}`), { lang: "it", token: lead.token });
    expect(page.headers.get("Cache-Control")).toContain("no-store");
    expect(page.headers.get("X-Robots-Tag")).toBe("noindex");
    const body = await page.clone().text();
    const data = (await page.json()) as { view: unknown; pending: { name: string; organisation: string; expectedBy: string } };
    expect(data.view).toBeNull();
    expect(data.pending).toMatchObject({ name: "Chiara Neri", organisation: "Agriturismo Neri" });
    expect(data.pending.expectedBy).toMatch(/^\S+ \d{1,2} \S+ \d{4}$/); // "venerdì 13 marzo 2026"
    // The short proposal those leads used to see at once is generated text: not shown unsent.
    expect(body).not.toContain("Farsi conoscere");
    expect(body).not.toContain("Instagram");

    const english = await call(proposalLoader, get(`/en/p/${lead.token}`), { lang: "en", token: lead.token });
    const en = (await english.json()) as { pending: { expectedBy: string } };
    expect(en.pending.expectedBy).toMatch(/^[A-Z][a-z]+day, \d{1,2} [A-Z][a-z]+ \d{4}$/);
  });

  it("answers 404 for an unknown token or an unsupported language", async () => {
    expect((await call(proposalLoader, get("/it/p/nope"), { lang: "it", token: "nope" })).status).toBe(404);
    const lead = await createLead({ name: "A", email: "a@example.com", organisation: "B", goal: "leads", locale: "it" });
    expect((await call(proposalLoader, get(`/de/p/${lead.token}`), { lang: "de", token: lead.token })).status).toBe(404);
  });
});
