// Twelve contrasting prospects (invented), as their stored answers, for the
// engine's tests and for `npx tsx scripts/proposal-text.ts <name>`, which prints
// what the client reads. Not tuned to: the rules are the trade's.
import { readIntakeAnswers, type IntakeAnswers } from "./input";

type Status = "present" | "wanted" | "refused" | "none";
export interface Prospect {
  organisation: string;
  contactName?: string;
  sector: string;
  sectorOther?: string;
  size?: string;
  goals: string[];
  target?: string;
  timeframe?: string;
  budget: string;
  startDate?: string;
  peakSeasons?: string[];
  keyDate?: string;
  keyDateKind?: string;
  keyDateLabel?: string;
  channels: Partial<Record<string, Status>>;
  channelNotes?: string;
  details?: Record<string, unknown>;
  audience?: Record<string, unknown>;
  crisis?: Record<string, unknown> | null;
  roles?: Record<string, unknown>;
}

export const ISSUED_ON = "2026-11-25";

export const prospects = {
  hut: {
    organisation: "Rifugio Col del Vento",
    contactName: "Franco De Lazzer",
    sector: "hospitality",
    size: "s2_9",
    goals: ["leads", "awareness"],
    target: "Riempire le camere nei weekend di giugno e settembre",
    budget: "b500_1000",
    startDate: "2027-02-01",
    channels: { instagram: "present", facebook: "present", tiktok: "none", newsletter: "none" },
    details: { instagram_followers: 850, instagram_frequency: "weekly", instagram_runBy: "self", facebook_followers: 1200, facebook_frequency: "rarely", facebook_runBy: "nobody" },
    audience: { places: "Dolomiti, Val di Fassa; ospiti da Germania e Austria", languages: ["it", "de"], interests: "escursioni, ferrate, cucina ladina", ageBands: ["a35_44", "a45_54", "a55_64"] },
    roles: { approver: "Decide Io (Franco, il gestore). Mia figlia Giulia prepara i post di Instagram.", coverHours: ["office", "weekends"], materials: ["photos"] },
  },
  councillor: {
    organisation: "Marta Ferri, consigliera regionale",
    contactName: "Marta Ferri",
    sector: "politics",
    size: "s2_9",
    goals: ["reputation", "civic", "engagement"],
    budget: "b1000_2500",
    keyDate: "2027-05-30",
    keyDateKind: "election",
    keyDateLabel: "elezioni regionali",
    channels: { facebook: "present", instagram: "present", x: "present", tiktok: "none" },
    details: { facebook_followers: 15400, facebook_frequency: "daily", facebook_runBy: "staff", instagram_followers: 3100, instagram_frequency: "several_week", x_followers: 4200, x_frequency: "weekly" },
    crisis: {
      crisisTypes: ["fake_news", "threats"],
      crisisWhen: "settembre 2026",
      crisisScale: "regional",
      crisisHandling: "Un video deepfake mi attribuisce frasi mai dette; abbiamo pubblicato una smentita.",
      crisisOpen: "yes",
      authorities: "yes",
      authoritiesDetail: "Denuncia alla Polizia Postale di Bologna, indagine in corso",
      exposure: ["public_office", "high_visibility"],
    },
    roles: { approver: "Marta Ferri", spokesperson: "Luca Bini (portavoce)", responseTime: "h1", coverHours: ["evenings", "weekends"], materials: ["photos", "video"] },
  },
  pharmacy: {
    organisation: "Farmacia San Rocco",
    sector: "health",
    size: "s2_9",
    goals: ["awareness", "leads"],
    budget: "lt500",
    channels: {},
    audience: { ageBands: ["a35_44", "a45_54", "a55_64", "a65"], places: "Quartiere San Rocco, Treviso" },
    roles: { materials: ["none"] },
  },
  saas: {
    organisation: "Turni.io",
    sector: "software",
    size: "s10_49",
    goals: ["leads", "recruiting"],
    target: "40 richieste di demo al mese",
    timeframe: "m6",
    budget: "b1000_2500",
    channels: { linkedin: "present", facebook: "none", instagram: "none", youtube: "none" },
    details: { linkedin_followers: 2400, linkedin_frequency: "weekly", linkedin_runBy: "staff", linkedin_worked: "I post del CEO sui turni in sanità" },
    audience: { wantedAudience: "Direttori HR di aziende con turni (sanità, logistica)" },
    roles: { approver: "Chiara (marketing)", materials: ["brand_guidelines"] },
  },
  municipality: {
    organisation: "Comune di Riva Chiara",
    sector: "public_body",
    size: "s50_249",
    goals: ["civic", "reputation"],
    budget: "b1000_2500",
    peakSeasons: ["summer"],
    channels: { facebook: "present", whatsapp: "wanted", instagram: "present" },
    details: { facebook_followers: 6000, facebook_frequency: "several_week", facebook_runBy: "staff", instagram_followers: 900 },
    audience: { places: "Comune turistico sul lago", currentAudience: "residenti over 50", wantedAudience: "famiglie giovani e turisti d'estate" },
    crisis: { crisisTypes: ["fake_news"], crisisWhen: "estate 2025", crisisScale: "regional", crisisOpen: "no", authorities: "no", exposure: ["public_office"] },
    roles: { approver: "Il sindaco", spokesperson: "Ufficio stampa" },
  },
  charity: {
    organisation: "Zampe Amiche ODV",
    sector: "association",
    size: "s10_49",
    goals: ["donations", "awareness", "recruiting"],
    budget: "b500_1000",
    channels: { tiktok: "present", instagram: "present", facebook: "present" },
    details: { tiktok_followers: 22000, tiktok_frequency: "several_week", tiktok_runBy: "volunteer", tiktok_worked: "I video dei salvataggi e delle adozioni", instagram_followers: 3000, facebook_followers: 1800, facebook_frequency: "monthly" },
    audience: { ageBands: ["a18_24", "a25_34"] },
    roles: { materials: ["photos", "video"] },
  },
  seaHotel: {
    organisation: "Hotel Cala Blu",
    sector: "hospitality",
    size: "s10_49",
    goals: ["leads", "reputation"],
    budget: "b1000_2500",
    channels: { instagram: "present", facebook: "present", tiktok: "refused" },
    details: { instagram_followers: 8600, instagram_frequency: "several_week", facebook_followers: 5400, facebook_runBy: "nobody" },
    audience: { places: "Costa Smeralda", languages: ["it", "en"] },
    crisis: { crisisTypes: ["reviews_wave"], crisisOpen: "no" },
  },
  manufacturer: {
    organisation: "Meccanica Ferri Srl",
    sector: "manufacturing",
    size: "s50_249",
    goals: ["leads", "recruiting"],
    budget: "b2500_5000",
    channels: { linkedin: "wanted", facebook: "none", tiktok: "refused" },
    channelNotes: "TikTok non fa per noi",
  },
  restaurant: {
    organisation: "Trattoria da Nino",
    sector: "food",
    size: "s2_9",
    goals: ["engagement", "leads"],
    budget: "b500_1000",
    channels: { tiktok: "refused" },
    roles: { materials: ["none"] },
  },
  boutique: {
    organisation: "Boutique Lina",
    sector: "retail",
    goals: ["traffic", "awareness"],
    target: "+30% di visite al sito",
    budget: "b500_1000",
    channels: { instagram: "present", tiktok: "refused" },
    details: { instagram_followers: 1500, instagram_frequency: "weekly" },
    audience: { ageBands: ["a18_24", "a25_34"] },
  },
  lawyer: {
    organisation: "Studio legale Marras",
    sector: "professional",
    size: "solo",
    goals: ["reputation", "leads"],
    budget: "lt500",
    channels: { linkedin: "present", tiktok: "wanted" },
    details: { linkedin_followers: 600, linkedin_frequency: "monthly" },
  },
  theatre: {
    organisation: "Teatro delle Mura",
    sector: "culture",
    size: "s10_49",
    goals: ["awareness", "community"],
    budget: "b1000_2500",
    startDate: "2027-03-01",
    keyDate: "2027-07-10",
    keyDateKind: "event",
    keyDateLabel: "Festival d'estate",
    channels: { instagram: "present", facebook: "present", youtube: "none" },
    details: { instagram_followers: 4000, instagram_frequency: "several_week", facebook_followers: 7000, facebook_frequency: "weekly" },
    roles: { spokesperson: "Ufficio stampa", toneOfVoice: "Caldo, ironico, mai snob" },
  },
} satisfies Record<string, Prospect>;

export type ProspectName = keyof typeof prospects;

/** The stored answers of a prospect, as the lead would hold them. */
export function storedAnswers(p: Prospect): Record<string, unknown> {
  const channels: Record<string, unknown> = { facebook: "none", instagram: "none", x: "none", linkedin: "none", tiktok: "none", youtube: "none", threads: "none", whatsapp: "none", newsletter: "none", ...p.channels };
  if (p.channelNotes) channels.channelNotes = p.channelNotes;
  return {
    about: { organisation: p.organisation, sector: p.sector, ...(p.sectorOther ? { sectorOther: p.sectorOther } : {}), size: p.size ?? "s2_9", contactName: p.contactName ?? "Referente", language: "it", email: "x@example.com" },
    audience: { ageBands: [], languages: [], ...p.audience },
    goals: {
      goal1: p.goals[0],
      goal2: p.goals[1],
      goal3: p.goals[2],
      budgetBand: p.budget,
      target: p.target,
      timeframe: p.timeframe,
      startDate: p.startDate,
      peakSeasons: p.peakSeasons ?? [],
      keyDate: p.keyDate,
      keyDateKind: p.keyDateKind,
      keyDateLabel: p.keyDateLabel,
    },
    channels,
    channelDetails: p.details ?? {},
    crisis: { hadCrisis: p.crisis ? "yes" : "no" },
    ...(p.crisis ? { crisisDetails: p.crisis } : {}),
    roles: { coverHours: [], materials: [], ...p.roles },
  };
}

export function prospectAnswers(p: Prospect): IntakeAnswers {
  const read = readIntakeAnswers(JSON.stringify(storedAnswers(p)));
  if (!read) throw new Error(`prospect ${p.organisation} does not parse`);
  return read;
}
