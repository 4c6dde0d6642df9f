// The acceptance form: one zod schema for the browser and the server. Messages
// are i18n keys (translated next to each field by translateError). The ids a
// client may choose come from the proposal version being accepted.
import { z } from "zod";
import {
  codiceFiscaleProblem,
  isEmptyCodiceDestinatario,
  isItalianProvince,
  isValidCap,
  isValidCodiceDestinatario,
  isValidPec,
  normaliseCodiceFiscale,
  normalisePartitaIva,
  partitaIvaProblem,
} from "./italian-ids";

export const clientKinds = ["business", "person"] as const;
const required = (max: number) =>
  z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(max, `errors.tooLong|${max}`);
const optional = (max: number) => z.string().trim().max(max, `errors.tooLong|${max}`).optional();

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
      codiceFiscale: optional(20)
        .refine((v) => !v || codiceFiscaleProblem(v) !== "format", "payment.errors.codiceFiscaleFormat")
        .refine((v) => !v || codiceFiscaleProblem(v) !== "check", "payment.errors.codiceFiscaleCheck")
        .transform((v) => (v ? normaliseCodiceFiscale(v) : v)),
      address: required(200),
      postalCode: required(5).refine(isValidCap, "payment.errors.cap"),
      city: required(100),
      province: required(2)
        .refine(isItalianProvince, "payment.errors.province")
        .transform((v) => v.toUpperCase()),
    })
    .superRefine((v, ctx) => {
      if (v.kind === "business") {
        if (!v.legalName) ctx.addIssue({ code: "custom", path: ["legalName"], message: "errors.required" });
        if (!v.partitaIva) ctx.addIssue({ code: "custom", path: ["partitaIva"], message: "errors.required" });
        const hasCode = Boolean(v.codiceDestinatario) && !isEmptyCodiceDestinatario(v.codiceDestinatario ?? "");
        if (!hasCode && !v.pec) ctx.addIssue({ code: "custom", path: ["codiceDestinatario"], message: "payment.errors.sdiOrPec" });
      } else if (!v.codiceFiscale) {
        ctx.addIssue({ code: "custom", path: ["codiceFiscale"], message: "errors.required" });
      }
    });
}

export type AcceptanceInput = z.output<ReturnType<typeof acceptanceSchema>>;

/** The invoicing data to store: business fields for a business, the codice fiscale for a person. */
export function invoicingData(input: AcceptanceInput) {
  const business = input.kind === "business";
  return {
    kind: input.kind,
    legalName: business ? (input.legalName ?? "") : input.fullName,
    partitaIva: business ? (input.partitaIva ?? null) : null,
    codiceDestinatario: business && input.codiceDestinatario && !isEmptyCodiceDestinatario(input.codiceDestinatario) ? input.codiceDestinatario : null,
    pec: business ? (input.pec ?? null) : null,
    codiceFiscale: business ? null : (input.codiceFiscale ?? null),
    address: input.address,
    postalCode: input.postalCode,
    city: input.city,
    province: input.province,
  };
}
