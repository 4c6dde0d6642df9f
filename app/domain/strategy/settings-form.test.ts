import { describe, expect, it } from "vitest";
import { defaultOwnerSettings, OwnerSettingsSchema } from "./settings";
import { settingsFromForm, settingsToForm } from "./settings-form";

describe("proposal settings form", () => {
  it("round-trips the settings through the form in both number formats", () => {
    for (const locale of ["it", "en"] as const) {
      const form = settingsToForm(defaultOwnerSettings, locale);
      const back = settingsFromForm(form, defaultOwnerSettings, locale);
      expect(back).toEqual({ ok: true, settings: defaultOwnerSettings });
    }
    expect(settingsToForm(defaultOwnerSettings, "it")["package.2.price"]).toBe("1.600,00");
  });

  it("changes prices, removes and adds an add-on", () => {
    const form = { ...settingsToForm(defaultOwnerSettings, "it"), "package.0.price": "480", "addon.3.remove": "on", "addon.4.remove": "on", "addon.new.nameIt": "Shooting fotografico", "addon.new.nameEn": "Photo shoot", "addon.new.price": "1.200,50" };
    const result = settingsFromForm(form, defaultOwnerSettings, "it");
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.settings.packages[0]!.monthlyNetCents).toBe(48000);
    expect(result.settings.addOns.map((a) => a.id)).toEqual(["ads", "extra-channel", "video", "shooting-fotografico"]);
    expect(result.settings.addOns[3]).toMatchObject({ priceNetCents: 120050, recurring: false });
  });

  it("edits what a package promises: reply days, cover, crisis service, monitoring, report call and shoots", () => {
    const form = { ...settingsToForm(defaultOwnerSettings, "it"), "package.1.everyday": "", "package.1.cover": "on", "package.1.crisisFull": "on", "package.1.monitoring": "", "package.1.shoots": "2" };
    const result = settingsFromForm(form, defaultOwnerSettings, "it");
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.settings.packages[1]!.features).toEqual({ replyDays: "weekdays", eveningWeekendCover: true, crisis: "full", monitoring: false, reportCall: true, shootsPerMonth: 2 });
    const bad = settingsFromForm({ ...form, "package.1.shoots": "molti" }, defaultOwnerSettings, "it");
    expect(bad.ok).toBe(false);
  });

  it("names every bad field and changes nothing", () => {
    const form = { ...settingsToForm(defaultOwnerSettings, "it"), "package.1.price": "tanti", primaryColor: "blu", vatRatePercent: "99", "package.0.nameIt": "", kickoffUrl: "javascript:alert(1)" };
    const result = settingsFromForm(form, defaultOwnerSettings, "it");
    expect(result).toEqual({
      ok: false,
      errors: { "package.1.price": "settings.proposals.badMoney", primaryColor: "settings.proposals.badColor", vatRatePercent: "settings.proposals.badNumber", "package.0.nameIt": "errors.required", kickoffUrl: "errors.url" },
    });
  });
});

describe("proposal settings form: channels, cadence, packages, colours", () => {
  const base = () => settingsToForm(defaultOwnerSettings, "en");

  it("edits the channels offered and the cadence per channel", () => {
    const form = { ...base(), "channel.tiktok": "", "channel.x": "", "cadence.instagram": "5" };
    const result = settingsFromForm(form, defaultOwnerSettings, "en");
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.settings.channelsOffered).toEqual(["facebook", "instagram", "linkedin", "youtube", "newsletter", "whatsapp", "threads"]);
    expect(result.settings.cadence.instagram).toBe(5);
    const none = Object.fromEntries(Object.entries(base()).map(([k, v]) => [k, k.startsWith("channel.") ? "" : v]));
    expect(settingsFromForm({ ...none, "cadence.x": "99" }, defaultOwnerSettings, "en")).toEqual({ ok: false, errors: { channelsOffered: "settings.proposals.noChannel", "cadence.x": "settings.proposals.badNumber" } });
  });

  it("edits what a package includes, line by line in both languages", () => {
    const form = { ...base(), "package.0.includesIt": "Piano editoriale\n\nReport mensile\n", "package.0.includesEn": "Editorial plan\r\nMonthly report" };
    const result = settingsFromForm(form, defaultOwnerSettings, "en");
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.settings.packages[0]!.includes).toEqual([
      { it: "Piano editoriale", en: "Editorial plan" },
      { it: "Report mensile", en: "Monthly report" },
    ]);
    const mismatch = settingsFromForm({ ...form, "package.0.includesEn": "Editorial plan" }, defaultOwnerSettings, "en");
    expect(mismatch).toEqual({ ok: false, errors: { "package.0.includesEn": "settings.proposals.includesMismatch" } });
  });

  it("adds and removes packages but keeps at least one", () => {
    const form = { ...base(), "package.1.remove": "on", "package.new.nameIt": "Élite", "package.new.nameEn": "Elite", "package.new.price": "2,500.00", "package.new.channels": "4", "package.new.posts": "14", "package.new.includesIt": "Tutto", "package.new.includesEn": "Everything" };
    const result = settingsFromForm(form, defaultOwnerSettings, "en");
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.settings.packages.map((p) => p.id)).toEqual(["essenziale", "completo", "elite"]);
    expect(result.settings.packages[2]).toMatchObject({ monthlyNetCents: 250000, channels: 4, postsPerWeek: 14, includes: [{ it: "Tutto", en: "Everything" }] });
    const all = { ...base(), "package.0.remove": "on", "package.1.remove": "on", "package.2.remove": "on" };
    expect(settingsFromForm(all, defaultOwnerSettings, "en")).toEqual({ ok: false, errors: { "package.0.remove": "settings.proposals.keepOnePackage" } });
  });

  it("refuses colours that fail WCAG AA, saying the contrast found", () => {
    expect(settingsFromForm({ ...settingsToForm(defaultOwnerSettings, "it"), primaryColor: "#8ecae6" }, defaultOwnerSettings, "it")).toEqual({ ok: false, errors: { primaryColor: "settings.proposals.primaryContrast|1,7" } });
    expect(settingsFromForm({ ...base(), accentColor: "#b7791f" }, defaultOwnerSettings, "en")).toEqual({ ok: false, errors: { accentColor: "settings.proposals.accentContrast|3.1" } });
    expect(settingsFromForm({ ...base(), primaryColor: "#7a1f3d", accentColor: "#ffd166" }, defaultOwnerSettings, "en").ok).toBe(true);
  });
});

describe("proposal settings form: review and sending", () => {
  it("keeps stored settings from before these fields valid, with the defaults (3 working days, no automatic sending)", () => {
    const { proposalWithinWorkingDays: _days, autoSendOnSubmit: _auto, ...stored } = defaultOwnerSettings;
    const parsed = OwnerSettingsSchema.parse(JSON.parse(JSON.stringify(stored)));
    expect(parsed.proposalWithinWorkingDays).toBe(3);
    expect(parsed.autoSendOnSubmit).toBe(false);
  });

  it("edits the working days and the automatic sending", () => {
    const form = { ...settingsToForm(defaultOwnerSettings, "it"), proposalWithinWorkingDays: "5", autoSendOnSubmit: "on" };
    const result = settingsFromForm(form, defaultOwnerSettings, "it");
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.settings).toMatchObject({ proposalWithinWorkingDays: 5, autoSendOnSubmit: true });
    const off = settingsFromForm({ ...form, autoSendOnSubmit: "" }, result.settings, "it");
    expect(off.ok && off.settings.autoSendOnSubmit).toBe(false);
  });

  it.each(["0", "31", "2,5", "tre", ""])("refuses %j working days", (value) => {
    const form = { ...settingsToForm(defaultOwnerSettings, "it"), proposalWithinWorkingDays: value };
    expect(settingsFromForm(form, defaultOwnerSettings, "it")).toEqual({ ok: false, errors: { proposalWithinWorkingDays: "settings.proposals.badNumber" } });
  });
});
