import { describe, expect, it } from "vitest";
import { getT } from "~/i18n/i18n";
import { buildProposal, crisisMinutes, RULES_VERSION } from "./engine";
import { readIntakeAnswers } from "./input";
import type { Msg, ProposalModel } from "./model";
import { ISSUED_ON, prospectAnswers, prospects, type Prospect } from "./prospects.fixture";
import { collectMsgs, resolveMsg } from "./resolve";
import { defaultOwnerSettings, type OwnerSettings } from "./settings";
import { proposalView } from "./view";

function propose(p: Prospect, settings: OwnerSettings = defaultOwnerSettings, issuedOn = ISSUED_ON): ProposalModel {
  return buildProposal({ answers: prospectAnswers(p), organisation: p.organisation, contactName: p.contactName ?? "Referente", issuedOn }, settings);
}

const it_ = getT("it");
const en_ = getT("en");
const text = (msg: Msg) => resolveMsg(msg, (k, o) => it_(k, o), "it");
const textEn = (msg: Msg) => resolveMsg(msg, (k, o) => en_(k, o), "en");
const primaries = (model: ProposalModel) => model.channels.filter((c) => c.priority === "primary").map((c) => c.channel);
const priorityOf = (model: ProposalModel, channel: string) => model.channels.find((c) => c.channel === channel)?.priority;
const reasonsOf = (model: ProposalModel, channel: string) => model.channels.find((c) => c.channel === channel)!.reasons.map(text);
const recommended = (model: ProposalModel) => model.investment.packages.find((p) => p.recommended)!.id;
const cadence = (model: ProposalModel) => Object.fromEntries(model.content.cadence.map((c) => [c.channel, c.postsPerWeek]));
const ruleTexts = (model: ProposalModel) => model.content.rules.map((r) => `${text(r.text)} ${r.reasons.map(text).join(" ")}`);
const all = (msgs: Msg[]) => msgs.map(text).join("\n");
const suggested = (model: ProposalModel) => model.investment.addOns.filter((a) => a.suggested).map((a) => a.id);
const months = (model: ProposalModel) => model.workflow.seasons.months;

describe("plan first, package second: twelve contrasting prospects", () => {
  it("a mountain hut whose daughter posts weekly on Instagram, with German guests: Instagram kept, German in the plan, winter and summer peaks", () => {
    const model = propose(prospects.hut);
    expect(primaries(model)).toEqual(["instagram", "facebook"]);
    expect(reasonsOf(model, "instagram")).toContain("Su Instagram avete già 850 follower: si riparte da lì, non da zero.");
    // Two people: two channels, no TikTok for an audience over 35.
    expect(priorityOf(model, "tiktok")).not.toBe("primary");
    expect(all(model.content.languages)).toContain("Contenuti in italiano e tedesco");
    expect(model.content.languages.map(textEn).join(" ")).toContain("Content in Italian and German");
    expect(suggested(model)).toContain("translation");
    expect(model.audience.hypotheses!.personas.map((p) => p.id)).toContain("foreignGuest");
    // Seasons from the places named: the Dolomites peak in winter and summer, September and October are the shoulder.
    const byMonth = Object.fromEntries(months(model).map((mo) => [mo.month, mo.intensity]));
    expect(byMonth["2027-02"]).toBe(3);
    expect(byMonth["2027-07"]).toBe(3);
    expect(byMonth["2027-04"]).toBe(1);
    expect(byMonth["2027-09"]).toBe(2);
    expect(months(model)[0]!.month).toBe("2027-02");
    expect(all(model.workflow.seasons.reasons)).toContain("«Dolomiti, Val di Fassa; ospiti da Germania e Austria»");
    // The approver's answer is a sentence: quoted whole, never spliced into grammar.
    expect(model.roles.approver).toBeNull();
    expect(all(model.roles.legend)).toBe("Chi approva, con le vostre parole: «Decide Io (Franco, il gestore). Mia figlia Giulia prepara i post di Instagram».");
    expect(all(model.crisis.escalation)).toContain("2. Decide il vostro referente");
    // Weekend replies asked, no evening cover: the package that answers every day, inside the budget.
    expect(recommended(model)).toBe("crescita");
    expect(model.community.outside).toBeNull();
    expect(all(model.community.reasons)).toContain("Il pacchetto Crescita prevede risposte tutti i giorni, weekend compresi.");
    // Dated from the start date given.
    expect(model.roadmap[0]).toMatchObject({ from: "2027-02-01", to: "2027-03-02" });
    expect(model.workflow.calendar[0]!.date).toBe("2027-02-01");
    expect(all(model.content.rules.map((r) => r.text))).toContain("Recensioni su Google, Booking e Tripadvisor");
  });

  it("a regional councillor with an open deepfake case: the case and who holds it named, organic only, election rules with dates, full crisis service", () => {
    const model = propose(prospects.councillor);
    expect(primaries(model)).toEqual(["facebook", "instagram", "x"]);
    expect(cadence(model).facebook).toBe(5);
    expect(model.crisis.level).toBe("reinforced");
    expect(all(model.crisis.story)).toContain("Le autorità già coinvolte, con le vostre parole: «Denuncia alla Polizia Postale di Bologna, indagine in corso».");
    expect(all(model.crisis.story)).toContain("Il caso è ancora aperto");
    expect(text(model.crisis.authorities[0]!)).toBe(
      "Il caso aperto che ci avete indicato, «Denuncia alla Polizia Postale di Bologna, indagine in corso», resta in mano a chi lo segue: ogni nostra azione pubblica si coordina con il vostro legale e non commentiamo il procedimento.",
    );
    expect(all(model.crisis.authorities)).toContain("il 112");
    expect(all(model.crisis.escalation)).toContain("3. Parla Luca Bini (portavoce)");
    expect(model.roadmap[0]!.items.map((i) => i.key)).toContain("plan.roadmap.openCase");
    // Organic only: no ads suggested, the EU rule cited.
    expect(suggested(model)).not.toContain("ads");
    expect(ruleTexts(model).join("\n")).toContain("Reg. (UE) 2024/900");
    expect(ruleTexts(model).join("\n")).toContain("deepfake");
    expect(all(model.workflow.seasons.reasons)).toContain("Elezioni del 30 maggio 2027: nessun sondaggio pubblicato dal 15 maggio 2027 (L. 28/2000, art. 8) e silenzio elettorale il 29 maggio 2027");
    const byMonth = Object.fromEntries(months(model).map((mo) => [mo.month, mo.intensity]));
    expect([byMonth["2027-04"], byMonth["2027-05"], byMonth["2027-06"]]).toEqual([3, 3, 1]);
    // One-hour replies, evening cover and an open case: the full service, level 3 within 10 minutes at any hour.
    expect(recommended(model)).toBe("completo");
    expect(model.community.business).toBe(1);
    expect(model.crisis.severities[2]!.responseMinutes).toBe(10);
    expect(all(model.crisis.timing)).toContain("a qualsiasi ora");
    expect(all(model.terms)).toContain("opinioni politiche");
  });

  it("a pharmacy starting from zero: two channels, information only, no offers pillar, and what the budget leaves out", () => {
    const model = propose(prospects.pharmacy);
    expect(primaries(model)).toHaveLength(2);
    expect(primaries(model)).toEqual(expect.arrayContaining(["facebook", "instagram"]));
    expect(model.situation.observations.map((o) => o.key)).toContain("plan.situation.noPresence");
    expect(model.content.pillars.map((p) => p.id)).not.toContain("offers");
    expect(ruleTexts(model).join("\n")).toContain("L. 145/2018, art. 1 c. 525, come modificata dal D.L. 69/2023");
    expect(ruleTexts(model).join("\n")).toContain("Nessuna promessa di guarigione");
    expect(model.investment.addOns.find((a) => a.id === "ads")!.reasons.map(text).join(" ")).toContain("soli contenuti informativi");
    // Below 500 €: the plan's package is recommended and the gap is said, not hidden.
    expect(recommended(model)).toBe("crescita");
    expect(text(model.investment.gaps[0]!)).toBe("Con il budget indicato (meno di 500 €) rientra il pacchetto Essenziale. Rispetto al piano, lascerebbe fuori:");
    expect(model.investment.gaps.slice(1).map(text)).toContain("i canali oltre il primo: il piano ne prevede 2, il pacchetto 1;");
    expect(all(model.terms)).toContain("possono riguardare la salute");
  });

  it("an HR SaaS with LinkedIn at 2,400: LinkedIn first and a newsletter, no consumer channels, demos anchored to its 40 a month with a plain note", () => {
    const model = propose(prospects.saas);
    expect(primaries(model)).toEqual(["linkedin", "newsletter"]);
    expect(priorityOf(model, "facebook")).not.toBe("primary");
    expect(priorityOf(model, "tiktok")).toBe("leave");
    expect(cadence(model)).toEqual({ linkedin: 2, newsletter: 0.5 });
    expect(text(model.content.cadence[1]!.label)).toBe("2 al mese");
    expect(reasonsOf(model, "linkedin")).toContain("Ci avete detto che ha funzionato: «I post del CEO sui turni in sanità».");
    const leads = model.objectives[0]!;
    expect(leads.kpis[0]!.value).toBe(40);
    expect(text(leads.kpis[0]!.metric)).toContain("Richieste di demo");
    expect(text(leads.kpis[0]!.target)).toBe("il vostro traguardo, «40 richieste di demo al mese», entro 6 mesi");
    expect(all(leads.reasons)).toContain("Il vostro traguardo, «40 richieste di demo al mese», in 6 mesi è circa 10 volte quello che i numeri di oggi fanno prevedere");
    expect(model.content.pillars.map((p) => p.id)).toEqual(["productInAction", "customerResults", "insights", "team", "workWithUs"]);
    expect(model.audience.hypotheses!.personas.map((p) => p.id)).toEqual(["decisionMaker", "champion", "techTalent"]);
    expect(recommended(model)).toBe("crescita");
    // No factory floors or trade fairs for software.
    expect(JSON.stringify(model)).not.toContain("tradeFair");
  });

  it("a summer-tourism municipality after a fake-news crisis: WhatsApp as asked, official sources, the law on public communication, a summer peak", () => {
    const model = propose(prospects.municipality);
    expect(primaries(model)).toEqual(["facebook", "whatsapp", "instagram"]);
    expect(priorityOf(model, "x")).not.toBe("primary");
    expect(reasonsOf(model, "whatsapp")).toContain("Avete indicato di volere Canale WhatsApp o Telegram.");
    expect(model.crisis.level).toBe("reinforced");
    expect(all(model.crisis.fakeNews)).toContain("fonti ufficiali dell'ente");
    expect(ruleTexts(model).join("\n")).toContain("L. 150/2000");
    expect(ruleTexts(model).join("\n")).toContain("L. 28/2000, art. 9");
    expect(suggested(model)).not.toContain("ads");
    const summer = months(model).filter((mo) => ["06", "07", "08"].includes(mo.month.slice(5)));
    expect(summer.every((mo) => mo.intensity === 3)).toBe(true);
    expect(all(model.workflow.seasons.reasons)).toContain("I mesi di punta sono quelli che ci avete indicato: Estate.");
    const winter = months(model).find((mo) => mo.month.endsWith("-01"))!;
    expect(summer[0]!.postsPerWeek).toBeGreaterThan(winter.postsPerWeek);
    expect(all(model.audience.points)).toContain("Chi vi segue oggi: «residenti over 50».");
    expect(model.roles).toMatchObject({ approver: "Il sindaco", spokesperson: "Ufficio stampa" });
  });

  it("an animal charity strong on TikTok: TikTok kept first, donations as the goal with its KPIs, 5 per mille and Christmas giving in the calendar", () => {
    const model = propose(prospects.charity);
    expect(primaries(model)[0]).toBe("tiktok");
    expect(reasonsOf(model, "tiktok")).toContain("È un canale che avete già costruito: lo teniamo e lo facciamo rendere di più.");
    expect(model.summary[0]!.reasons.map(text)[0]).toBe("Su TikTok avete già 22.000 follower: si riparte da lì, non da zero.");
    expect(model.objectives[0]!.goal).toBe("donations");
    expect(model.objectives[0]!.kpis.map((k) => k.id)).toEqual(["donors", "regular"]);
    expect(model.content.pillars.map((p) => p.id)).toContain("transparency");
    expect(ruleTexts(model).join("\n")).toContain("5 per mille");
    const byMonth = Object.fromEntries(months(model).map((mo) => [mo.month.slice(5), mo]));
    expect(byMonth["05"]!.intensity).toBe(3);
    expect(byMonth["12"]!.drivers.map((d) => d.key)).toContain("plan.season.driver.givingSeason");
    expect(text(model.summary[1]!.text)).toContain("Misurare le donazioni");
    // The plan needs three channels; the budget reaches two, and the proposal says so.
    expect(recommended(model)).toBe("completo");
    expect(model.investment.gaps.map(text).join("\n")).toContain("Crescita");
  });

  it("a seaside hotel with English-speaking guests and a past wave of bad reviews: reinforced protocol, but no on-call service it does not need", () => {
    const model = propose(prospects.seaHotel);
    expect(primaries(model)).toEqual(["instagram", "facebook"]);
    expect(priorityOf(model, "tiktok")).toBe("leave");
    expect(priorityOf(model, "linkedin")).toBe("leave");
    expect(model.crisis.level).toBe("reinforced");
    expect(recommended(model)).toBe("crescita");
    expect(model.objectives[1]!.kpis[1]!.metric.key).toBe("plan.kpi.reputation.reviewsReply");
    expect(all(model.content.languages)).toContain("italiano e inglese");
    const byMonth = Object.fromEntries(months(model).map((mo) => [mo.month.slice(5), mo.intensity]));
    expect([byMonth["07"], byMonth["08"], byMonth["11"]]).toEqual([3, 3, 1]);
  });

  it("a manufacturer that wants LinkedIn: LinkedIn and a newsletter for buyers, refused TikTok left, August shutdown", () => {
    const model = propose(prospects.manufacturer);
    expect(primaries(model)).toEqual(["linkedin", "newsletter"]);
    expect(reasonsOf(model, "linkedin")).toContain("Avete indicato di volere LinkedIn.");
    expect(reasonsOf(model, "tiktok")).toEqual(["Avete detto di non volere TikTok: lo lasciamo fuori."]);
    expect(all(model.situation.observations)).toContain("Le vostre note sui canali: «TikTok non fa per noi».");
    expect(model.content.pillars.map((p) => p.id)).toEqual(["caseStudies", "production", "tradeFairs", "team", "workWithUs"]);
    expect(model.roadmap[1]!.items.map((i) => i.key)).toContain("plan.roadmap.tradeFair");
    expect(months(model).find((mo) => mo.month.endsWith("-08"))!.intensity).toBe(1);
    expect(suggested(model)).toContain("training");
  });

  it("a restaurant with no presence that refuses TikTok: two channels to start, video help, TikTok left", () => {
    const model = propose(prospects.restaurant);
    expect(primaries(model)).toEqual(["instagram", "facebook"]);
    expect(reasonsOf(model, "instagram")).toContain("Senza canali attivi conviene iniziare con 2 canali al massimo e farli bene.");
    expect(priorityOf(model, "tiktok")).toBe("leave");
    expect(suggested(model)).toContain("video");
    expect(all(model.content.reasons)).toContain("Non avete materiali pronti");
    expect(model.workflow.points.map((p) => p.key)).toContain("plan.workflow.startDefault");
    expect(model.workflow.calendar[0]!.date).toBe("2026-12-14");
  });

  it("a boutique with a young audience and a +30% target: Instagram alone, the target anchored in visits, Christmas and sales seasons", () => {
    const model = propose(prospects.boutique);
    expect(primaries(model)).toEqual(["instagram"]);
    expect(priorityOf(model, "facebook")).not.toBe("primary");
    const traffic = model.objectives[0]!;
    expect(traffic.goal).toBe("traffic");
    expect(traffic.reasons.map((r) => r.key)).toContain("plan.target.ownWordsOther");
    const byMonth = Object.fromEntries(months(model).map((mo) => [mo.month.slice(5), mo]));
    expect(byMonth["12"]!.intensity).toBe(3);
    expect(byMonth["01"]!.drivers.map((d) => d.key)).toContain("plan.season.driver.winterSales");
    expect(ruleTexts(model).join("\n")).toContain("art. 17-bis");
  });

  it("a solo lawyer who wants TikTok: LinkedIn only, TikTok advised against with a reason, the professional-advertising rule", () => {
    const model = propose(prospects.lawyer);
    expect(primaries(model)).toEqual(["linkedin"]);
    expect(priorityOf(model, "tiktok")).toBe("leave");
    expect(reasonsOf(model, "tiktok")).toContain("Lo avete chiesto, ma per i vostri obiettivi e il vostro pubblico TikTok renderebbe poco: vi consigliamo di non aprirlo ora.");
    expect(ruleTexts(model).join("\n")).toContain("D.P.R. 137/2012");
    expect(recommended(model)).toBe("essenziale");
    expect(model.investment.gaps).toEqual([]);
  });

  it("a theatre with a summer festival: the festival month and the one before at their peak, the tone of voice quoted", () => {
    const model = propose(prospects.theatre);
    expect(primaries(model)).toEqual(["facebook", "instagram"]);
    const byMonth = Object.fromEntries(months(model).map((mo) => [mo.month, mo]));
    expect(byMonth["2027-06"]!.intensity).toBe(3);
    expect(byMonth["2027-07"]!.intensity).toBe(3);
    expect(text(byMonth["2027-07"]!.drivers.find((d) => d.key === "plan.season.driver.keyDate")!)).toBe("«Festival d'estate», il 10 luglio 2027");
    expect(text(model.community.tone)).toBe("Il tono di voce che ci avete chiesto: «Caldo, ironico, mai snob». Lo applichiamo a post e risposte.");
    expect(months(model)[0]!.month).toBe("2027-03");
  });
});

describe("every promise comes from the recommended package or a named add-on", () => {
  it("never promises weekend, evening or full crisis service that the recommended package does not include", () => {
    for (const p of Object.values(prospects)) {
      const model = propose(p);
      const pkg = defaultOwnerSettings.packages.find((x) => x.id === recommended(model))!;
      const words = all([...model.community.reasons, ...model.crisis.timing]);
      if (pkg.features.replyDays !== "everyday") expect(words, p.organisation).not.toContain("tutti i giorni, weekend compresi");
      if (!pkg.features.eveningWeekendCover) {
        expect(model.community.outside, p.organisation).toBeNull();
        expect(words, p.organisation).not.toContain("a qualsiasi ora");
      }
      if (pkg.features.crisis !== "full") expect(model.crisis.authorities.map((x) => x.key), p.organisation).not.toContain("plan.crisis.authorities.contacts");
      // The weekly output over the year stays within what the package covers.
      expect(model.content.cadence.reduce((x, c) => x + c.postsPerWeek, 0), p.organisation).toBeLessThanOrEqual(pkg.postsPerWeek);
      const yearly = model.workflow.seasons.months.reduce((x, mo) => x + mo.postsPerWeek, 0) / 12;
      expect(yearly, p.organisation).toBeLessThanOrEqual(pkg.postsPerWeek + 0.1);
      expect(primaries(model).length, p.organisation).toBeLessThanOrEqual(pkg.channels + (suggested(model).includes("extra-channel") ? 1 : 0));
    }
  });

  it("follows the owner's packages: without a package that answers at weekends the hut is told it gets Monday replies", () => {
    const settings: OwnerSettings = {
      ...defaultOwnerSettings,
      packages: defaultOwnerSettings.packages.map((p) => ({ ...p, features: { ...p.features, replyDays: "weekdays", eveningWeekendCover: false } })),
    };
    const model = propose(prospects.hut, settings);
    expect(all(model.community.reasons)).toContain("i messaggi del weekend hanno risposta il lunedì");
    expect(model.investment.packages.find((p) => p.recommended)!.reasons.map((r) => r.key)).toContain("plan.reason.package.stillMissing");
  });

  it("an owner who prices the middle package above the budget still sees the plan's package recommended, with the gap said", () => {
    const settings: OwnerSettings = { ...defaultOwnerSettings, packages: defaultOwnerSettings.packages.map((p) => (p.id === "crescita" ? { ...p, monthlyNetCents: 120000 } : p)) };
    const model = propose(prospects.hut, settings);
    expect(recommended(model)).toBe("crescita");
    expect(model.investment.gaps.map(text)).toEqual([
      "Con il budget indicato (500–1.000 €) rientra il pacchetto Essenziale. Rispetto al piano, lascerebbe fuori:",
      "i canali oltre il primo: il piano ne prevede 2, il pacchetto 1;",
      "una parte dei contenuti: il piano ne prevede 7 a settimana, il pacchetto 3;",
      "le risposte nel weekend;",
    ]);
  });
});

describe("free text is quoted, never spliced", () => {
  it("keeps sentences whole whatever the prospect types, in both languages", () => {
    const odd: Prospect = {
      ...prospects.hut,
      roles: { approver: "io.  \n  poi vediamo...", spokesperson: "«Mario»", toneOfVoice: "boh;", coverHours: [], materials: [] },
      audience: { places: "   ", interests: "cani, gatti," },
    };
    for (const [resolve, open, close] of [
      [text, "«", "»"],
      [textEn, "“", "”"],
    ] as const) {
      const model = propose(odd);
      const words = [...model.roles.legend, ...model.audience.points, model.community.tone].map(resolve);
      for (const w of words) expect(w).not.toMatch(/[.;,]\s*[»”]|\s{2,}|\n/);
      expect(words.join(" ")).toContain(`${open}io. poi vediamo${close}`);
      expect(words.join(" ")).toContain(`${open}cani, gatti${close}`);
      expect(words.join(" ")).not.toContain("Luoghi");
    }
  });
});

describe("crisis reply times", () => {
  it("derives level times from the office-hours reply time, within floors and caps", () => {
    expect(crisisMinutes(120, false)).toEqual([120, 60, 30]);
    expect(crisisMinutes(120, true)).toEqual([120, 30, 15]);
    expect(crisisMinutes(60, true)).toEqual([60, 15, 10]);
    expect(crisisMinutes(30, false)).toEqual([30, 15, 10]);
    expect(crisisMinutes(24 * 60, false)).toEqual([1440, 120, 60]);
  });

  it("shows the client no arithmetic and no rules version", () => {
    for (const p of Object.values(prospects)) {
      const model = propose(p);
      const t = getT("it");
      const view = proposalView(model, "it", (k, o) => t(k, o));
      const words = JSON.stringify({ ...view, rulesVersion: undefined, label: undefined });
      expect(words).not.toMatch(/dimezza|un quarto|un ottavo|Regole 20/);
    }
  });
});

describe("the engine as a whole", () => {
  it("is deterministic and versioned", () => {
    for (const p of Object.values(prospects)) expect(propose(p)).toEqual(propose(p));
    expect(propose(prospects.hut).rulesVersion).toBe(RULES_VERSION);
    expect(propose(prospects.hut).validUntil).toBe("2026-12-25");
  });

  it("gives every proposal all fifteen parts, twelve months, a dated two-week calendar and cadence for each chosen channel", () => {
    for (const p of Object.values(prospects)) {
      const model = propose(p);
      expect(model.summary).toHaveLength(3);
      expect(model.roles.raci.length).toBeGreaterThanOrEqual(6);
      expect(model.roadmap.map((r) => r.days)).toEqual([30, 60, 90]);
      expect(model.content.cadence.map((c) => c.channel)).toEqual(primaries(model));
      expect(model.workflow.seasons.months).toHaveLength(12);
      const dates = model.workflow.calendar.map((e) => e.date);
      expect(dates[0]! >= model.roadmap[0]!.from).toBe(true);
      expect(dates.every((d) => d <= model.roadmap[0]!.to)).toBe(true);
      expect(model.workflow.calendar.length).toBeGreaterThan(0);
      expect(model.content.rules.map((r) => r.text.key)).toContain("plan.rule.accessibility");
      expect(model.nextSteps).toHaveLength(3);
    }
  });

  it("has words for every message in Italian and English", () => {
    for (const locale of ["it", "en"] as const) {
      const t = getT(locale);
      for (const p of Object.values(prospects)) {
        for (const msg of collectMsgs(propose(p))) {
          if (msg.key.startsWith("@")) continue;
          const words = t(msg.key, { count: 2 });
          expect(words, `${locale}: ${msg.key}`).not.toBe(msg.key);
          const resolved = resolveMsg(msg, (k, o) => t(k, o), locale);
          expect(resolved, `${locale}: ${msg.key}`).not.toMatch(/\{\{|\}\}|undefined|\[object/);
        }
      }
    }
  });

  it("reads stored answers defensively: damaged input gives null, unknown values are dropped", () => {
    expect(readIntakeAnswers("{not json")).toBeNull();
    expect(readIntakeAnswers(JSON.stringify({ about: { sector: "aliens" } }))).toBeNull();
    const a = prospectAnswers({ ...prospects.hut, audience: { ageBands: ["a18_24", "<script>"], languages: ["de", "klingon"] } });
    expect(a.audience.ageBands).toEqual([]);
    expect(a.audience.languages).toEqual([]);
  });
});
