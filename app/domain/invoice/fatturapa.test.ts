import { describe, expect, it } from "vitest";
import type { InvoicingRow } from "../payment-view";
import { amount, fatturaPaXml, latin, rate, recipientCode, summaries } from "./fatturapa";
import type { FiscalIdentity } from "./fiscal-identity";
import { businessRow, freelancer, invoiceInput } from "./fixtures";
import { buildInvoice, invoiceClientOf } from "./invoice";

const supplier: FiscalIdentity = { ...freelancer, companyName: "Studio Rossi S.r.l.", firstName: "", lastName: "", codiceFiscale: "01234567897", iban: "IT60X0542811101000000123456" };
const row: InvoicingRow = { ...businessRow, legalName: "Hotel <Lago> & Blu", codiceDestinatario: null, pec: "hotel@pec.it" };

describe("FatturaPA pieces", () => {
  it("writes cents as the schema's amounts and rates, without floating point", () => {
    expect([amount(0), amount(5), amount(61_000), amount(-300), amount(123_456_789)]).toEqual(["0.00", "0.05", "610.00", "-3.00", "1234567.89"]);
    expect([rate(22), rate(0), rate(4), rate(10.5)]).toEqual(["22.00", "0.00", "4.00", "10.50"]);
    expect(() => amount(1.5)).toThrow(RangeError);
  });

  it("keeps text within the schema's Latin-1 alphabet and lengths", () => {
    expect(latin("L’Hôtel “Blu” – €", 80)).toBe(`L'Hôtel "Blu" - EUR`);
    expect(latin("北京 Hotel", 80)).toBe("?? Hotel");
    expect(latin("  a\u0000b\n c ", 80)).toBe("a b c");
    expect(latin("", 80)).toBe("-");
    expect(latin("x".repeat(300), 200)).toHaveLength(200);
  });

  it("picks the recipient code for each kind of client", () => {
    const client = (over: Partial<InvoicingRow>) => invoiceClientOf({ ...row, ...over })!;
    expect(recipientCode(client({ codiceDestinatario: "m5uxcr1" }))).toEqual({ code: "M5UXCR1", pec: null });
    expect(recipientCode(client({}))).toEqual({ code: "0000000", pec: "hotel@pec.it" });
    expect(recipientCode(client({ kind: "person", pec: null }))).toEqual({ code: "0000000", pec: null });
    expect(recipientCode(client({ kind: "public", codiceDestinatario: "uf6zqk" }))).toEqual({ code: "UF6ZQK", pec: null });
    expect(recipientCode(client({ kind: "eu", country: "FR" }))).toEqual({ code: "XXXXXXX", pec: null });
    expect(recipientCode(client({ kind: "nonEu", country: "US" }))).toEqual({ code: "XXXXXXX", pec: null });
  });

  it("sums lines per rate and natura", () => {
    const lines = [
      { kind: "fee" as const, description: "", cents: 50_000, ratePercent: 0, natura: "N2.2" as const },
      { kind: "rivalsa" as const, description: "", cents: 2_000, ratePercent: 0, natura: "N2.2" as const },
      { kind: "stampDuty" as const, description: "", cents: 200, ratePercent: 0, natura: "N1" as const },
    ];
    expect(summaries({ lines })).toEqual([
      { ratePercent: 0, natura: "N2.2", cents: 52_000, vatCents: null },
      { ratePercent: 0, natura: "N1", cents: 200, vatCents: null },
    ]);
  });

  it("escapes what the client typed and names a company supplier by Denominazione", () => {
    const invoice = buildInvoice(invoiceInput({ number: 1, supplier, client: invoiceClientOf(row)!, payment: { method: "transfer", paidOn: null } }));
    const xml = fatturaPaXml(invoice, supplier);
    expect(xml).toContain("<Denominazione>Hotel &lt;Lago&gt; &amp; Blu</Denominazione>");
    expect(xml).toContain("<Denominazione>Studio Rossi S.r.l.</Denominazione>");
    expect(xml).not.toContain("<Nome>");
    expect(xml).toContain("<PECDestinatario>hotel@pec.it</PECDestinatario>");
    expect(xml).not.toContain("DataScadenzaPagamento");
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });
});
