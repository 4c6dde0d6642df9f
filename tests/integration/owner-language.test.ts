// Issue 15: every staff email in the reader's own language (User.locale). Owners
// are notified each in theirs (a job key per owner, so a re-run sends only to
// those not yet written to); the account page changes it (refusing anything but
// "it" and "en"); accepting an invitation sets it; the password reset and the
// sign-in alert follow it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleJob } from "~/jobs/handlers.server";
import { getT } from "~/i18n/i18n";
import { attemptLogin, createInvite, requestPasswordReset } from "~/models/account.server";
import { action as accountAction, loader as accountLoader } from "~/routes/$lang.owner.account";
import { action as inviteAction } from "~/routes/$lang.invite.$token";
import { loader as teamLoader } from "~/routes/$lang.owner.team";
import { prisma } from "~/utils/db.server";
import { notifyOwners } from "~/utils/email.server";
import { newLeadEmail } from "~/emails/templates";
import { problems } from "./db-rules";
import { call, get, post, runJobs, staffSession, submittedLead } from "./helpers";
import { startApp, stopApps, type RunningApp } from "./server-app";

async function owner(locale: "it" | "en") {
  const session = await staffSession("owner");
  await prisma.user.update({ where: { id: session.user.id }, data: { locale } });
  return session;
}

async function newLeadEmails(leadId: string) {
  return prisma.emailMessage.findMany({ where: { kind: "new_lead", leadId }, select: { to: true, locale: true, subject: true, text: true, html: true, jobKey: true } });
}

async function newLeadEmailTo(leadId: string, to: string) {
  const emails = (await newLeadEmails(leadId)).filter((e) => e.to === to);
  expect(emails).toHaveLength(1);
  return emails[0]!;
}

// The words of the new-lead email in each language, and the other language (whose links must not appear).
const newLeadWords = {
  it: { subject: /^Nuovo contatto: /, words: ["ha compilato il questionario", "Obiettivi"], other: "en" },
  en: { subject: /^New lead: /, words: ["has completed the questionnaire", "Goals"], other: "it" },
} as const;

function expectLanguage(locale: "it" | "en", email: { locale: string; subject: string; text: string; html: string }) {
  const { subject, words, other } = newLeadWords[locale];
  expect(email.locale).toBe(locale);
  expect(email.subject).toMatch(subject);
  for (const word of words) expect(email.text).toContain(word);
  expect(email.text).toMatch(new RegExp(`http://localhost:\\d+/${locale}/owner`));
  expect(email.text).not.toContain(`/${other}/owner`);
  expect(email.html).toContain(`/${locale}/owner`);
}
const expectItalian = (email: Parameters<typeof expectLanguage>[1]) => expectLanguage("it", email);
const expectEnglish = (email: Parameters<typeof expectLanguage>[1]) => expectLanguage("en", email);

const saveLanguage = (cookie: string, fields: Record<string, string>, lang: "it" | "en" = "it") =>
  call(accountAction, post(`/${lang}/owner/account`, fields, { Cookie: cookie }), { lang });

describe("owners' emails in each owner's language", () => {
  it("a new lead gives each owner one email in their own language, with links to that language's pages; a re-run sends nothing more", async () => {
    const italian = await owner("it");
    const english = await owner("en");
    const lead = await submittedLead("lingue@hotel.example"); // runs its jobs

    const emails = await newLeadEmails(lead.id);
    expect(emails.map((e) => e.to).sort()).toEqual([italian.user.email, english.user.email].sort());
    expectItalian(await newLeadEmailTo(lead.id, italian.user.email));
    expectEnglish(await newLeadEmailTo(lead.id, english.user.email));
    // One key per owner.
    expect(new Set(emails.map((e) => e.jobKey))).toEqual(new Set([`new_lead:${lead.id}:${italian.user.id}`, `new_lead:${lead.id}:${english.user.id}`]));

    // The job again (as after a crash before it was marked done): nothing more.
    expect(await runJobs()).toBe(0);
    await handleJob({ kind: "new_lead", key: `new_lead:${lead.id}`, payload: { leadId: lead.id } });
    expect(await newLeadEmails(lead.id)).toHaveLength(2);

    // A re-run after only the Italian owner was written to sends only the English one's.
    await prisma.emailMessage.deleteMany({ where: { kind: "new_lead", leadId: lead.id, to: english.user.email } });
    const italianId = (await prisma.emailMessage.findFirstOrThrow({ where: { kind: "new_lead", leadId: lead.id, to: italian.user.email }, select: { id: true } })).id;
    await handleJob({ kind: "new_lead", key: `new_lead:${lead.id}`, payload: { leadId: lead.id } });
    expect(await newLeadEmails(lead.id)).toHaveLength(2);
    expect((await prisma.emailMessage.findFirstOrThrow({ where: { kind: "new_lead", leadId: lead.id, to: italian.user.email }, select: { id: true } })).id).toBe(italianId);
    expectEnglish(await newLeadEmailTo(lead.id, english.user.email));
  });

  it("renders the email once per language among the owners, not once per owner", async () => {
    await owner("it");
    await owner("en");
    await owner("it");
    await owner("en");
    // A disabled owner gets nothing.
    const gone = await owner("en");
    await prisma.user.update({ where: { id: gone.user.id }, data: { disabledAt: new Date() } });
    const built: string[] = [];
    const results = await notifyOwners(
      (locale) => {
        built.push(locale);
        return newLeadEmail({ locale, name: "Anna", organisation: "Forno", email: "anna@forno.example", sector: null, goals: [], leadUrl: `http://localhost/${locale}/owner` });
      },
      "new_lead",
    );
    expect(results).toHaveLength(4);
    expect(built.sort()).toEqual(["en", "it"]);
    expect(await prisma.emailMessage.count({ where: { to: gone.user.email } })).toBe(0);
    const stored = await prisma.emailMessage.findMany({ where: { kind: "new_lead" }, select: { locale: true, subject: true } });
    expect(stored.map((e) => `${e.locale} ${e.subject}`).sort()).toEqual(["en New lead: Forno", "en New lead: Forno", "it Nuovo contatto: Forno", "it Nuovo contatto: Forno"]);
  });
});

describe("the language on the account page", () => {
  it("shows the saved language, and changing it changes the next email, with a translated success message", async () => {
    const me = await owner("it");
    const page = await call(accountLoader, get("/it/owner/account", { Cookie: me.cookie }), { lang: "it" });
    expect(((await page.json()) as { user: { locale: string } }).user.locale).toBe("it");

    const first = await submittedLead("prima@hotel.example");
    expectItalian(await newLeadEmailTo(first.id, me.user.email));

    const saved = await saveLanguage(me.cookie, { intent: "language", locale: "en" });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/it/owner/account?done=language");
    expect(await prisma.user.findUniqueOrThrow({ where: { id: me.user.id }, select: { locale: true } })).toEqual({ locale: "en" });
    expect(await prisma.auditLog.count({ where: { action: "user.locale_changed", actorId: me.user.id } })).toBe(1);
    const after = await call(accountLoader, get("/it/owner/account?done=language", { Cookie: me.cookie }), { lang: "it" });
    expect(((await after.json()) as { user: { locale: string } }).user.locale).toBe("en");
    expect(getT("it")("account.account.languageSaved.en")).toContain("inglese");
    expect(getT("en")("account.account.languageSaved.en")).toContain("English");

    const second = await submittedLead("seconda@hotel.example");
    expectEnglish(await newLeadEmailTo(second.id, me.user.email));

    // Saving the same language again changes nothing and records nothing.
    expect((await saveLanguage(me.cookie, { intent: "language", locale: "en" }, "en")).status).toBe(302);
    expect(await prisma.auditLog.count({ where: { action: "user.locale_changed", actorId: me.user.id } })).toBe(1);
  });

  it("refuses another language, an empty one or none with the translated message (400), and changes nothing", async () => {
    const me = await owner("en");
    for (const fields of <Record<string, string>[]>[{ intent: "language", locale: "de" }, { intent: "language", locale: "" }, { intent: "language" }, { intent: "language", locale: "EN" }]) {
      const response = await saveLanguage(me.cookie, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      const body = (await response.json()) as { languageResult: { error: Record<string, string[]> } };
      expect(body.languageResult.error.locale, JSON.stringify(fields)).toEqual(["account.errors.localeInvalid"]);
    }
    expect(getT("it")("account.errors.localeInvalid")).toBe("Scegli italiano o inglese.");
    expect(getT("en")("account.errors.localeInvalid")).toBe("Choose Italian or English.");
    expect(await prisma.user.findUniqueOrThrow({ where: { id: me.user.id }, select: { locale: true } })).toEqual({ locale: "en" });
    expect(await prisma.auditLog.count({ where: { action: "user.locale_changed" } })).toBe(0);
    expect(await problems()).toEqual([]);
  });

  it("is the user's own: a member sets theirs, a visitor is sent to the login page", async () => {
    const member = await staffSession("member");
    expect((await saveLanguage(member.cookie, { intent: "language", locale: "en" })).status).toBe(302);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: member.user.id }, select: { locale: true } })).toEqual({ locale: "en" });
    const visitor = await call(accountAction, post("/it/owner/account", { intent: "language", locale: "en" }), { lang: "it" });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toContain("/it/login");
  });
});

describe("the account page's language form on the real server (no JavaScript)", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp((url) => ({ APP_URL: url }));
  });
  afterAll(stopApps);

  const postPage = (path: string, fields: Record<string, string>, headers: Record<string, string>) =>
    fetch(`${app.url}${path}`, { method: "POST", body: new URLSearchParams(fields), headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, redirect: "manual" });

  it("saves from our own origin and shows the success message; a bad value comes back with the message beside the field; a foreign origin is refused", async () => {
    const me = await owner("it");
    const form = await fetch(`${app.url}/en/owner/account`, { headers: { Cookie: me.cookie } });
    const html = await form.text();
    expect(html).toContain("Email language");
    expect(html).toMatch(/<option value="it" selected="">Italian<\/option>/);

    const refused = await postPage("/en/owner/account", { intent: "language", locale: "de" }, { Cookie: me.cookie, Origin: app.url });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Choose Italian or English.");

    const foreign = await postPage("/en/owner/account", { intent: "language", locale: "en" }, { Cookie: me.cookie, Origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: me.user.id }, select: { locale: true } })).toEqual({ locale: "it" });

    const saved = await postPage("/it/owner/account", { intent: "language", locale: "en" }, { Cookie: me.cookie, Origin: app.url });
    expect(saved.status).toBe(302);
    const done = await fetch(`${app.url}${saved.headers.get("Location")}`, { headers: { Cookie: me.cookie } });
    expect(await done.text()).toContain("Lingua salvata: le prossime email ti arriveranno in inglese.");
    expect(await prisma.user.findUniqueOrThrow({ where: { id: me.user.id }, select: { locale: true } })).toEqual({ locale: "en" });
  });
  it("a staff page read in another language than the user's emails offers to have them in this one; its form saves it", async () => {
    const me = await owner("it");
    const page = async (path: string) => (await (await fetch(`${app.url}${path}`, { headers: { Cookie: me.cookie } })).text()).replaceAll("&#x27;", "'");
    const english = await page("/en/owner");
    // (The page's words travel in the HTML too: what counts is the form the header renders.)
    expect(english).toMatch(/locale-offer"[^>]*>(?:(?!<\/form>).)*<span>Your emails arrive in Italian\.<\/span>/s);
    expect(english).toMatch(/<form method="post" action="\/en\/owner\/account"[^>]*>(?:(?!<\/form>).)*name="locale" value="en"(?:(?!<\/form>).)*Receive them in English/s);
    expect(await page("/it/owner")).not.toContain("locale-offer");
    expect(await page("/en/privacy")).not.toContain("locale-offer"); // not a staff page

    // What that form posts.
    const saved = await postPage("/en/owner/account", { intent: "language", locale: "en" }, { Cookie: me.cookie, Origin: app.url });
    expect([saved.status, saved.headers.get("Location")]).toEqual([302, "/en/owner/account?done=language"]);
    expect(await page("/en/owner")).not.toContain("locale-offer");
    expect(await page("/it/owner")).toMatch(/locale-offer"[^>]*>(?:(?!<\/form>).)*<span>Le tue email arrivano in inglese\.<\/span>(?:(?!<\/form>).)*Ricevile in italiano/s);
  });
});

describe("the other staff emails", () => {
  it("an account created from an invitation reads the language of the page it was accepted on", async () => {
    const { user: inviter } = await owner("it");
    for (const [lang, email] of [["en", "english.member@team.example"], ["it", "italian.member@team.example"]] as const) {
      await createInvite({ email, name: "Nuovo", role: "member", invitedBy: { id: inviter.id, name: "Olga" }, locale: "it" });
      await runJobs();
      const message = await prisma.emailMessage.findFirstOrThrow({ where: { kind: "invite", to: email }, select: { text: true } });
      const token = /\/it\/invite\/([\w-]+)/.exec(message.text)?.[1] ?? "";
      const accepted = await call(inviteAction, post(`/${lang}/invite/${token}`, { name: "Nuovo Membro", password: "a long enough password", confirm: "a long enough password" }), { lang, token });
      expect(accepted.status).toBe(302);
      expect(await prisma.user.findUniqueOrThrow({ where: { email }, select: { locale: true } })).toEqual({ locale: lang });
    }
    const team = await call(teamLoader, get("/en/owner/team", { Cookie: (await owner("it")).cookie }), { lang: "en" });
    const users = ((await team.json()) as { users: Array<{ email: string; locale: string }> }).users;
    expect(users.find((u) => u.email === "english.member@team.example")?.locale).toBe("en");
  });

  it("the password reset is in the account's language, whichever page asked for it", async () => {
    const english = await owner("en");
    const italian = await owner("it");
    await requestPasswordReset({ email: english.user.email });
    await requestPasswordReset({ email: italian.user.email });
    await runJobs();
    const toEnglish = await prisma.emailMessage.findFirstOrThrow({ where: { kind: "password_reset", to: english.user.email } });
    expect([toEnglish.locale, toEnglish.subject]).toEqual(["en", "Reset your Socialbrief password"]);
    expect(toEnglish.text).toMatch(/\/en\/reset\/[\w-]+/);
    const toItalian = await prisma.emailMessage.findFirstOrThrow({ where: { kind: "password_reset", to: italian.user.email } });
    expect([toItalian.locale, toItalian.subject]).toEqual(["it", "Reimposta la password di Socialbrief"]);
    expect(toItalian.text).toMatch(/\/it\/reset\/[\w-]+/);
  });

  it("the sign-in alert is in the account's language, with the reset page of that language", async () => {
    const english = await owner("en");
    for (let i = 0; i < 5; i++) await attemptLogin(english.user.email, "wrong wrong wrong", { ip: `198.51.100.${i}` });
    await runJobs();
    const alert = await prisma.emailMessage.findFirstOrThrow({ where: { kind: "login_alert", to: english.user.email } });
    expect([alert.locale, alert.subject]).toEqual(["en", "Failed sign-in attempts on your Socialbrief account"]);
    expect(alert.text).toMatch(/\/en\/forgot/);
    expect(alert.text).not.toMatch(/\/it\//);
  });
});
