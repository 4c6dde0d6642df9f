import { describe, expect, it } from "vitest";
import { defaultOwnerSettings } from "./settings";
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
    const form = { ...settingsToForm(defaultOwnerSettings, "it"), "package.0.price": "480", "addon.3.remove": "on", "addon.new.nameIt": "Shooting fotografico", "addon.new.nameEn": "Photo shoot", "addon.new.price": "1.200,50" };
    const result = settingsFromForm(form, defaultOwnerSettings, "it");
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.settings.packages[0]!.monthlyNetCents).toBe(48000);
    expect(result.settings.addOns.map((a) => a.id)).toEqual(["ads", "extra-channel", "video", "shooting-fotografico"]);
    expect(result.settings.addOns[3]).toMatchObject({ priceNetCents: 120050, recurring: false });
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
