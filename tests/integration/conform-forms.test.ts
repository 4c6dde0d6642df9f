// Issue 12: the staff forms are Conform forms. Without JavaScript a refused form
// comes back as the page itself (the real server, a plain POST), with the
// translated message beside its field and what was typed still in it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultOwnerSettings } from "~/domain/strategy/settings";
import { settingsToForm } from "~/domain/strategy/settings-form";
import { getOwnerSettings } from "~/models/settings.server";
import { prisma } from "~/utils/db.server";
import { formFields } from "../form-fields";
import { staffSession, submittedLead } from "./helpers";
import { startApp, stopApps, type RunningApp } from "./server-app";

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(stopApps);

async function postPage(path: string, fields: Record<string, string>, cookie: string) {
  const response = await fetch(`${app.url}${path}`, { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" }, redirect: "manual" });
  return { status: response.status, html: (await response.text()).replaceAll("&#x27;", "'").replaceAll("&quot;", '"') };
}

describe("a refused form without JavaScript", () => {
  it("proposal settings: the message per field, in the page's language, and the values typed", async () => {
    const { cookie } = await staffSession("owner");
    const { status, html } = await postPage("/it/owner/settings/proposals", { ...formFields(settingsToForm(defaultOwnerSettings, "it")), "packages[1].price": "molto", "branding.accentColor": "rosso" }, cookie);
    expect(status).toBe(400);
    expect(html).toContain("Scrivi un importo in euro, per esempio 1.234,56.");
    expect(html).toContain("Scrivi un colore come #1f3a5f.");
    expect(html).toMatch(/name="packages\[1\]\.price"[^>]*value="molto"|value="molto"[^>]*name="packages\[1\]\.price"/);
    expect(html).toMatch(/aria-invalid="true"/);
    expect(await getOwnerSettings()).toEqual(defaultOwnerSettings);
  });

  it("lead note, proposal price, proposal block and privacy erasure: the message beside the field", async () => {
    const { cookie } = await staffSession("owner");
    const lead = await submittedLead("conform@hotel.example");
    const note = await postPage(`/it/owner/leads/${lead.id}`, { intent: "note", body: "   " }, cookie);
    expect([note.status, note.html]).toEqual([400, expect.stringContaining("Scrivi il testo della nota.")]);

    const price = await postPage(`/it/owner/proposals/${lead.id}`, { intent: "save", "price-onboarding": "cinquecento" }, cookie);
    expect([price.status, price.html]).toEqual([400, expect.stringContaining("Scrivi un importo in euro, per esempio 1.234,56.")]);
    expect(price.html).toContain('value="cinquecento"');

    const block = await postPage(`/it/owner/proposals/${lead.id}/blocks`, { intent: "save", path: "summary.0.text", text: "  " }, cookie);
    expect([block.status, block.html]).toEqual([400, expect.stringContaining("Scrivi il testo, oppure torna al testo generato.")]);

    const erase = await postPage(`/it/owner/privacy-requests?email=conform%40hotel.example`, { email: "conform@hotel.example", confirm: "altro@hotel.example" }, cookie);
    expect([erase.status, erase.html]).toEqual([400, expect.stringContaining("L'email non coincide: nulla è stato cancellato.")]);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).erasedAt).toBeNull();
  });
});
