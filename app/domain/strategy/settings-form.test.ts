import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { formFields } from "../../../tests/form-fields";
import { defaultOwnerSettings, OwnerSettingsSchema, type OwnerSettings } from "./settings";
import { settingsFormSchema, settingsToForm } from "./settings-form";

type Locale = "it" | "en";

/** Posts the form as the page shows the settings, with `changes` (undefined: the field is not sent, as an unticked box). */
function submit(locale: Locale, changes: Record<string, string | undefined> = {}, current: OwnerSettings = defaultOwnerSettings) {
  const fields: Record<string, string | undefined> = { ...formFields(settingsToForm(current, locale)), ...changes };
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) formData.append(name, value);
  const submission = parseWithZod(formData, { schema: settingsFormSchema(current, locale) });
  if (submission.status === "success") return { ok: true as const, settings: submission.value };
  const errors = Object.fromEntries(Object.entries(submission.error ?? {}).flatMap(([name, messages]) => (messages?.length ? [[name, messages[0]]] : [])));
  return { ok: false as const, errors };
}

const noChannels = Object.fromEntries(defaultOwnerSettings.channelsOffered.map((c) => [`channelsOffered.${c}`, undefined]));
const newPackage = { "newPackage.nameIt": "Élite", "newPackage.nameEn": "Elite", "newPackage.price": "2,500.00", "newPackage.channels": "4", "newPackage.posts": "14", "newPackage.includesIt": "Tutto", "newPackage.includesEn": "Everything" };
const sixPackages: OwnerSettings = { ...defaultOwnerSettings, packages: [0, 1, 2, 3, 4, 5].map((i) => ({ ...defaultOwnerSettings.packages[0]!, id: `p${i}` })) };

describe("proposal settings form: what is typed → the settings saved", () => {
  const cases: Array<[string, Locale, Record<string, string | undefined>, Partial<OwnerSettings> | ((s: OwnerSettings) => void), OwnerSettings?]> = [
    ["the page's own values, in Italian", "it", {}, defaultOwnerSettings],
    ["the page's own values, in English", "en", {}, defaultOwnerSettings],
    [
      "a price, two add-ons removed and one added (money as typed in Italian)",
      "it",
      { "packages[0].price": "480", "addOns[3].remove": "on", "addOns[4].remove": "on", "newAddOn.nameIt": "Shooting fotografico", "newAddOn.nameEn": "Photo shoot", "newAddOn.price": "1.200,50" },
      (s) => {
        expect(s.packages[0]!.monthlyNetCents).toBe(48000);
        expect(s.addOns.map((a) => a.id)).toEqual(["ads", "extra-channel", "video", "shooting-fotografico"]);
        expect(s.addOns[3]).toMatchObject({ priceNetCents: 120050, recurring: false });
      },
    ],
    [
      "what a package promises: reply days, cover, crisis service, monitoring, report call and shoots",
      "it",
      { "packages[1].everyday": undefined, "packages[1].cover": "on", "packages[1].crisisFull": "on", "packages[1].monitoring": undefined, "packages[1].shoots": "2" },
      (s) => expect(s.packages[1]!.features).toEqual({ replyDays: "weekdays", eveningWeekendCover: true, crisis: "full", monitoring: false, reportCall: true, shootsPerMonth: 2 }),
    ],
    [
      "the channels offered (in their stored order) and a cadence",
      "en",
      { "channelsOffered.tiktok": undefined, "channelsOffered.x": undefined, "cadence.instagram": "5" },
      (s) => {
        expect(s.channelsOffered).toEqual(["facebook", "instagram", "linkedin", "youtube", "newsletter", "whatsapp", "threads"]);
        expect(s.cadence.instagram).toBe(5);
      },
    ],
    [
      "what a package includes, line by line in both languages",
      "en",
      { "packages[0].includesIt": "Piano editoriale\n\nReport mensile\n", "packages[0].includesEn": "Editorial plan\r\nMonthly report" },
      (s) =>
        expect(s.packages[0]!.includes).toEqual([
          { it: "Piano editoriale", en: "Editorial plan" },
          { it: "Report mensile", en: "Monthly report" },
        ]),
    ],
    [
      "one package removed and a new one added, its id from its name",
      "en",
      { "packages[1].remove": "on", ...newPackage },
      (s) => {
        expect(s.packages.map((p) => p.id)).toEqual(["essenziale", "completo", "elite"]);
        expect(s.packages[2]).toMatchObject({ monthlyNetCents: 250000, channels: 4, postsPerWeek: 14, includes: [{ it: "Tutto", en: "Everything" }] });
      },
    ],
    ["a new add-on named like an existing one gets an id of its own", "en", { "newAddOn.nameIt": "Ads", "newAddOn.nameEn": "Ads", "newAddOn.price": "10" }, (s) => expect(s.addOns.at(-1)!.id).toBe("ads-2")],
    ["colours that pass WCAG AA", "en", { "branding.primaryColor": "#7a1f3d", "branding.accentColor": "#ffd166" }, { branding: { primaryColor: "#7a1f3d", accentColor: "#ffd166" } }],
    ["the working days and the automatic sending", "it", { proposalWithinWorkingDays: "5", autoSendOnSubmit: "on" }, { proposalWithinWorkingDays: 5, autoSendOnSubmit: true }],
    ["the retainer's minimum term in months", "it", { retainerMinimumTermMonths: "6" }, { retainerMinimumTermMonths: 6 }],
    ["automatic sending unticked", "it", { autoSendOnSubmit: undefined }, { autoSendOnSubmit: false }, { ...defaultOwnerSettings, autoSendOnSubmit: true }],
    ["the regime forfettario, stamp duty charged to the client, with rivalsa INPS", "it", { taxRegime: "forfettario", stampDutyToClient: "on", rivalsaInps: "on" }, { taxRegime: { kind: "forfettario", stampDutyToClient: true, rivalsaInps: true }, vatRatePercent: 22 }],
    ["the regime forfettario, the studio bearing the stamp duty, no rivalsa", "en", { taxRegime: "forfettario", stampDutyToClient: undefined, rivalsaInps: undefined }, { taxRegime: { kind: "forfettario", stampDutyToClient: false, rivalsaInps: false } }],
    [
      "back to ordinary VAT at 10 %: the forfettario choices are dropped",
      "it",
      { taxRegime: "ordinary", vatRatePercent: "10", rivalsaInps: "on" },
      (s) => expect([s.taxRegime, s.vatRatePercent]).toEqual([{ kind: "ordinary" }, 10]),
      { ...defaultOwnerSettings, taxRegime: { kind: "forfettario", stampDutyToClient: true, rivalsaInps: true } },
    ],
    ["an empty kick-off link", "it", { kickoffUrl: "  " }, { kickoffUrl: null }, { ...defaultOwnerSettings, kickoffUrl: "https://prenota.example.com" }],
  ];
  it.each(cases)("%s", (_name, locale, changes, expected, current) => {
    const result = submit(locale, changes, current);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    if (typeof expected === "function") expected(result.settings);
    else expect(result.settings).toMatchObject(expected);
  });

  it("shows money in the owner's format", () => {
    expect(settingsToForm(defaultOwnerSettings, "it").packages?.[2]?.price).toBe("1.600,00");
    expect(settingsToForm(defaultOwnerSettings, "en").packages?.[2]?.price).toBe("1,600.00");
  });
});

describe("proposal settings form: what is typed → the messages per field (nothing saved)", () => {
  const cases: Array<[string, Locale, Record<string, string | undefined>, Record<string, string>, OwnerSettings?]> = [
    [
      "every bad field at once",
      "it",
      { "packages[1].price": "tanti", "branding.primaryColor": "blu", vatRatePercent: "99", "packages[0].nameIt": "", kickoffUrl: "javascript:alert(1)" },
      { "packages[1].price": "settings.proposals.badMoney", "branding.primaryColor": "settings.proposals.badColor", vatRatePercent: "settings.proposals.badNumber", "packages[0].nameIt": "errors.required", kickoffUrl: "errors.url" },
    ],
    ["a tax regime that does not exist", "en", { taxRegime: "flat-tax" }, { taxRegime: "errors.invalid" }],
    ["shoots that are not a number", "it", { "packages[1].shoots": "molti" }, { "packages[1].shoots": "settings.proposals.badNumber" }],
    ["a name too long", "it", { "packages[0].nameEn": "x".repeat(61), "addOns[0].nameIt": "y".repeat(81) }, { "packages[0].nameEn": "errors.tooLong|60", "addOns[0].nameIt": "errors.tooLong|80" }],
    ["no channel offered, and a cadence out of range", "en", { ...noChannels, "cadence.x": "99" }, { channelsOffered: "settings.proposals.noChannel", "cadence.x": "settings.proposals.badNumber" }],
    ["includes that do not match line by line", "en", { "packages[0].includesIt": "Piano editoriale\nReport mensile", "packages[0].includesEn": "Editorial plan" }, { "packages[0].includesEn": "settings.proposals.includesMismatch" }],
    ["too many includes", "en", { "packages[0].includesIt": Array.from({ length: 11 }, (_, i) => `riga ${i}`).join("\n") }, { "packages[0].includesIt": "settings.proposals.tooManyLines|10" }],
    ["an include line too long", "en", { "packages[0].includesEn": "x".repeat(201) }, { "packages[0].includesEn": "settings.proposals.lineTooLong|200" }],
    ["every package removed", "en", { "packages[0].remove": "on", "packages[1].remove": "on", "packages[2].remove": "on" }, { "packages[0].remove": "settings.proposals.keepOnePackage" }],
    ["a seventh package", "en", newPackage, { "newPackage.nameIt": "settings.proposals.tooManyPackages|6" }, sixPackages],
    ["a new package named but without a price", "en", { "newPackage.nameIt": "Élite" }, { "newPackage.nameEn": "errors.required", "newPackage.price": "settings.proposals.badMoney", "newPackage.channels": "settings.proposals.badNumber", "newPackage.posts": "settings.proposals.badNumber" }],
    ["a main colour white text cannot be read on, with the contrast found", "it", { "branding.primaryColor": "#8ecae6" }, { "branding.primaryColor": "settings.proposals.primaryContrast|1,7" }],
    ["an accent unreadable on the main colour", "en", { "branding.accentColor": "#b7791f" }, { "branding.accentColor": "settings.proposals.accentContrast|3.1" }],
    ["a cadence with decimals (a whole number per week)", "it", { "cadence.facebook": "2,5" }, { "": "settings.errorSummary" }],
    ["a form that lost its packages", "it", Object.fromEntries(Object.keys(formFields(settingsToForm(defaultOwnerSettings, "it"))).filter((k) => k.startsWith("packages[")).map((k) => [k, undefined])), { packages: "settings.errorSummary" }],
    ...(["0", "31", "2,5", "tre", ""] as const).map((days): [string, Locale, Record<string, string>, Record<string, string>] => [
      `${JSON.stringify(days)} working days`,
      "it",
      { proposalWithinWorkingDays: days },
      { proposalWithinWorkingDays: "settings.proposals.badNumber" },
    ]),
    ...(["0", "37", "1,5", "sei", ""] as const).map((months): [string, Locale, Record<string, string>, Record<string, string>] => [
      `a minimum term of ${JSON.stringify(months)} months`,
      "en",
      { retainerMinimumTermMonths: months },
      { retainerMinimumTermMonths: "settings.proposals.badNumber" },
    ]),
  ];
  it.each(cases)("%s", (_name, locale, changes, errors, current) => {
    expect(submit(locale, changes, current)).toEqual({ ok: false, errors });
  });
});

describe("proposal settings stored before the retainer", () => {
  it("read with a minimum term of 3 months", () => {
    const { retainerMinimumTermMonths: _term, ...stored } = defaultOwnerSettings;
    expect(OwnerSettingsSchema.parse(stored).retainerMinimumTermMonths).toBe(3);
  });
});

describe("proposal settings stored before tax regimes", () => {
  it("parse as ordinary VAT at their rate", () => {
    const { taxRegime: _regime, ...stored } = { ...defaultOwnerSettings, vatRatePercent: 10 };
    const parsed = OwnerSettingsSchema.parse(JSON.parse(JSON.stringify(stored)));
    expect(parsed.taxRegime).toEqual({ kind: "ordinary" });
    expect(parsed.vatRatePercent).toBe(10);
    expect(settingsToForm(parsed, "it")).toMatchObject({ taxRegime: "ordinary", stampDutyToClient: true, rivalsaInps: false });
  });
});

describe("proposal settings stored before the review fields", () => {
  it("stay valid, with the defaults (3 working days, no automatic sending)", () => {
    const { proposalWithinWorkingDays: _days, autoSendOnSubmit: _auto, ...stored } = defaultOwnerSettings;
    const parsed = OwnerSettingsSchema.parse(JSON.parse(JSON.stringify(stored)));
    expect(parsed.proposalWithinWorkingDays).toBe(3);
    expect(parsed.autoSendOnSubmit).toBe(false);
  });
});
