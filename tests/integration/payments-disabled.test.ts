// In production without a Stripe key there is no online payment: the stand-in
// is not used (so nobody is sent to 127.0.0.1), the pay button is replaced by a
// translated bank-transfer notice, and posting to /pay says the same.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complete } from "~/domain/intake/fixtures";
import { createDraft } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { sendProposal } from "~/models/proposal-versions.server";
import { upsertOwner } from "~/models/user.server";
import { action as acceptAction } from "~/routes/$lang.p.$token_.accept";
import { action as payAction } from "~/routes/$lang.p.$token_.pay";
import { resetEnvForTests } from "~/utils/env.server";
import { prisma } from "~/utils/db.server";
import { startStripeStandin } from "../../server/stripe-standin";
import { businessAcceptance, call, post } from "./helpers";
import { startApp, stopApps, type RunningApp } from "./server-app";

const saved = { NODE_ENV: process.env.NODE_ENV, APP_URL: process.env.APP_URL, STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY, STRIPE_STANDIN: process.env.STRIPE_STANDIN };
let app: RunningApp;

beforeAll(async () => {
  process.env.NODE_ENV = "production";
  process.env.APP_URL = "http://localhost:3000";
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_STANDIN;
  resetEnvForTests();
  app = await startApp();
});
afterAll(async () => {
  await stopApps();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
});

const business = businessAcceptance;

async function acceptedLead() {
  const answers = { ...complete, about: { ...complete.about, email: `client-${randomBytes(4).toString("hex")}@hotel.example` } };
  const { draft } = await createDraft("it");
  const outcome = await submitIntake({ id: draft.id, answers }, "it");
  if (!outcome.ok) throw new Error("fixture does not submit");
  const lead = await prisma.lead.findFirstOrThrow({ where: { token: outcome.token } });
  const owner = await upsertOwner({ email: "owner@studio.example", name: "Olga Owner", password: "correct horse battery staple" });
  const { version } = await sendProposal(lead.id, owner.id, undefined, undefined, { attachPdf: false });
  const accepted = await call(acceptAction, post(`/it/p/${lead.token}/accept`, { versionHash: version.snapshotHash, ...business }, { "User-Agent": "vitest" }), { lang: "it", token: lead.token });
  expect(accepted.status).toBe(302);
  return lead;
}

describe("production without a Stripe key", () => {
  it("opens no checkout: the pay action leads back to the client area, which says to pay by bank transfer", async () => {
    const lead = await acceptedLead();
    const pay = await call(payAction, post(`/it/p/${lead.token}/pay`, {}), { lang: "it", token: lead.token });
    expect(pay.status).toBe(303);
    expect(pay.headers.get("Location")).toBe(`/it/p/${lead.token}?payment=disabled`);
    expect(await prisma.payment.count({ where: { leadId: lead.id } })).toBe(0);

    // Through the real server: no pay button, the notice in the page's language.
    const it = await (await fetch(`${app.url}/it/p/${lead.token}`)).text();
    expect(it).toContain("Il pagamento online non è disponibile: paga con un bonifico.");
    expect(it).not.toContain(`action="/it/p/${lead.token}/pay"`);
    expect(it).not.toContain("127.0.0.1");
    const en = await (await fetch(`${app.url}/en/p/${lead.token}?payment=disabled`)).text();
    expect(en).toContain("Online payment is not available: please pay by bank transfer.");
    const posted = await fetch(`${app.url}/en/p/${lead.token}/pay`, { method: "POST", redirect: "manual" });
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe(`/en/p/${lead.token}?payment=disabled`);
    // Nor a monthly subscription: the retainer is paid by bank transfer too, in the page's language.
    expect(it).toContain("Il pagamento online non è attivo: il canone si paga con bonifico, a fronte della fattura di ogni mese.");
    expect(it).not.toContain(`action="/it/p/${lead.token}/retainer"`);
    const retainer = await fetch(`${app.url}/en/p/${lead.token}/retainer`, { method: "POST", redirect: "manual" });
    expect(retainer.headers.get("location")).toBe(`/en/p/${lead.token}?retainer=disabled#retainer`);
    expect(await prisma.subscription.count({ where: { leadId: lead.id } })).toBe(0);
  });

  it("keeps the stand-in out of the page's Content-Security-Policy", async () => {
    const page = await fetch(`${app.url}/it`);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/form-action 'self'(;|$)/);
    expect(csp).not.toContain("127.0.0.1");
  });

  it("the stand-in itself refuses to start, unless STRIPE_STANDIN=1 opts in (the demo, the browser tests)", async () => {
    await expect(startStripeStandin({ webhookSecret: "whsec_test" })).rejects.toThrow("refusing to start with NODE_ENV=production without STRIPE_STANDIN=1");
    process.env.STRIPE_STANDIN = "1";
    resetEnvForTests();
    try {
      const standin = await startStripeStandin({ webhookSecret: "whsec_test" });
      expect(await (await fetch(`${standin.url}/`)).text()).toContain("Simulatore locale di Stripe");
      await standin.close();
    } finally {
      delete process.env.STRIPE_STANDIN;
      resetEnvForTests();
    }
  });
});
