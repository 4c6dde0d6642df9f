// The proposal settings form: one zod schema (Conform field names such as
// `packages[0].price`, `branding.primaryColor`, `cadence.instagram`) from what
// the owner typed to OwnerSettings, and the settings as the form's defaults.
// Money is typed in the owner's format ("1.234,56"); messages are i18n keys,
// optionally with one argument ("errors.tooLong|60", see translateError).
// Pure: shared by the browser (Conform) and the server.
import { z } from "zod";
import { slug } from "~/domain/slug";
import { brandContrastProblems, contrastRatio } from "../brand";
import { channels, type Channel } from "../intake/definition";
import { parseEuroToCents } from "../money";
import { OwnerSettingsSchema, type OwnerSettings, type Package } from "./settings";

const MAX_PACKAGES = 6;
const MAX_INCLUDES = 10;
const features = ["everyday", "cover", "crisisFull", "monitoring", "reportCall"] as const;

type Locale = "it" | "en";

// ------------------------------------------------------------ one field each

const badNumber = "settings.proposals.badNumber";
const text = (max: number) => z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(max, `errors.tooLong|${max}`);
/** A number between min and max, decimals with a comma or a point ("2,5"). */
const decimal = (min: number, max: number) =>
  z
    .string({ required_error: badNumber })
    .trim()
    .regex(/^\d+([.,]\d+)?$/, badNumber)
    .transform((v) => Number(v.replace(",", ".")))
    .refine((v) => v >= min && v <= max, badNumber);
/** A whole number (no decimals) between min and max. */
const whole = (min: number, max: number) =>
  z
    .string({ required_error: badNumber })
    .trim()
    .regex(/^\d{1,4}$/, badNumber)
    .transform(Number)
    .refine((v) => v >= min && v <= max, badNumber);
const money = (locale: Locale) =>
  z.string({ required_error: "settings.proposals.badMoney" }).transform((v, ctx) => {
    const cents = parseEuroToCents(v, locale);
    if (cents === null) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "settings.proposals.badMoney" });
    return cents ?? 0;
  });
const color = z.string({ required_error: "settings.proposals.badColor" }).trim().regex(/^#[0-9a-fA-F]{6}$/, "settings.proposals.badColor");
const checked = z.boolean().optional();
/** As typed: a package's or add-on's fields are only read when it is kept (or, for a new one, named). */
const typed = z.string().optional();

/** Runs one field's schema on a value of a sub-form, reporting under `name`. */
function read<T>(ctx: z.RefinementCtx, name: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  ctx.addIssue({ code: z.ZodIssueCode.custom, path: [name], message: result.error.issues[0]?.message ?? "errors.invalid" });
  return undefined;
}

const lines = (value: string | undefined) =>
  (value ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

// ------------------------------------------------------------ packages and add-ons

const PackageFields = z.object({
  nameIt: typed,
  nameEn: typed,
  price: typed,
  channels: typed,
  posts: typed,
  ...(Object.fromEntries(features.map((f) => [f, checked])) as Record<(typeof features)[number], typeof checked>),
  shoots: typed,
  includesIt: typed,
  includesEn: typed,
  remove: checked,
});
type PackageInput = z.infer<typeof PackageFields>;

/** A package's fields, or undefined (with the issues reported) when one is wrong. */
function readPackage(p: PackageInput, ctx: z.RefinementCtx, locale: Locale): Omit<Package, "id"> | undefined {
  const nameIt = read(ctx, "nameIt", text(60), p.nameIt);
  const nameEn = read(ctx, "nameEn", text(60), p.nameEn);
  const monthlyNetCents = read(ctx, "price", money(locale), p.price);
  const channelCount = read(ctx, "channels", decimal(1, 9), p.channels);
  const postsPerWeek = read(ctx, "posts", decimal(1, 30), p.posts);
  const shootsPerMonth = p.shoots === undefined ? 0 : read(ctx, "shoots", decimal(0, 10), p.shoots);
  // What a package includes: one line per item, the two languages line by line.
  const it = lines(p.includesIt);
  const en = lines(p.includesEn);
  let includesOk = false;
  if (it.length > MAX_INCLUDES) ctx.addIssue({ code: "custom", path: ["includesIt"], message: `settings.proposals.tooManyLines|${MAX_INCLUDES}` });
  else if (en.length > MAX_INCLUDES) ctx.addIssue({ code: "custom", path: ["includesEn"], message: `settings.proposals.tooManyLines|${MAX_INCLUDES}` });
  else if ([...it, ...en].some((l) => l.length > 200)) ctx.addIssue({ code: "custom", path: [it.some((l) => l.length > 200) ? "includesIt" : "includesEn"], message: "settings.proposals.lineTooLong|200" });
  else if (it.length !== en.length) ctx.addIssue({ code: "custom", path: ["includesEn"], message: "settings.proposals.includesMismatch" });
  else includesOk = true;
  if (nameIt === undefined || nameEn === undefined || monthlyNetCents === undefined || channelCount === undefined || postsPerWeek === undefined || shootsPerMonth === undefined || !includesOk) return undefined;
  return {
    name: { it: nameIt, en: nameEn },
    monthlyNetCents,
    channels: channelCount,
    postsPerWeek,
    features: {
      replyDays: p.everyday ? "everyday" : "weekdays",
      eveningWeekendCover: Boolean(p.cover),
      crisis: p.crisisFull ? "full" : "basic",
      monitoring: Boolean(p.monitoring),
      reportCall: Boolean(p.reportCall),
      shootsPerMonth,
    },
    includes: it.map((line, i) => ({ it: line, en: en[i] ?? line })),
  };
}

const AddOnFields = z.object({ nameIt: typed, nameEn: typed, price: typed, recurring: checked, remove: checked });
type AddOnInput = z.infer<typeof AddOnFields>;
type AddOn = OwnerSettings["addOns"][number];

function readAddOn(a: AddOnInput, ctx: z.RefinementCtx, locale: Locale): Omit<AddOn, "id"> | undefined {
  const nameIt = read(ctx, "nameIt", text(80), a.nameIt);
  const nameEn = read(ctx, "nameEn", text(80), a.nameEn);
  const priceNetCents = read(ctx, "price", money(locale), a.price);
  if (nameIt === undefined || nameEn === undefined || priceNetCents === undefined) return undefined;
  return { name: { it: nameIt, en: nameEn }, priceNetCents, recurring: Boolean(a.recurring) };
}

/** An existing package or add-on: removed, or its fields (undefined when something in them is wrong). */
type Kept<T> = { removed: true } | { removed: false; value: T | undefined };

const uniqueId = (name: string, taken: string[], fallback: string) => {
  const id = slug(name).slice(0, 36) || fallback;
  let unique = id;
  for (let n = 2; taken.includes(unique); n++) unique = `${id}-${n}`;
  return unique;
};

// ------------------------------------------------------------ the form

/**
 * The form over the current settings: existing packages and add-ons are
 * `packages[i]`/`addOns[i]` in their stored order (what the form does not show
 * is kept), a new one is `newPackage`/`newAddOn` (read only when named).
 * Parses to the OwnerSettings to save.
 */
export function settingsFormSchema(current: OwnerSettings, locale: Locale) {
  const kept =
    <I extends { remove?: boolean }, T>(readOne: (input: I, ctx: z.RefinementCtx, locale: Locale) => T | undefined) =>
    (input: I, ctx: z.RefinementCtx): Kept<T> =>
      input.remove ? { removed: true } : { removed: false, value: readOne(input, ctx, locale) };
  const named =
    <I extends { nameIt?: string }, T>(readOne: (input: I, ctx: z.RefinementCtx, locale: Locale) => T | undefined) =>
    (input: I, ctx: z.RefinementCtx): { named: boolean; value: T | undefined } =>
      input.nameIt?.trim() ? { named: true, value: readOne(input, ctx, locale) } : { named: false, value: undefined };

  return z
    .object({
      studioName: text(120),
      branding: z
        .object({ primaryColor: color, accentColor: color })
        .superRefine((branding, ctx) => {
          const ratio = (a: string, b: string) => new Intl.NumberFormat(locale === "it" ? "it-IT" : "en-GB", { maximumFractionDigits: 1 }).format(Math.floor(contrastRatio(a, b) * 10) / 10);
          const contrast = brandContrastProblems(branding);
          if (contrast.primaryColor) ctx.addIssue({ code: "custom", path: ["primaryColor"], message: `settings.proposals.primaryContrast|${ratio(branding.primaryColor, "#ffffff")}` });
          if (contrast.accentColor) ctx.addIssue({ code: "custom", path: ["accentColor"], message: `settings.proposals.accentContrast|${ratio(branding.accentColor, branding.primaryColor)}` });
        }),
      channelsOffered: z
        .object(Object.fromEntries(channels.map((c) => [c, checked])) as Record<Channel, typeof checked>)
        .default({})
        .refine((offered) => Object.values(offered).some(Boolean), "settings.proposals.noChannel"),
      cadence: z.object(Object.fromEntries(channels.map((c) => [c, decimal(0, 21)])) as Record<Channel, ReturnType<typeof decimal>>)
        // Missing altogether: each channel's field is then reported.
        .default({} as Record<Channel, string>),
      onboardingFee: money(locale),
      vatRatePercent: decimal(0, 50),
      taxRegime: z.enum(["ordinary", "forfettario"], { errorMap: () => ({ message: "errors.invalid" }) }).default("ordinary"),
      stampDutyToClient: checked,
      rivalsaInps: checked,
      validityDays: decimal(1, 365),
      responseBusiness: decimal(0.25, 72),
      responseOutside: decimal(0.25, 168),
      kickoffUrl: z
        .string()
        .trim()
        .refine((v) => !v || /^https:\/\/\S+$/.test(v), "errors.url")
        .optional(),
      proposalWithinWorkingDays: whole(1, 30),
      autoSendOnSubmit: checked,
      retainerMinimumTermMonths: whole(1, 36),
      packages: z.array(PackageFields.transform(kept(readPackage))).length(current.packages.length, "settings.errorSummary").default([]),
      newPackage: PackageFields.default({}).transform(named(readPackage)),
      addOns: z.array(AddOnFields.transform(kept(readAddOn))).length(current.addOns.length, "settings.errorSummary").default([]),
      newAddOn: AddOnFields.default({}).transform(named(readAddOn)),
    })
    .transform((form, ctx): OwnerSettings => {
      let refused = false;
      const refuse = (path: Array<string | number>, message: string) => {
        refused = true;
        ctx.addIssue({ code: "custom", path, message });
      };
      const packages: Package[] = [];
      current.packages.forEach((p, i) => {
        const entry = form.packages[i];
        if (entry && !entry.removed && entry.value) packages.push({ ...p, ...entry.value });
      });
      if (form.newPackage.named && form.newPackage.value) {
        if (packages.length >= MAX_PACKAGES) refuse(["newPackage", "nameIt"], `settings.proposals.tooManyPackages|${MAX_PACKAGES}`);
        packages.push({ id: uniqueId(form.newPackage.value.name.it, packages.map((p) => p.id), "package"), ...form.newPackage.value });
      }
      if (packages.length === 0) refuse(["packages", 0, "remove"], "settings.proposals.keepOnePackage");
      const addOns: AddOn[] = [];
      current.addOns.forEach((a, i) => {
        const entry = form.addOns[i];
        if (entry && !entry.removed && entry.value) addOns.push({ ...a, ...entry.value });
      });
      if (form.newAddOn.named && form.newAddOn.value) addOns.push({ id: uniqueId(form.newAddOn.value.name.it, addOns.map((a) => a.id), "extra"), ...form.newAddOn.value });

      // Channels keep the order they had (the rules break ties by it); new ones go last.
      const offered = [...current.channelsOffered, ...channels.filter((c) => !current.channelsOffered.includes(c))].filter((c) => form.channelsOffered[c]);
      const candidate: OwnerSettings = {
        ...current,
        studioName: form.studioName,
        vatRatePercent: form.vatRatePercent,
        // The forfettario choices are kept only under that regime.
        taxRegime: form.taxRegime === "forfettario" ? { kind: "forfettario", stampDutyToClient: Boolean(form.stampDutyToClient), rivalsaInps: Boolean(form.rivalsaInps) } : { kind: "ordinary" },
        validityDays: form.validityDays,
        onboardingFeeCents: form.onboardingFee,
        kickoffUrl: form.kickoffUrl || null,
        branding: form.branding,
        channelsOffered: offered,
        cadence: form.cadence,
        responseHours: { business: form.responseBusiness, outside: form.responseOutside },
        packages,
        addOns,
        proposalWithinWorkingDays: form.proposalWithinWorkingDays,
        autoSendOnSubmit: Boolean(form.autoSendOnSubmit),
        retainerMinimumTermMonths: form.retainerMinimumTermMonths,
      };
      if (refused) return z.NEVER;
      const parsed = OwnerSettingsSchema.safeParse(candidate);
      if (!parsed.success) {
        refuse([], "settings.errorSummary");
        return z.NEVER;
      }
      return parsed.data;
    });
}

export type SettingsForm = z.input<ReturnType<typeof settingsFormSchema>>;

const cents = (value: number, locale: Locale) =>
  new Intl.NumberFormat(locale === "it" ? "it-IT" : "en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: "always" } as Intl.NumberFormatOptions).format(value / 100);

/** The settings as the form shows them (Conform's defaultValue). */
export function settingsToForm(s: OwnerSettings, locale: Locale): SettingsForm {
  return {
    studioName: s.studioName,
    branding: { primaryColor: s.branding.primaryColor, accentColor: s.branding.accentColor },
    channelsOffered: Object.fromEntries(channels.map((c) => [c, s.channelsOffered.includes(c)])) as Record<Channel, boolean>,
    cadence: Object.fromEntries(channels.map((c) => [c, String(s.cadence[c] ?? 0)])) as Record<Channel, string>,
    onboardingFee: cents(s.onboardingFeeCents, locale),
    vatRatePercent: String(s.vatRatePercent),
    taxRegime: s.taxRegime.kind,
    stampDutyToClient: s.taxRegime.kind === "forfettario" ? s.taxRegime.stampDutyToClient : true,
    rivalsaInps: s.taxRegime.kind === "forfettario" && s.taxRegime.rivalsaInps,
    validityDays: String(s.validityDays),
    responseBusiness: String(s.responseHours.business),
    responseOutside: String(s.responseHours.outside),
    kickoffUrl: s.kickoffUrl ?? "",
    proposalWithinWorkingDays: String(s.proposalWithinWorkingDays),
    autoSendOnSubmit: s.autoSendOnSubmit,
    retainerMinimumTermMonths: String(s.retainerMinimumTermMonths),
    packages: s.packages.map((p) => ({
      nameIt: p.name.it,
      nameEn: p.name.en,
      price: cents(p.monthlyNetCents, locale),
      channels: String(p.channels),
      posts: String(p.postsPerWeek),
      everyday: p.features.replyDays === "everyday",
      cover: p.features.eveningWeekendCover,
      crisisFull: p.features.crisis === "full",
      monitoring: p.features.monitoring,
      reportCall: p.features.reportCall,
      shoots: String(p.features.shootsPerMonth),
      includesIt: p.includes.map((x) => x.it).join("\n"),
      includesEn: p.includes.map((x) => x.en).join("\n"),
    })),
    addOns: s.addOns.map((a) => ({ nameIt: a.name.it, nameEn: a.name.en, price: cents(a.priceNetCents, locale), recurring: a.recurring })),
  };
}
