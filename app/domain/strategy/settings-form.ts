// The proposal settings form: flat form fields to OwnerSettings and back.
// Money is typed in the owner's format ("1.234,56"); messages are i18n keys.
import { parseEuroToCents } from "../money";
import { OwnerSettingsSchema, type OwnerSettings } from "./settings";

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
  };
  s.packages.forEach((p, i) => {
    out[`package.${i}.id`] = p.id;
    out[`package.${i}.nameIt`] = p.name.it;
    out[`package.${i}.nameEn`] = p.name.en;
    out[`package.${i}.price`] = cents(p.monthlyNetCents, locale);
    out[`package.${i}.channels`] = String(p.channels);
    out[`package.${i}.posts`] = String(p.postsPerWeek);
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
  const color = (name: string) => {
    const v = (form[name] ?? "").trim();
    if (!/^#[0-9a-fA-F]{6}$/.test(v)) errors[name] = "settings.proposals.badColor";
    return v;
  };
  const kickoff = (form.kickoffUrl ?? "").trim();
  if (kickoff && !/^https:\/\/\S+$/.test(kickoff)) errors.kickoffUrl = "errors.url";

  const packages = current.packages.map((p, i) => ({
    ...p,
    name: { it: text(`package.${i}.nameIt`, 60), en: text(`package.${i}.nameEn`, 60) },
    monthlyNetCents: money(`package.${i}.price`),
    channels: int(`package.${i}.channels`, 1, 9),
    postsPerWeek: int(`package.${i}.posts`, 1, 30),
  }));
  const addOns = current.addOns
    .map((a, i) => ({ a, i }))
    .filter(({ i }) => form[`addon.${i}.remove`] !== "on")
    .map(({ a, i }) => ({ ...a, name: { it: text(`addon.${i}.nameIt`, 80), en: text(`addon.${i}.nameEn`, 80) }, priceNetCents: money(`addon.${i}.price`), recurring: form[`addon.${i}.recurring`] === "on" }));
  const newIt = (form["addon.new.nameIt"] ?? "").trim();
  if (newIt) {
    const id = newIt.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "extra";
    const unique = addOns.some((a) => a.id === id) ? `${id}-${addOns.length + 1}` : id;
    addOns.push({ id: unique, name: { it: text("addon.new.nameIt", 80), en: text("addon.new.nameEn", 80) }, priceNetCents: money("addon.new.price"), recurring: form["addon.new.recurring"] === "on" });
  }

  const candidate: OwnerSettings = {
    ...current,
    studioName: text("studioName"),
    vatRatePercent: int("vatRatePercent", 0, 50),
    validityDays: int("validityDays", 1, 365),
    onboardingFeeCents: money("onboardingFee"),
    kickoffUrl: kickoff || null,
    branding: { primaryColor: color("primaryColor"), accentColor: color("accentColor") },
    responseHours: { business: int("responseBusiness", 0.25, 72), outside: int("responseOutside", 0.25, 168) },
    packages,
    addOns,
  };
  if (Object.keys(errors).length) return { ok: false, errors };
  const parsed = OwnerSettingsSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: { form: "settings.errorSummary" } };
  return { ok: true, settings: parsed.data };
}
