import { describe, expect, it } from "vitest";
import { getT } from "~/i18n/i18n";
import { buildProposal, crisisMinutes, RULES_VERSION } from "./engine";
import { readIntakeAnswers, type IntakeAnswers } from "./input";
import type { Msg, ProposalModel } from "./model";
import { collectMsgs, resolveMsg } from "./resolve";
import { defaultOwnerSettings, type OwnerSettings } from "./settings";
import { proposalView } from "./view";

type Channels = Partial<Record<string, "present" | "wanted" | "refused" | "none">>;
interface Prospect {
  organisation: string;
  sector: string;
  size?: string;
  goals: string[];
  budget: string;
  channels: Channels;
  details?: Record<string, unknown>;
  ages?: string[];
  crisis?: Record<string, unknown> | null;
  roles?: Record<string, unknown>;
  audience?: Record<string, unknown>;
  timeframe?: string;
}

function answers(p: Prospect): IntakeAnswers {
  const stored = {
    about: { organisation: p.organisation, sector: p.sector, size: p.size ?? "s2_9", contactName: "Referente", language: "it", email: "x@example.com" },
    audience: { ageBands: p.ages ?? [], ...p.audience },
    goals: { goal1: p.goals[0], goal2: p.goals[1], goal3: p.goals[2], budgetBand: p.budget, timeframe: p.timeframe },
    channels: { facebook: "none", instagram: "none", x: "none", linkedin: "none", tiktok: "none", youtube: "none", threads: "none", whatsapp: "none", newsletter: "none", ...p.channels },
    channelDetails: p.details ?? {},
    crisis: { hadCrisis: p.crisis ? "yes" : "no" },
    ...(p.crisis ? { crisisDetails: p.crisis } : {}),
    roles: p.roles ?? {},
  };
  const read = readIntakeAnswers(JSON.stringify(stored));
  if (!read) throw new Error(`prospect ${p.organisation} does not parse`);
  return read;
}

function propose(p: Prospect, settings: OwnerSettings = defaultOwnerSettings): ProposalModel {
  return buildProposal({ answers: answers(p), organisation: p.organisation, contactName: "Referente", issuedOn: "2026-11-25" }, settings);
}

const it_ = getT("it");
const text = (msg: Msg) => resolveMsg(msg, (k, o) => it_(k, o), "it");
const primaries = (model: ProposalModel) => model.channels.filter((c) => c.priority === "primary").map((c) => c.channel);
const reasonsOf = (model: ProposalModel, channel: string) => model.channels.find((c) => c.channel === channel)!.reasons.map(text);
const recommended = (model: ProposalModel) => model.investment.packages.find((p) => p.recommended)!.id;
const kpisOf = (model: ProposalModel, goal: string) => model.objectives.find((o) => o.goal === goal)!.kpis;
const kpiLines = (model: ProposalModel, goal: string) => kpisOf(model, goal).map((k) => `${text(k.metric)}: ${text(k.target)}`);
const kpiReasons = (model: ProposalModel, goal: string) => kpisOf(model, goal).map((k) => text(k.reason));
const replyTimes = (model: ProposalModel) => model.community.byChannel.map((c) => [c.channel, c.businessHours, c.outsideHours]);
const channelReplyReasons = (model: ProposalModel, channel: string) => model.community.byChannel.find((c) => c.channel === channel)!.reasons.map(text);
const personaIds = (model: ProposalModel) => model.audience.hypotheses?.personas.map((p) => p.id) ?? null;
const en = getT("en");
const textEn = (msg: Msg) => resolveMsg(msg, (k, o) => en(k, o), "en");

const prospects = {
  hotel: {
    organisation: "Hotel Su Gologone",
    sector: "hospitality",
    goals: ["leads", "awareness"],
    budget: "b500_1000",
    channels: { instagram: "present", facebook: "present", tiktok: "refused" },
    details: { instagram_followers: 3200, facebook_followers: 5400, facebook_runBy: "nobody" },
  },
  municipality: {
    organisation: "Comune di Valfiorita",
    sector: "public_body",
    size: "s50_249",
    goals: ["civic", "reputation"],
    budget: "b1000_2500",
    channels: { facebook: "present", whatsapp: "wanted" },
    crisis: { crisisTypes: ["fake_news"], crisisScale: "regional", crisisOpen: "no", authorities: "no", exposure: ["public_office"] },
    roles: { approver: "Il sindaco", spokesperson: "Ufficio stampa" },
  },
  candidate: {
    organisation: "Paolo Russo sindaco",
    sector: "politics",
    goals: ["civic", "awareness", "reputation"],
    budget: "b2500_5000",
    channels: { facebook: "present", instagram: "present", x: "present" },
    crisis: { crisisTypes: ["threats", "shitstorm"], crisisOpen: "yes", authorities: "yes", exposure: ["public_office", "high_visibility"] },
    roles: { responseTime: "h1", coverHours: ["evenings", "weekends"] },
  },
  manufacturer: {
    organisation: "Meccanica Ferri Srl",
    sector: "manufacturing",
    size: "s50_249",
    goals: ["leads", "recruiting"],
    budget: "b500_1000",
    channels: { linkedin: "wanted", facebook: "none" },
  },
  restaurant: {
    organisation: "Trattoria da Nino",
    sector: "food",
    goals: ["awareness", "engagement"],
    budget: "lt500",
    channels: {},
  },
  nonProfit: {
    organisation: "Amici del Parco",
    sector: "association",
    goals: ["community", "recruiting"],
    budget: "unknown",
    channels: { facebook: "present", whatsapp: "present" },
    details: { facebook_runBy: "volunteer", facebook_frequency: "rarely" },
  },
  shop: {
    organisation: "Boutique Lina",
    sector: "retail",
    goals: ["traffic", "leads"],
    budget: "b1000_2500",
    ages: ["a18_24", "a25_34"],
    channels: { instagram: "present", tiktok: "refused" },
    details: { instagram_followers: 800 },
  },
  studio: {
    organisation: "Studio legale Marras",
    sector: "professional",
    size: "solo",
    goals: ["reputation"],
    budget: "lt500",
    channels: { linkedin: "present" },
    details: { linkedin_followers: 450 },
  },
} satisfies Record<string, Prospect>;

describe("strategy rules on contrasting prospects", () => {
  it("a hotel in Sardinia wanting bookings: conversion KPIs first, Instagram and Facebook, told why", () => {
    const model = propose(prospects.hotel);
    expect(model.objectives[0]!.goal).toBe("leads");
    expect(text(model.objectives[0]!.kpis[0]!.metric)).toContain("conversioni prima dei follower");
    expect(text(model.summary[1]!.text)).toContain("conversioni prima dei numeri di vanità");
    expect(primaries(model)).toEqual(["instagram", "facebook"]);
    expect(reasonsOf(model, "instagram")).toContain("Instagram serve il vostro obiettivo principale, «Contatti e vendite».");
    expect(reasonsOf(model, "instagram")).toContain("Su Instagram avete già 3.200 follower: si riparte da lì, non da zero.");
    expect(model.channels.find((c) => c.channel === "tiktok")).toMatchObject({ priority: "leave" });
    expect(reasonsOf(model, "tiktok")).toEqual(["Avete detto di non volere TikTok: lo lasciamo fuori."]);
    expect(model.situation.observations.map(text)).toContain("Facebook oggi non ha una persona dedicata: senza continuità l'algoritmo e il pubblico vi dimenticano.");
    expect(model.investment.addOns.find((a) => a.id === "ads")!.suggested).toBe(true);
    expect(recommended(model)).toBe("crescita");
  });

  it("a municipality with a past fake-news crisis: reinforced protocol, fake-news handling and escalation to the Polizia Postale", () => {
    const model = propose(prospects.municipality);
    expect(model.crisis.level).toBe("reinforced");
    expect(model.crisis.reasons.map(text)).toContain("Avete già vissuto una crisi (Fake news o disinformazione): prepariamo la risposta prima che si ripeta.");
    expect(model.crisis.fakeNews).not.toBeNull();
    expect(model.crisis.authorities!.map(text).join(" ")).toContain("Polizia Postale");
    expect(model.crisis.escalation.map(text)).toContain("2. Decide Il sindaco, entro i tempi del livello.");
    expect(model.crisis.severities.find((s) => s.level === 3)!.responseMinutes).toBe(15);
    expect(primaries(model)[0]).toBe("facebook");
    expect(model.roadmap[0]!.items.map(text)).toContain("Prova del protocollo di crisi con chi approva e il portavoce.");
  });

  it("a mayoral candidate harassed online: threats go to the authorities with preserved evidence, one-hour replies, evening cover", () => {
    const model = propose(prospects.candidate);
    expect(model.crisis.level).toBe("reinforced");
    expect(text(model.crisis.severities[2]!.description)).toContain("Minacce, molestie");
    expect(model.crisis.authorities!.map(text)[0]).toContain("Minacce e molestie si segnalano alla Polizia Postale");
    expect(model.crisis.authorities!.map(text)).toContain("In passato avete già coinvolto le autorità: teniamo pronti i contatti e il formato delle prove.");
    expect(model.crisis.reasons.map(text)).toContain("La crisi è ancora aperta: il monitoraggio parte dal primo giorno.");
    expect(model.community.business).toBe(1);
    expect(model.community.outside).toBe(defaultOwnerSettings.responseHours.outside);
    expect(recommended(model)).toBe("completo");
    expect(primaries(model)).toContain("facebook");
  });

  it("a B2B manufacturer wanting LinkedIn leads: the manufacturing sector, LinkedIn for leads and a newsletter, case studies and trade fairs", () => {
    const model = propose(prospects.manufacturer);
    expect(primaries(model)).toEqual(["linkedin", "newsletter"]);
    expect(reasonsOf(model, "linkedin")).toContain("Avete indicato di volere LinkedIn.");
    expect(reasonsOf(model, "linkedin")).toContain("Per il settore «Industria e B2B» il pubblico vi cerca soprattutto su LinkedIn.");
    expect(reasonsOf(model, "linkedin")).toContain("Nel B2B chi decide gli acquisti (uffici tecnici, acquisti, direzione) si informa su LinkedIn: è il canale dei contatti qualificati.");
    expect(reasonsOf(model, "newsletter")).toContain("Nel B2B una decisione d'acquisto richiede mesi: la newsletter tiene vivi i contatti presi in fiera e su LinkedIn fino all'ordine.");
    // Consumer video channels do little for B2B buyers: not chosen, even with a recruiting goal.
    expect(primaries(model)).not.toContain("instagram");
    expect(primaries(model)).not.toContain("tiktok");
    expect(model.content.pillars.map((p) => p.id)).toEqual(["caseStudies", "production", "tradeFairs", "team"]);
    expect(model.content.pillars.map((p) => text(p.text))).toContain("Fiere di settore: prima, durante e dopo");
    expect(model.content.reasons.map(text)).toContain("Nel B2B convincono i fatti: casi concreti con i numeri, la produzione vista da vicino e le fiere di settore, dove i contatti nascono e si seguono.");
    expect(model.roadmap[1]!.items.map(text)).toContain("Piano per la prossima fiera di settore: annuncio, racconto dallo stand, contatti seguiti dopo.");
    expect(model.objectives.map((o) => o.goal)).toEqual(["leads", "recruiting"]);
    expect(kpiLines(model, "leads")[0]).toBe("Contatti qualificati (richieste di preventivo, incontri fissati) arrivati da LinkedIn e Newsletter, le conversioni prima dei follower: almeno 5 al mese entro 6 mesi");
    expect(kpiReasons(model, "leads")[0]).toContain("nel B2B contano un'azienda del vostro target, un referente e un bisogno, non i like");
    expect(kpiLines(model, "recruiting")).toEqual(["Candidature arrivate dai social: almeno 8 al mese entro 6 mesi", "Visite alle offerte di lavoro dai social: almeno 80 al mese entro 6 mesi"]);
    expect(model.investment.addOns.find((a) => a.id === "training")!.suggested).toBe(true);
  });

  it("a restaurant with no social presence: starts small and is told why", () => {
    const model = propose(prospects.restaurant);
    expect(primaries(model).length).toBeLessThanOrEqual(2);
    expect(primaries(model)[0]).toBe("instagram");
    expect(model.situation.rows).toEqual([]);
    expect(model.situation.observations.map(text)[0]).toContain("Oggi non avete canali attivi");
    // The essential package has one channel: "un solo canale", not "1 canali".
    expect(model.channels.find((c) => c.priority === "primary")!.reasons.map(text)).toContain("Senza canali attivi conviene iniziare con un solo canale e farlo bene.");
    expect(recommended(model)).toBe("essenziale");
    expect(model.crisis.level).toBe("standard");
  });

  it("a non-profit with volunteers: community first, Facebook and WhatsApp, continuity flagged", () => {
    const model = propose(prospects.nonProfit);
    expect(model.objectives[0]!.goal).toBe("community");
    expect(primaries(model)).toEqual(["facebook", "whatsapp"]);
    expect(model.content.pillars.map((p) => p.id)).toContain("volunteers");
    expect(model.situation.observations.map(text)).toContain("Su Facebook pubblicate raramente: la regolarità conta più della quantità.");
    expect(model.investment.packages.find((p) => p.recommended)!.reasons.map(text)[0]).toContain("Non avete ancora un budget");
  });

  it("a shop with a young audience that refuses TikTok: TikTok stays out, Instagram leads, ads suggested for traffic", () => {
    const model = propose(prospects.shop);
    expect(model.channels.find((c) => c.channel === "tiktok")!.priority).toBe("leave");
    expect(primaries(model)[0]).toBe("instagram");
    expect(reasonsOf(model, "instagram")).toContain("Volete raggiungere un pubblico giovane, che passa molto tempo su Instagram.");
    expect(model.situation.observations.map(text)).toContain("Instagram ha 800 follower: una base piccola, che cresce con costanza più che con i numeri.");
    expect(model.investment.addOns.find((a) => a.id === "ads")!.reasons.map(text)[0]).toContain("«Portare visite al sito»");
  });

  it("a solo professional with a small budget: the package that fits it, one channel, told why", () => {
    const model = propose(prospects.studio);
    expect(recommended(model)).toBe("essenziale");
    expect(primaries(model)).toEqual(["linkedin"]);
    expect(model.investment.packages.find((p) => p.recommended)!.reasons.map(text)[0]).toBe("È il pacchetto più completo nel budget che avete indicato (Meno di 500 €).");
    expect(model.crisis.level).toBe("standard");
  });
});

describe("crisis protocol: authorities, misinformation and reply times from the settings", () => {
  it("a standard protocol (restaurant, no past crisis) still says when and how to involve the authorities and how to handle fake news", () => {
    const model = propose(prospects.restaurant);
    expect(model.crisis.level).toBe("standard");
    const authorities = model.crisis.authorities.map(text);
    expect(authorities[0]).toBe("Minacce, molestie, diffamazione, truffe e profili falsi a vostro nome: segnalazione alla Polizia Postale (commissariatodips.it) e, se c'è un reato, denuncia.");
    expect(authorities).toContain("Violazione di dati personali (un account violato, dati di clienti esposti): notifica al Garante Privacy entro 72 ore da quando ve ne accorgete, se c'è un rischio per le persone (GDPR, art. 33).");
    expect(authorities).toContain("Diffide, richieste di rimozione o contenuti con possibili conseguenze legali: nessuna risposta pubblica prima di aver sentito il vostro legale.");
    expect(authorities).toContain("Decide il vostro referente se segnalare o denunciare; lo studio non parla con le autorità a vostro nome senza il vostro mandato.");
    // Lighter than a reinforced protocol: no contacts kept ready, no 112 line.
    expect(authorities.join(" ")).not.toContain("Dal primo mese teniamo pronti");
    expect(authorities.join(" ")).not.toContain("112");
    expect(model.crisis.fakeNews.map(text)).toEqual([
      "Controlliamo le menzioni ogni settimana (ogni giorno se qualcosa si muove) per accorgerci presto delle notizie false.",
      "Rispondiamo con fonti verificabili e un messaggio breve, senza ripetere la notizia falsa nel titolo.",
      "Non rilanciamo chi diffonde il falso: segnaliamo il contenuto alla piattaforma.",
      "Se la notizia falsa danneggia la vostra reputazione o arriva ai media diventa un caso di livello 3: coinvolgiamo il legale e, se è diffamazione, la Polizia Postale.",
    ]);
    // Level times from the owner's office-hours target (2 hours): half and a quarter.
    expect(model.crisis.severities.map((s) => s.responseMinutes)).toEqual([120, 60, 30]);
    expect(model.crisis.timing.map(text)[0]).toBe(
      "I tempi partono dal tempo di risposta ordinario in orario d'ufficio (2 ore): il livello 2 lo dimezza (1 ora), il livello 3 lo riduce a un quarto (30 minuti), mai sotto i 15 e i 10 minuti né sopra le 2 ore e l'ora.",
    );
  });

  it("a municipality with a past fake-news crisis: immediate reports, contacts ready, daily monitoring and facts prepared, faster levels", () => {
    const model = propose(prospects.municipality);
    const authorities = model.crisis.authorities.map(text);
    expect(authorities[0]).toContain("Diffamazione, notizie false che vi danneggiano, truffe, furti d'identità o attacchi coordinati si segnalano subito alla Polizia Postale");
    expect(authorities).toContain("Dal primo mese teniamo pronti i contatti della Polizia Postale del vostro territorio e del vostro legale, con un modello di segnalazione già impostato.");
    expect(authorities.join(" ")).toContain("Garante Privacy entro 72 ore");
    expect(authorities).toContain("Decide Il sindaco se segnalare o denunciare; lo studio non parla con le autorità a vostro nome senza il vostro mandato.");
    expect(model.crisis.fakeNews.map(text).slice(0, 2)).toEqual([
      "Monitoriamo le menzioni ogni giorno per accorgerci presto delle notizie false.",
      "Prepariamo in anticipo una pagina con i fatti e le risposte alle domande ricorrenti, da linkare quando circola il falso.",
    ]);
    expect(model.crisis.severities.map((s) => s.responseMinutes)).toEqual([120, 30, 15]);
    expect(model.crisis.timing.map(text)).toEqual([
      "Con il protocollo rafforzato i tempi si accorciano: dal tempo ordinario in orario d'ufficio (2 ore) il livello 2 scende a un quarto (30 minuti), il livello 3 a un ottavo (15 minuti), mai sotto i 15 e i 10 minuti né sopra l'ora e la mezz'ora.",
      "I tempi dei livelli 2 e 3 valgono a qualsiasi ora, anche la sera e nel weekend: una crisi non aspetta l'orario d'ufficio.",
    ]);
  });

  it("a harassed candidate who asked for one-hour replies: 112 first when someone is in danger, and levels from that hour", () => {
    const model = propose(prospects.candidate);
    const authorities = model.crisis.authorities.map(text);
    expect(authorities.slice(0, 2)).toEqual([
      "Minacce e molestie si segnalano alla Polizia Postale (commissariatodips.it) il giorno stesso e, con il vostro legale, si denunciano.",
      "Se una minaccia riguarda l'incolumità di una persona si chiama subito il 112, prima di ogni altra azione.",
    ]);
    expect(model.crisis.severities.map((s) => s.responseMinutes)).toEqual([60, 15, 10]);
    expect(text(model.crisis.timing[0]!)).toContain("(1 ora) il livello 2 scende a un quarto (15 minuti), il livello 3 a un ottavo (10 minuti)");
  });

  it("derives the level times from the owner's reply-time setting, within floors and caps", () => {
    const slow: OwnerSettings = { ...defaultOwnerSettings, responseHours: { business: 4, outside: 24 } };
    expect(propose(prospects.restaurant, slow).crisis.severities.map((s) => s.responseMinutes)).toEqual([240, 120, 60]);
    expect(propose(prospects.municipality, slow).crisis.severities.map((s) => s.responseMinutes)).toEqual([240, 60, 30]);
    const quick: OwnerSettings = { ...defaultOwnerSettings, responseHours: { business: 1, outside: 6 } };
    expect(propose(prospects.hotel, quick).crisis.severities.map((s) => s.responseMinutes)).toEqual([60, 30, 15]);
    expect(text(propose(prospects.hotel, quick).crisis.timing[0]!)).toContain("(1 ora): il livello 2 lo dimezza (30 minuti), il livello 3 lo riduce a un quarto (15 minuti)");
    expect(crisisMinutes(15, false)).toEqual([15, 15, 10]);
    expect(crisisMinutes(72 * 60, true)).toEqual([4320, 60, 30]);
  });

  it("gives every prospect an authorities section and fake-news handling, stronger and faster when reinforced", () => {
    for (const p of Object.values(prospects)) {
      const model = propose(p);
      const words = model.crisis.authorities.map(text).join(" ");
      expect(words, p.organisation).toContain("Polizia Postale");
      expect(words, p.organisation).toContain("Garante Privacy");
      expect(words, p.organisation).toContain("legale");
      expect(model.crisis.fakeNews.length, p.organisation).toBeGreaterThanOrEqual(4);
      const [l1, l2, l3] = model.crisis.severities.map((s) => s.responseMinutes);
      expect(l1! >= l2! && l2! >= l3!, p.organisation).toBe(true);
      if (model.crisis.level === "reinforced") expect(words, p.organisation).toContain("Dal primo mese teniamo pronti");
    }
  });
});

describe("plurals in the engine's words", () => {
  it("says one channel and 2 channels, in both languages", () => {
    const one = propose(prospects.restaurant);
    const first = one.channels.find((c) => c.priority === "primary")!.reasons;
    expect(first.map(textEn)).toContain("With no active channels it is wiser to start with a single channel and run it well.");
    const two = propose({ ...prospects.restaurant, budget: "b1000_2500" });
    expect(two.channels.find((c) => c.priority === "primary")!.reasons.map(text)).toContain("Senza canali attivi conviene iniziare con 2 canali al massimo e farli bene.");
  });

  it("counts followers, hours, days and posts with the right form (including Italian's «many»)", () => {
    const tiny = propose({ ...prospects.shop, details: { instagram_followers: 1 } });
    expect(tiny.situation.observations.map(textEn)).toContain("Instagram has 1 follower: a small base, which grows with consistency more than with numbers.");
    expect(reasonsOf(tiny, "instagram")).toContain("Su Instagram avete già 1 follower: si riparte da lì, non da zero.");
    expect(tiny.channels.find((c) => c.channel === "instagram")!.reasons.map(textEn)).toContain("You already have 1 follower on Instagram: we build on that, not from zero.");
    const million = propose({ ...prospects.shop, details: { instagram_followers: 1_000_000 } });
    expect(reasonsOf(million, "instagram")).toContain("Su Instagram avete già 1.000.000 follower: si riparte da lì, non da zero.");

    const candidate = proposalView(propose(prospects.candidate), "it", (k, o) => it_(k, o));
    expect(candidate.community.business).toBe("In orario d'ufficio: entro 1 ora");
    expect(candidate.crisis.severities.map((s) => s.response)).toEqual(["1 ora", "15 minuti", "10 minuti"]);
    const candidateEn = proposalView(propose(prospects.candidate), "en", (k, o) => en(k, o));
    expect(candidateEn.community.business).toBe("Office hours: within 1 hour");
    expect(candidateEn.community.outside).toBe("Evenings and weekends: within 12 hours");

    const small: OwnerSettings = {
      ...defaultOwnerSettings,
      validityDays: 1,
      packages: defaultOwnerSettings.packages.map((p) => (p.id === "essenziale" ? { ...p, postsPerWeek: 1 } : p)),
    };
    const model = propose(prospects.studio, small);
    expect(model.terms.map(text)).toContain("La proposta è valida un giorno; dopo va rinnovata.");
    expect(model.terms.map(textEn)).toContain("The proposal is valid for one day; after that it must be renewed.");
    expect(model.content.reasons.map(text)).toContain("Il pacchetto Essenziale prevede un contenuto a settimana, sul canale scelto.");
    expect(model.investment.packages.find((p) => p.id === "essenziale")!.includes.map(text)).toContain("1 contenuto a settimana");
  });
});

describe("objectives: measurable KPIs with a number, a time frame and a reason", () => {
  it("a hotel wanting bookings: bookings a month from its 8,600 followers, replies to enquiries, follower growth from the baseline", () => {
    const model = propose(prospects.hotel);
    expect(kpisOf(model, "leads").map((k) => [k.id, k.value, k.unit, k.months])).toEqual([
      ["leads", 26, "perMonth", 6],
      ["reply", 2, "hours", 6],
    ]);
    expect(kpiLines(model, "leads")).toEqual([
      "Prenotazioni e richieste di disponibilità attribuite ai social, le conversioni prima dei follower: almeno 26 al mese entro 6 mesi",
      "Tempo di risposta ai messaggi di richiesta: entro 2 ore in orario d'ufficio, dal primo mese",
    ]);
    expect(kpiReasons(model, "leads")[0]).toContain("Richieste: circa 3 al mese ogni 1.000 follower (8.600 follower oggi) e non meno di 5 per un'organizzazione delle vostre dimensioni (2–9 persone)");
    expect(kpisOf(model, "awareness")[0]).toMatchObject({ id: "followers", baseline: 8600, value: 9890, unit: "followers", months: 6 });
    expect(kpiLines(model, "awareness")[0]).toBe("Follower in target sui canali scelti: da 8.600 a 9.890 (+15%) entro 6 mesi");
    expect(kpiReasons(model, "awareness")[0]).toBe(
      "Follower: oggi la base di partenza è di 8.600 follower su Facebook e Instagram; per una base di questa dimensione +15% in 6 mesi è un traguardo ambizioso ma realistico, senza comprare follower.",
    );
    expect(model.objectives[0]!.reasons.map(text)).toContain("Non avete indicato una scadenza: misuriamo i traguardi a 6 mesi, il tempo che serve per vedere una tendenza.");
    expect(model.measurement.kpis.map(text)[0]).toBe("Prenotazioni e richieste di disponibilità attribuite ai social, le conversioni prima dei follower: almeno 26 al mese entro 6 mesi.");
  });

  it("follows the time frame the prospect gave", () => {
    const model = propose({ ...prospects.hotel, timeframe: "m12" });
    expect(kpisOf(model, "awareness")[0]).toMatchObject({ baseline: 8600, value: 11180, months: 12 });
    expect(kpiLines(model, "awareness")[0]).toBe("Follower in target sui canali scelti: da 8.600 a 11.180 (+30%) entro 12 mesi");
    expect(model.objectives[0]!.reasons.map(text)).toContain("I traguardi hanno la scadenza che avete indicato: 12 mesi.");
  });

  it("a restaurant with no presence: absolute first targets, to recalibrate", () => {
    const model = propose(prospects.restaurant);
    expect(kpiLines(model, "awareness")).toEqual(["Follower in target sui canali scelti: 200 nuovi follower in target entro 6 mesi", "Copertura mensile (persone diverse raggiunte nel pubblico di riferimento): almeno 1.000 persone al mese entro 6 mesi"]);
    expect(kpiReasons(model, "awareness")[0]).toContain("non abbiamo numeri di partenza su Instagram");
    expect(kpiLines(model, "engagement")[0]).toBe("Tasso di interazione per contenuto (commenti, condivisioni e salvataggi sulle persone raggiunte): 3% o più entro 6 mesi");
  });

  it("a non-profit: care measured by reply time, volunteers rather than job applications", () => {
    const model = propose(prospects.nonProfit);
    expect(kpiLines(model, "community")[0]).toBe("Tempo di risposta a commenti e messaggi: entro 2 ore in orario d'ufficio, dal primo mese");
    expect(kpiReasons(model, "community")[0]).toContain("per una community la prontezza conta più del numero di post; 2 ore è il nostro tempo");
    expect(kpiLines(model, "recruiting")[0]).toBe("Nuovi volontari arrivati dai social: almeno 2 al mese entro 6 mesi");
  });

  it("a municipality and a candidate: participation and answers to citizens within the reply time", () => {
    expect(kpiLines(propose(prospects.municipality), "civic")).toEqual([
      "Partecipanti a eventi, consultazioni e servizi promossi sui social: +25% rispetto a oggi entro 6 mesi",
      "Domande dei cittadini con risposta: il 90% entro 2 ore in orario d'ufficio, dal primo mese",
    ]);
    expect(kpiLines(propose(prospects.candidate), "civic")[1]).toBe("Domande dei cittadini con risposta: il 90% entro 1 ora in orario d'ufficio, dal primo mese");
    expect(kpiLines(propose(prospects.candidate), "reputation")[0]).toBe("Menzioni e recensioni positive o neutre sul totale: 80% o più entro 6 mesi");
  });

  it("gives every goal of every prospect KPIs with a positive number, a time frame and a reason", () => {
    for (const p of Object.values(prospects)) {
      for (const o of propose(p).objectives) {
        expect(o.kpis.length, `${p.organisation} ${o.goal}`).toBeGreaterThanOrEqual(2);
        for (const k of o.kpis) {
          expect(k.value, `${p.organisation} ${k.id}`).toBeGreaterThan(0);
          expect(k.months).toBeGreaterThan(0);
          expect(text(k.target)).toMatch(/\d/);
          expect(text(k.target)).toMatch(/entro/);
          expect(text(k.reason).length).toBeGreaterThan(20);
          expect(o.reasons).toContainEqual(k.reason);
        }
      }
    }
  });
});

describe("audience: personas as hypotheses when none were described", () => {
  it("a hotel: three sector personas, marked as hypotheses to validate at kick-off", () => {
    const model = propose(prospects.hotel);
    expect(personaIds(model)).toEqual(["couple", "family", "foreignGuest"]);
    expect(text(model.audience.hypotheses!.note)).toBe(
      "Non ci avete descritto le vostre persone tipo: ne proponiamo 3 come ipotesi, costruite dal settore, dalle fasce d'età e dagli obiettivi indicati. Sono da verificare insieme alla call di avvio.",
    );
    const couple = model.audience.hypotheses!.personas[0]!;
    expect([couple.name, text(couple.ages), couple.channel]).toEqual(["Giulia e Marco", "25–34 anni", "instagram"]);
    expect(couple.reasons.map(text)).toContain("Costruita dal vostro settore («Hotel e ospitalità»): non avete indicato fasce d'età, l'età è una nostra stima.");
    expect(model.roadmap[0]!.items.map(text)).toContain("Verifica delle persone tipo ipotizzate, alla call di avvio.");
    const view = proposalView(model, "en", (k, o) => en(k, o));
    expect(view.audience.hypotheses!.title).toBe("Assumed personas, to validate at the kick-off call");
    expect(view.audience.hypotheses!.personas[0]!.name).toBe("Giulia e Marco (aged 25–34)");
  });

  it("a shop with a young audience: the age bands given, reached on Instagram (TikTok refused)", () => {
    const personas = propose(prospects.shop).audience.hypotheses!.personas;
    expect(personas.map((p) => [p.id, text(p.ages), p.channel])).toEqual([
      ["localShopper", "18–24 anni", "instagram"],
      ["giftBuyer", "25–34 anni", "instagram"],
      ["onlineBrowser", "18–24 anni", "instagram"],
    ]);
    expect(personas[1]!.reasons.map(text)[0]).toBe("Costruita dal vostro settore («Commercio») e da una fascia d'età che avete indicato (25–34 anni).");
  });

  it("a B2B manufacturer recruiting: a technical buyer, a distributor and a job seeker, on LinkedIn", () => {
    const personas = propose(prospects.manufacturer).audience.hypotheses!.personas;
    expect(personas.map((p) => p.id)).toEqual(["technicalBuyer", "distributor", "jobSeeker"]);
    expect(personas.every((p) => p.channel === "linkedin")).toBe(true);
    expect(personas[2]!.reasons.map(text)).toContain("Aggiunta perché tra i vostri obiettivi c'è «Trovare personale».");
  });

  it("two personas for a single goal and no ages; a non-profit's recruits are its volunteers; a candidate's first voters are on Instagram", () => {
    expect(personaIds(propose(prospects.studio))).toEqual(["smallBusiness", "privateClient"]);
    expect(personaIds(propose(prospects.nonProfit))).toEqual(["volunteer", "donor", "beneficiary"]);
    const firstVoter = propose(prospects.candidate).audience.hypotheses!.personas.find((p) => p.id === "firstVoter")!;
    expect([text(firstVoter.ages), firstVoter.channel]).toEqual(["18–24 anni", "instagram"]);
  });

  it("keeps the prospect's own personas and invents none when they described them", () => {
    const model = propose({ ...prospects.hotel, audience: { personas: "Coppie tedesche sopra i 50 anni, amanti del trekking" } });
    expect(model.audience.personas).toBe("Coppie tedesche sopra i 50 anni, amanti del trekking");
    expect(model.audience.hypotheses).toBeNull();
    expect(model.roadmap[0]!.items.map(text)).not.toContain("Verifica delle persone tipo ipotizzate, alla call di avvio.");
  });
});

describe("community: reply times by channel and time band", () => {
  it("a municipality: WhatsApp faster than Facebook and X, the next working day outside office hours", () => {
    const model = propose(prospects.municipality);
    expect(replyTimes(model)).toEqual([
      ["facebook", 2, null],
      ["x", 2, null],
      ["whatsapp", 1, null],
    ]);
    expect(channelReplyReasons(model, "whatsapp")).toEqual(["Su Canale WhatsApp o Telegram chi scrive si aspetta una risposta quasi in tempo reale: entro 1 ora in orario d'ufficio."]);
    expect(channelReplyReasons(model, "facebook")).toEqual(["Su Facebook commenti e messaggi privati sono conversazioni veloci e visibili: entro 2 ore in orario d'ufficio."]);
    expect(model.community.reasons.map(text)).toEqual([
      "Il tempo di riferimento in orario d'ufficio è 2 ore; ogni canale ha il suo, in base a come vi si scrive.",
      "Rispondiamo in orario d'ufficio; fuori orario solo per le crisi.",
    ]);
  });

  it("a candidate who asked for one-hour replies and evening cover: 1 hour in office hours, 12 outside, on every channel", () => {
    const model = propose(prospects.candidate);
    expect(replyTimes(model)).toEqual([
      ["facebook", 1, 12],
      ["instagram", 1, 12],
      ["x", 1, 12],
    ]);
    expect(model.community.reasons.map(text)).toEqual([
      "Avete chiesto risposte entro 1 ora: è il nostro tempo di riferimento in orario d'ufficio, e i tempi di ogni canale ne discendono.",
      "Avete chiesto copertura anche fuori orario d'ufficio: la sera e nel weekend rispondiamo entro 12 ore.",
    ]);
  });

  it("a B2B manufacturer: LinkedIn and newsletter replies at a calmer pace; email waits for the next working day", () => {
    const model = propose(prospects.manufacturer);
    expect(replyTimes(model)).toEqual([
      ["linkedin", 4, null],
      ["newsletter", 8, null],
    ]);
    expect(channelReplyReasons(model, "linkedin")).toEqual(["Su LinkedIn i tempi sono più distesi (contatti professionali, commenti ai video): entro 4 ore in orario d'ufficio."]);
    const covered = propose({ ...prospects.manufacturer, roles: { coverHours: ["office", "evenings"] } });
    expect(replyTimes(covered)).toEqual([
      ["linkedin", 4, 24],
      ["newsletter", 8, null],
    ]);
    expect(channelReplyReasons(covered, "newsletter")).toContain("Le email che arrivano la sera o nel weekend hanno risposta il primo giorno lavorativo.");
  });

  it("follows the owner's settings; a slower wish from the client does not slow the standard", () => {
    const settings: OwnerSettings = { ...defaultOwnerSettings, responseHours: { business: 4, outside: 24 } };
    expect(replyTimes(propose(prospects.hotel, settings))).toEqual([
      ["instagram", 4, null],
      ["facebook", 4, null],
    ]);
    const relaxed = propose({ ...prospects.hotel, roles: { responseTime: "h24", coverHours: ["weekends"] } });
    expect(replyTimes(relaxed)).toEqual([
      ["instagram", 2, 12],
      ["facebook", 2, 12],
    ]);
    const view = proposalView(relaxed, "it", (k, o) => it_(k, o));
    expect(view.community.byChannel[0]).toMatchObject({ channel: "Instagram", business: "2 ore", outside: "12 ore" });
    const office = proposalView(propose(prospects.hotel), "en", (k, o) => en(k, o));
    expect(office.community.byChannel[0]).toMatchObject({ channel: "Instagram", business: "2 hours", outside: "The next working day" });
  });
});

describe("the engine as a whole", () => {
  it("is deterministic and versioned", () => {
    for (const p of Object.values(prospects)) expect(propose(p)).toEqual(propose(p));
    expect(propose(prospects.hotel).rulesVersion).toBe(RULES_VERSION);
    expect(propose(prospects.hotel).validUntil).toBe("2026-12-25");
  });

  it("gives every proposal all fifteen parts, a calendar of two weeks and cadence for each chosen channel", () => {
    for (const p of Object.values(prospects)) {
      const model = propose(p);
      expect(model.summary).toHaveLength(3);
      expect(model.roles.raci.length).toBeGreaterThanOrEqual(6);
      expect(model.roadmap.map((r) => r.days)).toEqual([30, 60, 90]);
      expect(model.content.cadence.map((c) => c.channel)).toEqual(primaries(model));
      const days = model.workflow.calendar.map((e) => e.day);
      expect(Math.min(...days)).toBeGreaterThanOrEqual(1);
      expect(Math.max(...days)).toBeLessThanOrEqual(14);
      expect(model.workflow.calendar.length).toBeGreaterThan(0);
      expect(model.terms.length).toBeGreaterThan(0);
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
    const a = answers({ ...prospects.hotel, ages: ["a18_24", "<script>"] });
    expect(a.audience.ageBands).toEqual([]);
  });
});
