import { describe, expect, it } from "vitest";
import { action as stepAction, loader as stepLoader } from "~/routes/$lang.intake.$step";
import { loader as resumeLoader } from "~/routes/$lang.intake.resume.$token";
import { upsertOwner } from "~/models/user.server";
import { prisma } from "~/utils/db.server";
import { getT } from "~/i18n/i18n";
import { complete } from "~/domain/intake/fixtures";
import type { RawStep, StepId } from "~/domain/intake/definition";
import { call, get, runJobs } from "./helpers";

function form(values: RawStep, intent = "next"): URLSearchParams {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) body.append(key, v);
  }
  body.set("intent", intent);
  return body;
}

class Browser {
  cookie = "";
  async post(step: StepId, values: RawStep, intent = "next", lang = "it") {
    return this.send(step, form(values, intent), lang);
  }
  async send(step: StepId, body: URLSearchParams, lang = "it") {
    const request = new Request(`http://localhost/${lang}/intake/${step}`, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: this.cookie },
    });
    const response = await call(stepAction, request, { lang, step });
    this.keep(response);
    return response;
  }
  async get(url: string, handler: typeof stepLoader | typeof resumeLoader, params: Record<string, string>) {
    const response = await call(handler, get(url, { Cookie: this.cookie }), params);
    this.keep(response);
    return response;
  }
  private keep(response: Response) {
    const set = response.headers.get("Set-Cookie");
    const match = set && /sb_intake=([^;]*)/.exec(set);
    if (match) this.cookie = match[1] ? `sb_intake=${match[1]}` : "";
  }
}

async function walkTo(browser: Browser, last: StepId, answers = complete) {
  const order: StepId[] = ["about", "audience", "goals", "channels", "channelDetails", "crisis", "crisisDetails", "roles"];
  for (const step of order) {
    const response = await browser.post(step, answers[step] ?? {});
    expect(response.status, `step ${step}`).toBe(302);
    if (step === last) return response;
  }
  throw new Error("unreachable");
}

describe("questionnaire journey", () => {
  it("saves a draft from the first step, emails a resume link, and submits one lead with filterable data", async () => {
    await upsertOwner({ email: "owner@studio.example", name: "Owner", password: "owner-password-123" });
    const browser = new Browser();
    const first = await browser.post("about", complete.about!);
    expect(first.headers.get("Location")).toBe("/it/intake/audience");
    expect(browser.cookie).toMatch(/^sb_intake=/);
    await runJobs(); // the resume link: a job written with the claim of the draft's send
    const draft = await prisma.intakeDraft.findFirstOrThrow({ where: { email: "elena@lagoblu.example" } });
    expect(draft.resumeTokenHash).toMatch(/^[0-9a-f]{64}$/);
    const resumeMail = await prisma.emailMessage.findFirstOrThrow({ where: { kind: "resume_link", to: "elena@lagoblu.example" } });
    expect(resumeMail.status).toBe("outbox");
    expect(resumeMail.text).toMatch(/\/it\/intake\/resume\/[\w-]{20,}/);

    const roles = await walkTo(browser, "roles");
    expect(roles.headers.get("Location")).toBe("/it/intake/review");
    const submit = await browser.post("review", { marketingConsent: "on" });
    expect(submit.status).toBe(302);
    expect(submit.headers.get("Location")).toMatch(/^\/it\/p\/[\w-]{22}\?received=1$/);

    const lead = await prisma.lead.findFirstOrThrow({ where: { draftId: draft.id }, include: { goals: { orderBy: { rank: "asc" } }, channels: { orderBy: { channel: "asc" } } } });
    expect(lead).toMatchObject({ organisation: "Hotel Lago Blu", sector: "hospitality", budgetBand: "b1000_2500", hasCrisis: true, crisisOpen: false, locale: "it", marketingConsent: true, privacyVersion: "2026-11-25" });
    expect(lead.marketingConsentAt).toBeInstanceOf(Date);
    expect(lead.goals.map((g) => [g.goal, g.rank])).toEqual([["leads", 1], ["awareness", 2]]);
    expect(lead.channels.map((c) => [c.channel, c.status, c.followers])).toEqual([
      ["facebook", "present", 4800], ["instagram", "present", 2300], ["linkedin", "wanted", null], ["tiktok", "refused", null],
    ]);
    // The emails are jobs written with the lead; the runner sends them, once.
    expect(await prisma.emailMessage.count({ where: { kind: { in: ["intake_received", "new_lead"] } } })).toBe(0);
    expect(await runJobs()).toBe(2);
    const kinds = await prisma.emailMessage.findMany({ where: { kind: { in: ["intake_received", "new_lead"] } }, select: { kind: true, to: true } });
    expect(kinds).toHaveLength(2);
    expect(kinds).toEqual(expect.arrayContaining([{ kind: "intake_received", to: "elena@lagoblu.example" }, { kind: "new_lead", to: "owner@studio.example" }]));

    // A replayed submit makes no second lead, and the finished draft now leads to the proposal.
    const replay = await browser.post("review", {});
    expect(replay.headers.get("Location") ?? "").toMatch(/^\/it\/(p\/[\w-]{22}\?received=1)?/);
    expect(await prisma.lead.count({ where: { email: "elena@lagoblu.example" } })).toBe(1);
    expect(await runJobs()).toBe(0);
    expect(await prisma.emailMessage.count({ where: { kind: { in: ["intake_received", "new_lead"] } } })).toBe(2);
  });

  it("creates one lead when submit arrives twice at once", async () => {
    const browser = new Browser();
    await walkTo(browser, "roles", { ...complete, about: { ...complete.about, email: "twice@example.com" } });
    const [a, b] = await Promise.all([browser.post("review", {}), browser.post("review", {})]);
    expect([a.status, b.status]).toEqual([302, 302]);
    expect(await prisma.lead.count({ where: { email: "twice@example.com" } })).toBe(1);
    await runJobs();
    expect(await prisma.emailMessage.count({ where: { kind: "intake_received", to: "twice@example.com" } })).toBe(1);
  });

  it("drops answers to questions hidden again before they reach the lead", async () => {
    const browser = new Browser();
    const email = "stale@example.com";
    await walkTo(browser, "roles", { ...complete, about: { ...complete.about, email } });
    await browser.post("crisis", { hadCrisis: "no" });
    await browser.post("channels", { ...complete.channels, instagram: "none" });
    await browser.post("review", {});
    const lead = await prisma.lead.findFirstOrThrow({ where: { email }, include: { channels: true } });
    expect(lead.hasCrisis).toBe(false);
    expect(lead.crisisOpen).toBeNull();
    const answers = JSON.parse(lead.answers!);
    expect(answers.crisisDetails).toBeUndefined();
    expect(Object.keys(answers.channelDetails)).not.toContain("instagram_handle");
    expect(lead.channels.map((c) => c.channel)).not.toContain("instagram");
  });

  it("resumes on the step that was being typed when autosave last ran", async () => {
    const first = new Browser();
    const email = "autosave@example.com";
    await walkTo(first, "audience", { ...complete, about: { ...complete.about, email } });
    const saved = await first.post("goals", { goal1: "civic", target: "500 partecipanti" }, "autosave");
    expect(saved.status).toBe(200);
    await runJobs();
    const mail = await prisma.emailMessage.findFirstOrThrow({ where: { kind: "resume_link", to: email } });
    const token = /\/intake\/resume\/([\w-]+)/.exec(mail.text)![1]!;
    const fresh = new Browser();
    const resumed = await fresh.get(`/it/intake/resume/${token}`, resumeLoader, { lang: "it", token });
    expect(resumed.headers.get("Location")).toBe("/it/intake/goals");
    const page = await fresh.get("/it/intake/goals", stepLoader, { lang: "it", step: "goals" });
    const data = (await page.json()) as { values: RawStep };
    expect(data.values.target).toBe("500 partecipanti");
  });

  it("resumes in a fresh browser from the emailed link, with every answer intact", async () => {
    const first = new Browser();
    const email = "resume@example.com";
    await walkTo(first, "goals", { ...complete, about: { ...complete.about, email } });
    await runJobs();
    const mail = await prisma.emailMessage.findFirstOrThrow({ where: { kind: "resume_link", to: email } });
    const token = /\/intake\/resume\/([\w-]+)/.exec(mail.text)![1]!;

    const fresh = new Browser();
    const resumed = await fresh.get(`/it/intake/resume/${token}`, resumeLoader, { lang: "it", token });
    expect(resumed.status).toBe(302);
    // Back to the first step not yet done: goals was sent, channels comes next.
    expect(resumed.headers.get("Location")).toBe("/it/intake/channels");
    const page = await fresh.get("/it/intake/goals", stepLoader, { lang: "it", step: "goals" });
    const data = (await page.json()) as { values: RawStep; answers: Record<string, RawStep> };
    expect(data.values).toEqual(complete.goals);
    expect(data.answers.about?.organisation).toBe("Hotel Lago Blu");

    const bad = await fresh.get("/it/intake/resume/not-a-real-token-at-all-000", resumeLoader, { lang: "it", token: "not-a-real-token-at-all-000" });
    expect(bad.status).toBe(410);
  });

  it("ignores bots that fill the honeypot", async () => {
    const before = await prisma.intakeDraft.count();
    const response = await new Browser().post("about", { ...complete.about, company_website: "http://spam.example" });
    expect(response.headers.get("Location")).toBe("/it");
    expect(await prisma.intakeDraft.count()).toBe(before);
  });
});

describe("drafts, emails and resume links", () => {
  const resumeToken = async (to: string) => {
    await runJobs();
    const mail = await prisma.emailMessage.findFirstOrThrow({ where: { kind: "resume_link", to }, orderBy: { createdAt: "desc" } });
    return /\/intake\/resume\/([\w-]+)/.exec(mail.text)![1]!;
  };
  const resume = (token: string) => new Browser().get(`/it/intake/resume/${token}`, resumeLoader, { lang: "it", token });

  it("changing the draft's email ends the resume link sent to the old address; the new address gets its own", async () => {
    const browser = new Browser();
    await walkTo(browser, "about", { ...complete, about: { ...complete.about, email: "old-address@example.com" } });
    const oldToken = await resumeToken("old-address@example.com");
    expect(await prisma.intakeDraft.count({ where: { email: "old-address@example.com", resumeTokenHash: { not: null } } })).toBe(1);

    // Autosave of a new address is enough to end the old link.
    expect((await browser.post("about", { ...complete.about, email: "new-address@example.com" }, "autosave")).status).toBe(200);
    expect((await resume(oldToken)).status).toBe(410);
    const draft = await prisma.intakeDraft.findFirstOrThrow({ where: { email: "new-address@example.com" } });
    expect(draft.resumeTokenHash).toBeNull();

    // Sending the step mails a fresh link to the new address, which works.
    expect((await browser.post("about", { ...complete.about, email: "new-address@example.com" })).status).toBe(302);
    const newToken = await resumeToken("new-address@example.com");
    expect(newToken).not.toBe(oldToken);
    expect((await resume(newToken)).status).toBe(302);
    expect((await resume(oldToken)).status).toBe(410);
  });

  it("creates no draft for a first step without a single real answer", async () => {
    const before = await prisma.intakeDraft.count();
    const empty = await new Browser().post("about", {});
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { result: { error: Record<string, string[]> } }).result.error.organisation).toEqual(["errors.required"]);
    expect((await new Browser().post("about", {}, "autosave")).status).toBe(200);
    expect((await new Browser().post("about", { organisation: "   ", contactName: "", email: " " }, "autosave")).status).toBe(200);
    expect((await new Browser().post("about", { organisation: "", email: "" })).status).toBe(400);
    const back = await new Browser().post("about", {}, "back");
    expect(back.status).toBe(302);
    expect(back.headers.get("Set-Cookie")).toBeNull();
    expect(await prisma.intakeDraft.count()).toBe(before);

    // One real answer is enough: then the draft is kept (and autosave keeps it).
    const browser = new Browser();
    expect((await browser.post("about", { organisation: "Forno Rossi" }, "autosave")).status).toBe(200);
    expect(browser.cookie).toMatch(/^sb_intake=/);
    expect(await prisma.intakeDraft.count()).toBe(before + 1);
  });

  it("stores only a valid email (the form's own rule) as the draft's email when autosaving", async () => {
    const browser = new Browser();
    await browser.post("about", { organisation: "Studio Email", email: "not@valid" }, "autosave");
    const id = (await prisma.intakeDraft.findFirstOrThrow({ orderBy: { createdAt: "desc" } })).id;
    const emailOf = async () => (await prisma.intakeDraft.findUniqueOrThrow({ where: { id } })).email;
    expect(await emailOf()).toBeNull();
    for (const bad of ["@", "a@b", "<script>@x.it", "two@@example.com"]) {
      await browser.post("about", { organisation: "Studio Email", email: bad }, "autosave");
      expect(await emailOf(), bad).toBeNull();
    }
    await browser.post("about", { organisation: "Studio Email", email: "  Anna@Studio.Example " }, "autosave");
    expect(await emailOf()).toBe("anna@studio.example");
  });
});

describe("intents the page never sends", () => {
  /** A step's form with these intents (none, one or several), in this order. */
  const body = (values: RawStep, intents: string[], extra: Record<string, string> = {}) => {
    const fields = form(values);
    fields.delete("intent");
    for (const intent of intents) fields.append("intent", intent);
    for (const [name, value] of Object.entries(extra)) fields.append(name, value);
    return fields;
  };
  const errorsOf = async (response: Response) => ((await response.json()) as { result: { error: Record<string, string[]> } }).result.error;

  it("no intent is 'next'; an unknown one is checked like 'next', except that an empty first step without a draft is sent back to it", async () => {
    const before = await prisma.intakeDraft.count();
    const none = await new Browser().send("about", body({}, []));
    expect(none.status).toBe(400);
    expect((await errorsOf(none)).organisation).toEqual(["errors.required"]);
    for (const intents of [["frobnicate"], [""], ["NEXT"]]) {
      const response = await new Browser().send("about", body({}, intents));
      expect([response.status, response.headers.get("Location"), response.headers.get("Set-Cookie")], intents[0]).toEqual([302, "/it/intake/about", null]);
    }
    expect(await prisma.intakeDraft.count()).toBe(before);

    const browser = new Browser();
    const first = await browser.send("about", body(complete.about!, ["frobnicate"]));
    expect([first.status, first.headers.get("Location")]).toEqual([302, "/it/intake/audience"]);
    expect(browser.cookie).toMatch(/^sb_intake=/);
    expect(await prisma.intakeDraft.count()).toBe(before + 1);
    const wrong = await browser.send("audience", body({ ageBands: ["aliens"] }, ["frobnicate"]));
    expect(wrong.status).toBe(400);
    expect((await errorsOf(wrong)).ageBands).toEqual(["errors.choose"]);
    const missing = await browser.send("audience", body(complete.audience!, []));
    expect([missing.status, missing.headers.get("Location")]).toEqual([302, "/it/intake/goals"]);
  });

  it("the first intent sent counts, and from=review brings a valid step back to the review", async () => {
    const browser = new Browser();
    await walkTo(browser, "about");
    const autosave = await browser.send("audience", body(complete.audience!, ["autosave", "next"]));
    expect(autosave.status).toBe(200);
    expect(Object.keys((await autosave.json()) as object)).toEqual(["saved"]);
    const back = await browser.send("audience", body(complete.audience!, ["back", "next"]));
    expect([back.status, back.headers.get("Location")]).toEqual([302, "/it/intake/about"]);
    const resend = await browser.send("audience", body({}, ["resend", "next"]));
    expect([resend.status, await resend.json()]).toEqual([429, { resend: "wait" }]);
    const next = await browser.send("audience", body(complete.audience!, ["next", "autosave"]));
    expect(next.headers.get("Location")).toBe("/it/intake/goals");

    const fromReview = await browser.send("goals", body(complete.goals!, ["next"], { from: "review" }));
    expect(fromReview.headers.get("Location")).toBe("/it/intake/review");
    const fromElsewhere = await browser.send("goals", body(complete.goals!, ["next"], { from: "x" }));
    expect(fromElsewhere.headers.get("Location")).toBe("/it/intake/channels");
    const repeated = { ...complete.goals!, goal2: "leads" };
    const wrong = await browser.send("goals", body(repeated, ["next"], { from: "review" }));
    expect(wrong.status).toBe(400);
    expect((await errorsOf(wrong)).goal2).toEqual(["errors.goalRepeated"]);
    const draft = await prisma.intakeDraft.findFirstOrThrow({ orderBy: { updatedAt: "desc" } });
    expect([draft.currentStep, JSON.parse(draft.answers).goals]).toEqual(["goals", repeated]);
  });
});

describe("bad input on every step", () => {
  const t = getT("it");
  const cases: Array<[StepId, RawStep, Record<string, string>]> = [
    ["about", { organisation: "", sector: "", size: "", contactName: "", email: "", language: "" }, { organisation: "errors.required", sector: "errors.required", email: "errors.required" }],
    ["about", { ...complete.about, organisation: "x".repeat(161), email: "<script>alert(1)</script>" }, { organisation: "errors.tooLong|160", email: "errors.email" }],
    ["about", { ...complete.about, sector: "'; DROP TABLE \"Lead\"; --", website: "javascript:alert(1)" }, { sector: "errors.choose", website: "errors.url" }],
    ["audience", { ageBands: ["a18_24", "<img src=x onerror=alert(1)>"], personas: "🙂".repeat(1001) }, { ageBands: "errors.choose", personas: "errors.tooLong|2000" }],
    ["goals", { goal1: "", budgetBand: "a lot" }, { goal1: "errors.required", budgetBand: "errors.choose" }],
    ["goals", { goal1: "leads", goal2: "leads", budgetBand: "unknown", startDate: "yesterday" }, { goal2: "errors.goalRepeated", startDate: "errors.date" }],
    ["channels", { ...complete.channels, facebook: "maybe" }, { facebook: "errors.choose" }],
    ["channelDetails", { facebook_followers: "-5", instagram_handle: "x".repeat(101) }, { facebook_followers: "errors.number", instagram_handle: "errors.tooLong|100" }],
    ["crisis", {}, { hadCrisis: "errors.required" }],
    ["crisisDetails", { crisisTypes: ["aliens"], crisisOpen: "perhaps" }, { crisisTypes: "errors.choose", crisisOpen: "errors.choose" }],
    ["roles", { responseTime: "<b>now</b>", toneOfVoice: "è".repeat(1001) }, { responseTime: "errors.choose", toneOfVoice: "errors.tooLong|1000" }],
  ];

  it.each(cases)("%s rejects %j with field messages and stores no lead", async (step, values, expected) => {
    const browser = new Browser();
    if (step !== "about") await walkTo(browser, step === "channelDetails" ? "channels" : step === "crisisDetails" ? "crisis" : "about", { ...complete, about: { ...complete.about, email: `${step}@bad.example` } });
    const leadsBefore = await prisma.lead.count();
    const response = await browser.post(step, values);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { result: { error: Record<string, string[]> } };
    for (const [field, key] of Object.entries(expected)) {
      expect(body.result.error[field]?.[0], field).toBe(key);
      const [k = "", max] = key.split("|");
      expect(t(k, { max })).not.toBe(k);
    }
    expect(await prisma.lead.count()).toBe(leadsBefore);
    // An empty first step starts no draft (nothing typed, nothing to keep).
    if (step === "about" && Object.values(values).every((v) => v === "")) {
      expect(await prisma.intakeDraft.count()).toBe(0);
      return;
    }
    // What was typed is kept in the draft, so nothing is lost.
    const draft = await prisma.intakeDraft.findFirstOrThrow({ orderBy: { updatedAt: "desc" } });
    const kept = JSON.parse(draft.answers)[step] as RawStep;
    const firstField = Object.keys(expected)[0]!;
    if (typeof values[firstField] === "string" && values[firstField] !== "") expect(String(kept[firstField]).slice(0, 50)).toBe(String(values[firstField]).slice(0, 50));
  });
});
