// Issue 13: two settings pages open at once (two tabs, two owners) used to lose
// one change ("8 of 8 rounds"). Each form now carries the version it was opened
// on, and a save goes through only if that is still the stored one: of two saves
// made on the same version exactly one is stored (302), the other is refused
// (409) with a translated message, and nothing the first saved is lost.
import { afterAll, describe, expect, it } from "vitest";
import { STALE_FORM } from "~/domain/edit-version";
import { defaultOwnerSettings } from "~/domain/strategy/settings";
import type { SettingsForm } from "~/domain/strategy/settings-form";
import { getT } from "~/i18n/i18n";
import { getOwnerSettings } from "~/models/settings.server";
import { action as proposalsAction, loader as proposalsLoader } from "~/routes/$lang.owner.settings_.proposals";
import { action as settingsAction, loader as settingsLoader } from "~/routes/$lang.owner.settings";
import { prisma } from "~/utils/db.server";
import { formFields } from "../form-fields";
import { call, get, post, profileForm as profile, staffSession } from "./helpers";
import { startApp, stopApps } from "./server-app";

afterAll(stopApps);

type Reply = { error: Record<string, string[]> | null };

/** What a tab that opens the proposal settings page has in its form. */
async function openProposals(cookie: string, lang: "it" | "en" = "it") {
  const page = (await (await call(proposalsLoader, get(`/${lang}/owner/settings/proposals`, { Cookie: cookie }), { lang })).json()) as { defaultValue: SettingsForm; version: number };
  return { ...formFields(page.defaultValue), version: String(page.version) };
}

/** What a tab that opens the settings page has in its two forms (profile, email sender). */
async function openSettings(cookie: string) {
  const page = (await (await call(settingsLoader, get("/it/owner/settings", { Cookie: cookie }), { lang: "it" })).json()) as {
    defaults: Record<string, string>;
    profileVersion: number;
    emailDefaults: Record<string, string>;
    settingsVersion: number;
  };
  return {
    profile: { ...page.defaults, version: String(page.profileVersion) },
    email: { ...page.emailDefaults, intent: "email-settings", version: String(page.settingsVersion) },
  };
}

const saveProposals = (cookie: string, form: Record<string, string>) => call(proposalsAction, post("/it/owner/settings/proposals", form, { Cookie: cookie }), { lang: "it" });
const saveSettings = (cookie: string, form: Record<string, string>) => call(settingsAction, post("/it/owner/settings", form, { Cookie: cookie }), { lang: "it" });

/** Both saves at once; the statuses in the order sent and the index of the one stored. */
async function race(a: () => Promise<Response>, b: () => Promise<Response>) {
  const responses = await Promise.all([a(), b()]);
  const statuses = responses.map((r) => r.status);
  const loser = responses.find((r) => r.status === 409);
  return { statuses, winner: statuses.indexOf(302), loser: loser ? ((await loser.json()) as Record<string, Reply>) : null };
}

describe("two tabs saving the proposal settings at once", () => {
  it("in 8 rounds out of 8: exactly one save stored (302), the other refused (409, nothing saved), and after a reload both changes are kept", async () => {
    const { user, cookie } = await staffSession("owner");
    let fee = 500;
    for (let round = 1; round <= 8; round++) {
      // Both tabs open the page on the same stored settings (round 1: none stored yet, version 0).
      const [tabA, tabB] = [await openProposals(cookie), await openProposals(cookie)];
      const before = await getOwnerSettings();
      const studioName = `Studio ${round}`;
      fee += 10;
      const { statuses, winner, loser } = await race(
        () => saveProposals(cookie, { ...tabA, studioName }),
        () => saveProposals(cookie, { ...tabB, onboardingFee: String(fee) }),
      );
      expect([...statuses].sort(), `round ${round}`).toEqual([302, 409]);
      expect(loser?.result?.error).toEqual({ "": [STALE_FORM] });
      // The stored settings are the winner's, entirely.
      const stored = await getOwnerSettings();
      if (winner === 0) expect(stored).toEqual({ ...before, studioName });
      else expect(stored).toEqual({ ...before, onboardingFeeCents: fee * 100 });
      // The refused tab reloads, sees the winner's change and saves its own on top of it.
      const again = await openProposals(cookie);
      const retry = winner === 0 ? { ...again, onboardingFee: String(fee) } : { ...again, studioName };
      expect((await saveProposals(cookie, retry)).status).toBe(302);
      expect(await getOwnerSettings()).toEqual({ ...before, studioName, onboardingFeeCents: fee * 100 });
    }
    // Two saves stored per round, no more.
    expect(await prisma.auditLog.count({ where: { action: "settings.updated", actorId: user.id } })).toBe(16);
    expect((await prisma.settings.findUniqueOrThrow({ where: { id: 1 } })).version).toBe(16);
  });

  it("refuses a form from a page opened before any save, and one that carries no version, saving nothing", async () => {
    const { cookie } = await staffSession("owner");
    const old = await openProposals(cookie);
    expect((await saveProposals(cookie, { ...old, studioName: "Primo" })).status).toBe(302);
    for (const form of [{ ...old, studioName: "Vecchio" }, { ...old, version: "", studioName: "Senza" }, { ...old, version: "1e3", studioName: "Strano" }]) {
      const response = await saveProposals(cookie, form);
      expect(response.status).toBe(409);
      expect(((await response.json()) as { result: Reply }).result.error).toEqual({ "": [STALE_FORM] });
    }
    expect((await getOwnerSettings()).studioName).toBe("Primo");
  });
});

describe("two tabs on the settings page", () => {
  it("email sender: one of two saves at once is stored, the other refused", async () => {
    const { cookie } = await staffSession("owner");
    for (let round = 1; round <= 4; round++) {
      const [tabA, tabB] = [(await openSettings(cookie)).email, (await openSettings(cookie)).email];
      const { statuses, winner, loser } = await race(
        () => saveSettings(cookie, { ...tabA, senderName: `Studio A${round}` }),
        () => saveSettings(cookie, { ...tabB, replyTo: `b${round}@studio.example` }),
      );
      expect([...statuses].sort(), `round ${round}`).toEqual([302, 409]);
      expect(loser?.emailResult?.error).toEqual({ "": [STALE_FORM] });
      const email = (await getOwnerSettings()).email;
      expect(email.senderName === `Studio A${round}`).toBe(winner === 0);
      expect(email.replyTo === `b${round}@studio.example`).toBe(winner === 1);
    }
  });

  it("email sender and proposal settings share one stored row: a save on one refuses a stale save on the other, nothing lost", async () => {
    const { cookie } = await staffSession("owner");
    const proposals = await openProposals(cookie);
    const { email } = await openSettings(cookie);
    const { statuses, winner } = await race(
      () => saveProposals(cookie, { ...proposals, studioName: "Studio Mare" }),
      () => saveSettings(cookie, { ...email, senderName: "Giulia" }),
    );
    expect([...statuses].sort()).toEqual([302, 409]);
    const stored = await getOwnerSettings();
    expect(stored).toEqual(winner === 0 ? { ...defaultOwnerSettings, studioName: "Studio Mare" } : { ...defaultOwnerSettings, email: { ...defaultOwnerSettings.email, senderName: "Giulia" } });
  });

  it("profile: of two first saves at once (no profile stored yet) and of two later ones, exactly one is stored", async () => {
    const { cookie } = await staffSession("owner");
    for (let round = 1; round <= 3; round++) {
      const [tabA, tabB] = [(await openSettings(cookie)).profile, (await openSettings(cookie)).profile];
      const { statuses, winner, loser } = await race(
        () => saveSettings(cookie, { ...profile, ...tabA, displayName: `Giulia ${round}` }),
        () => saveSettings(cookie, { ...profile, ...tabB, city: `Cagliari ${round}` }),
      );
      expect([...statuses].sort(), `round ${round}`).toEqual([302, 409]);
      expect(loser?.result?.error).toEqual({ "": [STALE_FORM] });
      const stored = await prisma.profile.findUniqueOrThrow({ where: { id: 1 } });
      expect(stored.version).toBe(round);
      expect(stored.displayName === `Giulia ${round}`).toBe(winner === 0);
      expect(stored.city === `Cagliari ${round}`).toBe(winner === 1);
    }
  });
});

describe("the refused save without JavaScript (the real server, a plain POST)", () => {
  it("answers 409 with the page: the translated message, a reload link, the values typed and still the old version", async () => {
    const app = await startApp();
    const { cookie } = await staffSession("owner");
    const stale = { it: await openProposals(cookie, "it"), en: await openProposals(cookie, "en") };
    expect((await saveProposals(cookie, { ...stale.it, studioName: "Studio Primo" })).status).toBe(302);
    for (const lang of ["it", "en"] as const) {
      const response = await fetch(`${app.url}/${lang}/owner/settings/proposals`, {
        method: "POST",
        body: new URLSearchParams({ ...stale[lang], studioName: "Studio Secondo" }),
        headers: { Cookie: cookie },
        redirect: "manual",
      });
      expect(response.status).toBe(409);
      const html = (await response.text()).replaceAll("&#x27;", "'");
      expect(html).toContain(getT(lang)("settings.conflict"));
      expect(html).toContain(`<a href="/${lang}/owner/settings/proposals">${getT(lang)("settings.conflictReload")}</a>`);
      expect(html).toContain('value="Studio Secondo"');
      // Sending it again is refused again until the page is reloaded.
      expect(html).toMatch(/<input type="hidden" name="version" value="0"\/>/);
    }
    expect((await getOwnerSettings()).studioName).toBe("Studio Primo");
    const fresh = await (await fetch(`${app.url}/it/owner/settings/proposals`, { headers: { Cookie: cookie } })).text();
    expect(fresh).toMatch(/<input type="hidden" name="version" value="1"\/>/);
    await app.close();
  });
});
