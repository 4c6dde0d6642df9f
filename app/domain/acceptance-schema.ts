// The acceptance form: one zod schema for the browser and the server. Messages
// are i18n keys (translated next to each field by translateError). The ids a
// client may choose come from the proposal version being accepted.
import { z } from "zod";
import { euVatNumberProblem, isEuCountry, normaliseEuVatNumber } from "./eu-vat";
import {
  codiceFiscaleProblem,
  isEmptyCodiceDestinatario,
  isItalianProvince,
  isValidCap,
  isValidCig,
  isValidCodiceDestinatario,
  isValidCodiceUfficio,
  isValidCup,
  isValidPec,
  normaliseCodiceFiscale,
  normalisePartitaIva,
  numericCodiceFiscaleProblem,
  partitaIvaProblem,
} from "./italian-ids";
import { clientKinds, vatTreatmentOf, type ClientKind } from "./tax/treatment";

export { clientKinds };
/** Kinds invoiced at an Italian address (CAP and province checked). */
const italianKinds: readonly ClientKind[] = ["business", "person", "association", "public"];
const required = (max: number) =>
  z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(max, `errors.tooLong|${max}`);
const optional = (max: number) => z.string().trim().max(max, `errors.tooLong|${max}`).optional();
const upper = (max: number) => optional(max).transform((v) => (v ? v.toUpperCase().replace(/\s+/g, "") : v));

export function acceptanceSchema(choices: { packageIds: readonly string[]; addOnIds: readonly string[] }) {
  return z
    .object({
      versionHash: z.string({ required_error: "payment.errors.changed" }).max(128),
      packageId: z
        .string({ required_error: "payment.errors.package" })
        .refine((v) => choices.packageIds.includes(v), "payment.errors.package"),
      addOnIds: z
        .array(z.string().max(100))
        .max(50)
        .default([])
        .refine((ids) => ids.every((id) => choices.addOnIds.includes(id)), "payment.errors.addOn")
        .transform((ids) => [...new Set(ids)]),
      fullName: required(120).refine((v) => v.length >= 3, "payment.errors.fullName"),
      terms: z.boolean({ required_error: "payment.errors.terms" }).refine((v) => v, "payment.errors.terms"),
      kind: z.enum(clientKinds, { errorMap: () => ({ message: "payment.errors.kind" }) }),
      legalName: optional(200),
      partitaIva: optional(20)
        .refine((v) => !v || partitaIvaProblem(v) !== "format", "payment.errors.partitaIvaFormat")
        .refine((v) => !v || partitaIvaProblem(v) !== "check", "payment.errors.partitaIvaCheck")
        .transform((v) => (v ? normalisePartitaIva(v) : v)),
      codiceDestinatario: optional(10)
        .refine((v) => !v || isValidCodiceDestinatario(v), "payment.errors.codiceDestinatario")
        .transform((v) => (v ? v.toUpperCase() : v)),
      pec: optional(254).refine((v) => !v || isValidPec(v), "payment.errors.pec"),
      // A person's (16 characters) or, for an association or a public body, the numeric one (11 digits): checked by kind below.
      codiceFiscale: upper(20),
      /** Public administration: the 6-character Codice Univoco Ufficio, and the optional CIG and CUP. */
      codiceUfficio: upper(10).refine((v) => !v || isValidCodiceUfficio(v), "payment.errors.codiceUfficio"),
      cig: upper(15).refine((v) => !v || isValidCig(v), "payment.errors.cig"),
      cup: upper(20).refine((v) => !v || isValidCup(v), "payment.errors.cup"),
      /** EU and non-EU clients: the country (ISO code) and the VAT or tax number there. */
      country: upper(2),
      vatNumber: optional(30),
      address: required(200),
      // An Italian CAP and province for Italian clients (checked by kind below); free for foreign ones.
      postalCode: optional(12),
      city: required(100),
      province: upper(2),
    })
    .superRefine((v, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      if (v.kind !== "person" && !v.legalName) issue("legalName", "errors.required");
      if (v.kind === "business" || v.kind === "association") {
        if (v.kind === "business" && !v.partitaIva) issue("partitaIva", "errors.required");
        const hasCode = Boolean(v.codiceDestinatario) && !isEmptyCodiceDestinatario(v.codiceDestinatario ?? "");
        // An association without a Partita IVA may have neither: it then gets the invoice like a consumer (0000000).
        if (v.kind === "business" && !hasCode && !v.pec) issue("codiceDestinatario", "payment.errors.sdiOrPec");
      }
      if (v.kind === "person") {
        const problem = v.codiceFiscale ? codiceFiscaleProblem(v.codiceFiscale) : null;
        if (!v.codiceFiscale) issue("codiceFiscale", "errors.required");
        else if (problem) issue("codiceFiscale", problem === "format" ? "payment.errors.codiceFiscaleFormat" : "payment.errors.codiceFiscaleCheck");
      }
      if (v.kind === "association" || v.kind === "public") {
        const problem = v.codiceFiscale ? numericCodiceFiscaleProblem(v.codiceFiscale) : null;
        if (!v.codiceFiscale) issue("codiceFiscale", "errors.required");
        else if (problem) issue("codiceFiscale", problem === "format" ? "payment.errors.numericCodiceFiscaleFormat" : "payment.errors.numericCodiceFiscaleCheck");
      }
      if (v.kind === "public" && !v.codiceUfficio) issue("codiceUfficio", "errors.required");
      if (v.kind === "eu") {
        if (!v.country) issue("country", "errors.required");
        else if (!isEuCountry(v.country)) issue("country", "payment.errors.euCountry");
        if (!v.vatNumber) issue("vatNumber", "errors.required");
        else if (v.country && isEuCountry(v.country) && euVatNumberProblem(v.country, v.vatNumber)) issue("vatNumber", "payment.errors.euVatNumber");
      }
      if (v.kind === "nonEu" && (!v.country || !/^[A-Z]{2}$/.test(v.country) || v.country === "IT" || isEuCountry(v.country))) issue("country", "payment.errors.nonEuCountry");
      if (italianKinds.includes(v.kind)) {
        if (!v.postalCode) issue("postalCode", "errors.required");
        else if (!isValidCap(v.postalCode)) issue("postalCode", "payment.errors.cap");
        if (!v.province) issue("province", "errors.required");
        else if (!isItalianProvince(v.province)) issue("province", "payment.errors.province");
      } else if (!v.postalCode) issue("postalCode", "errors.required");
    });
}

export type AcceptanceInput = z.output<ReturnType<typeof acceptanceSchema>>;

/**
 * The invoicing data to store, only the fields that apply to the kind (what a
 * form without JavaScript sent for the other kinds is dropped). A public body's
 * Codice Univoco Ufficio goes in `codiceDestinatario` (it is the FatturaPA
 * recipient code, 6 characters instead of 7); an EU client's VAT number, with
 * its country prefix, and a non-EU client's tax number go in `vatNumber`.
 */
export function invoicingData(input: AcceptanceInput) {
  const k = input.kind;
  const italian = italianKinds.includes(k);
  const sdi = k === "business" || k === "association";
  return {
    kind: k,
    legalName: k === "person" ? input.fullName : (input.legalName ?? ""),
    partitaIva: sdi ? (input.partitaIva ?? null) : null,
    codiceDestinatario:
      k === "public" ? (input.codiceUfficio ?? null) : sdi && input.codiceDestinatario && !isEmptyCodiceDestinatario(input.codiceDestinatario) ? input.codiceDestinatario : null,
    pec: sdi ? (input.pec ?? null) : null,
    codiceFiscale: k === "person" ? normaliseCodiceFiscale(input.codiceFiscale ?? "") : k === "association" || k === "public" ? (input.codiceFiscale ?? null) : null,
    cig: k === "public" ? (input.cig ?? null) : null,
    cup: k === "public" ? (input.cup ?? null) : null,
    vatNumber: k === "eu" && input.country ? normaliseEuVatNumber(input.country, input.vatNumber ?? "") : k === "nonEu" ? input.vatNumber || null : null,
    country: italian ? "IT" : (input.country ?? ""),
    address: input.address,
    postalCode: input.postalCode ?? "",
    city: input.city,
    province: italian ? (input.province ?? "") : "",
  };
}

/** The VAT treatment an acceptance's client gets. */
export function treatmentOf(input: Pick<AcceptanceInput, "kind">) {
  return vatTreatmentOf(input.kind);
}
