import { describe, expect, it } from "vitest";
import { getT } from "~/i18n/i18n";
import { buildProposal, RULES_VERSION } from "./engine";
import { readIntakeAnswers, type IntakeAnswers } from "./input";
import type { Msg, ProposalModel } from "./model";
import { collectMsgs, resolveMsg } from "./resolve";
import { defaultOwnerSettings } from "./settings";

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
}

function answers(p: Prospect): IntakeAnswers {
  const stored = {
    about: { organisation: p.organisation, sector: p.sector, size: p.size ?? "s2_9", contactName: "Referente", language: "it", email: "x@example.com" },
    audience: { ageBands: p.ages ?? [] },
    goals: { goal1: p.goals[0], goal2: p.goals[1], goal3: p.goals[2], budgetBand: p.budget },
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

function propose(p: Prospect): ProposalModel {
  return buildProposal({ answers: answers(p), organisation: p.organisation, contactName: "Referente", issuedOn: "2026-11-25" }, defaultOwnerSettings);
}

const it_ = getT("it");
const text = (msg: Msg) => resolveMsg(msg, (k, o) => it_(k, o), "it");
const primaries = (model: ProposalModel) => model.channels.filter((c) => c.priority === "primary").map((c) => c.channel);
const reasonsOf = (model: ProposalModel, channel: string) => model.channels.find((c) => c.channel === channel)!.reasons.map(text);
const recommended = (model: ProposalModel) => model.investment.packages.find((p) => p.recommended)!.id;

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
    sector: "professional",
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
    expect(text(model.objectives[0]!.kpis[0]!)).toContain("conversioni prima dei follower");
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

  it("a B2B manufacturer wanting LinkedIn leads: LinkedIn first", () => {
    const model = propose(prospects.manufacturer);
    expect(primaries(model)[0]).toBe("linkedin");
    expect(reasonsOf(model, "linkedin")).toContain("Avete indicato di volere LinkedIn.");
    expect(reasonsOf(model, "linkedin")).toContain("Per il settore «Libero professionista» il pubblico vi cerca soprattutto su LinkedIn.");
    expect(model.objectives.map((o) => o.goal)).toEqual(["leads", "recruiting"]);
    expect(model.investment.addOns.find((a) => a.id === "training")!.suggested).toBe(true);
  });

  it("a restaurant with no social presence: starts small and is told why", () => {
    const model = propose(prospects.restaurant);
    expect(primaries(model).length).toBeLessThanOrEqual(2);
    expect(primaries(model)[0]).toBe("instagram");
    expect(model.situation.rows).toEqual([]);
    expect(model.situation.observations.map(text)[0]).toContain("Oggi non avete canali attivi");
    expect(model.channels.find((c) => c.priority === "primary")!.reasons.map(text)).toContain("Senza canali attivi conviene iniziare con 1 canali al massimo e farli bene.");
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
