import { describe, expect, it } from "vitest";
import { acceptanceSchema, invoicingData, treatmentOf } from "./acceptance-schema";

const schema = acceptanceSchema({ packageIds: ["crescita"], addOnIds: [] });
const base = { versionHash: "h", packageId: "crescita", fullName: "Maria Bianchi", terms: true, address: "Via Roma 1", postalCode: "20121", city: "Milano", province: "mi" };
const parse = (fields: Record<string, unknown>) => schema.safeParse({ ...base, ...fields });
const problems = (fields: Record<string, unknown>) => {
  const r = parse(fields);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("who the client is, checked at acceptance", () => {
  it.each([
    ["an Italian business with a Codice Destinatario", { kind: "business", legalName: "Hotel Srl", partitaIva: "IT 01234567897", codiceDestinatario: "m5uxcr1" }, "standard"],
    ["an Italian business with a PEC", { kind: "business", legalName: "Hotel Srl", partitaIva: "01234567897", pec: "fatture@pec.hotel.it" }, "standard"],
    ["a consumer", { kind: "person", codiceFiscale: "rssmra80a01h501u" }, "standard"],
    ["an association with only a numeric codice fiscale", { kind: "association", legalName: "Pro Loco", codiceFiscale: "80078750587" }, "standard"],
    ["a public body with office code, CIG and CUP", { kind: "public", legalName: "Comune di Milano", codiceFiscale: "01199250158", codiceUfficio: "uf6zqk", cig: "Z1A2B3C4D5", cup: "J41B21000130006" }, "splitPayment"],
    ["a public body without CIG or CUP", { kind: "public", legalName: "Comune di Milano", codiceFiscale: "01199250158", codiceUfficio: "UF6ZQK" }, "splitPayment"],
    ["an EU business", { kind: "eu", legalName: "Muster GmbH", country: "de", vatNumber: "DE 123 456 789", postalCode: "10115", city: "Berlin", province: "" }, "reverseCharge"],
    ["a non-EU client", { kind: "nonEu", legalName: "Alpen AG", country: "CH", vatNumber: "CHE-123.456.789 MWST", postalCode: "8001", city: "Zürich", province: "" }, "outOfScope"],
  ])("accepts %s", (_label, fields, treatment) => {
    const r = parse(fields);
    expect(r.success ? [] : r.error.issues).toEqual([]);
    if (r.success) expect(treatmentOf(r.data)).toBe(treatment);
  });

  it.each([
    ["a business without Partita IVA", { kind: "business", legalName: "Hotel Srl", codiceDestinatario: "M5UXCR1" }, { partitaIva: "errors.required" }],
    ["a business with a wrong check digit", { kind: "business", legalName: "Hotel Srl", partitaIva: "01234567890", pec: "a@pec.it" }, { partitaIva: "payment.errors.partitaIvaCheck" }],
    ["a business with neither code nor PEC", { kind: "business", legalName: "Hotel Srl", partitaIva: "01234567897", codiceDestinatario: "0000000" }, { codiceDestinatario: "payment.errors.sdiOrPec" }],
    ["a consumer with a wrong check character", { kind: "person", codiceFiscale: "RSSMRA80A01H501A" }, { codiceFiscale: "payment.errors.codiceFiscaleCheck" }],
    ["an association with a person's codice fiscale", { kind: "association", legalName: "Pro Loco", codiceFiscale: "RSSMRA80A01H501U" }, { codiceFiscale: "payment.errors.numericCodiceFiscaleFormat" }],
    ["an association with a wrong check digit", { kind: "association", legalName: "Pro Loco", codiceFiscale: "80078750588" }, { codiceFiscale: "payment.errors.numericCodiceFiscaleCheck" }],
    ["a public body with a 7-character code", { kind: "public", legalName: "Comune", codiceFiscale: "01199250158", codiceUfficio: "M5UXCR1" }, { codiceUfficio: "payment.errors.codiceUfficio" }],
    ["a public body without office code", { kind: "public", legalName: "Comune", codiceFiscale: "01199250158" }, { codiceUfficio: "errors.required" }],
    ["a public body with a short CIG", { kind: "public", legalName: "Comune", codiceFiscale: "01199250158", codiceUfficio: "UF6ZQK", cig: "Z1A2" }, { cig: "payment.errors.cig" }],
    ["an EU business with a German number of 8 digits", { kind: "eu", legalName: "Muster GmbH", country: "DE", vatNumber: "12345678", postalCode: "10115" }, { vatNumber: "payment.errors.euVatNumber" }],
    ["an EU business in Switzerland", { kind: "eu", legalName: "Alpen AG", country: "CH", vatNumber: "123", postalCode: "8001" }, { country: "payment.errors.euCountry" }],
    ["a non-EU client in France", { kind: "nonEu", legalName: "SARL", country: "FR", postalCode: "75001" }, { country: "payment.errors.nonEuCountry" }],
    ["an Italian client with a foreign postcode", { kind: "person", codiceFiscale: "RSSMRA80A01H501U", postalCode: "SW1A 1AA" }, { postalCode: "payment.errors.cap" }],
  ])("refuses %s", (_label, fields, expected) => {
    expect(problems(fields)).toEqual(expected);
  });

  it("stores only what applies to the kind, the office code as the recipient code", () => {
    const pa = parse({ kind: "public", legalName: "Comune di Milano", codiceFiscale: "01199250158", codiceUfficio: "uf6zqk", cig: "z1a2b3c4d5", partitaIva: "01234567897", pec: "x@pec.it" });
    expect(pa.success && invoicingData(pa.data)).toMatchObject({ kind: "public", codiceDestinatario: "UF6ZQK", codiceFiscale: "01199250158", cig: "Z1A2B3C4D5", cup: null, partitaIva: null, pec: null, country: "IT", province: "MI" });
    const eu = parse({ kind: "eu", legalName: "Muster GmbH", country: "de", vatNumber: "de 123456789", postalCode: "10115", city: "Berlin", province: "MI", codiceFiscale: "RSSMRA80A01H501U" });
    expect(eu.success && invoicingData(eu.data)).toMatchObject({ kind: "eu", vatNumber: "DE123456789", country: "DE", province: "", codiceFiscale: null, partitaIva: null });
    const person = parse({ kind: "person", codiceFiscale: "rssmra80a01h501u", legalName: "ignored" });
    expect(person.success && invoicingData(person.data)).toMatchObject({ kind: "person", legalName: "Maria Bianchi", codiceFiscale: "RSSMRA80A01H501U", vatNumber: null });
  });
});
