// The proposal settings form: flat form fields to OwnerSettings and back.
// Money is typed in the owner's format ("1.234,56"); messages are i18n keys.
import { slug } from "~/domain/slug";
import { brandContrastProblems, contrastRatio } from "../brand";
import { channels } from "../intake/definition";
import { parseEuroToCents } from "../money";
import { OwnerSettingsSchema, type OwnerSettings, type Package } from "./settings";

const MAX_PACKAGES = 6;
const MAX_INCLUDES = 10;

export type FormErrors = Record<string, string>;

const cents = (value: number, locale: "it" | "en") =>
  new Intl.NumberFormat(locale === "it" ? "it-IT" : "en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: "always" } as Intl.NumberFormatOptions).format(value / 100);

/** The settings as the form shows them. */
export function settingsToForm(s: OwnerSettings, locale: "it" | "en"): Record<string, string> {
  const out: Record<string, string> = {
    studioName: s.studioName,
    vatRatePercent: String(s.vatRatePercent),
    validityDays: String(s.validityDays),
    onboardingFee: cents(s.onboardingFeeCents, locale),
    kickoffUrl: s.kickoffUrl ?? "",
    primaryColor: s.branding.primaryColor,
    accentColor: s.branding.accentColor,
    responseBusiness: String(s.responseHours.business),
    responseOutside: String(s.responseHours.outside),
    proposalWithinWorkingDays: String(s.proposalWithinWorkingDays),
    autoSendOnSubmit: s.autoSendOnSubmit ? "on" : "",
  };
  for (const c of channels) {
    out[`channel.${c}`] = s.channelsOffered.includes(c) ? "on" : "";
    out[`cadence.${c}`] = String(s.cadence[c] ?? 0);
  }
  s.packages.forEach((p, i) => {
    out[`package.${i}.id`] = p.id;
    out[`package.${i}.nameIt`] = p.name.it;
    out[`package.${i}.nameEn`] = p.name.en;
    out[`package.${i}.price`] = cents(p.monthlyNetCents, locale);
    out[`package.${i}.channels`] = String(p.channels);
    out[`package.${i}.posts`] = String(p.postsPerWeek);
    out[`package.${i}.everyday`] = p.features.replyDays === "everyday" ? "on" : "";
    out[`package.${i}.cover`] = p.features.eveningWeekendCover ? "on" : "";
    out[`package.${i}.crisisFull`] = p.features.crisis === "full" ? "on" : "";
    out[`package.${i}.monitoring`] = p.features.monitoring ? "on" : "";
    out[`package.${i}.reportCall`] = p.features.reportCall ? "on" : "";
    out[`package.${i}.shoots`] = String(p.features.shootsPerMonth);
    out[`package.${i}.includesIt`] = p.includes.map((x) => x.it).join("\n");
    out[`package.${i}.includesEn`] = p.includes.map((x) => x.en).join("\n");
  });
  s.addOns.forEach((a, i) => {
    out[`addon.${i}.id`] = a.id;
    out[`addon.${i}.nameIt`] = a.name.it;
    out[`addon.${i}.nameEn`] = a.name.en;
    out[`addon.${i}.price`] = cents(a.priceNetCents, locale);
    out[`addon.${i}.recurring`] = a.recurring ? "on" : "";
  });
  return out;
}

/** Reads the form over the current settings (what the form does not show is kept). */
export function settingsFromForm(form: Record<string, string>, current: OwnerSettings, locale: "it" | "en"): { ok: true; settings: OwnerSettings } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const text = (name: string, max = 120) => {
    const v = (form[name] ?? "").trim();
    if (!v) errors[name] = "errors.required";
    else if (v.length > max) errors[name] = `errors.tooLong|${max}`;
    return v;
  };
  const money = (name: string) => {
    const v = parseEuroToCents(form[name] ?? "", locale);
    if (v === null) errors[name] = "settings.proposals.badMoney";
    return v ?? 0;
  };
  const int = (name: string, min: number, max: number) => {
    const raw = (form[name] ?? "").trim();
    const v = Number(raw.replace(",", "."));
    if (!/^\d+([.,]\d+)?$/.test(raw) || v < min || v > max) errors[name] = "settings.proposals.badNumber";
    return v;
  };
  /** A whole number (no decimals) between min and max. */
  const whole = (name: string, min: number, max: number) => {
    const raw = (form[name] ?? "").trim();
    const v = Number(raw);
    if (!/^\d{1,4}$/.test(raw) || v < min || v > max) errors[name] = "settings.proposals.badNumber";
    return v;
  };
  const color = (name: string) => {
    const v = (form[name] ?? "").trim();
    if (!/^#[0-9a-fA-F]{6}$/.test(v)) errors[name] = "settings.proposals.badColor";
    return v;
  };
  const kickoff = (form.kickoffUrl ?? "").trim();
  if (kickoff && !/^https:\/\/\S+$/.test(kickoff)) errors.kickoffUrl = "errors.url";

  const lines = (name: string) =>
    (form[name] ?? "")
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  /** What a package includes: one line per item, the two languages line by line. */
  const includes = (prefix: string): Package["includes"] => {
    const it = lines(`${prefix}.includesIt`);
    const en = lines(`${prefix}.includesEn`);
    if (it.length > MAX_INCLUDES) errors[`${prefix}.includesIt`] = `settings.proposals.tooManyLines|${MAX_INCLUDES}`;
    else if (en.length > MAX_INCLUDES) errors[`${prefix}.includesEn`] = `settings.proposals.tooManyLines|${MAX_INCLUDES}`;
    else if ([...it, ...en].some((l) => l.length > 200)) errors[`${prefix}.${it.some((l) => l.length > 200) ? "includesIt" : "includesEn"}`] = "settings.proposals.lineTooLong|200";
    else if (it.length !== en.length) errors[`${prefix}.includesEn`] = "settings.proposals.includesMismatch";
    return it.slice(0, MAX_INCLUDES).map((line, i) => ({ it: line, en: en[i] ?? line }));
  };
  const on = (name: string) => form[name] === "on";
  const features = (prefix: string): Package["features"] => ({
    replyDays: on(`${prefix}.everyday`) ? "everyday" : "weekdays",
    eveningWeekendCover: on(`${prefix}.cover`),
    crisis: on(`${prefix}.crisisFull`) ? "full" : "basic",
    monitoring: on(`${prefix}.monitoring`),
    reportCall: on(`${prefix}.reportCall`),
    shootsPerMonth: (form[`${prefix}.shoots`] ?? "").trim() === "" ? 0 : int(`${prefix}.shoots`, 0, 10),
  });
  const uniqueId = (name: string, taken: string[], fallback: string) => {
    const id = slug(name).slice(0, 36) || fallback;
    let unique = id;
    for (let n = 2; taken.includes(unique); n++) unique = `${id}-${n}`;
    return unique;
  };

  // Channels keep the order they had (the rules break ties by it); new ones go last.
  const offered = [...current.channelsOffered, ...channels.filter((c) => !current.channelsOffered.includes(c))].filter((c) => form[`channel.${c}`] === "on");
  if (offered.length === 0) errors.channelsOffered = "settings.proposals.noChannel";
  const cadence = Object.fromEntries(channels.map((c) => [c, int(`cadence.${c}`, 0, 21)])) as OwnerSettings["cadence"];

  const packages: Package[] = current.packages
    .map((p, i) => ({ p, i }))
    .filter(({ i }) => form[`package.${i}.remove`] !== "on")
    .map(({ p, i }) => ({
      ...p,
      name: { it: text(`package.${i}.nameIt`, 60), en: text(`package.${i}.nameEn`, 60) },
      monthlyNetCents: money(`package.${i}.price`),
      channels: int(`package.${i}.channels`, 1, 9),
      postsPerWeek: int(`package.${i}.posts`, 1, 30),
      features: features(`package.${i}`),
      includes: includes(`package.${i}`),
    }));
  const newPackageIt = (form["package.new.nameIt"] ?? "").trim();
  if (newPackageIt) {
    if (packages.length >= MAX_PACKAGES) errors["package.new.nameIt"] = `settings.proposals.tooManyPackages|${MAX_PACKAGES}`;
    packages.push({
      id: uniqueId(newPackageIt, packages.map((p) => p.id), "package"),
      name: { it: text("package.new.nameIt", 60), en: text("package.new.nameEn", 60) },
      monthlyNetCents: money("package.new.price"),
      channels: int("package.new.channels", 1, 9),
      postsPerWeek: int("package.new.posts", 1, 30),
      features: features("package.new"),
      includes: includes("package.new"),
    });
  }
  if (packages.length === 0) errors["package.0.remove"] = "settings.proposals.keepOnePackage";
  const addOns = current.addOns
    .map((a, i) => ({ a, i }))
    .filter(({ i }) => form[`addon.${i}.remove`] !== "on")
    .map(({ a, i }) => ({ ...a, name: { it: text(`addon.${i}.nameIt`, 80), en: text(`addon.${i}.nameEn`, 80) }, priceNetCents: money(`addon.${i}.price`), recurring: form[`addon.${i}.recurring`] === "on" }));
  const newIt = (form["addon.new.nameIt"] ?? "").trim();
  if (newIt) {
    addOns.push({ id: uniqueId(newIt, addOns.map((a) => a.id), "extra"), name: { it: text("addon.new.nameIt", 80), en: text("addon.new.nameEn", 80) }, priceNetCents: money("addon.new.price"), recurring: form["addon.new.recurring"] === "on" });
  }

  const branding = { primaryColor: color("primaryColor"), accentColor: color("accentColor") };
  const ratio = (a: string, b: string) => new Intl.NumberFormat(locale === "it" ? "it-IT" : "en-GB", { maximumFractionDigits: 1 }).format(Math.floor(contrastRatio(a, b) * 10) / 10);
  const contrast = brandContrastProblems(branding);
  if (contrast.primaryColor && !errors.primaryColor) errors.primaryColor = `settings.proposals.primaryContrast|${ratio(branding.primaryColor, "#ffffff")}`;
  if (contrast.accentColor && !errors.accentColor) errors.accentColor = `settings.proposals.accentContrast|${ratio(branding.accentColor, branding.primaryColor)}`;

  const candidate: OwnerSettings = {
    ...current,
    studioName: text("studioName"),
    vatRatePercent: int("vatRatePercent", 0, 50),
    validityDays: int("validityDays", 1, 365),
    onboardingFeeCents: money("onboardingFee"),
    kickoffUrl: kickoff || null,
    branding,
    channelsOffered: offered,
    cadence,
    responseHours: { business: int("responseBusiness", 0.25, 72), outside: int("responseOutside", 0.25, 168) },
    packages,
    addOns,
    proposalWithinWorkingDays: whole("proposalWithinWorkingDays", 1, 30),
    autoSendOnSubmit: form.autoSendOnSubmit === "on",
  };
  if (Object.keys(errors).length) return { ok: false, errors };
  const parsed = OwnerSettingsSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: { form: "settings.errorSummary" } };
  return { ok: true, settings: parsed.data };
}
