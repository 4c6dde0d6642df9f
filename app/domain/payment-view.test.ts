import { describe, expect, it } from "vitest";
import { acceptedTerms, clientPaymentState, dashboardUrl, invoicingDetails, leadPaymentsSummary, parseIds } from "./payment-view";
import { refundedAmount, refundRecord } from "./payment-state";

const at = new Date("2026-11-25T10:00:00Z");
const row = (status: string, extra: Partial<{ provider: string; lastEventAt: Date | null; mismatch: boolean }> = {}) => ({ status, provider: "stripe", lastEventAt: null, mismatch: false, ...extra });

describe("the client's payment state", () => {
  it.each([
    ["nothing yet", [], 61_000, "due"],
    ["a checkout opened and left", [row("pending")], 61_000, "due"],
    ["a checkout that failed last", [row("failed")], 61_000, "failed"],
    ["a failed one then a new one open", [row("failed"), row("pending")], 61_000, "due"],
    ["a bank debit on its way (completed, unpaid)", [row("pending", { lastEventAt: at })], 61_000, "processing"],
    ["paid, whatever came before", [row("failed"), row("paid")], 61_000, "paid"],
    ["refunded", [row("refunded")], 61_000, "refunded"],
    ["a fee below Stripe's minimum", [], 49, "nothing_due"],
  ] as const)("%s", (_, rows, due, expected) => {
    expect(clientPaymentState([...rows], due)).toBe(expected);
  });
});

describe("the team's summary of a lead", () => {
  it("says not accepted before an acceptance, and review for money at another amount nobody settled", () => {
    expect(leadPaymentsSummary([], null)).toBe("not_accepted");
    expect(leadPaymentsSummary([], 61_000)).toBe("awaiting");
    expect(leadPaymentsSummary([row("paid", { mismatch: true })], 61_000)).toBe("review");
    expect(leadPaymentsSummary([row("paid", { mismatch: true }), row("paid", { provider: "manual" })], 61_000)).toBe("paid");
    expect(leadPaymentsSummary([row("pending", { lastEventAt: at })], 61_000)).toBe("processing");
    expect(leadPaymentsSummary([row("refunded")], 61_000)).toBe("refunded");
  });
});

describe("what an acceptance bought", () => {
  const offer = {
    locale: "it" as const,
    contactName: "Giulia",
    organisation: "Hotel",
    email: "g@hotel.example",
    currency: "EUR" as const,
    packages: [{ id: "crescita", name: "Crescita", monthlyNetCents: 90_000, recommended: true }],
    addOns: [
      { id: "ads", name: "Ads", priceNetCents: 20_000, recurring: true },
      { id: "shooting", name: "Shooting", priceNetCents: 40_000, recurring: false },
    ],
    onboardingNetCents: 50_000,
    vatRatePercent: 22,
    validUntil: "2026-12-31",
    kickoffUrl: null,
  };
  const acceptance = { packageId: "crescita", addOnIds: '["ads","shooting"]', onboardingCents: 61_000, versionHash: "h1" };

  it("names the package and add-ons, adds the recurring ones to the monthly fee, and splits the VAT", () => {
    const terms = acceptedTerms({ acceptance, versionHash: "h1", offer, view: null });
    expect(terms).toMatchObject({ intact: true, packageName: "Crescita", rate: 22 });
    expect(terms.addOns.map((a) => a.id)).toEqual(["ads", "shooting"]);
    expect(terms.monthly).toMatchObject({ netCents: 110_000, vatCents: 24_200, grossCents: 134_200, ratePercent: 22 });
    expect(terms.onboarding).toMatchObject({ netCents: 50_000, vatCents: 11_000, grossCents: 61_000, ratePercent: 22 });
  });

  it("without a readable version: the package id, the fee accepted split back at 22%, and not intact", () => {
    const terms = acceptedTerms({ acceptance: { ...acceptance, addOnIds: "not json" }, versionHash: null, offer: null, view: null });
    expect(terms).toMatchObject({ intact: false, packageName: "crescita", addOns: [] });
    expect(terms.onboarding).toMatchObject({ netCents: 50_000, vatCents: 11_000, grossCents: 61_000, ratePercent: 22 });
    expect(acceptedTerms({ acceptance, versionHash: "changed", offer, view: null }).intact).toBe(false);
  });

  it("under the version's regime and the client's treatment: forfettario, split payment", () => {
    const forfettario = { ...offer, taxRegime: { kind: "forfettario" as const, stampDutyToClient: true, rivalsaInps: true } };
    const terms = acceptedTerms({ acceptance: { ...acceptance, onboardingCents: 52_200 }, versionHash: "h1", offer: forfettario, view: null });
    // 500,00 + rivalsa 20,00 + bollo 2,00; monthly 1.100,00 + 44,00 + 2,00
    expect(terms.onboarding).toMatchObject({ netCents: 52_000, vatCents: 0, grossCents: 52_200, dueCents: 52_200, notes: ["forfettario"] });
    expect(terms.monthly).toMatchObject({ netCents: 114_400, grossCents: 114_600 });
    const pa = acceptedTerms({ acceptance: { ...acceptance, onboardingCents: 50_000, taxTreatment: "splitPayment" }, versionHash: "h1", offer, view: null });
    expect(pa.onboarding).toMatchObject({ vatCents: 11_000, grossCents: 61_000, dueCents: 50_000, notes: ["splitPayment"] });
    expect(pa.treatment).toBe("splitPayment");
    // A treatment the code does not know (a damaged row) reads as standard.
    expect(acceptedTerms({ acceptance: { ...acceptance, taxTreatment: "??" }, versionHash: "h1", offer, view: null }).treatment).toBe("standard");
  });

  it("reads add-on ids leniently", () => {
    expect(parseIds('["a", 2, "b"]')).toEqual(["a", "b"]);
    expect(parseIds("{}")).toEqual([]);
    expect(parseIds("")).toEqual([]);
  });
});

describe("invoicing and links", () => {
  it("writes the address on one line", () => {
    const client = { kind: "business", legalName: "Hotel S.r.l.", partitaIva: "01234567897", codiceFiscale: null, codiceDestinatario: "M5UXCR1", pec: null, address: "Via Roma 1", postalCode: "20121", city: "Milano", province: "MI" };
    expect(invoicingDetails(client).address).toBe("Via Roma 1, 20121 Milano (MI)");
  });

  it("links a payment to Stripe's dashboard in test and live mode only", () => {
    expect(dashboardUrl("test", "pi_1")).toBe("https://dashboard.stripe.com/test/payments/pi_1");
    expect(dashboardUrl("live", "pi_1")).toBe("https://dashboard.stripe.com/payments/pi_1");
    expect(dashboardUrl("standin", "pi_1")).toBeNull();
    expect(dashboardUrl("live", null)).toBeNull();
  });
});

describe("refunds on record", () => {
  it("reads an audit entry's amount, and counts a refunded payment in full when none was recorded", () => {
    expect(refundRecord({ createdAt: at, data: '{"paymentId":"p1","refundedCents":1000}' })).toEqual({ paymentId: "p1", at, refundedCents: 1000 });
    expect(refundRecord({ createdAt: at, data: "{bad" })).toBeNull();
    expect(refundRecord({ createdAt: at, data: { paymentId: "p1", refundedCents: 1.5 } })).toBeNull();
    const reported = new Map([["p1", 1000]]);
    expect(refundedAmount({ id: "p1", status: "paid", amountCents: 61_000 }, reported)).toBe(1000);
    expect(refundedAmount({ id: "p2", status: "refunded", amountCents: 61_000 }, reported)).toBe(61_000);
    expect(refundedAmount({ id: "p3", status: "paid", amountCents: 61_000 }, reported)).toBe(0);
  });
});
