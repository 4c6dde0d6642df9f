// The team's payments panel as a browser without JavaScript gets it, through
// the real app: the server-rendered forms (Conform, components/lead-payment-forms.tsx)
// post to the panel's action and the page comes back saying what happened.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendProposal } from "~/models/proposal-versions.server";
import { action as acceptAction } from "~/routes/$lang.p.$token_.accept";
import { prisma } from "~/utils/db.server";
import { call, post, staffSession, submittedLead } from "./helpers";
import { startApp, stopApps, type RunningApp } from "./server-app";

let app: RunningApp;
beforeAll(async () => {
  app = await startApp({ RATE_LIMIT_POST: 100_000 });
});
afterAll(stopApps);

async function acceptedLead() {
  const lead = await submittedLead("panel@hotel.example");
  const { user } = await staffSession("owner");
  const { version } = await sendProposal(lead.id, user.id);
  const fields = { versionHash: version.snapshotHash, packageId: "crescita", addOnIds: "ads", fullName: "Giulia Bianchi", terms: "on", kind: "business", legalName: "Hotel Lago Blu S.r.l.", partitaIva: "01234567897", codiceDestinatario: "M5UXCR1", pec: "", codiceFiscale: "", address: "Via Roma 1", postalCode: "20121", city: "Milano", province: "MI" };
  expect((await call(acceptAction, post(`/it/p/${lead.token}/accept`, fields), { lang: "it", token: lead.token })).status).toBe(302);
  return lead;
}

const page = async (path: string, cookie: string) => {
  const response = await fetch(`${app.url}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
  expect(response.status, path).toBe(200);
  return response.text();
};
const send = (leadId: string, cookie: string, fields: Record<string, string>) =>
  fetch(`${app.url}/it/owner/payments/${leadId}`, { method: "POST", body: new URLSearchParams({ redirectTo: `/it/owner/leads/${leadId}`, ...fields }), headers: { Cookie: cookie }, redirect: "manual" });

describe("the payments panel without JavaScript", () => {
  it("renders the bank transfer form with the accepted fee, and records a transfer from it", async () => {
    const lead = await acceptedLead();
    const { cookie } = await staffSession("member");
    const html = await page(`/it/owner/leads/${lead.id}`, cookie);
    // The form as served: its fields named for the schema, the fee as the default, no "js" flag before a script runs.
    expect(html).toMatch(/<input[^>]*name="intent"[^>]*value="manual"/);
    expect(html).toMatch(/<input[^>]*name="amount"[^>]*value="610,00"/);
    expect(html).toMatch(/<textarea[^>]*required=""[^>]*name="note"/);
    // Without a script the browser checks what the schema requires (Conform's noValidate only once hydrated).
    expect(html).not.toMatch(/<form[^>]*owner\/payments[^>]*novalidate/i);
    expect(html).toContain("Importo ricevuto (IVA inclusa)");
    expect(html).not.toMatch(/name="js"/);

    const wrong = await send(lead.id, cookie, { intent: "manual", amount: "seicento", paidOn: "2026-01-10", note: "CRO 1" });
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get("Location")).toBe(`/it/owner/leads/${lead.id}?paymentError=payment.panel.errors.amount#payments`);
    expect(await page(`/it/owner/leads/${lead.id}?paymentError=payment.panel.errors.amount`, cookie)).toContain("Scrivi un importo, per esempio 610,00.");

    const saved = await send(lead.id, cookie, { intent: "manual", amount: "610,00", paidOn: "2026-01-10", note: "Bonifico CRO 42" });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("Location")).toBe(`/it/owner/leads/${lead.id}?payments=saved#payments`);
    expect(await page(`/it/owner/leads/${lead.id}?payments=saved`, cookie)).toContain("Pagamento registrato.");
    expect(await prisma.payment.findFirstOrThrow({ where: { leadId: lead.id } })).toMatchObject({ provider: "manual", status: "paid", amountCents: 61000, note: "Bonifico CRO 42" });
  });

  it("refuses a member a transfer of another amount: 403, nothing recorded", async () => {
    const lead = await acceptedLead();
    const { cookie } = await staffSession("member");
    expect((await send(lead.id, cookie, { intent: "manual", amount: "1,00", paidOn: "2026-01-10", note: "Bonifico" })).status).toBe(403);
    expect(await prisma.payment.count({ where: { leadId: lead.id } })).toBe(0);
  });
});
