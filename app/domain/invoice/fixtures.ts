// Invoice fixtures shared by the unit tests of this folder.
import type { InvoicingRow } from "../payment-view";
import { taxDocument } from "../tax/document";
import type { FiscalIdentity } from "./fiscal-identity";
import { invoiceClientOf, type InvoiceInput } from "./invoice";

export const freelancer: FiscalIdentity = { companyName: "", firstName: "Maria", lastName: "Rossi", partitaIva: "01234567897", codiceFiscale: "RSSMRA80A41H501Y", address: "Via Torino 10", postalCode: "20123", city: "Milano", province: "MI", iban: null, pec: null };

export const businessRow: InvoicingRow = { kind: "business", legalName: "Hotel Lago Blu S.r.l.", partitaIva: "01234567897", codiceFiscale: null, codiceDestinatario: "m5uxcr1", pec: null, address: "Via Roma 1", postalCode: "20121", city: "Milano", province: "mi" };

/** An onboarding invoice of 500,00 + IVA 22 % to an Italian business, with `over` changed. */
export function invoiceInput(over: Partial<InvoiceInput> = {}): InvoiceInput {
  return {
    year: 2026,
    number: 3,
    issuedOn: "2026-12-02",
    currency: "EUR",
    purpose: "onboarding",
    packageName: "Crescita",
    supplier: freelancer,
    client: invoiceClientOf(businessRow)!,
    document: taxDocument({ kind: "ordinary", vatRatePercent: 22 }, "standard", 50_000),
    payment: { method: "card", paidOn: "2026-12-01" },
    acceptance: { versionNumber: 2, acceptedOn: "2026-11-30" },
    ...over,
  };
}
