// Seeds the database named by DATABASE_URL with a realistic pipeline for
// bench/pipeline.ts: BENCH_LEADS leads (default 10,000) over the last two
// years, with the spread of sectors, goals, channels, budgets, crises and
// statuses a busy studio would see, every answer stored as the questionnaire
// stores it, plus drafts in progress, an owner and two members.
//
//   DATABASE_URL=file:./bench/.tmp/pipeline.db npx tsx bench/seed-pipeline.ts
import { randomUUID } from "node:crypto";
import type { Prisma } from "~/generated/sqlite/client";
import { complete } from "~/domain/intake/fixtures";
import { buildLeadRecord } from "~/domain/intake/lead-record";
import { PRIVACY_NOTICE_VERSION } from "~/domain/privacy";
import { newLeadToken } from "~/models/lead.server";
import { upsertOwner } from "~/models/user.server";
import { disconnectDb, prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";

const total = Number(process.env.BENCH_LEADS ?? 10_000);
const DAY = 86_400_000;

// A fixed seed: every run builds the same pipeline.
let state = 20261125;
function random(): number {
  state = (state * 1103515245 + 12345) % 2 ** 31;
  return state / 2 ** 31;
}
function pick<T>(weighted: Array<[T, number]>): T {
  const sum = weighted.reduce((s, [, w]) => s + w, 0);
  let r = random() * sum;
  for (const [value, w] of weighted) if ((r -= w) < 0) return value;
  return weighted[weighted.length - 1]![0];
}
const any = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const firstNames = ["Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Sara", "Matteo", "Valentina", "Andrea", "Elena", "Davide", "Martina", "Simone", "Laura", "Federico", "Anna", "Paolo", "Silvia", "Giorgio", "Roberta", "Stefano", "Ilaria", "Nicola", "Beatrice", "Antonio", "Marta", "Lorenzo", "Alice", "Tommaso"];
const lastNames = ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone"];
const cities = ["Cagliari", "Sassari", "Olbia", "Nuoro", "Oristano", "Alghero", "Roma", "Milano", "Torino", "Bologna", "Firenze", "Napoli", "Bari", "Palermo", "Verona", "Trento", "Lecce", "Perugia"];
const orgWords: Record<string, string[]> = {
  hospitality: ["Hotel", "Albergo", "B&B", "Agriturismo", "Resort"],
  tourism: ["Pro Loco", "Consorzio Turistico", "Tour", "Escursioni", "Visit"],
  food: ["Ristorante", "Trattoria", "Pasticceria", "Cantina", "Birrificio"],
  retail: ["Negozio", "Boutique", "Ferramenta", "Libreria", "Ottica"],
  public_body: ["Comune di", "Unione dei Comuni", "Biblioteca di", "Museo Civico di", "Parco di"],
  politics: ["Lista Civica", "Comitato", "Candidato Sindaco", "Movimento", "Circolo"],
  association: ["Associazione", "Cooperativa", "Fondazione", "Onlus", "Volontari"],
  professional: ["Studio Legale", "Studio Dentistico", "Architetto", "Commercialista", "Fisioterapia"],
  manufacturing: ["Meccanica", "Officine", "Industrie", "Componenti", "Manifattura"],
  health: ["Farmacia", "Centro Medico", "Poliambulatorio", "Palestra", "Centro Benessere"],
  culture: ["Teatro", "Festival", "Galleria", "Compagnia", "Cinema"],
  other: ["Impresa", "Azienda", "Laboratorio", "Officina", "Agenzia"],
};
const sectorWeights: Array<[string, number]> = [
  ["hospitality", 18], ["tourism", 10], ["food", 14], ["retail", 12], ["public_body", 8], ["politics", 6], ["association", 8], ["professional", 9], ["manufacturing", 4], ["health", 6], ["culture", 4], ["other", 3],
];
const goalWeights: Record<string, Array<[string, number]>> = {
  default: [["leads", 30], ["awareness", 20], ["engagement", 15], ["traffic", 12], ["reputation", 10], ["community", 7], ["recruiting", 4], ["civic", 2]],
  public_body: [["civic", 30], ["community", 20], ["reputation", 20], ["awareness", 15], ["engagement", 10], ["recruiting", 5]],
  politics: [["reputation", 30], ["engagement", 25], ["awareness", 20], ["civic", 15], ["community", 10]],
};
const channelOdds: Record<string, number> = { facebook: 0.75, instagram: 0.7, x: 0.15, linkedin: 0.3, tiktok: 0.15, youtube: 0.15, threads: 0.05, whatsapp: 0.2, newsletter: 0.25 };
const statusWeights: Array<[string, number]> = [["new", 30], ["reviewing", 18], ["proposal_sent", 22], ["accepted", 8], ["paid", 9], ["lost", 13]];
const budgetWeights: Array<[string, number]> = [["lt500", 22], ["b500_1000", 30], ["b1000_2500", 25], ["b2500_5000", 10], ["gt5000", 4], ["unknown", 9]];

// One real stored answer set (the hotel fixture), to give each row the size it has in production.
const built = buildLeadRecord(complete, "2026-01-01");
if (!built.ok) throw new Error("fixture does not build");
const answersTemplate = built.record.lead.answers;

await upsertOwner({ email: "owner@bench.example", name: "Bench Owner", password: "bench-owner-password" });
const members = [];
for (const [email, name] of [["marta@bench.example", "Marta Membro"], ["paolo@bench.example", "Paolo Collaboratore"]] as const) {
  members.push(await prisma.user.upsert({ where: { email }, create: { email, name, role: "member", passwordHash: await hashPassword("bench-member-password") }, update: {}, select: { id: true } }));
}
const owner = await prisma.user.findUniqueOrThrow({ where: { email: "owner@bench.example" }, select: { id: true } });
const assignees = [owner.id, ...members.map((m) => m.id)];

const now = Date.now();
const leads: Prisma.LeadCreateManyInput[] = [];
const goals: Array<{ leadId: string; goal: string; rank: number }> = [];
const channelRows = [];
for (let i = 0; i < total; i++) {
  const id = randomUUID();
  const sector = pick(sectorWeights);
  const first = any(firstNames);
  const last = any(lastNames);
  const city = any(cities);
  const organisation = `${any(orgWords[sector]!)} ${sector === "politics" || sector === "public_body" ? city : `${last} ${city}`}`;
  const ranked: string[] = [];
  const weights = goalWeights[sector] ?? goalWeights.default!;
  const count = pick([[1, 30], [2, 40], [3, 30]]);
  while (ranked.length < count) {
    const g = pick(weights);
    if (!ranked.includes(g)) ranked.push(g);
  }
  ranked.forEach((goal, rank) => goals.push({ leadId: id, goal, rank: rank + 1 }));
  for (const [channel, odds] of Object.entries(channelOdds)) {
    const r = random();
    const status = r < odds ? "present" : r < odds + 0.12 ? "wanted" : r < odds + 0.16 ? "refused" : null;
    if (status) channelRows.push({ leadId: id, channel, status, followers: status === "present" ? Math.floor(random() * 20_000) : null });
  }
  const hasCrisis = random() < (sector === "politics" || sector === "public_body" ? 0.5 : 0.18);
  // Newer leads are more numerous: the studio grows.
  const age = Math.floor(Math.sqrt(random()) * 730 * DAY);
  const createdAt = new Date(now - (730 * DAY - age) - Math.floor(random() * DAY));
  const ageDays = (now - createdAt.getTime()) / DAY;
  const status = ageDays < 3 ? "new" : pick(statusWeights);
  leads.push({
    id,
    token: newLeadToken(),
    name: `${first} ${last}`,
    email: `${first}.${last}.${i}@${sector.replace("_", "")}.example`.toLowerCase().replace(/\s+/g, ""),
    organisation,
    goal: ranked[0]!,
    locale: random() < 0.9 ? "it" : "en",
    status,
    sector,
    size: any(["solo", "s2_9", "s10_49", "s50_249", "s250"]),
    budgetBand: pick(budgetWeights),
    hasCrisis,
    crisisOpen: hasCrisis ? random() < 0.3 : null,
    phone: random() < 0.6 ? `+39 3${Math.floor(random() * 100)} ${Math.floor(1_000_000 + random() * 8_999_999)}` : null,
    answers: answersTemplate,
    intakeVersion: built.record.lead.intakeVersion,
    privacyVersion: PRIVACY_NOTICE_VERSION,
    privacyAt: createdAt,
    createdAt,
    updatedAt: createdAt,
    assignedToId: status === "new" ? null : random() < 0.7 ? any(assignees) : null,
  });
}

const chunk = 500;
for (let i = 0; i < leads.length; i += chunk) await prisma.lead.createMany({ data: leads.slice(i, i + chunk) });
for (let i = 0; i < goals.length; i += chunk) await prisma.leadGoal.createMany({ data: goals.slice(i, i + chunk) });
for (let i = 0; i < channelRows.length; i += chunk) await prisma.leadChannel.createMany({ data: channelRows.slice(i, i + chunk) });

// Questionnaires in progress (and some already sent or expired).
const drafts = [];
for (let i = 0; i < 400; i++) {
  const updatedAt = new Date(now - Math.floor(random() * 40 * DAY));
  const email = random() < 0.85 ? `draft${i}@bozza.example` : null;
  drafts.push({
    browserKeyHash: randomUUID(),
    email,
    locale: "it",
    answers: JSON.stringify({ about: { ...complete.about, organisation: `${any(orgWords.food!)} ${any(lastNames)}`, contactName: `${any(firstNames)} ${any(lastNames)}`, email: email ?? "" } }),
    currentStep: any(["audience", "goals", "channels", "crisis", "roles", "review"]),
    submittedLeadId: i % 4 === 0 ? (leads[i]!.id ?? null) : null,
    resumeSentAt: updatedAt,
    expiresAt: new Date(updatedAt.getTime() + 30 * DAY),
    createdAt: updatedAt,
    updatedAt,
  });
}
await prisma.intakeDraft.createMany({ data: drafts });

console.log(JSON.stringify({ leads: leads.length, goals: goals.length, channels: channelRows.length, drafts: drafts.length }));
await disconnectDb();
