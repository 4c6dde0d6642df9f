import { describe, expect, it } from "vitest";
import { clientPortal, leadPayments, receipt, type Accepted } from "./payment-screens";
import { taxDocument } from "./tax/document";

const day = (d: string) => new Date(`${d}T10:00:00Z`);
const accepted: Accepted = {
  acceptance: { acceptedAt: day("2026-11-20"), fullName: "Giulia Bianchi", versionHash: "abc123", onboardingCents: 61_000, currency: "EUR", ip: "203.0.113.7", userAgent: "Safari" },
  version: { number: 2, sentAt: day("2026-11-18") },
  offer: { kickoffUrl: "https://call.example/avvio" },
  intact: true,
  packageName: "Crescita",
  addOns: [{ id: "ads", name: "Ads", priceNetCents: 20_000, recurring: true }],
  monthly: taxDocument({ kind: "ordinary", vatRatePercent: 22 }, "standard", 110_000),
  onboarding: taxDocument({ kind: "ordinary", vatRatePercent: 22 }, "standard", 50_000),
  rate: 22,
  regime: { kind: "ordinary", vatRatePercent: 22 },
  treatment: "standard",
};
const payment = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  id,
  provider: "stripe",
  status,
  amountCents: 61_000,
  expectedCents: 61_000,
  currency: "EUR",
  mismatch: false,
  note: null,
  paidAt: status === "paid" || status === "refunded" ? day("2026-11-21") : null,
  refundedAt: status === "refunded" ? day("2026-11-22") : null,
  lastEventAt: null,
  createdAt: day("2026-11-21"),
  stripeSessionId: `cs_${id}`,
  stripePaymentIntentId: `pi_${id}`,
  ...extra,
});
const client = { kind: "business", legalName: "Hotel S.r.l.", partitaIva: "01234567897", codiceFiscale: null, codiceDestinatario: null, pec: "fatture@pec.hotel.it", address: "Via Roma 1", postalCode: "20121", city: "Milano", province: "MI" };

describe("the client area", () => {
  it("shows receipts of paid and refunded payments only, the tax id and where invoices go, and the owner's kick-off link first", () => {
    const portal = clientPortal({ token: "t", lead: { name: "Giulia", organisation: "Hotel" }, accepted, payments: [payment("a", "failed"), payment("b", "paid")], client, kickoffUrl: null, onlinePayment: true });
    expect(portal).toMatchObject({ state: "paid", acceptedAt: "2026-11-20T10:00:00.000Z", version: { number: 2, hash: "abc123", intact: true }, kickoffUrl: "https://call.example/avvio" });
    expect(portal.receipts.map((r) => r.id)).toEqual(["b"]);
    expect(portal.invoicing).toEqual({ kind: "business", legalName: "Hotel S.r.l.", taxId: "01234567897", delivery: "fatture@pec.hotel.it", address: "Via Roma 1, 20121 Milano (MI)" });
    expect(clientPortal({ token: "t", lead: { name: "G", organisation: "H" }, accepted, payments: [], client: null, kickoffUrl: "https://owner.example", onlinePayment: false })).toMatchObject({ state: "due", invoicing: null, kickoffUrl: "https://owner.example", onlinePayment: false });
  });
});

describe("a receipt", () => {
  it("splits the amount received at the accepted rate, and at the studio's without an acceptance", () => {
    const studio = { name: "Studio", displayName: null, vatNumber: null, city: null, email: null };
    const r = receipt({ payment: payment("b", "paid"), accepted, client, organisation: "Hotel", studio, vatRatePercent: 10 });
    expect(r).toMatchObject({ amount: { netCents: 50_000, vatCents: 11_000 }, reference: "pi_b", packageName: "Crescita", version: { number: 2, hash: "abc123" } });
    expect(receipt({ payment: payment("b", "paid", { stripePaymentIntentId: null }), accepted: null, client: null, organisation: "Hotel", studio, vatRatePercent: 10 })).toMatchObject({
      amount: { ratePercent: 10 },
      reference: "cs_b",
      packageName: "",
      version: null,
      client: null,
    });
  });
});

describe("the team's payments panel", () => {
  it("adds refunds and dashboard links to the payments, keeps the payment events in the history, and lets only the owner settle differences", () => {
    const data = leadPayments({
      lead: { id: "l1", status: "paid" },
      stripeMode: "test",
      standinUrl: null,
      viewerRole: "member",
      accepted,
      payments: [payment("b", "paid", { status: "weird" }), payment("c", "refunded")],
      refunded: new Map([["c", 1000]]),
      client,
      audit: [
        { id: "e1", action: "payment.paid", createdAt: day("2026-11-21"), actorName: null, data: {} },
        { id: "e2", action: "lead.note", createdAt: day("2026-11-21"), actorName: "Ana", data: {} },
      ],
    });
    expect(data).toMatchObject({ canSettleDifferences: false, summary: "refunded", acceptance: { versionNumber: 2, expectedCents: 61_000, addOnNames: ["Ads"] } });
    expect(data.payments.map((p) => [p.status, p.refundedCents, p.dashboardUrl])).toEqual([
      ["pending", 0, "https://dashboard.stripe.com/test/payments/pi_b"],
      ["refunded", 1000, "https://dashboard.stripe.com/test/payments/pi_c"],
    ]);
    expect(data.history.map((e) => e.id)).toEqual(["e1"]);
    expect(leadPayments({ lead: { id: "l2", status: "new" }, stripeMode: "standin", standinUrl: "http://127.0.0.1:1/", viewerRole: "owner", accepted: null, payments: [], refunded: new Map(), client: null, audit: [] })).toMatchObject({
      acceptance: null,
      summary: "not_accepted",
      canSettleDifferences: true,
    });
  });
});
