// The owner's tax regime reaches every amount the client sees: a forfettario
// owner's proposal page (no VAT line, the legal wording, rivalsa INPS and stamp
// duty), the amount accepted and the Stripe Checkout session (the real SDK on
// the local stand-in); a public body (split payment) accepts for the imponibile
// and is not offered a card. Real database (SQLite or PostgreSQL); no PDF render.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStripeStandin, type StripeStandin } from "../../server/stripe-standin";
import { defaultOwnerSettings, type OwnerSettings } from "~/domain/strategy/settings";
import type { SettingsForm } from "~/domain/strategy/settings-form";
import type { ProposalView } from "~/domain/strategy/view";
import { getOwnerSettings, saveOwnerSettings } from "~/models/settings.server";
import { action as settingsAction, loader as settingsLoader } from "~/routes/$lang.owner.settings_.proposals";
import { createSessionCookie } from "~/utils/auth.server";
import { formFields } from "../form-fields";
import { action as acceptAction } from "~/routes/$lang.p.$token_.accept";
import { action as payAction } from "~/routes/$lang.p.$token_.pay";
import { loader as pageLoader } from "~/routes/$lang.p.$token";
import { prisma } from "~/utils/db.server";
import { resetEnvForTests } from "~/utils/env.server";
import { getStripe } from "~/utils/stripe.server";
import { call, get, post, sentProposalLead, irrelevantPasswordHash } from "./helpers";

process.env.STRIPE_WEBHOOK_SECRET = `whsec_${randomBytes(16).toString("hex")}`;
delete process.env.STRIPE_SECRET_KEY;

let standin: StripeStandin;
let ownerId: string;
let ownerCookie: string;
let memberCookie: string;

beforeAll(async () => {
  // Webhooks are not what this file is about: the stand-in's are acknowledged and dropped.
  standin = await startStripeStandin({ webhookSecret: process.env.STRIPE_WEBHOOK_SECRET!, retryDelaysMs: [], asyncDelayMs: 10, deliver: async () => ({ status: 200 }) });
  process.env.STRIPE_STANDIN_PORT = String(standin.port);
  resetEnvForTests();
  const owner = await prisma.user.create({ data: { email: `owner-${randomBytes(4).toString("hex")}@studio.example`, name: "Owner", role: "owner", passwordHash: await irrelevantPasswordHash() } });
  ownerId = owner.id;
  ownerCookie = (await createSessionCookie(owner.id, { userAgent: "vitest", ip: null })).split(";")[0]!;
  const member = await prisma.user.create({ data: { email: `member-${randomBytes(4).toString("hex")}@studio.example`, name: "Member", role: "member", passwordHash: await irrelevantPasswordHash() } });
  memberCookie = (await createSessionCookie(member.id, { userAgent: "vitest", ip: null })).split(";")[0]!;
});
afterAll(async () => {
  await saveOwnerSettings(defaultOwnerSettings, ownerId);
  await standin.close();
});

/** Posts the proposal settings form as the page shows it, with `changes`, as the holder of `cookie`. */
async function postSettings(cookie: string, changes: Record<string, string | undefined>) {
  const page = (await (await call(settingsLoader, get("/it/owner/settings/proposals", { Cookie: ownerCookie }), { lang: "it" })).json()) as { defaultValue: SettingsForm; version: number };
  const form = Object.fromEntries(Object.entries({ ...formFields(page.defaultValue), version: String(page.version), ...changes }).filter((e): e is [string, string] => e[1] !== undefined));
  return call(settingsAction, post("/it/owner/settings/proposals", form, { Cookie: cookie }), { lang: "it" });
}

/** A lead from the full questionnaire with version 1 sent under the settings in force, or `settings` (no PDF). */
async function sentUnder(settings?: OwnerSettings) {
  if (settings) await saveOwnerSettings(settings, ownerId);
  return sentProposalLead(ownerId);
}

const address = { address: "Via Roma 1", postalCode: "20121", city: "Milano", province: "mi" };
const business = { kind: "business", legalName: "Hotel Lago Blu S.r.l.", partitaIva: "IT 0123 4567 897", codiceDestinatario: "m5uxcr1", ...address };
const publicBody = { kind: "public", legalName: "Comune di Milano", codiceFiscale: "01199250158", codiceUfficio: "uf6zqk", cig: "Z1A2B3C4D5", ...address };

async function accept(sent: Awaited<ReturnType<typeof sentUnder>>, client: Record<string, string>) {
  const fields = { versionHash: sent.version.snapshotHash, packageId: "crescita", fullName: "Giulia Bianchi", terms: "on", ...client };
  const response = await call(acceptAction, post(`/it/p/${sent.token}/accept`, fields, { "User-Agent": "vitest", "X-Client-IP": "203.0.113.7" }), sent.params);
  expect(response.status).toBe(302);
  return prisma.acceptance.findFirstOrThrow({ where: { leadId: sent.lead.id } });
}

const plain = (s: string) => s.replace(/\u00a0/g, " ");

describe("tax regime", () => {
  it("a forfettario owner's settings change what the prospect's page shows and what Checkout charges", async () => {
    await saveOwnerSettings(defaultOwnerSettings, ownerId);
    // Only the owner changes the regime; a member's post changes nothing.
    const forfettarioForm = { taxRegime: "forfettario", stampDutyToClient: "on", rivalsaInps: "on" };
    expect((await postSettings(memberCookie, forfettarioForm)).status).toBe(403);
    expect((await getOwnerSettings()).taxRegime).toEqual({ kind: "ordinary" });
    const saved = await postSettings(ownerCookie, forfettarioForm);
    expect(saved.status).toBe(302);
    const forfettario = await getOwnerSettings();
    expect(forfettario.taxRegime).toEqual({ kind: "forfettario", stampDutyToClient: true, rivalsaInps: true });
    const sent = await sentUnder();

    // The page: onboarding 500,00 + rivalsa 4 % 20,00 + bollo 2,00 = 522,00, no IVA, the legal wording.
        const page = (await (await call(pageLoader, get(`/it/p/${sent.token}`), sent.params)).json()) as { view: ProposalView; choice: { monthly: { net: number; gross: number; vat: number } } };
    const onboarding = page.view.investment.onboarding;
    expect(onboarding.lines?.map((l) => [l.label, plain(l.amount)])).toEqual([
      ["Compenso", "500,00 €"],
      ["Rivalsa INPS 4%", "20,00 €"],
      ["Imposta di bollo", "2,00 €"],
    ]);
    expect(plain(onboarding.total)).toBe("522,00 €");
    expect(onboarding.notes).toEqual(["Operazione senza applicazione dell'IVA, effettuata ai sensi dell'art. 1, commi da 54 a 89, della Legge n. 190/2014 (regime forfettario)."]);
    expect(page.view.investment.taxRegime).toEqual(forfettario.taxRegime);
    // The chooser's monthly total for the recommended package (Completo): 1.600,00 + rivalsa 64,00 + bollo 2,00.
    expect(page.choice.monthly).toMatchObject({ net: 166_400, vat: 0, gross: 166_600 });

    // Accepted as an Italian business: what is due is the document total.
    const acceptance = await accept(sent, business);
    expect(acceptance).toMatchObject({ onboardingCents: 52_200, taxTreatment: "standard" });

    // Checkout charges exactly that, line by line.
    const pay = await call(payAction, post(`/it/p/${sent.token}/pay`, {}), sent.params);
    expect(pay.status).toBe(303);
    const sessionId = (pay.headers.get("Location") ?? "").split("/").pop()!;
    const session = await getStripe().checkout.sessions.retrieve(sessionId);
    expect(session).toMatchObject({ amount_total: 52_200, metadata: expect.objectContaining({ expected_cents: "52200" }) });
    const checkoutPage = plain(await (await fetch(`${standin.url}/c/pay/${sessionId}`)).text());
    expect(checkoutPage).toContain("Rivalsa INPS 4%");
    expect(checkoutPage).toContain("Imposta di bollo");
    expect(checkoutPage).not.toContain("IVA 22%");

    // The client area shows the same document.
    const portal = (await (await call(pageLoader, get(`/it/p/${sent.token}`), sent.params)).json()) as { portal: { onboarding: { dueCents: number; notes: string[] }; onlinePayment: boolean } };
    expect(portal.portal.onboarding).toMatchObject({ dueCents: 52_200, notes: ["forfettario"] });
  });

  it("a public body accepts under split payment for the imponibile, and pays by bank transfer", async () => {
    const sent = await sentUnder(defaultOwnerSettings);
    const acceptance = await accept(sent, publicBody);
    // 500,00 + IVA 22 % 110,00 = 610,00 on the document; the body pays 500,00 (the IVA goes to the State).
    expect(acceptance).toMatchObject({ onboardingCents: 50_000, taxTreatment: "splitPayment" });
    expect(await prisma.client.findUniqueOrThrow({ where: { leadId: sent.lead.id } })).toMatchObject({ kind: "public", codiceDestinatario: "UF6ZQK", codiceFiscale: "01199250158", cig: "Z1A2B3C4D5", cup: null, partitaIva: null });
    const portal = (await (await call(pageLoader, get(`/it/p/${sent.token}`), sent.params)).json()) as { portal: { onboarding: { grossCents: number; vatCents: number; dueCents: number; notes: string[] }; onlinePayment: boolean } };
    expect(portal.portal.onboarding).toMatchObject({ grossCents: 61_000, vatCents: 11_000, dueCents: 50_000, notes: ["splitPayment"] });
    expect(portal.portal.onlinePayment).toBe(false);
    // No Checkout is opened for it, whatever the browser posts.
    const pay = await call(payAction, post(`/it/p/${sent.token}/pay`, {}), sent.params);
    expect(pay.headers.get("Location") ?? "").not.toContain(standin.url);
    expect(await prisma.payment.count({ where: { leadId: sent.lead.id } })).toBe(0);
  });
});
