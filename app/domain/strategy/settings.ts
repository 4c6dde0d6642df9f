// The owner's settings that drive proposals: packages and prices, add-ons,
// onboarding fee, channels offered, cadence, response times, branding,
// validity and VAT. Stored as JSON (Settings.data) and checked with this schema.
import { z } from "zod";
import { channels } from "../intake/definition";
import { FiscalIdentitySchema } from "../invoice/fiscal-identity";
import { TaxRegimeSettingSchema } from "../tax/regime";

const cents = z.number().int().nonnegative().max(100_000_000);
const bilingual = z.object({ it: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });

export const EmailSettingsSchema = z.object({
  senderName: z.string().trim().max(80).regex(/^[^<>"\r\n]*$/),
  replyTo: z.string().trim().max(254).email().nullable(),
  signature: z.object({ it: z.string().trim().max(500), en: z.string().trim().max(500) }),
});
export type EmailSettings = z.infer<typeof EmailSettingsSchema>;
export const defaultEmailSettings: EmailSettings = { senderName: "", replyTo: null, signature: { it: "", en: "" } };

/**
 * A package's service, as the rules read it. Defaults are the most modest service, so settings
 * stored before these fields existed promise nothing they did not say.
 */
export const PackageFeaturesSchema = z
  .object({
    /** Comments and messages answered on weekdays only, or every day. */
    replyDays: z.enum(["weekdays", "everyday"]).default("weekdays"),
    /** Replies in the evening and at weekends (and crisis levels 2-3 at any hour). */
    eveningWeekendCover: z.boolean().default(false),
    /** "basic": levels, holding statements and escalation in office hours; "full": reinforced times, on call, liaison with the authorities. */
    crisis: z.enum(["basic", "full"]).default("basic"),
    /** Daily monitoring of mentions (needed against fake news). */
    monitoring: z.boolean().default(false),
    /** The monthly report comes with a call. */
    reportCall: z.boolean().default(false),
    /** Photo or video shoots a month done by the studio. */
    shootsPerMonth: z.number().int().min(0).max(10).default(0),
  })
  .default({});
export type PackageFeatures = z.infer<typeof PackageFeaturesSchema>;

export const OwnerSettingsSchema = z.object({
  studioName: z.string().trim().min(1).max(120),
  currency: z.literal("EUR"),
  /** The ordinary VAT rate (used when taxRegime is ordinary). */
  vatRatePercent: z.number().min(0).max(50),
  /** Ordinary VAT or regime forfettario (app/domain/tax/regime.ts); settings saved before it existed are ordinary. */
  taxRegime: TaxRegimeSettingSchema,
  validityDays: z.number().int().min(1).max(365),
  onboardingFeeCents: cents,
  kickoffUrl: z.string().url().nullable(),
  branding: z.object({
    primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  }),
  channelsOffered: z.array(z.enum(channels)).min(1),
  /** Posts per week on a channel in the middle package. */
  cadence: z.record(z.enum(channels), z.number().int().min(0).max(21)),
  /** Reply targets in hours: business hours and outside them. */
  responseHours: z.object({ business: z.number().min(0.25).max(72), outside: z.number().min(0.25).max(168) }),
  packages: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]{1,40}$/),
        name: bilingual,
        monthlyNetCents: cents,
        channels: z.number().int().min(1).max(9),
        postsPerWeek: z.number().int().min(1).max(30),
        /** What the package promises, as data: every promise in a proposal's text comes from here or from a named add-on. */
        features: PackageFeaturesSchema,
        /** Further lines the owner writes (shown under the features). */
        includes: z.array(bilingual).max(10),
      }),
    )
    .min(1),
  addOns: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9-]{1,40}$/),
      name: bilingual,
      priceNetCents: cents,
      recurring: z.boolean(),
    }),
  ),
  /** How outgoing email presents itself (the SMTP server and its credentials stay in the environment). Empty = EMAIL_FROM's name, no Reply-To, the standard signature. */
  email: EmailSettingsSchema.default(defaultEmailSettings),
  /** The prospect is told to expect their proposal within this many Italian working days of submitting. */
  proposalWithinWorkingDays: z.number().int().min(1).max(30).default(3),
  /** Send the generated proposal (version 1) as soon as the questionnaire is submitted, without the owner's review. */
  autoSendOnSubmit: z.boolean().default(false),
  /** The monthly retainer's minimum term: a cancellation before it ends takes effect at its end (app/domain/subscription.ts). */
  retainerMinimumTermMonths: z.number().int().min(1).max(36).default(3),
  /** Who issues the invoices (cedente prestatore); null until the owner fills it in (app/domain/invoice/fiscal-identity.ts). */
  fiscal: FiscalIdentitySchema.nullable().default(null),
});

export type OwnerSettings = z.infer<typeof OwnerSettingsSchema>;
export type Package = OwnerSettings["packages"][number];

/** Demo settings (invented prices). */
export const defaultOwnerSettings: OwnerSettings = {
  studioName: "Socialbrief Studio",
  currency: "EUR",
  vatRatePercent: 22,
  taxRegime: { kind: "ordinary" },
  validityDays: 30,
  onboardingFeeCents: 50000,
  kickoffUrl: null,
  // The accent is drawn as text on the main colour (cover): it must contrast with it (WCAG AA).
  branding: { primaryColor: "#1f3a5f", accentColor: "#f4b860" },
  channelsOffered: ["facebook", "instagram", "linkedin", "tiktok", "youtube", "newsletter", "whatsapp", "x", "threads"],
  cadence: { facebook: 3, instagram: 4, linkedin: 2, tiktok: 3, youtube: 1, newsletter: 1, whatsapp: 2, x: 5, threads: 3 },
  responseHours: { business: 2, outside: 12 },
  packages: [
    {
      id: "essenziale",
      name: { it: "Essenziale", en: "Essential" },
      monthlyNetCents: 45000,
      channels: 1,
      postsPerWeek: 3,
      features: { replyDays: "weekdays", eveningWeekendCover: false, crisis: "basic", monitoring: false, reportCall: false, shootsPerMonth: 0 },
      includes: [{ it: "Piano editoriale mensile", en: "Monthly editorial plan" }],
    },
    {
      id: "crescita",
      name: { it: "Crescita", en: "Growth" },
      monthlyNetCents: 90000,
      channels: 2,
      postsPerWeek: 7,
      features: { replyDays: "everyday", eveningWeekendCover: false, crisis: "basic", monitoring: true, reportCall: true, shootsPerMonth: 0 },
      includes: [{ it: "Piano editoriale mensile e calendario condiviso", en: "Monthly editorial plan and shared calendar" }],
    },
    {
      id: "completo",
      name: { it: "Completo", en: "Complete" },
      monthlyNetCents: 160000,
      channels: 4,
      postsPerWeek: 12,
      features: { replyDays: "everyday", eveningWeekendCover: true, crisis: "full", monitoring: true, reportCall: true, shootsPerMonth: 1 },
      includes: [{ it: "Piano editoriale mensile e calendario condiviso", en: "Monthly editorial plan and shared calendar" }],
    },
  ],
  addOns: [
    { id: "ads", name: { it: "Sponsorizzate (gestione campagne)", en: "Paid amplification (campaign management)" }, priceNetCents: 30000, recurring: true },
    { id: "extra-channel", name: { it: "Un canale in più", en: "One extra channel" }, priceNetCents: 25000, recurring: true },
    { id: "video", name: { it: "Produzione video (4 brevi al mese)", en: "Video production (4 short videos a month)" }, priceNetCents: 40000, recurring: true },
    { id: "training", name: { it: "Formazione del personale (mezza giornata)", en: "Staff training (half a day)" }, priceNetCents: 35000, recurring: false },
    { id: "translation", name: { it: "Contenuti in una seconda lingua (traduzione e risposte)", en: "Content in a second language (translation and replies)" }, priceNetCents: 20000, recurring: true },
  ],
  email: defaultEmailSettings,
  proposalWithinWorkingDays: 3,
  autoSendOnSubmit: false,
  retainerMinimumTermMonths: 3,
  fiscal: null,
};
