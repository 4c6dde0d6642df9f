// The monthly retainer end to end on a real database (SQLite or PostgreSQL)
// with the real `stripe` SDK talking to the local stand-in: Checkout in
// subscription mode from the client area (two clicks, one subscription), the
// stand-in's signed webhooks handed to the webhook route in-process, renewals
// that succeed and fail (with the emails), events repeated and out of order,
// the cancellation with the minimum term, the lead page and the dashboard.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStripeStandin, type StripeStandin } from "../../server/stripe-standin";
import { complete } from "~/domain/intake/fixtures";
import { minimumTermEnd, type RetainerPortal } from "~/domain/subscription";
import { createDraft } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { sendProposal } from "~/models/proposal-versions.server";
import { retainerDashboard } from "~/models/retainer.server";
import { action as acceptAction } from "~/routes/$lang.p.$token_.accept";
import { action as retainerAction } from "~/routes/$lang.p.$token_.retainer";
import { action as cancelAction, loader as cancelLoader } from "~/routes/$lang.p.$token_.retainer_.cancel";
import { loader as pageLoader } from "~/routes/$lang.p.$token";
import { loader as leadLoader } from "~/routes/$lang.owner.leads.$leadId";
import { loader as dashboardLoader } from "~/routes/$lang.owner.dashboard";
import { action as webhookAction } from "~/routes/stripe.webhook";
import { prisma } from "~/utils/db.server";
import { resetEnvForTests } from "~/utils/env.server";
import { getStripe } from "~/utils/stripe.server";
import { businessAcceptance, call, get, post, runJobs, staffSession } from "./helpers";

const SECRET = `whsec_${randomBytes(16).toString("hex")}`;
process.env.STRIPE_WEBHOOK_SECRET = SECRET;
delete process.env.STRIPE_SECRET_KEY;

let standin: StripeStandin;
/** While set, webhooks are kept here instead of being delivered (to deliver them in another order). */
let held: Array<{ type: string; payload: string; headers: Record<string, string> }> | null = null;
let owner: Awaited<ReturnType<typeof staffSession>>;

function webhook(payload: string, headers: Record<string, string>) {
  return call(webhookAction, new Request("http://localhost/stripe/webhook", { method: "POST", body: payload, headers }), {});
}

beforeAll(async () => {
  standin = await startStripeStandin({
    webhookSecret: SECRET,
    retryDelaysMs: [],
    deliver: async (payload, headers) => {
      if (held) {
        held.push({ type: (JSON.parse(payload) as { type: string }).type, payload, headers });
        return { status: 200 };
      }
      return { status: (await webhook(payload, headers)).status };
    },
  });
  process.env.STRIPE_STANDIN_PORT = String(standin.port);
  resetEnvForTests();
});
afterAll(async () => {
  await standin.close();
});

const browser = { "User-Agent": "Mozilla/5.0 (vitest) Safari/605", "X-Client-IP": "203.0.113.7" };

/** A lead with version 1 sent and accepted (Crescita + ads: 1.200,00 € a month + IVA 22 % = 1.464,00 €). */
async function acceptedLead(fields: Record<string, string> = {}) {
  owner = await staffSession("owner");
  const email = `client-${randomBytes(4).toString("hex")}@hotel.example`;
  const { draft } = await createDraft("it");
  const outcome = await submitIntake({ id: draft.id, answers: { ...complete, about: { ...complete.about, email } } }, "it");
  if (!outcome.ok) throw new Error("fixture does not submit");
  const lead = await prisma.lead.findFirstOrThrow({ where: { token: outcome.token } });
  const { version } = await sendProposal(lead.id, owner.user.id, undefined, undefined, { attachPdf: false });
  const params = { lang: "it", token: lead.token };
  const accepted = await call(acceptAction, post(`/it/p/${lead.token}/accept`, { versionHash: version.snapshotHash, ...businessAcceptance, ...fields }, browser), params);
  expect(accepted.status).toBe(302);
  return { lead, token: lead.token, params };
}

const startRetainer = (token: string) => call(retainerAction, post(`/it/p/${token}/retainer`, {}), { lang: "it", token });

/** Starts the retainer as the client's browser does; returns the stand-in's session id. */
async function checkout(token: string) {
  const response = await startRetainer(token);
  expect(response.status).toBe(303);
  const location = response.headers.get("Location") ?? "";
  expect(location).toMatch(new RegExp(`^${standin.url}/c/pay/cs_test_\\w+$`));
  return location.split("/").pop()!;
}

async function retainerOf(token: string) {
  const body = (await (await call(pageLoader, get(`/it/p/${token}`), { lang: "it", token })).json()) as { retainer: RetainerPortal; portal: { state: string } };
  return body;
}

const subscriptionOf = (leadId: string) => prisma.subscription.findFirstOrThrow({ where: { leadId } });

/** Starts the retainer and pays its first month on the stand-in; returns the Stripe subscription id. */
async function subscribed(token: string) {
  const session = await checkout(token);
  const { session: done } = await standin.complete(session);
  expect(done.subscription).toMatch(/^sub_/);
  return done.subscription!;
}

describe("starting the retainer", () => {
  it("opens one Checkout in subscription mode for the monthly fee, however many clicks", async () => {
    const { lead, token } = await acceptedLead();
    const portal = await retainerOf(token);
    expect(portal.retainer).toMatchObject({ offer: "start", monthlyDueCents: 146_400, minimumTermMonths: 3, subscription: null });

    // A double click and a second tab at once: one row, one session, the same page.
    const answers = await Promise.all([startRetainer(token), startRetainer(token), startRetainer(token)]);
    const locations = new Set(answers.map((r) => r.headers.get("Location")));
    expect(locations.size).toBe(1);
    expect(await prisma.subscription.count({ where: { leadId: lead.id } })).toBe(1);
    const row = await subscriptionOf(lead.id);
    expect(row).toMatchObject({ status: "incomplete", monthlyCents: 146_400, currency: "EUR", minimumTermMonths: 3, stripeSubscriptionId: null });
    const session = await getStripe().checkout.sessions.retrieve(row.stripeSessionId!);
    expect(session).toMatchObject({ mode: "subscription", amount_total: 146_400, currency: "eur", status: "open", locale: "it" });
    expect(session.metadata?.socialbrief_subscription).toBe(row.id);
    // Later: the same open session again.
    expect((await startRetainer(token)).headers.get("Location")).toBe([...locations][0]);
    expect(await prisma.auditLog.count({ where: { leadId: lead.id, action: "retainer.checkout" } })).toBe(1);
  });

  it("becomes active with its first month paid as a retainer payment, apart from the onboarding fee", async () => {
    const { lead, token } = await acceptedLead();
    const subscriptionId = await subscribed(token);
    const row = await subscriptionOf(lead.id);
    expect(row).toMatchObject({ status: "active", stripeSubscriptionId: subscriptionId, failedRenewals: 0, cancelAt: null });
    const stripeSub = await getStripe().subscriptions.retrieve(subscriptionId);
    expect(row.currentPeriodEnd?.getTime()).toBe(stripeSub.items.data[0]!.current_period_end * 1000);
    // The minimum term runs three calendar months from the start.
    const start = new Date(stripeSub.start_date * 1000);
    const termEnd = new Date(start);
    termEnd.setUTCMonth(termEnd.getUTCMonth() + 3);
    expect(row.startedAt?.getTime()).toBe(start.getTime());
    expect(row.minimumTermEndsAt?.toISOString().slice(0, 10)).toBe(termEnd.toISOString().slice(0, 10));

    const payments = await prisma.payment.findMany({ where: { leadId: lead.id } });
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ purpose: "retainer", provider: "stripe", status: "paid", amountCents: 146_400, expectedCents: 146_400, mismatch: false, stripeSubscriptionId: subscriptionId });
    expect(payments[0]!.stripeInvoiceId).toMatch(/^in_/);
    // The onboarding fee is still to pay, and the lead is not "paid" for the retainer.
    const portal = await retainerOf(token);
    expect(portal.portal.state).toBe("due");
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("accepted");
    expect(portal.retainer).toMatchObject({ offer: null, subscription: { status: "active", monthlyCents: 146_400, cancellable: true, failedRenewals: 0 }, payments: [{ status: "paid", amountCents: 146_400 }] });
    // Starting again opens nothing.
    const again = await startRetainer(token);
    expect(again.headers.get("Location")).toBe(`/it/p/${token}?retainer=already#retainer`);
    expect(await prisma.subscription.count({ where: { leadId: lead.id } })).toBe(1);
  });

  it("is not offered to a public body: bank transfer against the invoice, no Checkout whatever is posted", async () => {
    const { lead, token } = await acceptedLead({ kind: "public", legalName: "Comune di Milano", codiceFiscale: "01199250158", codiceUfficio: "uf6zqk", cig: "Z1A2B3C4D5", partitaIva: "", codiceDestinatario: "" });
    expect((await retainerOf(token)).retainer).toMatchObject({ offer: "bank_transfer", subscription: null });
    const response = await startRetainer(token);
    expect(response.headers.get("Location")).toBe(`/it/p/${token}?retainer=bank_transfer#retainer`);
    expect(await prisma.subscription.count({ where: { leadId: lead.id } })).toBe(0);
  });
});

describe("renewals from the stand-in", () => {
  it("a renewal that succeeds adds a paid month; one that fails makes it past due and emails the client and the owners", async () => {
    const { lead, token } = await acceptedLead();
    const subscriptionId = await subscribed(token);
    const before = (await subscriptionOf(lead.id)).currentPeriodEnd!;

    await standin.renew(subscriptionId, "succeeded");
    const renewed = await subscriptionOf(lead.id);
    expect(renewed.status).toBe("active");
    expect(renewed.currentPeriodEnd!.getTime()).toBeGreaterThan(before.getTime());
    expect(await prisma.payment.count({ where: { leadId: lead.id, purpose: "retainer", status: "paid" } })).toBe(2);

    await standin.renew(subscriptionId, "failed");
    expect(await subscriptionOf(lead.id)).toMatchObject({ status: "past_due", failedRenewals: 1 });
    expect(await prisma.payment.count({ where: { leadId: lead.id, purpose: "retainer", status: "failed" } })).toBe(1);
    await runJobs();
    const client = await prisma.emailMessage.findFirstOrThrow({ where: { kind: "retainer_failed", leadId: lead.id } });
    expect(client.to).toBe(lead.email);
    expect(client.subject).toBe("Rinnovo del canone non riuscito: Hotel Lago Blu");
    expect(client.text).toContain("1.464,00");
    const owners = await prisma.emailMessage.findMany({ where: { kind: "owner_payment", leadId: lead.id, subject: { startsWith: "Rinnovo non riuscito" } } });
    expect(owners.map((m) => m.to)).toContain(owner.user.email);
    const portal = await retainerOf(token);
    expect(portal.retainer.subscription).toMatchObject({ status: "past_due", failedRenewals: 1 });

    // The lead page and the dashboard show it.
    const page = (await (await call(leadLoader, get(`/it/owner/leads/${lead.id}`, { Cookie: owner.cookie }), { lang: "it", leadId: lead.id })).json()) as { retainer: { view: RetainerPortal; subscriptionId: string } };
    expect(page.retainer).toMatchObject({ subscriptionId, view: { subscription: { status: "past_due", failedRenewals: 1, monthlyCents: 146_400 } } });
    expect(page.retainer.view.payments.filter((p) => p.status === "paid")).toHaveLength(2);
  });

  it("repeated and out-of-order events end in the state of the newest, and count once", async () => {
    const { lead, token } = await acceptedLead();
    const subscriptionId = await subscribed(token);
    held = [];
    await standin.renew(subscriptionId, "succeeded");
    // A second later (Stripe's event times are in seconds), the next month fails.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await standin.renew(subscriptionId, "failed");
    const events = held;
    held = null;
    expect(events.map((e) => e.type)).toEqual(["invoice.paid", "customer.subscription.updated", "invoice.payment_failed", "customer.subscription.updated"]);
    // Newest first, each twice.
    for (const e of [...events].reverse()) {
      expect((await webhook(e.payload, e.headers)).status).toBe(200);
      const repeat = await webhook(e.payload, e.headers);
      expect(((await repeat.json()) as { outcome: string }).outcome).toBe("duplicate");
    }
    expect(await subscriptionOf(lead.id)).toMatchObject({ status: "past_due", failedRenewals: 1 });
    const months = await prisma.payment.findMany({ where: { leadId: lead.id, purpose: "retainer" }, orderBy: { createdAt: "asc" } });
    expect(months.map((m) => m.status).sort()).toEqual(["failed", "paid", "paid"]);
    await runJobs();
    expect(await prisma.emailMessage.count({ where: { kind: "retainer_failed", leadId: lead.id } })).toBe(1);
  });

  it("a signed invoice event with the wrong shape is acknowledged and recorded, changing nothing", async () => {
    const { lead, token } = await acceptedLead();
    await subscribed(token);
    const payload = JSON.stringify({ id: `evt_bad_${randomBytes(4).toString("hex")}`, object: "event", type: "invoice.paid", created: Math.floor(Date.now() / 1000), livemode: false, data: { object: { id: "in_x", amount_paid: -5, amount_due: 0, currency: "eur" } } });
    const { signPayload } = await import("../../server/stripe-standin");
    const response = await webhook(payload, { "Content-Type": "application/json", "Stripe-Signature": signPayload(payload, SECRET) });
    expect(await response.json()).toEqual({ ignored: true });
    expect(await prisma.payment.count({ where: { leadId: lead.id } })).toBe(1);
  });
});

describe("cancelling", () => {
  it("before the minimum term: confirmed first, then set to end with the term; the stand-in ends it there", async () => {
    const { lead, token } = await acceptedLead();
    const subscriptionId = await subscribed(token);
    const row = await subscriptionOf(lead.id);
    const confirm = (await (await call(cancelLoader, get(`/it/p/${token}/retainer/cancel`), { lang: "it", token })).json()) as { cancellable: boolean; plan: { kind: string; at: string } };
    expect(confirm).toMatchObject({ cancellable: true, plan: { kind: "at_term_end", at: row.minimumTermEndsAt!.toISOString() } });
    // Nothing changed by reading the confirmation page.
    expect((await getStripe().subscriptions.retrieve(subscriptionId)).cancel_at).toBeNull();

    const done = await Promise.all([call(cancelAction, post(`/it/p/${token}/retainer/cancel`, {}), { lang: "it", token }), call(cancelAction, post(`/it/p/${token}/retainer/cancel`, {}), { lang: "it", token })]);
    for (const response of done) expect(response.headers.get("Location")).toBe(`/it/p/${token}?retainer=ending#retainer`);
    const stripeSub = await getStripe().subscriptions.retrieve(subscriptionId);
    expect(stripeSub.cancel_at).toBe(Math.floor(row.minimumTermEndsAt!.getTime() / 1000));
    expect(stripeSub.cancel_at_period_end).toBe(false);
    await standin.idle();
    expect((await subscriptionOf(lead.id)).cancelAt?.getTime()).toBe(stripeSub.cancel_at! * 1000);
    expect(await prisma.auditLog.count({ where: { leadId: lead.id, action: "retainer.cancel_requested" } })).toBeGreaterThanOrEqual(1);
    expect((await retainerOf(token)).retainer.subscription).toMatchObject({ status: "active", cancellable: false });

    // Months two and three are billed; at the end of the term it ends.
    await standin.renew(subscriptionId, "succeeded");
    await standin.renew(subscriptionId, "succeeded");
    expect((await subscriptionOf(lead.id)).status).toBe("active");
    await standin.renew(subscriptionId, "succeeded");
    expect(await subscriptionOf(lead.id)).toMatchObject({ status: "canceled" });
    expect(await prisma.payment.count({ where: { leadId: lead.id, purpose: "retainer", status: "paid" } })).toBe(3);
  });

  it("ended: the client area offers a new one; three starts at once open one Checkout and one new subscription, with the minimum term again", async () => {
    const { lead, token } = await acceptedLead();
    const first = await subscribed(token);
    await standin.cancelSubscription(first);
    const ended = await subscriptionOf(lead.id);
    expect(ended.status).toBe("canceled");
    const portal = (await retainerOf(token)).retainer;
    expect(portal).toMatchObject({ offer: "start", minimumTermMonths: 3, subscription: { status: "canceled", cancellable: false } });

    const answers = await Promise.all([startRetainer(token), startRetainer(token), startRetainer(token)]);
    const locations = new Set(answers.map((r) => r.headers.get("Location")));
    expect(locations.size).toBe(1);
    expect([...locations][0]).toMatch(new RegExp(`^${standin.url}/c/pay/cs_test_\\w+$`));
    const rows = await prisma.subscription.findMany({ where: { leadId: lead.id }, orderBy: { generation: "asc" } });
    expect(rows.map((r) => [r.generation, r.status, r.acceptanceId])).toEqual([
      [1, "canceled", ended.acceptanceId],
      [2, "incomplete", ended.acceptanceId],
    ]);
    // While the new one is under way, no third: the same session, then "already" once it runs.
    expect((await startRetainer(token)).headers.get("Location")).toBe([...locations][0]);
    const { session: done } = await standin.complete([...locations][0]!.split("/").pop()!);
    await standin.idle();
    const second = await prisma.subscription.findFirstOrThrow({ where: { leadId: lead.id, generation: 2 } });
    expect(second).toMatchObject({ status: "active", stripeSubscriptionId: done.subscription, minimumTermMonths: 3 });
    expect(second.stripeSubscriptionId).not.toBe(first);
    // The minimum term runs again from the new start: cancelling now ends it with the new term.
    expect(second.minimumTermEndsAt).toEqual(minimumTermEnd(second.startedAt!, 3));
    const confirm = (await (await call(cancelLoader, get(`/it/p/${token}/retainer/cancel`), { lang: "it", token })).json()) as { cancellable: boolean; plan: { kind: string; at: string } };
    expect(confirm).toMatchObject({ cancellable: true, plan: { kind: "at_term_end", at: second.minimumTermEndsAt!.toISOString() } });
    expect((await startRetainer(token)).headers.get("Location")).toBe(`/it/p/${token}?retainer=already#retainer`);
    expect(await prisma.subscription.count({ where: { leadId: lead.id } })).toBe(2);
    expect((await retainerOf(token)).retainer).toMatchObject({ offer: null, subscription: { status: "active", cancellable: true } });
    // The first month of each.
    expect(await prisma.payment.count({ where: { leadId: lead.id, purpose: "retainer", status: "paid" } })).toBe(2);
  });

  it("after the minimum term: at the end of the month being paid", async () => {
    const { lead, token } = await acceptedLead();
    const subscriptionId = await subscribed(token);
    // The term is over (as if three months had passed).
    await prisma.subscription.update({ where: { id: (await subscriptionOf(lead.id)).id }, data: { minimumTermEndsAt: new Date(Date.now() - 1000) } });
    const response = await call(cancelAction, post(`/it/p/${token}/retainer/cancel`, {}), { lang: "it", token });
    expect(response.headers.get("Location")).toBe(`/it/p/${token}?retainer=ending#retainer`);
    const stripeSub = await getStripe().subscriptions.retrieve(subscriptionId);
    expect(stripeSub.cancel_at_period_end).toBe(true);
    expect(stripeSub.cancel_at).toBe(stripeSub.items.data[0]!.current_period_end);
  });

  it("cancelled in Stripe's dashboard: ended for the app too, and no late event brings it back", async () => {
    const { lead, token } = await acceptedLead();
    const subscriptionId = await subscribed(token);
    held = [];
    await standin.renew(subscriptionId, "succeeded");
    const late = held;
    held = null;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await standin.cancelSubscription(subscriptionId);
    expect((await subscriptionOf(lead.id)).status).toBe("canceled");
    for (const e of late) expect((await webhook(e.payload, e.headers)).status).toBe(200);
    expect((await subscriptionOf(lead.id)).status).toBe("canceled");
    const page = await call(cancelLoader, get(`/it/p/${token}/retainer/cancel`), { lang: "it", token });
    expect(((await page.json()) as { cancellable: boolean }).cancellable).toBe(false);
  });
});

describe("the dashboard", () => {
  it("counts subscriptions per state and sums the active ones' monthly amounts (MRR)", async () => {
    const before = await retainerDashboard();
    const a = await acceptedLead();
    await subscribed(a.token);
    const b = await acceptedLead({ packageId: "essenziale", addOnIds: "" });
    const subB = await subscribed(b.token);
    await standin.renew(subB, "failed");
    const after = await retainerDashboard();
    const mrr = (f: typeof before) => f.mrr.find((m) => m.currency === "EUR")?.cents ?? 0;
    // Only the active one counts: 1.464,00 €.
    expect(mrr(after) - mrr(before)).toBe(146_400);
    expect(after.counts.active - before.counts.active).toBe(1);
    expect(after.counts.past_due - before.counts.past_due).toBe(1);
    const page = (await (await call(dashboardLoader, get("/it/owner/dashboard", { Cookie: owner.cookie }), { lang: "it" })).json()) as { retainers: typeof after };
    expect(page.retainers).toEqual(JSON.parse(JSON.stringify(after)));
  });
});
