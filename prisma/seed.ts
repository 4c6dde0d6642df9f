// Demo data: one owner account (a fresh random password each run, printed
// below) and a few invented leads. Refuses to run in production: there, create
// the first owner with `npm run owner:create`.
import "dotenv/config";
import { prisma, disconnectDb } from "~/utils/db.server";
import { upsertOwner } from "~/models/user.server";
import { newLeadToken } from "~/models/lead.server";
import { generatePassword } from "~/utils/password.server";

if (process.env.NODE_ENV === "production" && !process.env.ALLOW_DEMO_SEED) {
  console.error("Refusing to seed demo data in production. Use `npm run owner:create` for the first owner.");
  process.exit(1);
}

const email = process.env.DEMO_OWNER_EMAIL ?? "titolare@demo.socialbrief.test";
const password = process.env.DEMO_OWNER_PASSWORD ?? generatePassword();
await upsertOwner({ email, name: "Giulia Demo", password });

const demoLeads = [
  { name: "Marco Bianchi", email: "marco@hotel-belvedere.example", organisation: "Hotel Belvedere sul Garda", goal: "awareness", locale: "it", status: "new" },
  { name: "Sara Conti", email: "ufficio.stampa@comune-valfiorita.example", organisation: "Comune di Valfiorita", goal: "civic", locale: "it", status: "reviewing" },
  { name: "Luca Ferri", email: "luca@pasticceriaferri.example", organisation: "Pasticceria Ferri", goal: "leads", locale: "it", status: "new" },
  { name: "Anna Keller", email: "anna@dolomiti-trails.example", organisation: "Dolomiti Trails Tours", goal: "engagement", locale: "en", status: "proposal_sent" },
  { name: "Paolo Russo", email: "staff@russo2027.example", organisation: "Paolo Russo, candidato sindaco", goal: "reputation", locale: "it", status: "new" },
];
const existing = await prisma.lead.count({ where: { email: { in: demoLeads.map((l) => l.email) } } });
if (existing === 0) {
  const now = Date.now();
  for (const [i, lead] of demoLeads.entries()) {
    await prisma.lead.create({ data: { ...lead, token: newLeadToken(), createdAt: new Date(now - i * 26 * 3600 * 1000) } });
  }
}
// The owner's public profile on the landing page: an invented person.
const profile = {
  displayName: "Giulia Demo",
  headlineIt: "Social media manager e community manager per turismo, enti pubblici e politica",
  headlineEn: "Social media and community manager for tourism, public bodies and politics",
  bioIt: "Da dieci anni curo le pagine di hotel, comuni, consorzi turistici e candidati. Pianifico, misuro e gestisco le crisi: shitstorm, fake news e, quando serve, la segnalazione alla Polizia Postale con le prove conservate.",
  bioEn: "For ten years I have run the pages of hotels, municipalities, tourism boards and candidates. I plan, I measure and I handle crises: shitstorms, fake news and, when needed, reporting to the Polizia Postale with preserved evidence.",
  photoUrl: "/demo/profile.svg",
  email: "ciao@giuliademo.example",
  phone: "+39 000 000 0000",
  city: "Cagliari",
  vatNumber: "01234567897",
  audience: JSON.stringify([
    { channel: "facebook", followers: 98000 },
    { channel: "x", followers: 41000 },
    { channel: "instagram", followers: 19500 },
    { channel: "linkedin", followers: 6200 },
  ]),
};
await prisma.profile.upsert({ where: { id: 1 }, create: { id: 1, ...profile }, update: {} });
await disconnectDb();

console.log(`
  Demo data ready (${demoLeads.length} invented leads).
  Owner login:  ${email}
  Password:     ${password}
`);
