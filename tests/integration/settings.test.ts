import { describe, expect, it } from "vitest";
import { action as settingsAction, loader as settingsLoader } from "~/routes/$lang.owner.settings";
import { loader as landingLoader } from "~/routes/$lang._index";
import { createSessionCookie } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { call, get, post, profileForm, irrelevantPasswordHash } from "./helpers";

async function signedIn(role: "owner" | "member") {
  const user = await prisma.user.create({
    data: { email: `${role}-${Math.random().toString(36).slice(2)}@studio.example`, name: role === "owner" ? "Olga Owner" : "Mario Member", role, passwordHash: await irrelevantPasswordHash() },
  });
  const cookie = await createSessionCookie(user.id, { userAgent: "vitest", ip: null });
  return { user, cookie: cookie.split(";")[0]! };
}

const valid = profileForm;

describe("owner settings: profile", () => {
  it("saves the profile the landing page shows, figures parsed and sorted", async () => {
    const { cookie } = await signedIn("owner");
    const saved = await call(settingsAction, post("/it/owner/settings", valid, { Cookie: cookie }), { lang: "it" });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/it/owner/settings?saved=profile");
    const landing = (await (await call(landingLoader, get("/it"), { lang: "it" })).json()) as { profile: { displayName: string; vatNumber: string; audience: unknown } };
    expect(landing.profile.displayName).toBe("Giulia Prova");
    expect(landing.profile.vatNumber).toBe("01234567897");
    expect(landing.profile.audience).toEqual([
      { channel: "facebook", followers: 115000 },
      { channel: "instagram", followers: 23000 },
    ]);
    expect(await prisma.auditLog.count({ where: { action: "settings.updated" } })).toBeGreaterThan(0);
    const form = (await (await call(settingsLoader, get("/it/owner/settings", { Cookie: cookie }), { lang: "it" })).json()) as { defaults: Record<string, string> };
    expect(form.defaults.audience_facebook).toBe("115000");
  });

  it("answers a wrong VAT number and bad figures with field messages and saves nothing", async () => {
    const { cookie } = await signedIn("owner");
    const before = await prisma.profile.findUnique({ where: { id: 1 } });
    const response = await call(
      settingsAction,
      post("/it/owner/settings", { ...valid, displayName: "Cambiato", vatNumber: "01234567890", audience_facebook: "molti", bioIt: "<script>".repeat(300) }, { Cookie: cookie }),
      { lang: "it" },
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { result: { error: Record<string, string[]> } };
    expect(body.result.error.vatNumber).toEqual(["errors.partitaIva"]);
    expect(body.result.error.audience_facebook).toEqual(["errors.number"]);
    expect(body.result.error.bioIt).toEqual(["errors.tooLong|1500"]);
    expect(await prisma.profile.findUnique({ where: { id: 1 } })).toEqual(before);
  });

  it("takes a post with no intent, or one the page never sends, as the profile form (the first intent sent counting)", async () => {
    const { cookie } = await signedIn("owner");
    const act = (fields: Record<string, string> | string[][]) => call(settingsAction, post("/it/owner/settings", fields, { Cookie: cookie }), { lang: "it" });
    const displayName = async () => (await prisma.profile.findUniqueOrThrow({ where: { id: 1 } })).displayName;
    // Each save carries the version the page would show (the one stored now).
    const version = async () => String((await prisma.profile.findUnique({ where: { id: 1 }, select: { version: true } }))?.version ?? 0);
    for (const [fields, name] of [
      [{ ...valid, displayName: "Senza intent" }, "Senza intent"],
      [{ ...valid, intent: "frobnicate", displayName: "Intent ignoto" }, "Intent ignoto"],
      [{ ...valid, intent: "", displayName: "Intent vuoto" }, "Intent vuoto"],
      [[...Object.entries({ ...valid, displayName: "Primo intent" }), ["intent", "profile"], ["intent", "test-email"]], "Primo intent"],
    ] as const) {
      const current = await version();
      const sent = fields as Record<string, string> | (readonly string[])[];
      const response = await act(Array.isArray(sent) ? sent.map(([k = "", v = ""]) => [k, k === "version" ? current : v]) : { ...(sent as Record<string, string>), version: current });
      expect([response.status, response.headers.get("Location")]).toEqual([302, "/it/owner/settings?saved=profile"]);
      expect(await displayName()).toBe(name);
    }
    const before = await prisma.profile.findUnique({ where: { id: 1 } });
    const empty = await act({ intent: "frobnicate" });
    expect(empty.status).toBe(400);
    const body = (await empty.json()) as { result: { error: Record<string, string[]>; initialValue?: Record<string, unknown> } };
    expect(body.result.error).toMatchObject({ displayName: ["errors.required"], bioIt: ["errors.required"] });
    expect(body.result.initialValue).toEqual({ intent: "frobnicate" });
    expect(await prisma.profile.findUnique({ where: { id: 1 } })).toEqual(before);
    // The test email and the sender form are only what they say.
    const mails = await prisma.emailMessage.count({ where: { kind: "settings_test" } });
    const test = await act([["intent", "test-email"], ["intent", "email-settings"]]);
    expect([test.status, await test.json()]).toEqual([200, { emailTest: "outbox" }]);
    expect(await prisma.emailMessage.count({ where: { kind: "settings_test" } })).toBe(mails + 1);
    const sender = await act({ intent: "email-settings", ...valid, replyTo: "nope" });
    expect(sender.status).toBe(400);
    expect(((await sender.json()) as { emailResult: { error: Record<string, string[]> } }).emailResult.error).toEqual({ replyTo: ["errors.email"] });
  });

  it("refuses members on the page and on a direct POST, changing nothing", async () => {
    const { cookie } = await signedIn("member");
    const before = await prisma.profile.findUnique({ where: { id: 1 } });
    expect((await call(settingsLoader, get("/it/owner/settings", { Cookie: cookie }), { lang: "it" })).status).toBe(403);
    expect((await call(settingsAction, post("/it/owner/settings", { ...valid, displayName: "Hacked" }, { Cookie: cookie }), { lang: "it" })).status).toBe(403);
    expect(await prisma.profile.findUnique({ where: { id: 1 } })).toEqual(before);
  });

  it("sends a test email to the signed-in owner (to the outbox when no SMTP is set)", async () => {
    const { user, cookie } = await signedIn("owner");
    const response = await call(settingsAction, post("/en/owner/settings", { intent: "test-email" }, { Cookie: cookie }), { lang: "en" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ emailTest: "outbox" });
    const message = await prisma.emailMessage.findFirstOrThrow({ where: { to: user.email, kind: "settings_test" } });
    expect(message.subject).toBe("Test: Socialbrief email works");
    expect(message.text).toContain("no SMTP server");
  });

  it("sends visitors who are not signed in to the login page", async () => {
    const response = await call(settingsLoader, get("/it/owner/settings"), { lang: "it" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toContain("/it/login?redirectTo=");
  });
});
