import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { fiscalIdentityFromForm, FiscalIdentityFormSchema, fiscalIdentityToForm, regimeFiscaleOf } from "./fiscal-identity";

const valid = { firstName: "Maria", lastName: "Rossi", partitaIva: "IT 0123 4567 897", codiceFiscale: "rssmra80a41h501y", address: "Via Torino 10", postalCode: "20123", city: "Milano", province: "mi", iban: "it60 x054 2811 1010 0000 0123 456", pec: "" };

function errorsOf(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const submission = parseWithZod(form, { schema: FiscalIdentityFormSchema });
  return submission.status === "success" ? { value: submission.value } : { errors: Object.fromEntries(Object.entries(submission.error ?? {}).map(([k, v]) => [k, v?.[0]])) };
}

describe("the owner's fiscal identity form", () => {
  it("stores a valid identity normalised: digits, upper case, the IBAN in electronic format", () => {
    const result = errorsOf(valid);
    expect(result.errors).toBeUndefined();
    expect(fiscalIdentityFromForm(result.value!)).toEqual({
      companyName: "",
      firstName: "Maria",
      lastName: "Rossi",
      partitaIva: "01234567897",
      codiceFiscale: "RSSMRA80A41H501Y",
      address: "Via Torino 10",
      postalCode: "20123",
      city: "Milano",
      province: "MI",
      iban: "IT60X0542811101000000123456",
      pec: null,
    });
  });

  it.each([
    [{ partitaIva: "01234567890" }, "partitaIva", "errors.partitaIva"],
    [{ codiceFiscale: "RSSMRA80A41H501X" }, "codiceFiscale", "invoice.errors.codiceFiscale"],
    [{ postalCode: "2012" }, "postalCode", "invoice.errors.postalCode"],
    [{ province: "XX" }, "province", "invoice.errors.province"],
    [{ iban: "IT60X0542811101000000123457" }, "iban", "invoice.errors.iban"],
    [{ pec: "not-an-address" }, "pec", "invoice.errors.pec"],
    [{ firstName: "" }, "firstName", "invoice.errors.nameOrCompany"],
    [{ address: "" }, "address", "errors.required"],
  ])("refuses %j with its own message", (change, field, message) => {
    expect(errorsOf({ ...valid, ...change }).errors?.[field]).toBe(message);
  });

  it("a company invoices under its name, with an 11-digit codice fiscale, and without first and last name", () => {
    const result = errorsOf({ ...valid, firstName: "", lastName: "", companyName: "Studio Rossi S.r.l.", codiceFiscale: "01234567897" });
    expect(result.errors).toBeUndefined();
    expect(fiscalIdentityFromForm(result.value!)).toMatchObject({ companyName: "Studio Rossi S.r.l.", firstName: "", lastName: "", codiceFiscale: "01234567897" });
  });

  it("shows empty fields before the first save, and what is stored after", () => {
    expect(fiscalIdentityToForm(null).partitaIva).toBe("");
    expect(fiscalIdentityToForm(fiscalIdentityFromForm(errorsOf(valid).value!))).toMatchObject({ partitaIva: "01234567897", iban: "IT60X0542811101000000123456", pec: "" });
  });

  it("derives the RegimeFiscale from the tax regime", () => {
    expect(regimeFiscaleOf({ kind: "ordinary" })).toBe("RF01");
    expect(regimeFiscaleOf({ kind: "forfettario" })).toBe("RF19");
  });
});
