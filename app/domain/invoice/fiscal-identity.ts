// The owner's fiscal identity (cedente prestatore on every invoice): who issues
// the invoices, as owner settings store it (OwnerSettings.fiscal) and as the
// invoicing settings form edits it. Pure; messages are i18n keys.
import { electronicFormatIBAN, isValidIBAN } from "ibantools";
import { z } from "zod";
import type { TaxRegime } from "../tax/regime";
import { codiceFiscaleProblem, isItalianProvince, isValidCap, isValidPartitaIva, isValidPec, normaliseCodiceFiscale, normalisePartitaIva, numericCodiceFiscaleProblem } from "../italian-ids";

/** What settings store (already normalised: digits only, upper case). */
export const FiscalIdentitySchema = z.object({
  /** A business name (Denominazione); empty for a freelancer, who invoices under first and last name. */
  companyName: z.string().max(80),
  firstName: z.string().max(60),
  lastName: z.string().max(60),
  /** 11 digits, check digit valid. */
  partitaIva: z.string().regex(/^\d{11}$/),
  /** A person's 16-character codice fiscale, or a company's 11 digits. */
  codiceFiscale: z.string().regex(/^([A-Z0-9]{16}|\d{11})$/),
  address: z.string().min(1).max(60),
  postalCode: z.string().regex(/^\d{5}$/),
  city: z.string().min(1).max(60),
  province: z.string().regex(/^[A-Z]{2}$/),
  /** For bank transfers (on the invoice and in DatiPagamento), electronic format. */
  iban: z.string().nullable(),
  pec: z.string().nullable(),
});
export type FiscalIdentity = z.infer<typeof FiscalIdentitySchema>;

/** RegimeFiscale of the FatturaPA: RF01 ordinary, RF19 regime forfettario (L. 190/2014). */
export type RegimeFiscale = "RF01" | "RF19";
export function regimeFiscaleOf(regime: Pick<TaxRegime, "kind">): RegimeFiscale {
  return regime.kind === "forfettario" ? "RF19" : "RF01";
}

const text = (max: number) => z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(max, `errors.tooLong|${max}`);
const optional = (max: number) => z.string().trim().max(max, `errors.tooLong|${max}`).optional();

/** The invoicing settings form: one schema for the browser (Conform) and the action. */
export const FiscalIdentityFormSchema = z
  .object({
    companyName: optional(80),
    firstName: optional(60),
    lastName: optional(60),
    partitaIva: text(20).refine(isValidPartitaIva, "errors.partitaIva"),
    codiceFiscale: text(20).refine((v) => codiceFiscaleProblem(v) === null || numericCodiceFiscaleProblem(v) === null, "invoice.errors.codiceFiscale"),
    address: text(60),
    postalCode: text(5).refine(isValidCap, "invoice.errors.postalCode"),
    city: text(60),
    province: text(2).refine(isItalianProvince, "invoice.errors.province"),
    iban: optional(42).refine((v) => !v || isValidIBAN(electronicFormatIBAN(v) ?? ""), "invoice.errors.iban"),
    pec: optional(254).refine((v) => !v || isValidPec(v), "invoice.errors.pec"),
  })
  .superRefine((v, ctx) => {
    // A freelancer invoices under their first and last name; a company under its name.
    if (!v.companyName && !v.firstName) ctx.addIssue({ code: "custom", path: ["firstName"], message: "invoice.errors.nameOrCompany" });
    if (!v.companyName && !v.lastName) ctx.addIssue({ code: "custom", path: ["lastName"], message: "invoice.errors.nameOrCompany" });
  });
export type FiscalIdentityForm = z.infer<typeof FiscalIdentityFormSchema>;

/** The stored identity from a valid form. */
export function fiscalIdentityFromForm(form: FiscalIdentityForm): FiscalIdentity {
  return FiscalIdentitySchema.parse({
    companyName: form.companyName ?? "",
    firstName: form.companyName ? "" : (form.firstName ?? ""),
    lastName: form.companyName ? "" : (form.lastName ?? ""),
    partitaIva: normalisePartitaIva(form.partitaIva),
    codiceFiscale: normaliseCodiceFiscale(form.codiceFiscale),
    address: form.address,
    postalCode: form.postalCode,
    city: form.city,
    province: form.province.toUpperCase(),
    iban: form.iban ? electronicFormatIBAN(form.iban) : null,
    pec: form.pec || null,
  });
}

/** The form's values for a stored identity (empty fields before the first save). */
export function fiscalIdentityToForm(identity: FiscalIdentity | null): Record<keyof FiscalIdentityForm, string> {
  return {
    companyName: identity?.companyName ?? "",
    firstName: identity?.firstName ?? "",
    lastName: identity?.lastName ?? "",
    partitaIva: identity?.partitaIva ?? "",
    codiceFiscale: identity?.codiceFiscale ?? "",
    address: identity?.address ?? "",
    postalCode: identity?.postalCode ?? "",
    city: identity?.city ?? "",
    province: identity?.province ?? "",
    iban: identity?.iban ?? "",
    pec: identity?.pec ?? "",
  };
}
