import { describe, expect, it } from "vitest";
import { action as stepAction, loader as stepLoader } from "~/routes/$lang.intake.$step";
import { loader as resumeLoader } from "~/routes/$lang.intake.resume.$token";
import { upsertOwner } from "~/models/user.server";
import { purgeExpiredDrafts } from "~/models/intake-draft.server";
import { prisma } from "~/utils/db.server";
import { getT } from "~/i18n/i18n";
import { complete } from "~/domain/intake/fixtures";
import type { RawStep, StepId } from "~/domain/intake/definition";
import { action as resumeAction } from "~/routes/$lang.intake.resume.$token";
import { countInProgress, listPipeline, remindDraft } from "~/models/pipeline.server";
import { defaultFilters } from "~/domain/pipeline";
import { call, get, post, runJobs } from "./helpers";

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
  /** The "already sent" marker (no secret), kept beside the draft's cookie. */
  sent = "";
  private keep(response: Response) {
    const set = response.headers.get("Set-Cookie");
    const match = set && /sb_intake=([^;]*)/.exec(set);
    const sent = set && /sb_intake_sent=([^;]*)/.exec(set);
    if (!match && !sent) return;
    const draft = match ? (match[1] ? `sb_intake=${match[1]}` : "") : (this.cookie.split("; ").find((c) => c.startsWith("sb_intake=")) ?? "");
    if (sent) this.sent = sent[1] ? `sb_intake_sent=${sent[1]}` : "";
    this.cookie = [draft, this.sent].filter(Boolean).join("; ");
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

/** The token of the latest resume link mailed to an address (after the jobs ran). */
async function resumeToken(to: string) {
  await runJobs();
  const mail = await prisma.emailMessage.findFirstOrThrow({ where: { kind: "resume_link", to }, orderBy: { createdAt: "desc" } });
  return /\/intake\/resume\/([\w-]+)/.exec(mail.text)![1]!;
}
/** Opens a resume link in a fresh browser. */
const resume = (token: string) => new Browser().get(`/it/intake/resume/${token}`, resumeLoader, { lang: "it", token });

describe("drafts, emails and resume links", () => {

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
    ["audience", { ageBands: ["a18_24", "<img src=x onerror=alert(1)>"], personas: "🙂".repeat(2501) }, { ageBands: "errors.choose", personas: "errors.tooLong|5000" }],
    ["goals", { goal1: "", budgetBand: "a lot" }, { goal1: "errors.required", budgetBand: "errors.choose" }],
    ["goals", { goal1: "leads", goal2: "leads", budgetBand: "unknown", startDate: "yesterday" }, { goal2: "errors.goalRepeated", startDate: "errors.date" }],
    ["channels", { ...complete.channels, facebook: "maybe" }, { facebook: "errors.choose" }],
    ["channelDetails", { facebook_followers: "-5", instagram_handle: "x".repeat(101) }, { facebook_followers: "errors.number", instagram_handle: "errors.tooLong|100" }],
    ["crisis", {}, { hadCrisis: "errors.required" }],
    ["crisisDetails", { crisisTypes: ["aliens"], crisisOpen: "perhaps" }, { crisisTypes: "errors.choose", crisisOpen: "errors.choose" }],
    ["roles", { responseTime: "<b>now</b>", toneOfVoice: "è".repeat(2001) }, { responseTime: "errors.choose", toneOfVoice: "errors.tooLong|2000" }],
    ["crisisDetails", { crisisHandling: "Una storia lunga. ".repeat(556) }, { crisisHandling: "errors.tooLong|5000" }],
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
    // A text too long is kept whole, never cut to the limit without a word.
    for (const [field, key] of Object.entries(expected)) if (key.startsWith("errors.tooLong")) expect(kept[field], field).toBe(values[field]);
  });
});

describe("an intake without friction", () => {
  const askNewLink = (token: string, fields: Record<string, string>) =>
    call(resumeAction, post(`http://localhost/it/intake/resume/${token}`, fields), { lang: "it", token });

  it("Back saves what was typed as it is, empty required fields and too-long text included, and goes to the previous step", async () => {
    const browser = new Browser();
    const email = "back@example.com";
    await walkTo(browser, "audience", { ...complete, about: { ...complete.about, email } });
    const long = "Obiettivo raccontato per esteso. ".repeat(40); // 1,320 characters where 500 are allowed
    const back = await browser.post("goals", { goal1: "", budgetBand: "", target: long, startDate: "ieri" }, "back");
    expect([back.status, back.headers.get("Location")]).toEqual([302, "/it/intake/audience"]);
    const page = await browser.get("/it/intake/goals", stepLoader, { lang: "it", step: "goals" });
    const data = (await page.json()) as { values: RawStep; errors: unknown };
    expect(data.values).toMatchObject({ target: long, startDate: "ieri" });
    expect(data.errors).toBeNull();
    // Next still checks: the same values are refused with their messages, and still kept.
    const next = await browser.post("goals", { goal1: "", budgetBand: "", target: long, startDate: "ieri" });
    expect(next.status).toBe(400);
    const body = (await next.json()) as { result: { error: Record<string, string[]> } };
    expect(Object.fromEntries(Object.entries(body.result.error).map(([field, messages]) => [field, messages[0]]))).toMatchObject({ goal1: "errors.required", target: "errors.tooLong|500", startDate: "errors.date" });
  });

  it("the channels step needs no answer: a channel left alone is 'none', and the lead has only the channels marked", async () => {
    const browser = new Browser();
    const email = "grid@example.com";
    await walkTo(browser, "goals", { ...complete, about: { ...complete.about, email } });
    const page = await browser.get("/it/intake/channels", stepLoader, { lang: "it", step: "channels" });
    expect(page.status).toBe(200);
    const channels = await browser.post("channels", { instagram: "present", tiktok: "wanted" });
    expect(channels.headers.get("Location")).toBe("/it/intake/channelDetails");
    await browser.post("channelDetails", { instagram_followers: "12k" });
    await browser.post("crisis", { hadCrisis: "no" });
    await browser.post("roles", {});
    expect((await browser.post("review", {})).status).toBe(302);
    const lead = await prisma.lead.findFirstOrThrow({ where: { email }, include: { channels: { orderBy: { channel: "asc" } } } });
    expect(lead.channels.map((c) => [c.channel, c.status, c.followers])).toEqual([["instagram", "present", 12000], ["tiktok", "wanted", null]]);
  });

  it("after submit the draft is closed: Back shows 'already sent', autosave and Back make no draft, the owner has nobody to remind", async () => {
    const owner = await upsertOwner({ email: "owner@studio.example", name: "Owner", password: "owner-password-123" });
    const browser = new Browser();
    const email = "closed@example.com";
    await walkTo(browser, "roles", { ...complete, about: { ...complete.about, email } });
    const submit = await browser.post("review", {});
    expect(submit.headers.get("Location")).toMatch(/^\/it\/p\//);
    // The draft's cookie is cleared; only the marker (no secret) stays.
    expect(submit.headers.get("Set-Cookie")).toMatch(/sb_intake=;/);
    expect(browser.cookie).toMatch(/^sb_intake_sent=[\w=%]+$/);
    const drafts = await prisma.intakeDraft.count();
    expect(await countInProgress()).toBe(0);

    for (const step of ["review", "roles", "about"] as const) {
      const page = await browser.get(`/it/intake/${step}`, stepLoader, { lang: "it", step });
      expect(page.status, step).toBe(200);
      expect(await page.json(), step).toEqual({ sent: true, step });
    }
    // A page left open autosaves or goes back: nothing new is started.
    const autosave = await browser.post("about", complete.about!, "autosave");
    expect(await autosave.json()).toEqual({ sent: true });
    const back = await browser.post("roles", { approver: "Elena" }, "back");
    expect([back.status, back.headers.get("Location")]).toEqual([302, "/it/intake/roles"]);
    expect(await browser.post("about", complete.about!).then((r) => r.headers.get("Location"))).toBe("/it/intake/about");
    expect(await prisma.intakeDraft.count()).toBe(drafts);
    expect(await countInProgress()).toBe(0);
    const closed = await prisma.intakeDraft.findFirstOrThrow({ where: { email } });
    expect(closed.submittedLeadId).not.toBeNull();
    expect(await remindDraft(closed.id, owner.id)).toEqual({ state: "not_found" });

    // "Start a new questionnaire" forgets the marker; then a new draft is what the person asked for.
    const fresh = await browser.get("/it/intake/about?new=1", stepLoader, { lang: "it", step: "about" });
    expect([fresh.status, fresh.headers.get("Location")]).toEqual([302, "/it/intake/about"]);
    expect(browser.cookie).toBe("");
    const about = await browser.get("/it/intake/about", stepLoader, { lang: "it", step: "about" });
    expect(((await about.json()) as { sent: boolean }).sent).toBe(false);
  });

  it("sends the resume email in the language chosen on the first step, not the one of the page it started on", async () => {
    const browser = new Browser();
    const email = "english@example.com";
    await browser.post("about", { ...complete.about, email, language: "en" });
    await runJobs();
    const mail = await prisma.emailMessage.findFirstOrThrow({ where: { kind: "resume_link", to: email } });
    expect(mail.locale).toBe("en");
    expect(mail.subject).toBe(getT("en")("email.resumeLink.subject"));
    expect(mail.text).toMatch(/\/en\/intake\/resume\/[\w-]{20,}/);
    expect(mail.text).not.toContain(getT("it")("email.resumeLink.heading"));
    // Italian chosen on the English page: Italian.
    const other = new Browser();
    await other.post("about", { ...complete.about, email: "italiano@example.com", language: "it" }, "next", "en");
    await runJobs();
    expect((await prisma.emailMessage.findFirstOrThrow({ where: { kind: "resume_link", to: "italiano@example.com" } })).locale).toBe("it");
  });

  it("a used link and an expired one each say so; an expired one sends a new link in one click, an unknown one for a typed address, with the same answer either way", async () => {
    const browser = new Browser();
    const email = "links@example.com";
    await walkTo(browser, "about", { ...complete, about: { ...complete.about, email } });
    const token = await resumeToken(email);
    const draft = await prisma.intakeDraft.findFirstOrThrow({ where: { email } });

    // Expired: said as such, and one click mails a fresh link that works (the draft is kept again).
    await prisma.intakeDraft.update({ where: { id: draft.id }, data: { expiresAt: new Date(Date.now() - 1000), resumeSentAt: new Date(Date.now() - 3_600_000) } });
    const expired = await resume(token);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ state: "expired" });
    const asked = await askNewLink(token, { by: "token" });
    expect(asked.status).toBe(200);
    expect(await asked.json()).toMatchObject({ sent: true });
    const fresh = await resumeToken(email);
    expect(fresh).not.toBe(token);
    expect((await resume(fresh)).status).toBe(302);
    // Asked again at once: the same answer, no second email within the minute.
    await askNewLink(fresh, { by: "token" });
    await runJobs();
    expect(await prisma.emailMessage.count({ where: { kind: "resume_link", to: email } })).toBe(2);

    // Replaced by the fresh one: said as such (the one-click case is the next test).
    expect(await (await resume(token)).json()).toMatchObject({ state: "replaced" });

    // Unknown (a link the app never sent): the address typed gets a link if it has a draft; the answer is the same for one that has none.
    const stranger = "s".repeat(32);
    const unknown = await resume(stranger);
    expect(await unknown.json()).toMatchObject({ state: "unknown" });
    await prisma.intakeDraft.update({ where: { id: draft.id }, data: { resumeSentAt: new Date(Date.now() - 3_600_000) } });
    const known = await askNewLink(stranger, { by: "email", email: "Links@Example.com" });
    const nobody = await askNewLink(stranger, { by: "email", email: "nobody@example.com" });
    expect([known.status, nobody.status]).toEqual([200, 200]);
    const nobodyAnswer = await nobody.json();
    expect(await known.json()).toEqual(nobodyAnswer);
    await runJobs();
    expect(await prisma.emailMessage.count({ where: { kind: "resume_link", to: email } })).toBe(3);
    expect(await prisma.emailMessage.count({ where: { to: "nobody@example.com" } })).toBe(0);
    const bad = await askNewLink(stranger, { by: "email", email: "not-an-address" });
    expect(bad.status).toBe(400);
    // One click on an unknown link names no draft: the same answer, no email.
    expect(await (await askNewLink(stranger, { by: "token" })).json()).toEqual(nobodyAnswer);

    // Used: the answers were sent; the link says when.
    const sender = new Browser();
    await walkTo(sender, "roles", { ...complete, about: { ...complete.about, email: "used@example.com" } });
    const usedToken = await resumeToken("used@example.com");
    await sender.post("review", {});
    const used = await resume(usedToken);
    expect(used.status).toBe(410);
    const usedBody = (await used.json()) as { state: string; sentAt: string };
    expect(usedBody.state).toBe("used");
    expect(Date.parse(usedBody.sentAt)).toBeGreaterThan(Date.now() - 3_600_000);
  });

  it("a link replaced by a newer one sends a new link in one click, in the draft's language; once the draft is deleted it says so, and sends nothing", async () => {
    const browser = new Browser();
    const email = "replaced@example.com";
    await walkTo(browser, "audience", { ...complete, about: { ...complete.about, email, language: "en" } });
    const first = await resumeToken(email);
    const draft = await prisma.intakeDraft.findFirstOrThrow({ where: { email } });
    // "Send the link again" on a step, a minute later: the first link is replaced.
    await prisma.intakeDraft.update({ where: { id: draft.id }, data: { resumeSentAt: new Date(Date.now() - 3_600_000) } });
    expect((await browser.post("goals", {}, "resend")).status).toBe(200);
    const second = await resumeToken(email);
    expect(second).not.toBe(first);

    const replaced = await resume(first);
    expect(replaced.status).toBe(410);
    expect(await replaced.json()).toMatchObject({ state: "replaced" });
    // One click: a third link, in English as chosen on the first step, to the draft's address only.
    await prisma.intakeDraft.update({ where: { id: draft.id }, data: { resumeSentAt: new Date(Date.now() - 3_600_000) } });
    const asked = await askNewLink(first, { by: "token" });
    expect([asked.status, await asked.json()]).toEqual([200, expect.objectContaining({ sent: true })]);
    const third = await resumeToken(email);
    expect(third).not.toBe(second);
    const mail = await prisma.emailMessage.findFirstOrThrow({ where: { kind: "resume_link", to: email }, orderBy: { createdAt: "desc" } });
    expect(mail.locale).toBe("en");
    expect(mail.text).toContain(`/en/intake/resume/${third}`);
    expect((await resume(third)).status).toBe(302);
    // Clicked again at once: the same answer, no further email within the minute.
    await askNewLink(first, { by: "token" });
    await runJobs();
    expect(await prisma.emailMessage.count({ where: { kind: "resume_link", to: email } })).toBe(3);

    // Past its retention the draft is purged: every link it had says it is gone, and asking sends nothing.
    await prisma.intakeDraft.update({ where: { id: draft.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await purgeExpiredDrafts()).toBeGreaterThanOrEqual(1);
    for (const token of [first, second, third]) {
      const gone = await resume(token);
      expect(gone.status).toBe(410);
      expect(await gone.json(), token).toMatchObject({ state: "gone" });
    }
    const late = await askNewLink(third, { by: "token" });
    expect(await late.json()).toEqual(await askNewLink("n".repeat(32), { by: "token" }).then((r) => r.json()));
    await runJobs();
    expect(await prisma.emailMessage.count({ where: { kind: "resume_link", to: email } })).toBe(3);
    // The retired links hold no address and no draft.
    expect(await prisma.retiredResumeToken.count({ where: { draftId: { not: null } } })).toBe(0);
  });

  it("stores an international address as typed (the browser's punycode read back), and the owner finds it by its Unicode text", async () => {
    const owner = await upsertOwner({ email: "owner@studio.example", name: "Owner", password: "owner-password-123" });
    const browser = new Browser();
    // What Chromium posts for "Info@Caffè.it" typed in an <input type="email">.
    await walkTo(browser, "roles", { ...complete, about: { ...complete.about, organisation: "Bar Centrale", email: "Info@xn--caff-8oa.it" } });
    const draft = await prisma.intakeDraft.findFirstOrThrow({ where: { email: "info@caffè.it" } });
    expect(draft.email).toBe("info@caffè.it");
    await browser.post("review", {});
    const lead = await prisma.lead.findFirstOrThrow({ where: { draftId: draft.id } });
    expect(lead.email).toBe("info@caffè.it");
    await runJobs();
    expect(await prisma.emailMessage.count({ where: { to: "info@caffè.it", kind: { in: ["resume_link", "intake_received"] } } })).toBe(2);
    for (const q of ["caffè", "CAFFÈ.IT", "info@caffè", "caffe"]) {
      const found = await listPipeline({ ...defaultFilters, q }, owner.id);
      expect(found.items.map((i) => i.email), q).toEqual(["info@caffè.it"]);
    }
    // The same address typed directly in Unicode (another browser, or no JavaScript) is the same address.
    const other = new Browser();
    await other.post("about", { ...complete.about, email: "INFO@CAFFÈ.IT" }, "autosave");
    expect(await prisma.intakeDraft.count({ where: { email: "info@caffè.it" } })).toBe(2);
  });
});
