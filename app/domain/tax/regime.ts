// The owner's tax regime, as owner settings store it (OwnerSettings.taxRegime)
// and as a sent proposal freezes it. Facts from the strategy playbook
// ("Money and invoices"): ordinary VAT at the owner's rate (22 % by default);
// the regime forfettario charges no VAT (L. 190/2014 art. 1 c. 54-89, that
// wording on every document), a 2 EUR stamp duty when the amount exceeds
// 77.47 EUR (which the owner may charge to the client) and, optionally, a 4 %
// rivalsa INPS for freelancers in the INPS Gestione Separata.
import { z } from "zod";

/** Stamp duty (imposta di bollo, "bollo virtuale" on e-invoices), in cents. */
export const STAMP_DUTY_CENTS = 200;
/** The stamp duty is due when the amount exceeds this (77.47 EUR: 77.48 pays it, 77.47 does not). */
export const STAMP_DUTY_THRESHOLD_CENTS = 7747;
/** Rivalsa INPS (Gestione Separata), percent of the fee. */
export const RIVALSA_INPS_PERCENT = 4;

/** What settings store beside `vatRatePercent` (which stays the ordinary rate). Old rows have none: ordinary. */
export const TaxRegimeSettingSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("ordinary") }),
    z.object({
      kind: z.literal("forfettario"),
      /** The 2 EUR stamp duty is added to the client's total (else the studio bears it). */
      stampDutyToClient: z.boolean(),
      /** Adds the 4 % rivalsa INPS to the fee. */
      rivalsaInps: z.boolean(),
    }),
  ])
  .default({ kind: "ordinary" });
export type TaxRegimeSetting = z.infer<typeof TaxRegimeSettingSchema>;

/** A regime with everything the amounts need: what a document is computed from. */
export const TaxRegimeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ordinary"), vatRatePercent: z.number().min(0).max(100) }),
  z.object({ kind: z.literal("forfettario"), stampDutyToClient: z.boolean(), rivalsaInps: z.boolean() }),
]);
export type TaxRegime = z.infer<typeof TaxRegimeSchema>;

/** The regime of a set of owner settings (or of a snapshot made before regimes existed: ordinary at its rate). */
export function taxRegimeOf(settings: { vatRatePercent: number; taxRegime?: TaxRegimeSetting | undefined }): TaxRegime {
  const setting = settings.taxRegime ?? { kind: "ordinary" };
  return setting.kind === "ordinary" ? { kind: "ordinary", vatRatePercent: settings.vatRatePercent } : setting;
}

/** A view or snapshot stored before regimes existed knows only its VAT rate: ordinary VAT at that rate. */
export function regimeOrRate(regime: TaxRegime | undefined, vatRatePercent: number): TaxRegime {
  return regime ?? { kind: "ordinary", vatRatePercent };
}
