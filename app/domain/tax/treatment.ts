// Who the client is decides the VAT treatment of what they buy (playbook,
// "Money and invoices"). Pure and table-tested (treatment.test.ts).
//
// - Italian business, consumer, association or body with only a numeric codice
//   fiscale: Italian VAT as the regime charges it.
// - Public administration: split payment (scissione dei pagamenti): the VAT is
//   on the invoice but the body pays it to the State, so the client pays the
//   imponibile only.
// - EU business: no Italian VAT for generic services (art. 7-ter DPR 633/72),
//   reverse charge (art. 196 Directive 2006/112/EC).
// - Non-EU client: out of scope of Italian VAT. Taken here as a business or
//   organisation outside the EU (the playbook gives no rule for non-EU consumers).

export const clientKinds = ["business", "person", "association", "public", "eu", "nonEu"] as const;
export type ClientKind = (typeof clientKinds)[number];

export const vatTreatments = ["standard", "splitPayment", "reverseCharge", "outOfScope"] as const;
export type VatTreatment = (typeof vatTreatments)[number];

const byKind: Record<ClientKind, VatTreatment> = {
  business: "standard",
  person: "standard",
  association: "standard",
  public: "splitPayment",
  eu: "reverseCharge",
  nonEu: "outOfScope",
};

export function vatTreatmentOf(kind: ClientKind): VatTreatment {
  return byKind[kind];
}

export function isVatTreatment(value: string | null | undefined): value is VatTreatment {
  return typeof value === "string" && (vatTreatments as readonly string[]).includes(value);
}

export function isClientKind(value: string): value is ClientKind {
  return (clientKinds as readonly string[]).includes(value);
}
