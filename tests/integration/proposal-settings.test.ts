import { describe, expect, it } from "vitest";
import { action as settingsAction, loader as settingsLoader } from "~/routes/$lang.owner.settings_.proposals";
import { defaultOwnerSettings } from "~/domain/strategy/settings";
import { settingsToForm, type SettingsForm } from "~/domain/strategy/settings-form";
import { getOwnerSettings } from "~/models/settings.server";
import { createSessionCookie } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { formFields } from "../form-fields";
import { call, get, post, irrelevantPasswordHash } from "./helpers";

async function signedIn(role: "owner" | "member") {
  const user = await prisma.user.create({ data: { email: `${role}-${Math.random().toString(36).slice(2)}@studio.example`, name: role, role, passwordHash: await irrelevantPasswordHash() } });
  return (await createSessionCookie(user.id, { userAgent: "vitest", ip: null })).split(";")[0]!;
}

type Reply = { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } };

describe("proposal settings", () => {
  it("saves packages, prices and style that new proposals use", async () => {
    const cookie = await signedIn("owner");
    const form = { ...formFields(settingsToForm(defaultOwnerSettings, "it")), version: "0", studioName: "Studio Mare", "packages[0].price": "499,90", onboardingFee: "750", "branding.primaryColor": "#0b4f6c" };
    const response = await call(settingsAction, post("/it/owner/settings/proposals", form, { Cookie: cookie }), { lang: "it" });
    expect(response.status).toBe(302);
    const saved = await getOwnerSettings();
    expect(saved.studioName).toBe("Studio Mare");
    expect(saved.packages[0]!.monthlyNetCents).toBe(49990);
    expect(saved.onboardingFeeCents).toBe(75000);
    expect(saved.branding.primaryColor).toBe("#0b4f6c");
    const page = (await (await call(settingsLoader, get("/it/owner/settings/proposals", { Cookie: cookie }), { lang: "it" })).json()) as { defaultValue: SettingsForm };
    expect(page.defaultValue.packages?.[0]?.price).toBe("499,90");
  });

  it("saves the expected delay and the automatic sending; settings stored before them keep working with the defaults", async () => {
    const cookie = await signedIn("owner");
    // A row written before these two settings existed.
    const { proposalWithinWorkingDays: _d, autoSendOnSubmit: _a, ...older } = { ...defaultOwnerSettings, studioName: "Studio Vecchio" };
    await prisma.settings.upsert({ where: { id: 1 }, create: { id: 1, data: JSON.stringify(older) }, update: { data: JSON.stringify(older) } });
    expect(await getOwnerSettings()).toMatchObject({ studioName: "Studio Vecchio", proposalWithinWorkingDays: 3, autoSendOnSubmit: false });
    const page = (await (await call(settingsLoader, get("/it/owner/settings/proposals", { Cookie: cookie }), { lang: "it" })).json()) as { defaultValue: SettingsForm; version: number };
    expect(page.defaultValue).toMatchObject({ proposalWithinWorkingDays: "3", autoSendOnSubmit: false });

    const form = { ...formFields(page.defaultValue), version: String(page.version), proposalWithinWorkingDays: "5", autoSendOnSubmit: "on" };
    expect((await call(settingsAction, post("/it/owner/settings/proposals", form, { Cookie: cookie }), { lang: "it" })).status).toBe(302);
    expect(await getOwnerSettings()).toMatchObject({ studioName: "Studio Vecchio", proposalWithinWorkingDays: 5, autoSendOnSubmit: true });
    const bad = await call(settingsAction, post("/it/owner/settings/proposals", { ...form, proposalWithinWorkingDays: "45" }, { Cookie: cookie }), { lang: "it" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Reply).result.error).toEqual({ proposalWithinWorkingDays: ["settings.proposals.badNumber"] });
    // Unchecked box: off again (from the page as it is after that save).
    const { autoSendOnSubmit: _off, ...unchecked } = form;
    const reloaded = (await (await call(settingsLoader, get("/it/owner/settings/proposals", { Cookie: cookie }), { lang: "it" })).json()) as { version: number };
    expect(reloaded.version).toBe(page.version + 1);
    expect((await call(settingsAction, post("/it/owner/settings/proposals", { ...unchecked, version: String(reloaded.version) }, { Cookie: cookie }), { lang: "it" })).status).toBe(302);
    expect((await getOwnerSettings()).autoSendOnSubmit).toBe(false);
    await prisma.settings.deleteMany({});
  });

  it("answers bad values with messages per field and keeps the saved settings", async () => {
    const cookie = await signedIn("owner");
    const before = await getOwnerSettings();
    const response = await call(settingsAction, post("/it/owner/settings/proposals", { ...formFields(settingsToForm(before, "it")), "packages[1].price": "molto", "branding.accentColor": "red" }, { Cookie: cookie }), { lang: "it" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as Reply;
    expect(body.result.error).toEqual({ "packages[1].price": ["settings.proposals.badMoney"], "branding.accentColor": ["settings.proposals.badColor"] });
    // What was typed comes back, so the page (also without JavaScript) shows it again.
    expect(body.result.initialValue).toMatchObject({ packages: [{}, { price: "molto" }, {}], branding: { accentColor: "red" } });
    expect(await getOwnerSettings()).toEqual(before);
  });

  it("is for owners only: a member gets 403 and changes nothing", async () => {
    const cookie = await signedIn("member");
    const before = await getOwnerSettings();
    expect((await call(settingsLoader, get("/it/owner/settings/proposals", { Cookie: cookie }), { lang: "it" })).status).toBe(403);
    const response = await call(settingsAction, post("/it/owner/settings/proposals", { ...formFields(settingsToForm(before, "it")), studioName: "Hacked" }, { Cookie: cookie }), { lang: "it" });
    expect(response.status).toBe(403);
    expect(await getOwnerSettings()).toEqual(before);
  });
});
