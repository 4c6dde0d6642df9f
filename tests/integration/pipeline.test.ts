// The lead pipeline on a real database: filters, search, sort, pages, the
// questionnaires in progress with the team's reminder, and the CSV export.
import { beforeEach, describe, expect, it } from "vitest";
import { action as pipelineAction, loader as pipelineLoader } from "~/routes/$lang.owner._index";
import { loader as csvLoader } from "~/routes/$lang.owner.leads[.csv]";
import { loader as resumeLoader } from "~/routes/$lang.intake.resume.$token";
import { complete } from "~/domain/intake/fixtures";
import { createDraft, hashSecret, saveStep } from "~/models/intake-draft.server";
import { newLeadToken } from "~/models/lead.server";
import { MAX_REMINDERS, REMINDER_GAP_MS } from "~/models/pipeline.server";
import { createSessionCookie } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { getT } from "~/i18n/i18n";
import { call, get, post, runJobs, irrelevantPasswordHash } from "./helpers";

async function staff(role: "owner" | "member", name: string) {
  const user = await prisma.user.create({
    data: { email: `${role}-${Math.random().toString(36).slice(2)}@studio.example`, name, role, passwordHash: await irrelevantPasswordHash() },
  });
  return { user, cookie: (await createSessionCookie(user.id, { userAgent: "vitest", ip: null })).split(";")[0]! };
}

interface LeadSpec {
  name: string;
  organisation: string;
  email?: string;
  status?: string;
  sector?: string;
  budgetBand?: string;
  hasCrisis?: boolean;
  crisisOpen?: boolean | null;
  createdAt: string;
  goals?: string[];
  channels?: Record<string, string>;
  assignedToId?: string | null;
  phone?: string;
}

async function lead(spec: LeadSpec) {
  const goals = spec.goals ?? ["leads"];
  return prisma.lead.create({
    data: {
      token: newLeadToken(),
      name: spec.name,
      email: spec.email ?? `${spec.name.toLowerCase().replace(/\W+/g, ".")}@example.com`,
      organisation: spec.organisation,
      goal: goals[0]!,
      locale: "it",
      status: spec.status ?? "new",
      sector: spec.sector ?? "retail",
      budgetBand: spec.budgetBand ?? "b500_1000",
      hasCrisis: spec.hasCrisis ?? false,
      crisisOpen: spec.crisisOpen ?? null,
      phone: spec.phone ?? null,
      createdAt: new Date(spec.createdAt),
      assignedToId: spec.assignedToId ?? null,
      goals: { create: goals.map((goal, i) => ({ goal, rank: i + 1 })) },
      channels: { create: Object.entries(spec.channels ?? {}).map(([channel, status]) => ({ channel, status })) },
    },
    select: { id: true },
  });
}

interface PipelineData {
  total: number;
  all: number;
  page: number;
  pages: number;
  counts: Record<string, number>;
  inProgress: number;
  leads: Array<{ id: string; name: string; organisation: string; status: string; channels: string[]; assignee: string | null; createdAt: string }>;
  drafts: Array<{ id: string; email: string | null; organisation: string | null; name: string | null; reminder: { state: string }; reminderCount: number }>;
}

let owner: Awaited<ReturnType<typeof staff>>;
let member: Awaited<ReturnType<typeof staff>>;

async function view(query: string, who = owner): Promise<PipelineData> {
  const response = await call(pipelineLoader, get(`/it/owner${query}`, { Cookie: who.cookie }), { lang: "it" });
  expect(response.status).toBe(200);
  return (await response.json()) as PipelineData;
}
const names = (d: PipelineData) => d.leads.map((l) => l.name);

// Every test starts from empty tables (tests/setup-db.ts): the leads are made anew for each.
beforeEach(async () => {
  owner = await staff("owner", "Olga Owner");
  member = await staff("member", "Mario Member");
  await lead({ name: "Anna Albergo", organisation: "Hotel Lago Blu", sector: "hospitality", status: "new", budgetBand: "b1000_2500", createdAt: "2026-03-01T10:00:00Z", goals: ["leads", "awareness"], channels: { instagram: "present", facebook: "present", tiktok: "wanted" }, assignedToId: member.user.id });
  await lead({ name: "Bruno Borgo", organisation: "Comune di Borgo Alto", sector: "public_body", status: "reviewing", hasCrisis: true, crisisOpen: true, createdAt: "2026-03-01T23:30:00Z", goals: ["civic"], channels: { facebook: "present" } });
  await lead({ name: "Carla Candidata", organisation: "Lista Civica Insieme", sector: "politics", status: "proposal_sent", hasCrisis: true, crisisOpen: false, createdAt: "2026-03-05T09:00:00Z", goals: ["reputation", "engagement"], channels: { x: "present", instagram: "wanted" } });
  await lead({ name: "Dario Dentista", organisation: "Studio Dentistico Sorriso", sector: "health", status: "lost", createdAt: "2026-02-10T09:00:00Z", goals: ["leads"], channels: { instagram: "refused" }, assignedToId: owner.user.id });
  await lead({ name: "Elena Enoteca", organisation: "Enoteca 100% Naturale", sector: "food", status: "paid", budgetBand: "gt5000", createdAt: "2026-04-01T09:00:00Z", goals: ["traffic"], channels: { instagram: "present" }, email: "ELENA@vino.example" });
  await lead({ name: "Fabio Fiera", organisation: "Fiera_del_Libro", sector: "culture", status: "accepted", createdAt: "2026-04-02T09:00:00Z", goals: ["awareness"] });
  // An erased person stays out of the pipeline.
  const erased = await lead({ name: "—", organisation: "Erased Srl", createdAt: "2026-03-03T09:00:00Z" });
  await prisma.lead.update({ where: { id: erased.id }, data: { erasedAt: new Date() } });
  // 40 more for the pages, all "new", one a minute apart.
  for (let i = 0; i < 40; i++) {
    await lead({ name: `Zeta ${String(i).padStart(2, "0")}`, organisation: `Negozio ${i}`, createdAt: new Date(Date.UTC(2026, 0, 1, 8, i)).toISOString(), sector: "retail" });
  }
});

describe("pipeline filters", () => {
  it("lists received leads newest first, with counts per status and no erased person", async () => {
    const d = await view("");
    expect(d.total).toBe(46);
    expect(d.all).toBe(46);
    expect(d.counts).toEqual({ new: 41, reviewing: 1, proposal_sent: 1, lost: 1, paid: 1, accepted: 1 });
    expect(names(d).slice(0, 3)).toEqual(["Fabio Fiera", "Elena Enoteca", "Carla Candidata"]);
    expect(d.leads).toHaveLength(25);
    expect(d.leads.find((l) => l.name === "Anna Albergo")).toMatchObject({ channels: ["facebook", "instagram"], assignee: "Mario Member" });
    expect(names(d)).not.toContain("—");
  });

  it("filters by status, sector, channel in use, goal (any rank), crisis and budget", async () => {
    expect(names(await view("?status=reviewing"))).toEqual(["Bruno Borgo"]);
    expect(names(await view("?sector=politics"))).toEqual(["Carla Candidata"]);
    expect(names(await view("?channel=instagram"))).toEqual(["Elena Enoteca", "Anna Albergo"]);
    expect(names(await view("?channel=tiktok"))).toEqual([]);
    expect(names(await view("?goal=awareness"))).toEqual(["Fabio Fiera", "Anna Albergo"]);
    expect(names(await view("?crisis=yes"))).toEqual(["Carla Candidata", "Bruno Borgo"]);
    expect(names(await view("?crisis=open"))).toEqual(["Bruno Borgo"]);
    expect((await view("?crisis=no")).total).toBe(44);
    expect(names(await view("?budget=gt5000"))).toEqual(["Elena Enoteca"]);
    // Status counts follow every filter but the status itself.
    const combined = await view("?status=new&channel=instagram");
    expect(names(combined)).toEqual(["Anna Albergo"]);
    expect(combined.counts).toEqual({ new: 1, paid: 1 });
  });

  it("filters by Rome calendar days", async () => {
    // 23:30 UTC on 1 March is 2 March in Rome.
    expect(names(await view("?from=2026-03-01&to=2026-03-01"))).toEqual(["Anna Albergo"]);
    expect(names(await view("?from=2026-03-02&to=2026-03-05"))).toEqual(["Carla Candidata", "Bruno Borgo"]);
    expect((await view("?to=2026-01-31")).total).toBe(40);
  });

  it("filters by who the lead is assigned to", async () => {
    expect(names(await view("?assignee=me"))).toEqual(["Dario Dentista"]);
    expect(names(await view("?assignee=me", member))).toEqual(["Anna Albergo"]);
    expect(names(await view(`?assignee=${member.user.id}`))).toEqual(["Anna Albergo"]);
    expect((await view("?assignee=none")).total).toBe(44);
  });

  it("searches names, emails and organisations, ignoring case, every word", async () => {
    expect(names(await view("?q=lago"))).toEqual(["Anna Albergo"]);
    expect(names(await view("?q=BORGO"))).toEqual(["Bruno Borgo"]);
    expect(names(await view("?q=vino.example"))).toEqual(["Elena Enoteca"]);
    expect(names(await view("?q=civica+carla"))).toEqual(["Carla Candidata"]);
    expect(names(await view("?q=civica+anna"))).toEqual([]);
    // LIKE wildcards never act as wildcards: they separate words.
    expect(names(await view("?q=100%25"))).toEqual(["Elena Enoteca"]);
    expect(names(await view("?q=_del_"))).toEqual(["Fabio Fiera"]);
    expect(names(await view("?q=Zet_00"))).toEqual(["Zeta 00"]);
    expect((await view("?q=%25")).total).toBe(46);
  });

  it("searches without minding accents or the case of accented letters, in both directions", async () => {
    const made = [
      await lead({ name: "Nicolò Faà", organisation: "Città di Castello Eventi", createdAt: "2026-03-01T10:00:00Z", status: "lost" }),
      await lead({ name: "Ottavio Perez", email: "ottavio@PERÈZ.example", organisation: "Società Agricola Çelik", createdAt: "2026-03-01T11:00:00Z", status: "lost" }),
    ];
    try {
      expect(names(await view("?q=nicolo"))).toEqual(["Nicolò Faà"]);
      expect(names(await view("?q=FAA+CITTÀ"))).toEqual(["Nicolò Faà"]);
      expect(names(await view("?q=CITTA"))).toEqual(["Nicolò Faà"]);
      expect(names(await view("?q=società+celik"))).toEqual(["Ottavio Perez"]);
      expect(names(await view("?q=perez.example"))).toEqual(["Ottavio Perez"]);
      // A changed name (as erasure writes it) is searched by its new text only.
      await prisma.lead.update({ where: { id: made[0]!.id }, data: { name: "Nicola Rossi", email: "nicola@example.com", organisation: "Rossi Srl" } });
      expect(names(await view("?q=nicolo"))).toEqual([]);
      expect(names(await view("?q=rossi+srl"))).toEqual(["Nicola Rossi"]);
      // Name, email and organisation are written together or not at all.
      await expect(prisma.lead.update({ where: { id: made[0]!.id }, data: { name: "Solo Nome" } })).rejects.toThrow(/written together/);
    } finally {
      await prisma.lead.deleteMany({ where: { id: { in: made.map((m) => m.id) } } });
    }
  });

  it("pages by 25 and clamps a page past the end", async () => {
    const p1 = await view("?status=new");
    const p2 = await view("?status=new&page=2");
    expect([p1.total, p1.pages, p1.leads.length, p2.leads.length]).toEqual([41, 2, 25, 16]);
    expect(new Set([...names(p1), ...names(p2)]).size).toBe(41);
    const past = await view("?status=new&page=9");
    expect(past.page).toBe(2);
    expect(names(past)).toEqual(names(p2));
  });

  it("sorts by name, oldest first, and by status in pipeline order", async () => {
    expect(names(await view("?sort=name")).slice(0, 3)).toEqual(["Anna Albergo", "Bruno Borgo", "Carla Candidata"]);
    expect(names(await view("?sort=received_asc"))[0]).toBe("Zeta 00");
    const byStatus = [...names(await view("?sort=status")), ...names(await view("?sort=status&page=2"))];
    expect(byStatus).toHaveLength(46);
    expect(byStatus.slice(0, 2)).toEqual(["Anna Albergo", "Zeta 39"]);
    expect(byStatus.slice(41)).toEqual(["Bruno Borgo", "Carla Candidata", "Fabio Fiera", "Elena Enoteca", "Dario Dentista"]);
  });

  it("is refused to anonymous visitors", async () => {
    const response = await call(pipelineLoader, get("/it/owner?status=new"), { lang: "it" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/it/login?redirectTo=${encodeURIComponent("/it/owner?status=new")}`);
  });
});

describe("questionnaires in progress", () => {
  let started: string;
  let noEmail: string;

  beforeEach(async () => {
    const a = await createDraft("it");
    await saveStep(a.draft.id, {}, "about", { ...complete.about, organisation: "Pasticceria Dolce Vita", contactName: "Paola Pasticcera", email: "paola@dolcevita.example" }, "audience");
    started = a.draft.id;
    const b = await createDraft("en");
    noEmail = b.draft.id;
    // Submitted and expired drafts are not "in progress".
    const c = await createDraft("it");
    await prisma.intakeDraft.update({ where: { id: c.draft.id }, data: { submittedLeadId: "x", email: "done@example.com" } });
    const d = await createDraft("it");
    await prisma.intakeDraft.update({ where: { id: d.draft.id }, data: { expiresAt: new Date(Date.now() - 1000), email: "old@example.com" } });
  });

  it("shows drafts started and not sent, with what they said so far", async () => {
    const d = await view("?status=in_progress", member);
    expect(d.inProgress).toBe(2);
    expect(d.total).toBe(2);
    expect(d.drafts.map((x) => x.id).sort()).toEqual([started, noEmail].sort());
    expect(d.drafts.find((x) => x.id === started)).toMatchObject({ organisation: "Pasticceria Dolce Vita", name: "Paola Pasticcera", email: "paola@dolcevita.example", reminder: { state: "ready" } });
    expect(d.drafts.find((x) => x.id === noEmail)).toMatchObject({ email: null, reminder: { state: "no_email" } });
    expect((await view("?status=in_progress&q=dolce")).drafts.map((x) => x.id)).toEqual([started]);
    // The lead counts stay beside them.
    expect(d.all).toBe(46);
  });

  it("sends one reminder with a fresh resume link, audited, then waits a day, and stops after three", async () => {
    const remind = (who = member, draftId = started) =>
      call(pipelineAction, post("/it/owner?index", { intent: "remind", draftId, view: "?status=in_progress&q=dolce" }, { Cookie: who.cookie }), { lang: "it" });
    const before = await prisma.intakeDraft.findUniqueOrThrow({ where: { id: started } });

    const first = await remind();
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/it/owner?q=dolce&status=in_progress&reminder=sent");
    await runJobs();
    const email = await prisma.emailMessage.findFirstOrThrow({ where: { kind: "resume_link", to: "paola@dolcevita.example" }, orderBy: { createdAt: "desc" } });
    expect(email.subject).toBe("Il tuo questionario ti aspetta");
    expect(email.text).toContain("Pasticceria Dolce Vita");
    const token = email.text.match(/\/it\/intake\/resume\/([\w-]+)/)?.[1];
    expect(token).toBeTruthy();
    const after = await prisma.intakeDraft.findUniqueOrThrow({ where: { id: started } });
    expect(after.resumeTokenHash).toBe(hashSecret(token!));
    expect(after.resumeTokenHash).not.toBe(before.resumeTokenHash);
    expect(after).toMatchObject({ reminderCount: 1 });
    // The link works: it opens the draft.
    const opened = await call(resumeLoader, get(`/it/intake/resume/${token}`), { lang: "it", token: token! });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toBe("/it/intake/audience");
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "lead.reminder" } });
    expect(audit.actorId).toBe(member.user.id);
    expect(JSON.parse(audit.data)).toEqual({ draftId: started, count: 1 });
    expect(audit.data).not.toContain("paola");

    // At once again (a double click, or a second person): refused, nothing sent.
    const again = await remind(owner);
    expect(again.headers.get("Location")).toMatch(/reminder=wait$/);
    await runJobs();
    expect(await prisma.emailMessage.count({ where: { to: "paola@dolcevita.example" } })).toBe(1);
    expect((await view("?status=in_progress&q=dolce")).drafts[0]!.reminder.state).toBe("wait");

    // A day later it may go; after three it stops for good.
    for (let n = 2; n <= MAX_REMINDERS; n++) {
      await prisma.intakeDraft.update({ where: { id: started }, data: { resumeSentAt: new Date(Date.now() - REMINDER_GAP_MS - 1000) } });
      expect((await remind()).headers.get("Location")).toMatch(/reminder=sent$/);
    }
    await prisma.intakeDraft.update({ where: { id: started }, data: { resumeSentAt: new Date(Date.now() - REMINDER_GAP_MS - 1000) } });
    expect((await remind()).headers.get("Location")).toMatch(/reminder=limit$/);
    await runJobs();
    expect(await prisma.emailMessage.count({ where: { to: "paola@dolcevita.example" } })).toBe(MAX_REMINDERS);
    expect(await prisma.auditLog.count({ where: { action: "lead.reminder" } })).toBe(MAX_REMINDERS);
  });

  it("cannot remind a draft without an email, or one that is gone", async () => {
    const remind = (draftId: string) => call(pipelineAction, post("/it/owner?index", { intent: "remind", draftId }, { Cookie: member.cookie }), { lang: "it" });
    expect((await remind(noEmail)).headers.get("Location")).toBe("/it/owner?reminder=no_email");
    expect((await remind("nope")).headers.get("Location")).toBe("/it/owner?reminder=not_found");
    const anonymous = await call(pipelineAction, post("/it/owner?index", { intent: "remind", draftId: noEmail }), { lang: "it" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/it\/login/);
  });
});

describe("CSV export", () => {
  async function csv(query: string, who = owner) {
    return call(csvLoader, get(`/it/owner/leads.csv${query}`, { Cookie: who.cookie }), { lang: "it" });
  }

  it("gives the owner the filtered leads as a file Excel in Italian opens", async () => {
    await prisma.lead.updateMany({ where: { name: "Bruno Borgo" }, data: { name: '=HYPERLINK("http://evil.example")', email: "bruno.borgo@example.com", organisation: 'Comune "Borgo"; Alto', phone: "+39 0123 456789" } });
    const response = await csv("?crisis=yes&sort=name");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="contatti-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).split("\r\n");
    expect(lines).toHaveLength(4); // header, two leads, and the empty rest after the last CRLF
    expect(lines[3]).toBe("");
    expect(text.replace(/\r\n/g, "")).not.toMatch(/\r|(?<!")\n/);
    expect(lines[0]!.startsWith('"Ricevuto il";"Stato";"Nome";"Email";"Telefono"')).toBe(true);
    expect(lines[1]).toMatch(/^"02\/03\/2026 00:30";"In valutazione";"'=HYPERLINK\(""http:\/\/evil\.example""\)";"bruno\.borgo@example\.com";"'\+39 0123 456789"/);
    expect(lines[1]).toContain('"Comune ""Borgo""; Alto"');
    expect(lines[1]).toContain('"Ente pubblico o comune"');
    expect(lines[1]).toContain('"Sì";"Sì"');
    expect(lines[2]).toMatch(/^"05\/03\/2026 10:00";"Proposta inviata";"Carla Candidata"/);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "leads.exported_csv" }, orderBy: { createdAt: "desc" } });
    expect(audit.actorId).toBe(owner.user.id);
    expect(JSON.parse(audit.data)).toMatchObject({ count: 2, filters: { crisis: "yes", sort: "name" } });
  });

  it("exports every received lead of an unfiltered view, in English too", async () => {
    const response = await call(csvLoader, get("/en/owner/leads.csv", { Cookie: owner.cookie }), { lang: "en" });
    const text = await response.text();
    expect(text.split("\r\n")).toHaveLength(48);
    expect(text).toContain('"Received on";"Status";"Name"');
    expect(response.headers.get("Content-Disposition")).toMatch(/filename="leads-/);
  });

  it("is refused to members (403) and anonymous visitors", async () => {
    const before = await prisma.auditLog.count({ where: { action: "leads.exported_csv" } });
    expect((await csv("", member)).status).toBe(403);
    const anonymous = await call(csvLoader, get("/it/owner/leads.csv"), { lang: "it" });
    expect(anonymous.status).toBe(302);
    expect(await prisma.auditLog.count({ where: { action: "leads.exported_csv" } })).toBe(before);
  });

  it("shows the export link to owners only", async () => {
    expect((await view("", owner)) as unknown).toMatchObject({ user: { role: "owner" } });
    expect((await view("", member)) as unknown).toMatchObject({ user: { role: "member" } });
  });
});

describe("the privacy notice", () => {
  it("says unfinished drafts are visible to the team as in-progress leads, with reminders", () => {
    const it_ = getT("it")("landing.privacy.drafts", { days: 30 });
    const en = getT("en")("landing.privacy.drafts", { days: 30 });
    expect(it_).toMatch(/team.*«in corso».*promemoria/);
    expect(en).toMatch(/team.*"in progress".*reminder/);
  });
});
