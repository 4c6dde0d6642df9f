// Accept and pay, end to end on a real database (SQLite or PostgreSQL) with the
// real `stripe` SDK talking to the local stand-in, started here. The stand-in's
// webhooks are handed to the webhook route in-process (signed as Stripe signs
// them), so every check below goes through the same code as production.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signPayload, startStripeStandin, type StripeStandin } from "../../server/stripe-standin";
import { complete } from "~/domain/intake/fixtures";
import { createDraft } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { dashboardFigures } from "~/models/dashboard.server";
import { getLeadPayments } from "~/models/payments.server";
import { romeToday } from "~/domain/intake/schema";
import { getT } from "~/i18n/i18n";
import { sendProposal } from "~/models/proposal-versions.server";
import { action as acceptAction, loader as acceptLoader } from "~/routes/$lang.p.$token_.accept";
import { loader as outcomeLoader } from "~/routes/$lang.p.$token_.checkout.$outcome";
import { action as payAction } from "~/routes/$lang.p.$token_.pay";
import { loader as receiptLoader } from "~/routes/$lang.p.$token_.receipt.$paymentId";
import { loader as pageLoader } from "~/routes/$lang.p.$token";
import { loader as pdfLoader } from "~/routes/$lang.p.$token.pdf";
import { action as paymentsAction } from "~/routes/$lang.owner.payments.$leadId";
import { action as webhookAction } from "~/routes/stripe.webhook";
import { createSessionCookie } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { resetEnvForTests } from "~/utils/env.server";
import { sha256 } from "~/utils/storage.server";
import { getStripe } from "~/utils/stripe.server";
import { businessAcceptance, call, get, post, runJobs, irrelevantPasswordHash } from "./helpers";

const SECRET = `whsec_${randomBytes(16).toString("hex")}`;
process.env.STRIPE_WEBHOOK_SECRET = SECRET;
delete process.env.STRIPE_SECRET_KEY;

let standin: StripeStandin;
/** While set, webhooks are kept here instead of being delivered (to deliver them in another order). */
let held: Array<{ type: string; payload: string; headers: Record<string, string> }> | null = null;

function webhook(payload: string, headers: Record<string, string>) {
  return call(webhookAction, new Request("http://localhost/stripe/webhook", { method: "POST", body: payload, headers }), {});
}

beforeAll(async () => {
  standin = await startStripeStandin({
    webhookSecret: SECRET,
    retryDelaysMs: [],
    asyncDelayMs: 10,
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

async function staff(role: "owner" | "member" = "member") {
  const user = await prisma.user.create({ data: { email: `${role}-${randomBytes(4).toString("hex")}@studio.example`, name: `Staff ${role}`, role, passwordHash: await irrelevantPasswordHash() } });
  return { user, cookie: (await createSessionCookie(user.id, { userAgent: "vitest", ip: null })).split(";")[0]! };
}

/** A lead from the full questionnaire with its proposal sent (version 1); without its PDF unless the test is about it (the PDF renders when first downloaded). */
async function sentLead(email = `client-${randomBytes(4).toString("hex")}@hotel.example`, { attachPdf = false } = {}) {
  const answers = { ...complete, about: { ...complete.about, email } };
  const { draft } = await createDraft("it");
  const outcome = await submitIntake({ id: draft.id, answers }, "it");
  if (!outcome.ok) throw new Error("fixture does not submit");
  const lead = await prisma.lead.findFirstOrThrow({ where: { token: outcome.token } });
  const { user } = await staff("owner");
  const { version } = await sendProposal(lead.id, user.id, undefined, undefined, { attachPdf });
  return { lead, version, token: lead.token, params: { lang: "it", token: lead.token } };
}

const business = businessAcceptance;

const browser = { "User-Agent": "Mozilla/5.0 (vitest) Safari/605", "X-Client-IP": "203.0.113.7" };

async function accepted(fields: Record<string, string> = {}) {
  const sent = await sentLead();
  const response = await call(acceptAction, post(`/it/p/${sent.token}/accept`, { versionHash: sent.version.snapshotHash, ...business, ...fields }, browser), sent.params);
  expect(response.status).toBe(302);
  return sent;
}

/** Starts the checkout as the client's browser does; returns the stand-in's session id. */
async function checkout(token: string) {
  const response = await call(payAction, post(`/it/p/${token}/pay`, {}), { lang: "it", token });
  expect(response.status).toBe(303);
  const location = response.headers.get("Location") ?? "";
  expect(location).toMatch(new RegExp(`^${standin.url}/c/pay/cs_test_\\w+$`));
  return location.split("/").pop()!;
}

async function paymentOf(leadId: string) {
  return prisma.payment.findFirstOrThrow({ where: { leadId }, orderBy: { createdAt: "desc" } });
}

/** What the payments panel's action tells a script (Conform's result): the messages per field ("" for the form) and what was done. */
async function panelAnswer(response: Response) {
  const body = (await response.json()) as { result: { error?: Record<string, string[] | null> }; ok?: string };
  const errors = Object.fromEntries(Object.entries(body.result.error ?? {}).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].length > 0));
  return body.ok ? { errors, ok: body.ok } : { errors };
}

const status = async (leadId: string) => (await prisma.lead.findUniqueOrThrow({ where: { id: leadId }, select: { status: true } })).status;

/** Pays a checkout on the stand-in and refunds it in full, keeping both webhooks back (to deliver them in any order). */
async function paidThenRefundedHeld(session: string) {
  held = [];
  await standin.complete(session);
  await standin.refund({ payment_intent: standin.session(session).payment_intent! });
  const events = held;
  held = null;
  return events;
}

describe("acceptance", () => {
  it("refuses wrong tax ids with their own messages and stores nothing", async () => {
    const sent = await sentLead();
    const submit = (fields: Record<string, string>) => call(acceptAction, post(`/it/p/${sent.token}/accept`, { versionHash: sent.version.snapshotHash, ...business, ...fields }, browser), sent.params);
    const errorsOf = async (response: Response) => ((await response.json()) as { result: { error: Record<string, string[]> } }).result.error;

    const badVat = await submit({ partitaIva: "01234567890" });
    expect(badVat.status).toBe(400);
    expect((await errorsOf(badVat)).partitaIva).toEqual(["payment.errors.partitaIvaCheck"]);
    expect((await errorsOf(await submit({ partitaIva: "0123" }))).partitaIva).toEqual(["payment.errors.partitaIvaFormat"]);
    expect((await errorsOf(await submit({ codiceDestinatario: "", pec: "" }))).codiceDestinatario).toEqual(["payment.errors.sdiOrPec"]);
    expect((await errorsOf(await submit({ kind: "person", codiceFiscale: "RSSMRA80A01H501X" }))).codiceFiscale).toEqual(["payment.errors.codiceFiscaleCheck"]);
    expect((await errorsOf(await submit({ terms: "" }))).terms).toEqual(["payment.errors.terms"]);
    expect((await errorsOf(await submit({ packageId: "platinum" }))).packageId).toEqual(["payment.errors.package"]);
    expect(await prisma.acceptance.count({ where: { leadId: sent.lead.id } })).toBe(0);
    expect(await prisma.client.count({ where: { leadId: sent.lead.id } })).toBe(0);
    expect(await status(sent.lead.id)).toBe("proposal_sent");

    // The words behind those keys exist in both languages.
    const { getT } = await import("~/i18n/i18n");
    expect(getT("it")("payment.errors.partitaIvaCheck")).toMatch(/cifra di controllo/);
    expect(getT("en")("payment.errors.codiceFiscaleCheck")).toMatch(/check character/);
  });

  it("stores who accepted which version, when, from where, with the invoicing data, once", async () => {
    const sent = await sentLead(undefined, { attachPdf: true });
    const page = await call(acceptLoader, get(`/it/p/${sent.token}/accept?package=completo&addon=video`), sent.params);
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ versionHash: sent.version.snapshotHash, defaults: { packageId: "completo", addOnIds: ["video"] }, onboardingNetCents: 50000, vatRatePercent: 22 });

    const response = await call(acceptAction, post(`/it/p/${sent.token}/accept`, { versionHash: sent.version.snapshotHash, ...business }, browser), sent.params);
    expect(response.headers.get("Location")).toBe(`/it/p/${sent.token}?accepted=1`);
    const acceptance = await prisma.acceptance.findFirstOrThrow({ where: { leadId: sent.lead.id } });
    expect(acceptance).toMatchObject({
      proposalVersionId: sent.version.id,
      versionHash: sent.version.snapshotHash,
      packageId: "crescita",
      addOnIds: '["ads"]',
      fullName: "Giulia Bianchi",
      ip: "203.0.113.7",
      userAgent: "Mozilla/5.0 (vitest) Safari/605",
      onboardingCents: 61000, // 500,00 € + 22% IVA
      currency: "EUR",
    });
    expect(acceptance.versionHash).toBe(sha256(sent.version.snapshot));
    expect(await prisma.client.findUniqueOrThrow({ where: { leadId: sent.lead.id } })).toMatchObject({
      kind: "business",
      legalName: "Hotel Lago Blu S.r.l.",
      partitaIva: "01234567897",
      codiceDestinatario: "M5UXCR1",
      codiceFiscale: null,
      province: "MI",
    });
    expect(await status(sent.lead.id)).toBe("accepted");
    expect(await prisma.auditLog.count({ where: { leadId: sent.lead.id, action: "proposal.accepted" } })).toBe(1);
    await runJobs();
    expect(await prisma.emailMessage.count({ where: { kind: "proposal_accepted", to: sent.lead.email } })).toBe(1);
    expect((await prisma.emailMessage.findFirstOrThrow({ where: { kind: "owner_payment" }, orderBy: { createdAt: "desc" } })).text).toContain("Crescita");

    // Accepting again changes nothing; the form is gone.
    const again = await call(acceptAction, post(`/it/p/${sent.token}/accept`, { versionHash: sent.version.snapshotHash, ...business, packageId: "essenziale" }, browser), sent.params);
    expect(again.headers.get("Location")).toBe(`/it/p/${sent.token}`);
    expect((await call(acceptLoader, get(`/it/p/${sent.token}/accept`), sent.params)).headers.get("Location")).toBe(`/it/p/${sent.token}`);
    expect(await prisma.acceptance.count({ where: { leadId: sent.lead.id } })).toBe(1);

    // The accepted version cannot change: a later version does not replace it for the client.
    const { user } = await staff("owner");
    await prisma.proposal.update({ where: { leadId: sent.lead.id }, data: { textEdits: JSON.stringify({ summary: "Testo cambiato dopo l'accettazione." }) } });
    const second = await sendProposal(sent.lead.id, user.id, undefined, undefined, { attachPdf: false });
    expect(second.version.number).toBe(2);
    const portal = (await (await call(pageLoader, get(`/it/p/${sent.token}`), sent.params)).json()) as { portal: { version: { number: number; hash: string; intact: boolean } }; view: { edits: Record<string, string> } };
    expect(portal.portal.version).toMatchObject({ number: 1, hash: sent.version.snapshotHash, intact: true });
    expect(portal.view.edits.summary).toBeUndefined();
    const pdf = Buffer.from(await (await call(pdfLoader, get(`/it/p/${sent.token}/pdf`), sent.params)).arrayBuffer());
    const first = await prisma.proposalVersion.findUniqueOrThrow({ where: { id: sent.version.id } });
    expect(sha256(pdf)).toBe(first.pdfHash);
    expect(first.snapshotHash).toBe(acceptance.versionHash);
  });

  it("refuses a version that is no longer the newest", async () => {
    const sent = await sentLead();
    const response = await call(acceptAction, post(`/it/p/${sent.token}/accept`, { versionHash: "0".repeat(64), ...business }, browser), sent.params);
    expect(response.status).toBe(409);
    expect(((await response.json()) as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual(["payment.errors.changed"]);
    expect(await prisma.acceptance.count({ where: { leadId: sent.lead.id } })).toBe(0);
  });

  it("takes a private person's codice fiscale instead of business data", async () => {
    const sent = await accepted({ kind: "person", codiceFiscale: "rssmra80a01h501u", legalName: "", partitaIva: "", codiceDestinatario: "" });
    expect(await prisma.client.findUniqueOrThrow({ where: { leadId: sent.lead.id } })).toMatchObject({ kind: "person", legalName: "Giulia Bianchi", codiceFiscale: "RSSMRA80A01H501U", partitaIva: null, codiceDestinatario: null });
  });
});

describe("checkout", () => {
  it("opens a Checkout through the SDK for the accepted fee, in the client's language, with the proposal in its metadata", async () => {
    const sent = await accepted();
    const sessionId = await checkout(sent.token);
    const payment = await paymentOf(sent.lead.id);
    expect(payment).toMatchObject({ provider: "stripe", status: "pending", expectedCents: 61000, stripeSessionId: sessionId });
    const acceptance = await prisma.acceptance.findFirstOrThrow({ where: { leadId: sent.lead.id } });
    const session = await getStripe().checkout.sessions.retrieve(sessionId);
    expect(session).toMatchObject({ amount_total: 61000, currency: "eur", locale: "it", customer_email: sent.lead.email, client_reference_id: acceptance.id, status: "open" });
    expect(session.metadata).toEqual({
      socialbrief_payment: payment.id,
      lead_id: sent.lead.id,
      acceptance_id: acceptance.id,
      proposal_version_id: sent.version.id,
      version_hash: sent.version.snapshotHash,
      expected_cents: "61000",
    });
    expect(session.success_url).toBe(`http://localhost:3000/it/p/${sent.token}/checkout/success?session_id={CHECKOUT_SESSION_ID}`);

    // Coming back to pay again reopens the same session rather than a second one.
    expect(await checkout(sent.token)).toBe(sessionId);
    expect(await prisma.payment.count({ where: { leadId: sent.lead.id } })).toBe(1);
  });

  it("says so when Stripe cannot be reached, and keeps no half-made payment", async () => {
    const sent = await accepted();
    process.env.STRIPE_STANDIN_PORT = "1"; // nothing listens there
    resetEnvForTests();
    try {
      const response = await call(payAction, post(`/it/p/${sent.token}/pay`, {}), sent.params);
      expect(response.headers.get("Location")).toBe(`/it/p/${sent.token}?payment=unavailable`);
      expect(await prisma.payment.count({ where: { leadId: sent.lead.id } })).toBe(0);
    } finally {
      process.env.STRIPE_STANDIN_PORT = String(standin.port);
      resetEnvForTests();
    }
    expect(await checkout(sent.token)).toMatch(/^cs_test_/);
  });

  it("opens one Checkout for two requests at once, and both go to it", async () => {
    const sent = await accepted();
    const pay = () => call(payAction, post(`/it/p/${sent.token}/pay`, {}), sent.params);
    const [a, b] = await Promise.all([pay(), pay()]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(a.headers.get("Location")).toMatch(new RegExp(`^${standin.url}/c/pay/cs_test_\\w+$`));
    expect(b.headers.get("Location")).toBe(a.headers.get("Location"));
    expect(await prisma.payment.count({ where: { leadId: sent.lead.id } })).toBe(1);
    const sessions = await getStripe().checkout.sessions.list({ limit: 100 });
    expect(sessions.data.filter((s) => s.metadata?.lead_id === sent.lead.id)).toHaveLength(1);
    // And a third, later, is sent back to the same one.
    expect((await pay()).headers.get("Location")).toBe(a.headers.get("Location"));
    expect(await prisma.payment.count({ where: { leadId: sent.lead.id } })).toBe(1);
  });

  it("refuses to open a Checkout once the fee is paid, says so, and starts nothing", async () => {
    const sent = await accepted();
    const { cookie } = await staff("member");
    const manual = (fields: Record<string, string> = {}) =>
      call(paymentsAction, post(`/it/owner/payments/${sent.lead.id}`, { intent: "manual", js: "1", amount: "610,00", paidOn: "2026-01-10", note: "Bonifico CRO 42", ...fields }, { Cookie: cookie }), { lang: "it", leadId: sent.lead.id });
    expect(await panelAnswer(await manual())).toEqual({ errors: {}, ok: "saved" });
    const response = await call(payAction, post(`/it/p/${sent.token}/pay`, {}), sent.params);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/it/p/${sent.token}?payment=paid`);
    expect(await prisma.payment.count({ where: { leadId: sent.lead.id } })).toBe(1);
    const sessions = await getStripe().checkout.sessions.list({ limit: 100 });
    expect(sessions.data.filter((s) => s.metadata?.lead_id === sent.lead.id)).toHaveLength(0);
    expect(getT("it")("payment.portal.alreadyPaid")).toMatch(/già pagata/);
    expect(getT("en")("payment.portal.alreadyPaid")).toMatch(/already paid/);
  });

  it("refuses to start before acceptance", async () => {
    const sent = await sentLead();
    expect((await call(payAction, post(`/it/p/${sent.token}/pay`, {}), sent.params)).status).toBe(404);
  });
});

describe("webhook", () => {
  it("refuses a bad signature with 400 and changes nothing", async () => {
    const sent = await accepted();
    const sessionId = await checkout(sent.token);
    held = [];
    await standin.complete(sessionId);
    const [event] = held;
    held = null;
    expect(event?.type).toBe("checkout.session.completed");
    const tampered = event!.payload.replace('"amount_total": 61000', '"amount_total": 100');
    for (const [payload, headers] of [
      [event!.payload, { ...event!.headers, "Stripe-Signature": signPayload(event!.payload, "whsec_someone_else") }],
      [event!.payload, { "Content-Type": "application/json" }],
      [tampered, event!.headers],
      [event!.payload, { ...event!.headers, "Stripe-Signature": "t=1,v1=deadbeef" }],
    ] as const) {
      const response = await webhook(payload, headers);
      expect(response.status).toBe(400);
      expect(await response.text()).toBe("Bad signature");
    }
    expect(await prisma.stripeEvent.count({ where: { id: JSON.parse(event!.payload).id } })).toBe(0);
    expect((await paymentOf(sent.lead.id)).status).toBe("pending");
    expect(await status(sent.lead.id)).toBe("accepted");
    // The genuine delivery still works afterwards.
    expect((await webhook(event!.payload, event!.headers)).status).toBe(200);
    expect((await paymentOf(sent.lead.id)).status).toBe("paid");
  });

  it("acknowledges a correctly signed but malformed event with 200 {ignored: true}, records it, and changes nothing", async () => {
    const sent = await accepted();
    const sessionId = await checkout(sent.token);
    const created = Math.floor(Date.now() / 1000);
    const sign = (payload: string) => ({ "Content-Type": "application/json", "Stripe-Signature": getStripe().webhooks.generateTestHeaderString({ payload, secret: SECRET }) });
    const malformed: Array<{ payload: string; id: string | null; type: string }> = [
      { payload: "{}", id: null, type: "invalid" },
      { payload: "null", id: null, type: "invalid" },
      { payload: "not json at all", id: null, type: "invalid" },
      { payload: JSON.stringify({ id: "evt_bad_no_object", object: "event", type: "checkout.session.completed", created, livemode: false, data: {} }), id: "evt_bad_no_object", type: "checkout.session.completed" },
      {
        payload: JSON.stringify({ id: "evt_bad_amount", object: "event", type: "checkout.session.completed", created, livemode: false, data: { object: { id: sessionId, payment_status: "paid", amount_total: "61000", currency: "eur", metadata: {} } } }),
        id: "evt_bad_amount",
        type: "checkout.session.completed",
      },
      { payload: JSON.stringify({ id: "evt_bad_refund", object: "event", type: "charge.refunded", created, livemode: false, data: { object: { id: "ch_1", amount: 61000, currency: "eur" } } }), id: "evt_bad_refund", type: "charge.refunded" },
      { payload: JSON.stringify({ id: 42, type: ["charge.refunded"], created: "yesterday", data: null }), id: null, type: "invalid" },
    ];
    for (const { payload, id, type } of malformed) {
      for (let delivery = 0; delivery < 2; delivery++) {
        const response = await webhook(payload, sign(payload));
        expect(response.status, payload).toBe(200);
        expect(await response.json()).toEqual({ ignored: true });
      }
      const rowId = id ?? `invalid:${sha256(Buffer.from(payload))}`;
      const row = await prisma.stripeEvent.findUniqueOrThrow({ where: { id: rowId } });
      expect(row).toMatchObject({ type });
      expect(row.problem).toBeTruthy();
    }
    expect((await prisma.stripeEvent.findUniqueOrThrow({ where: { id: "evt_bad_amount" } })).problem).toContain("data.object.amount_total");
    expect((await paymentOf(sent.lead.id)).status).toBe("pending");
    expect(await status(sent.lead.id)).toBe("accepted");

    // Unsigned or wrongly signed, malformed or not: still 400, nothing recorded.
    const unsigned = JSON.stringify({ id: "evt_unsigned", type: "checkout.session.completed" });
    expect((await webhook(unsigned, { "Content-Type": "application/json" })).status).toBe(400);
    const forged = { "Stripe-Signature": getStripe().webhooks.generateTestHeaderString({ payload: unsigned, secret: "whsec_someone_else" }) };
    expect((await webhook(unsigned, forged)).status).toBe(400);
    expect((await webhook("not json", forged)).status).toBe(400);
    expect(await prisma.stripeEvent.count({ where: { id: "evt_unsigned" } })).toBe(0);

    // A well-formed event of a type we do not act on is an ordinary "ignored" (no problem recorded).
    const other = JSON.stringify({ id: "evt_other_type", object: "event", type: "customer.created", created, livemode: false, data: { object: { id: "cus_1" } } });
    const otherResponse = await webhook(other, sign(other));
    expect(await otherResponse.json()).toEqual({ received: true, outcome: "ignored", why: "type" });
    expect((await prisma.stripeEvent.findUniqueOrThrow({ where: { id: "evt_other_type" } })).problem).toBeNull();
  });

  it("marks paid only on the verified event, once however often it is delivered; the success page only reads", async () => {
    const sent = await accepted();
    const sessionId = await checkout(sent.token);
    const success = () => call(outcomeLoader, get(`/it/p/${sent.token}/checkout/success?session_id=${sessionId}`), { ...sent.params, outcome: "success" });
    // Opening the success URL (even twice) before Stripe confirms marks nothing paid.
    for (let i = 0; i < 2; i++) expect(await (await success()).json()).toMatchObject({ state: "due", payment: { status: "pending" } });
    expect((await paymentOf(sent.lead.id)).status).toBe("pending");

    const { events } = await standin.complete(sessionId);
    expect(events[0]!.deliveries.at(-1)!.status).toBe(200);
    const payment = await paymentOf(sent.lead.id);
    expect(payment).toMatchObject({ status: "paid", amountCents: 61000, mismatch: false, stripePaymentIntentId: standin.session(sessionId).payment_intent });
    expect(payment.paidAt).not.toBeNull();
    expect(await status(sent.lead.id)).toBe("paid");
    expect(await (await success()).json()).toMatchObject({ state: "paid", payment: { status: "paid", amountCents: 61000 } });

    // Stripe delivers the same event again (and again): nothing changes.
    const eventId = events[0]!.id;
    expect(await standin.deliver(eventId)).toBe(200);
    expect(await standin.deliver(eventId)).toBe(200);
    expect(await prisma.stripeEvent.count({ where: { id: eventId } })).toBe(1);
    expect(await prisma.payment.count({ where: { leadId: sent.lead.id } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { leadId: sent.lead.id, action: "payment.paid" } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { leadId: sent.lead.id, action: "lead.status" } })).toBe(2); // → accepted, → paid
    await runJobs();
    expect(await prisma.emailMessage.count({ where: { kind: "payment_received", to: sent.lead.email } })).toBe(1);

    // The client area and the receipt show it, with VAT as an Italian invoice shows it.
    const page = (await (await call(pageLoader, get(`/it/p/${sent.token}`), sent.params)).json()) as { portal: { state: string; receipts: Array<{ id: string; amountCents: number }> } };
    expect(page.portal.state).toBe("paid");
    expect(page.portal.receipts).toEqual([expect.objectContaining({ id: payment.id, amountCents: 61000 })]);
    const receipt = (await (await call(receiptLoader, get(`/it/p/${sent.token}/receipt/${payment.id}`), { ...sent.params, paymentId: payment.id })).json()) as { receipt: { amount: unknown; client: { partitaIva: string } } };
    expect(receipt.receipt.amount).toMatchObject({ netCents: 50000, vatCents: 11000, grossCents: 61000, dueCents: 61000, ratePercent: 22, regime: "ordinary", treatment: "standard" });
    expect(receipt.receipt.client.partitaIva).toBe("01234567897");
    // Another lead's link does not open this receipt; paying again is not offered.
    const other = await sentLead();
    expect((await call(receiptLoader, get(`/it/p/${other.token}/receipt/${payment.id}`), { ...other.params, paymentId: payment.id })).status).toBe(404);
    expect((await call(payAction, post(`/it/p/${sent.token}/pay`, {}), sent.params)).headers.get("Location")).toBe(`/it/p/${sent.token}?payment=paid`);
  });

  it("moves a payment refunded in Stripe to refunded, through a partial refund", async () => {
    const sent = await accepted();
    const sessionId = await checkout(sent.token);
    await standin.complete(sessionId);
    const intent = standin.session(sessionId).payment_intent!;

    // A refund made in Stripe: its event follows on its own, as Stripe's do.
    await getStripe().refunds.create({ payment_intent: intent, amount: 1000 });
    await standin.idle();
    expect((await paymentOf(sent.lead.id)).status).toBe("paid");
    expect(await prisma.auditLog.count({ where: { leadId: sent.lead.id, action: "payment.partial_refund" } })).toBe(1);

    await getStripe().refunds.create({ payment_intent: intent });
    await standin.idle();
    const payment = await paymentOf(sent.lead.id);
    expect(payment.status).toBe("refunded");
    expect(payment.refundedAt).not.toBeNull();
    expect(await status(sent.lead.id)).toBe("accepted");
    expect(await prisma.auditLog.count({ where: { leadId: sent.lead.id, action: "payment.refunded" } })).toBe(1);
    const panel = await getLeadPayments(sent.lead.id, "it", { role: "owner" });
    expect(panel?.summary).toBe("refunded");
    expect(panel?.history.map((h) => h.action)).toEqual(expect.arrayContaining(["payment.refunded", "payment.partial_refund", "payment.paid", "payment.checkout", "proposal.accepted"]));
  });

  it("flags an amount that differs from the accepted one instead of counting it; the team can accept it with a note", async () => {
    const sent = await accepted();
    const sessionId = await checkout(sent.token);
    await standin.complete(sessionId, { amountTotal: 100 });
    const payment = await paymentOf(sent.lead.id);
    expect(payment).toMatchObject({ status: "paid", amountCents: 100, expectedCents: 61000, mismatch: true });
    expect(await status(sent.lead.id)).toBe("accepted");
    expect(await prisma.auditLog.count({ where: { leadId: sent.lead.id, action: "payment.mismatch" } })).toBe(1);
    expect((await getLeadPayments(sent.lead.id, "it", { role: "owner" }))?.summary).toBe("review");
    await runJobs();
    expect(await prisma.emailMessage.count({ where: { kind: "payment_received", to: sent.lead.email } })).toBe(0);

    const params = { lang: "it", leadId: sent.lead.id };
    // A member may not accept the difference: the panel offers no button, and a direct POST is refused.
    const member = await staff("member");
    expect((await getLeadPayments(sent.lead.id, "it", member.user))?.canSettleDifferences).toBe(false);
    expect((await getLeadPayments(sent.lead.id, "it", { role: "owner" }))?.canSettleDifferences).toBe(true);
    const refused = await call(paymentsAction, post(`/it/owner/payments/${sent.lead.id}`, { intent: "review", paymentId: payment.id, note: "Va bene così", js: "1" }, { Cookie: member.cookie }), params);
    expect(refused.status).toBe(403);
    expect(await panelAnswer(refused)).toEqual({ errors: { "": ["payment.panel.errors.owner_only"] } });
    expect(await paymentOf(sent.lead.id)).toMatchObject({ mismatch: true, expectedCents: 61000 });

    const { cookie } = await staff("owner");
    const empty = await call(paymentsAction, post(`/it/owner/payments/${sent.lead.id}`, { intent: "review", paymentId: payment.id, note: " ", js: "1" }, { Cookie: cookie }), params);
    expect(empty.status).toBe(400);
    expect(await panelAnswer(empty)).toEqual({ errors: { note: ["payment.panel.errors.note"] } });
    const ok = await call(paymentsAction, post(`/it/owner/payments/${sent.lead.id}`, { intent: "review", paymentId: payment.id, note: "Sconto concordato al telefono", redirectTo: `/it/owner/proposals/${sent.lead.id}` }, { Cookie: cookie }), params);
    expect(ok.headers.get("Location")).toBe(`/it/owner/proposals/${sent.lead.id}?payments=reviewed#payments`);
    expect(await paymentOf(sent.lead.id)).toMatchObject({ mismatch: false, expectedCents: 100, note: "Sconto concordato al telefono" });
    expect(await status(sent.lead.id)).toBe("paid");
  });

  it("ends in the right state whatever order the events arrive in", async () => {
    // Paid, then refunded; the refund arrives first.
    const a = await accepted();
    const sessionA = await checkout(a.token);
    const [completedA, refundedA] = await paidThenRefundedHeld(sessionA);
    expect([completedA?.type, refundedA?.type]).toEqual(["checkout.session.completed", "charge.refunded"]);
    expect((await webhook(refundedA!.payload, refundedA!.headers)).status).toBe(200);
    expect((await paymentOf(a.lead.id)).status).toBe("refunded");
    expect((await webhook(completedA!.payload, completedA!.headers)).status).toBe(200);
    expect((await paymentOf(a.lead.id)).status).toBe("refunded");
    expect(await status(a.lead.id)).toBe("accepted");

    // A bank debit: "completed, unpaid" and then "succeeded"; the success arrives first.
    const b = await accepted();
    const sessionB = await checkout(b.token);
    held = [];
    await standin.complete(sessionB, { outcome: "processing" });
    await standin.asyncResult(sessionB, "succeeded");
    const [completedB, succeededB] = held;
    held = null;
    expect(JSON.parse(completedB!.payload).data.object.payment_status).toBe("unpaid");
    await webhook(succeededB!.payload, succeededB!.headers);
    await webhook(completedB!.payload, completedB!.headers);
    expect(await paymentOf(b.lead.id)).toMatchObject({ status: "paid", amountCents: 61000, mismatch: false });
    expect(await status(b.lead.id)).toBe("paid");

    // A bank debit that fails: in order it ends failed, and the client may pay again.
    const c = await accepted();
    const sessionC = await checkout(c.token);
    await standin.complete(sessionC, { outcome: "processing" });
    expect(((await (await call(pageLoader, get(`/it/p/${c.token}`), c.params)).json()) as { portal: { state: string } }).portal.state).toBe("processing");
    await standin.asyncResult(sessionC, "failed");
    expect((await paymentOf(c.lead.id)).status).toBe("failed");
    expect(((await (await call(pageLoader, get(`/it/p/${c.token}`), c.params)).json()) as { portal: { state: string } }).portal.state).toBe("failed");
    expect(await checkout(c.token)).not.toBe(sessionC);

    // A refund without our metadata, before the payment: found through Stripe by its payment intent.
    const d = await accepted();
    const sessionD = await checkout(d.token);
    held = [];
    await standin.complete(sessionD);
    await standin.refund({ payment_intent: standin.session(sessionD).payment_intent! });
    const [completedD, refundedD] = held;
    held = null;
    const bare = JSON.parse(refundedD!.payload) as { id: string; data: { object: { metadata: Record<string, string> } } };
    bare.id = `${bare.id}x`;
    bare.data.object.metadata = {};
    const payload = JSON.stringify(bare);
    expect((await webhook(payload, { "Content-Type": "application/json", "Stripe-Signature": signPayload(payload, SECRET) })).status).toBe(200);
    expect((await paymentOf(d.lead.id)).status).toBe("refunded");
    await webhook(completedD!.payload, completedD!.headers);
    expect((await paymentOf(d.lead.id)).status).toBe("refunded");
  });

  it("keeps one result when deliveries race each other", async () => {
    const sent = await accepted();
    const sessionId = await checkout(sent.token);
    held = [];
    await standin.complete(sessionId);
    await standin.refund({ payment_intent: standin.session(sessionId).payment_intent!, amount: 500 });
    const [completed, partial] = held;
    held = null;
    // The same event three times at once, and another event about the same payment beside them.
    const responses = await Promise.all([completed, completed, completed, partial].map((e) => webhook(e!.payload, e!.headers)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const outcomes = await Promise.all(responses.slice(0, 3).map(async (r) => ((await r.json()) as { outcome: string }).outcome));
    expect(outcomes.filter((o) => o === "applied")).toHaveLength(1);
    expect(await paymentOf(sent.lead.id)).toMatchObject({ status: "paid", amountCents: 61000 });
    expect(await prisma.auditLog.count({ where: { leadId: sent.lead.id, action: "payment.paid" } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { leadId: sent.lead.id, action: "payment.partial_refund" } })).toBe(1);
  });

  it("acknowledges events it does not act on, and ones about payments that are not ours", async () => {
    const other = { id: `evt_${randomBytes(8).toString("hex")}`, object: "event", type: "customer.created", created: Math.floor(Date.now() / 1000), livemode: false, data: { object: { id: "cus_1", object: "customer" } } };
    const payload = JSON.stringify(other);
    const response = await webhook(payload, { "Content-Type": "application/json", "Stripe-Signature": signPayload(payload, SECRET) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: true, outcome: "ignored", why: "type" });
    const foreign = { ...other, id: `evt_${randomBytes(8).toString("hex")}`, type: "checkout.session.completed", data: { object: { id: "cs_test_elsewhere", object: "checkout.session", metadata: {}, payment_status: "paid", amount_total: 5000, currency: "eur", payment_intent: "pi_elsewhere" } } };
    const foreignPayload = JSON.stringify(foreign);
    const foreignResponse = await webhook(foreignPayload, { "Content-Type": "application/json", "Stripe-Signature": signPayload(foreignPayload, SECRET) });
    expect(await foreignResponse.json()).toMatchObject({ outcome: "ignored", why: "unknown-payment" });
    expect((await call(webhookAction, new Request("http://localhost/stripe/webhook", { method: "PUT", body: "{}" }), {})).status).toBe(405);
  });
});

describe("bank transfers recorded by the team", () => {
  it("records a transfer with a note, marks the lead paid, and checks what was typed", async () => {
    const sent = await accepted();
    const { cookie } = await staff("member");
    const params = { lang: "it", leadId: sent.lead.id };
    const send = (fields: Record<string, string>, headers: Record<string, string> = { Cookie: cookie }) => call(paymentsAction, post(`/it/owner/payments/${sent.lead.id}`, { intent: "manual", js: "1", ...fields }, headers), params);

    expect((await send({ amount: "610,00", paidOn: "2026-01-10", note: "CRO 123" }, {})).status).toBe(302); // signed out → login
    const bad = await send({ amount: "seicento", paidOn: "2999-01-01", note: "" });
    expect(bad.status).toBe(400);
    expect(await panelAnswer(bad)).toEqual({ errors: { amount: ["payment.panel.errors.amount"], paidOn: ["payment.panel.errors.date"], note: ["payment.panel.errors.note"] } });
    // Without JavaScript the error comes back on the page it was sent from.
    const noJs = await call(paymentsAction, post(`/it/owner/payments/${sent.lead.id}`, { intent: "manual", amount: "x", paidOn: "2026-01-10", note: "n", redirectTo: `/en/owner/leads/${sent.lead.id}?tab=1` }, { Cookie: cookie }), params);
    expect(noJs.headers.get("Location")).toBe(`/en/owner/leads/${sent.lead.id}?tab=1&paymentError=payment.panel.errors.amount#payments`);
    expect(await prisma.payment.count({ where: { leadId: sent.lead.id } })).toBe(0);

    const ok = await send({ amount: "610,00", paidOn: "2026-01-10", note: "Bonifico CRO 0001234" });
    expect(await panelAnswer(ok)).toEqual({ errors: {}, ok: "saved" });
    expect(await paymentOf(sent.lead.id)).toMatchObject({ provider: "manual", status: "paid", amountCents: 61000, expectedCents: 61000, mismatch: false, note: "Bonifico CRO 0001234" });
    expect(await status(sent.lead.id)).toBe("paid");
    expect(await prisma.auditLog.count({ where: { leadId: sent.lead.id, action: "payment.manual" } })).toBe(1);
    const portal = (await (await call(pageLoader, get(`/it/p/${sent.token}`), sent.params)).json()) as { portal: { state: string; receipts: Array<{ provider: string }> } };
    expect(portal.portal).toMatchObject({ state: "paid", receipts: [{ provider: "manual" }] });
  });

  it("lets only the owner record a transfer that differs from the accepted fee, or accept the difference (403 for a member)", async () => {
    const sent = await accepted();
    const params = { lang: "it", leadId: sent.lead.id };
    const member = await staff("member");
    const send = (cookie: string, fields: Record<string, string>) => call(paymentsAction, post(`/it/owner/payments/${sent.lead.id}`, { paidOn: "2026-01-10", note: "Bonifico", ...fields }, { Cookie: cookie }), params);

    // The hostile run: a member records 1 EUR and then accepts "the difference".
    const oneEuro = await send(member.cookie, { intent: "manual", js: "1", amount: "1,00" });
    expect(oneEuro.status).toBe(403);
    expect(await panelAnswer(oneEuro)).toEqual({ errors: { "": ["payment.panel.errors.owner_only"] } });
    expect((await send(member.cookie, { intent: "manual", amount: "1,00" })).status).toBe(403); // without JavaScript too
    expect(await prisma.payment.count({ where: { leadId: sent.lead.id } })).toBe(0);

    // The owner may record it: it is flagged, not paid, and only the owner can accept it.
    const owner = await staff("owner");
    expect(await panelAnswer(await send(owner.cookie, { intent: "manual", js: "1", amount: "1,00" }))).toEqual({ errors: {}, ok: "saved" });
    const payment = await paymentOf(sent.lead.id);
    expect(payment).toMatchObject({ amountCents: 100, mismatch: true });
    expect(await status(sent.lead.id)).toBe("accepted");
    expect((await send(member.cookie, { intent: "review", paymentId: payment.id })).status).toBe(403);
    expect(await paymentOf(sent.lead.id)).toMatchObject({ mismatch: true });
    expect(await status(sent.lead.id)).toBe("accepted");
    expect(await panelAnswer(await send(owner.cookie, { intent: "review", js: "1", paymentId: payment.id, note: "Sconto concordato" }))).toEqual({ errors: {}, ok: "reviewed" });
    expect(await status(sent.lead.id)).toBe("paid");
    expect(getT("it")("payment.panel.errors.owner_only")).toMatch(/Solo il titolare/);
    expect(getT("en")("payment.panel.errors.owner_only")).toMatch(/Only the owner/);
  });

  it("lets a member record a transfer of exactly the accepted fee", async () => {
    const sent = await accepted();
    const member = await staff("member");
    const ok = await call(paymentsAction, post(`/it/owner/payments/${sent.lead.id}`, { intent: "manual", js: "1", amount: "610,00", paidOn: "2026-01-10", note: "CRO 9" }, { Cookie: member.cookie }), { lang: "it", leadId: sent.lead.id });
    expect(await panelAnswer(ok)).toEqual({ errors: {}, ok: "saved" });
    expect(await status(sent.lead.id)).toBe("paid");
  });

  it("refuses a bank transfer when a payment already counts as paid, even two at once", async () => {
    const sent = await accepted();
    const { cookie } = await staff("member");
    const manual = (note: string) =>
      call(paymentsAction, post(`/it/owner/payments/${sent.lead.id}`, { intent: "manual", js: "1", amount: "610,00", paidOn: "2026-01-10", note }, { Cookie: cookie }), { lang: "it", leadId: sent.lead.id });
    const both = await Promise.all([manual("Bonifico A"), manual("Bonifico B")]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 400]);
    const refused = both.find((r) => r.status === 400)!;
    expect(await panelAnswer(refused)).toEqual({ errors: { "": ["payment.panel.errors.already_paid"] } });
    expect(await prisma.payment.count({ where: { leadId: sent.lead.id } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { leadId: sent.lead.id, action: "payment.manual" } })).toBe(1);

    // After a Stripe payment, too; without JavaScript the message comes back on the page.
    const paid = await accepted();
    await standin.complete(await checkout(paid.token));
    const noJs = await call(paymentsAction, post(`/it/owner/payments/${paid.lead.id}`, { intent: "manual", amount: "610,00", paidOn: "2026-01-10", note: "Doppio" }, { Cookie: cookie }), { lang: "it", leadId: paid.lead.id });
    expect(noJs.headers.get("Location")).toBe(`/it/owner/leads/${paid.lead.id}?paymentError=payment.panel.errors.already_paid#payments`);
    expect(await prisma.payment.count({ where: { leadId: paid.lead.id } })).toBe(1);
    expect(getT("it")("payment.panel.errors.already_paid")).toMatch(/già ricevuto/);
    expect(getT("en")("payment.panel.errors.already_paid")).toMatch(/already counts as received/);
  });

  it("needs an accepted proposal", async () => {
    const sent = await sentLead();
    const { cookie } = await staff("owner");
    const response = await call(paymentsAction, post(`/it/owner/payments/${sent.lead.id}`, { intent: "manual", js: "1", amount: "610,00", paidOn: "2026-01-10", note: "x" }, { Cookie: cookie }), { lang: "it", leadId: sent.lead.id });
    expect(response.status).toBe(400);
    expect(await panelAnswer(response)).toEqual({ errors: { "": ["payment.panel.errors.not_accepted"] } });
  });
});

describe("money on the dashboard", () => {
  it("keeps paidAt when a refund comes first, counts partial refunds at their amount, and sets flagged payments apart", async () => {
    const period = { from: romeToday(), to: romeToday() };
    const before = await dashboardFigures(period);

    // Fully refunded, the refund delivered before the completed checkout.
    const a = await accepted();
    const sessionA = await checkout(a.token);
    const [completedA, refundedA] = await paidThenRefundedHeld(sessionA);
    expect((await webhook(refundedA!.payload, refundedA!.headers)).status).toBe(200);
    const early = await paymentOf(a.lead.id);
    expect(early.status).toBe("refunded");
    const charge = (JSON.parse(refundedA!.payload) as { data: { object: { created: number } } }).data.object;
    expect(early.paidAt?.getTime()).toBe(charge.created * 1000);
    expect(early.refundedAt).not.toBeNull();
    await webhook(completedA!.payload, completedA!.headers);
    expect((await paymentOf(a.lead.id)).paidAt?.getTime()).toBe(charge.created * 1000);

    // Paid, then 10,00 € refunded: the panel and the dashboard show the 10,00 €.
    const b = await accepted();
    const sessionB = await checkout(b.token);
    await standin.complete(sessionB);
    await getStripe().refunds.create({ payment_intent: standin.session(sessionB).payment_intent!, amount: 1000 });
    await standin.idle();
    expect((await paymentOf(b.lead.id)).status).toBe("paid");
    expect((await getLeadPayments(b.lead.id, "it", { role: "owner" }))?.payments[0]?.refundedCents).toBe(1000);
    expect((await getLeadPayments(a.lead.id, "it", { role: "owner" }))?.payments[0]?.refundedCents).toBe(61000);

    // Paid for another amount: flagged, not collected, "to check".
    const c = await accepted();
    await standin.complete(await checkout(c.token), { amountTotal: 100 });

    const after = await dashboardFigures(period);
    expect(after.collectedCents - before.collectedCents).toBe(61000 + 61000);
    expect(after.refundedCents - before.refundedCents).toBe(61000 + 1000);
    expect(after.netCents - before.netCents).toBe(60000);
    expect(after.toCheckCents - before.toCheckCents).toBe(100);
    expect(after.toCheckCount - before.toCheckCount).toBe(1);
    expect(after.netCents).toBeGreaterThanOrEqual(0);

    // Once the team accepts the amount, it counts.
    await prisma.payment.updateMany({ where: { leadId: c.lead.id }, data: { mismatch: false } });
    const checked = await dashboardFigures(period);
    expect(checked.collectedCents - after.collectedCents).toBe(100);
    expect(checked.toCheckCount - before.toCheckCount).toBe(0);
  });
});
