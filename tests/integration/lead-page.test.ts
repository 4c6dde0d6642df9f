// The lead page on a real database: answers, status, assignment, notes and
// the activity timeline, for owners and members alike.
import { beforeEach, describe, expect, it } from "vitest";
import { action as leadAction, loader as leadLoader } from "~/routes/$lang.owner.leads.$leadId";
import { complete } from "~/domain/intake/fixtures";
import { createDraft } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { sendProposal } from "~/models/proposal-versions.server";
import { markOpened } from "~/models/proposal.server";
import { erasePerson } from "~/models/gdpr.server";
import { NOTE_MAX } from "~/models/lead-page.server";
import { createSessionCookie } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { call, get, post, irrelevantPasswordHash } from "./helpers";

async function staff(role: "owner" | "member", name: string) {
  const user = await prisma.user.create({
    data: { email: `${role}-${Math.random().toString(36).slice(2)}@studio.example`, name, role, passwordHash: await irrelevantPasswordHash() },
  });
  return { user, cookie: (await createSessionCookie(user.id, { userAgent: "vitest", ip: null })).split(";")[0]! };
}

async function submitted(email: string, organisation: string) {
  const answers = { ...complete, about: { ...complete.about, email, organisation } };
  const { draft } = await createDraft("it");
  const outcome = await submitIntake({ id: draft.id, answers }, "it");
  if (!outcome.ok) throw new Error("fixture does not submit");
  return prisma.lead.findFirstOrThrow({ where: { token: outcome.token } });
}

interface PageData {
  lead: {
    id: string;
    name: string;
    organisation: string;
    status: string;
    assignedTo: { id: string; name: string } | null;
    notes: Array<{ body: string; author: string | null }>;
    answers: Record<string, Record<string, string | string[]>> | null;
    steps: string[];
    proposal: { firstOpenedAt: string | null; latest: { number: number } | null } | null;
  };
  team: Array<{ id: string; name: string }>;
  timeline: Array<{ action: string; actorName: string | null; data: Record<string, unknown>; at: string }>;
  back: string;
}

let owner: Awaited<ReturnType<typeof staff>>;
let member: Awaited<ReturnType<typeof staff>>;

const page = async (leadId: string, who = member, query = ""): Promise<PageData> => {
  const response = await call(leadLoader, get(`/it/owner/leads/${leadId}${query}`, { Cookie: who.cookie }), { lang: "it", leadId });
  expect(response.status).toBe(200);
  return (await response.json()) as PageData;
};
const act = (leadId: string, fields: Record<string, string>, who = member) =>
  call(leadAction, post(`/it/owner/leads/${leadId}`, fields, { Cookie: who.cookie }), { lang: "it", leadId });

// Every test starts from empty tables (tests/setup-db.ts): the shared rows are made anew for each.
beforeEach(async () => {
  owner = await staff("owner", "Olga Owner");
  member = await staff("member", "Mario Member");
});

describe("the lead page", () => {
  it("lays out every answer for reading, to owners and members", async () => {
    const lead = await submitted("elena@lagoblu.example", "Hotel Lago Blu");
    const data = await page(lead.id);
    expect(data.lead).toMatchObject({ name: "Elena Riva", organisation: "Hotel Lago Blu", status: "new", assignedTo: null, notes: [] });
    expect(data.lead.steps).toEqual(["about", "audience", "goals", "channels", "channelDetails", "crisis", "crisisDetails", "roles", "review"]);
    expect(data.lead.answers?.about).toMatchObject({ organisation: "Hotel Lago Blu", sector: "hospitality", phone: "+39 0365 123456" });
    expect(data.lead.answers?.audience?.ageBands).toEqual(["a25_34", "a35_44"]);
    // Numbers come back formatted for the reader.
    expect(data.lead.answers?.channelDetails?.facebook_followers).toBe("4.800");
    expect(data.team.map((u) => u.name)).toEqual(["Mario Member", "Olga Owner"]);
    expect(data.timeline.map((e) => e.action)).toEqual(["lead.submitted"]);
    expect((await page(lead.id, owner)).lead.id).toBe(lead.id);
  });

  it("keeps the pipeline view to go back to, and only our own parameters", async () => {
    const lead = await submitted("back@example.com", "Back Srl");
    const data = await page(lead.id, member, `?back=${encodeURIComponent("?status=new&q=hotel&page=3&evil=<x>")}`);
    expect(data.back).toBe("?q=hotel&status=new&page=3");
    expect((await page(lead.id, member, "?back=//evil.example")).back).toBe("");
  });

  it("answers 404 for an unknown lead and sends anonymous visitors to log in", async () => {
    expect((await call(leadLoader, get("/it/owner/leads/nope", { Cookie: member.cookie }), { lang: "it", leadId: "nope" })).status).toBe(404);
    const anonymous = await call(leadLoader, get("/it/owner/leads/nope"), { lang: "it", leadId: "nope" });
    expect(anonymous.status).toBe(302);
    expect((await call(leadAction, post("/it/owner/leads/nope", { intent: "status", status: "lost" }), { lang: "it", leadId: "nope" })).status).toBe(302);
  });
});

describe("working a lead", () => {
  it("changes the status (members too), audited once with before and after", async () => {
    const lead = await submitted("status@example.com", "Stato Srl");
    const response = await act(lead.id, { intent: "status", status: "reviewing", back: "?status=new" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/it/owner/leads/${lead.id}?saved=status&back=${encodeURIComponent("?status=new")}`);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("reviewing");
    // The same status again changes nothing and logs nothing.
    await act(lead.id, { intent: "status", status: "reviewing" });
    await act(lead.id, { intent: "status", status: "lost" }, owner);
    const audit = await prisma.auditLog.findMany({ where: { leadId: lead.id, action: "lead.status" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.actorId, JSON.parse(a.data)])).toEqual([
      [member.user.id, { from: "new", to: "reviewing" }],
      [owner.user.id, { from: "reviewing", to: "lost" }],
    ]);
    expect((await act(lead.id, { intent: "status", status: "won" })).status).toBe(400);
    expect((await act(lead.id, { intent: "delete" })).status).toBe(400);
  });

  it("sets by hand only new, reviewing, proposal sent and lost; accepted and paid only come from the client", async () => {
    const lead = await submitted("byhand@example.com", "A Mano Srl");
    const audit = () => prisma.auditLog.count({ where: { leadId: lead.id, action: "lead.status" } });
    for (const status of ["paid", "accepted"]) {
      const response = await act(lead.id, { intent: "status", status });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ status: { error: { status: ["pipeline.lead.statusAutomatic"] } }, message: expect.stringContaining("non si impostano a mano") as string });
    }
    // Proposal sent needs a proposal that was sent.
    const notSent = await act(lead.id, { intent: "status", status: "proposal_sent" }, owner);
    expect(notSent.status).toBe(400);
    expect(await notSent.json()).toMatchObject({ status: { error: { status: ["pipeline.lead.statusNotSent"] } } });
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("new");
    expect(await audit()).toBe(0);

    await sendProposal(lead.id, owner.user.id, undefined, undefined, { attachPdf: false });
    await act(lead.id, { intent: "status", status: "reviewing" });
    expect((await act(lead.id, { intent: "status", status: "proposal_sent" })).status).toBe(302);
    // An accepted lead follows acceptance and payments: only "lost" by hand.
    await prisma.lead.update({ where: { id: lead.id }, data: { status: "accepted" } });
    const locked = await act(lead.id, { intent: "status", status: "new" });
    expect(await locked.json()).toMatchObject({ status: { error: { status: ["pipeline.lead.statusLocked"] } } });
    const paid = await call(leadAction, post(`/en/owner/leads/${lead.id}`, { intent: "status", status: "paid" }, { Cookie: owner.cookie }), { lang: "en", leadId: lead.id });
    expect(paid.status).toBe(400);
    expect(((await paid.json()) as { message: string }).message).toContain("cannot be set by hand");
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("accepted");
    expect((await act(lead.id, { intent: "status", status: "lost" })).status).toBe(302);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("lost");
  });

  it("assigns to an active team member or to nobody, and refuses a disabled account", async () => {
    const lead = await submitted("assign@example.com", "Assegna Srl");
    expect((await act(lead.id, { intent: "assign", assignee: member.user.id }, owner)).status).toBe(302);
    expect((await page(lead.id)).lead.assignedTo).toEqual({ id: member.user.id, name: "Mario Member" });
    expect((await act(lead.id, { intent: "assign", assignee: "" })).status).toBe(302);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).assignedToId).toBeNull();

    const gone = await staff("member", "Gianni Gone");
    await prisma.user.update({ where: { id: gone.user.id }, data: { disabledAt: new Date() } });
    const refused = await act(lead.id, { intent: "assign", assignee: gone.user.id });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ assign: { error: { assignee: ["pipeline.lead.badAssignee"] } } });
    expect((await page(lead.id)).team.map((u) => u.name)).not.toContain("Gianni Gone");

    const audit = await prisma.auditLog.findMany({ where: { leadId: lead.id, action: "lead.assigned" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => JSON.parse(a.data))).toEqual([
      { from: null, to: member.user.id, toName: "Mario Member" },
      { from: member.user.id, to: null, toName: null },
    ]);
  });

  it("adds notes with their author; the log keeps no copy of the text", async () => {
    const lead = await submitted("notes@example.com", "Note Srl");
    expect((await act(lead.id, { intent: "note", body: "  Richiamare lunedì:\r\nvuole partire a gennaio.  " })).status).toBe(302);
    await act(lead.id, { intent: "note", body: "Preventivo visto." }, owner);
    const empty = await act(lead.id, { intent: "note", body: "   " });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ note: { error: { body: ["pipeline.lead.noteEmpty"] } } });
    const long = await act(lead.id, { intent: "note", body: "x".repeat(NOTE_MAX + 1) });
    expect(long.status).toBe(400);
    // What was typed comes back to the text box.
    expect(await long.json()).toMatchObject({ note: { error: { body: [`pipeline.lead.noteTooLong|${NOTE_MAX}`] }, initialValue: { body: "x".repeat(NOTE_MAX + 1) } } });

    const data = await page(lead.id);
    expect(data.lead.notes).toEqual([
      expect.objectContaining({ body: "Preventivo visto.", author: "Olga Owner" }),
      expect.objectContaining({ body: "Richiamare lunedì:\nvuole partire a gennaio.", author: "Mario Member" }),
    ]);
    const audit = await prisma.auditLog.findMany({ where: { leadId: lead.id, action: "note.added" } });
    expect(audit).toHaveLength(2);
    for (const a of audit) expect(a.data).not.toMatch(/Richiamare|Preventivo/);
  });

  it("shows who did what, when, newest first, from the questionnaire to the opened proposal", async () => {
    const lead = await submitted("timeline@example.com", "Cronologia Srl");
    await act(lead.id, { intent: "status", status: "reviewing" });
    await act(lead.id, { intent: "assign", assignee: member.user.id }, owner);
    await act(lead.id, { intent: "note", body: "Chiamata fatta." });
    await sendProposal(lead.id, owner.user.id, undefined, undefined, { attachPdf: false });
    await markOpened(lead.id);

    const data = await page(lead.id);
    expect(data.timeline.map((e) => [e.action, e.actorName])).toEqual([
      ["proposal.opened", null],
      ["proposal.sent", "Olga Owner"],
      ["note.added", "Mario Member"],
      ["lead.assigned", "Olga Owner"],
      ["lead.status", "Mario Member"],
      ["lead.submitted", null],
    ]);
    const times = data.timeline.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(data.timeline[1]!.data).toMatchObject({ version: 1 });
    expect(data.lead.status).toBe("proposal_sent");
    expect(data.lead.proposal).toMatchObject({ latest: { number: 1 } });
    expect(data.lead.proposal?.firstOpenedAt).toBeTruthy();
  });

  it("shows an erased person's lead without contact data and refuses changes to it", async () => {
    const lead = await submitted("erase.me@example.com", "Cancella Srl");
    await erasePerson("erase.me@example.com", owner.user.id);
    const data = await page(lead.id);
    expect(data.lead.name).toBe("—");
    expect(data.lead.answers).toBeNull();
    expect((await act(lead.id, { intent: "note", body: "ciao" })).status).toBe(404);
    expect((await act(lead.id, { intent: "status", status: "lost" })).status).toBe(404);
  });
});
