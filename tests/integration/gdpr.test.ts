import { describe, expect, it } from "vitest";
import { action as eraseAction, loader as requestsLoader } from "~/routes/$lang.owner.privacy-requests";
import { loader as exportLoader } from "~/routes/$lang.owner.privacy-requests.export";
import { complete } from "~/domain/intake/fixtures";
import { createDraft, purgeExpiredDrafts } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { createSessionCookie } from "~/utils/auth.server";
import { hashPassword } from "~/utils/password.server";
import { prisma } from "~/utils/db.server";
import { call, get, post } from "./helpers";

async function signedIn(role: "owner" | "member") {
  const user = await prisma.user.create({
    data: { email: `${role}-${Math.random().toString(36).slice(2)}@studio.example`, name: role, role, passwordHash: await hashPassword("irrelevant-password-123") },
  });
  return { user, cookie: (await createSessionCookie(user.id, { userAgent: "vitest", ip: null })).split(";")[0]! };
}

async function submitted(email: string) {
  const answers = { ...complete, about: { ...complete.about, email } };
  const { draft } = await createDraft("it");
  await prisma.intakeDraft.update({ where: { id: draft.id }, data: { answers: JSON.stringify(answers), email } });
  const outcome = await submitIntake({ id: draft.id, answers }, "it");
  if (!outcome.ok) throw new Error("fixture does not submit");
  return prisma.lead.findFirstOrThrow({ where: { token: outcome.token } });
}

describe("privacy requests", () => {
  it("exports everything held about a person as JSON", async () => {
    const { cookie } = await signedIn("owner");
    const lead = await submitted("elena@export.example");
    await prisma.leadNote.create({ data: { leadId: lead.id, body: "Chiamare lunedì" } });
    const response = await call(exportLoader, get("/it/owner/privacy-requests/export?email=ELENA@export.example", { Cookie: cookie }), { lang: "it" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toContain("attachment");
    const data = (await response.json()) as { leads: Array<{ name: string; answers: { about: { organisation: string } }; notes: { body: string }[] }>; drafts: unknown[]; emails: Array<{ kind: string }> };
    expect(data.leads).toHaveLength(1);
    expect(data.leads[0]!.name).toBe("Elena Riva");
    expect(data.leads[0]!.answers.about.organisation).toBe("Hotel Lago Blu");
    expect(data.leads[0]!.notes.map((n) => n.body)).toEqual(["Chiamare lunedì"]);
    expect(data.drafts).toHaveLength(1);
    expect(data.emails.map((e) => e.kind)).toContain("intake_received");
  });

  it("erases a person's contact data and answers, keeps the figures and the billing records", async () => {
    const { cookie } = await signedIn("owner");
    const lead = await submitted("gone@erase.example");
    await prisma.client.create({ data: { leadId: lead.id, kind: "business", legalName: "Hotel Lago Blu Srl", partitaIva: "01234567897", address: "Via Lago 1", postalCode: "25010", city: "Limone", province: "BS" } });
    await prisma.payment.create({ data: { leadId: lead.id, provider: "manual", status: "paid", amountCents: 61000, expectedCents: 61000 } });

    const wrong = await call(eraseAction, post("/it/owner/privacy-requests", { email: "gone@erase.example", confirm: "other@erase.example" }, { Cookie: cookie }), { lang: "it" });
    expect(wrong.status).toBe(400);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).name).toBe("Elena Riva");

    const done = await call(eraseAction, post("/it/owner/privacy-requests", { email: "gone@erase.example", confirm: "GONE@erase.example" }, { Cookie: cookie }), { lang: "it" });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toContain("erased=gone%40erase.example&leads=1&drafts=1");
    const after = await prisma.lead.findUniqueOrThrow({ where: { id: lead.id }, include: { goals: { orderBy: { rank: "asc" } }, channels: true } });
    expect(after).toMatchObject({ name: "—", organisation: "—", phone: null, website: null, answers: null, sector: "hospitality", budgetBand: "b1000_2500", hasCrisis: true });
    expect(after.email).not.toContain("gone@");
    expect(after.erasedAt).not.toBeNull();
    expect(after.goals.map((g) => g.goal)).toEqual(["leads", "awareness"]);
    expect(after.channels.every((c) => c.handle === null)).toBe(true);
    expect(await prisma.intakeDraft.count({ where: { email: "gone@erase.example" } })).toBe(0);
    expect(await prisma.emailMessage.count({ where: { to: "gone@erase.example" } })).toBe(0);
    expect(await prisma.client.count({ where: { leadId: lead.id } })).toBe(1);
    expect(await prisma.payment.count({ where: { leadId: lead.id } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { leadId: lead.id, action: "lead.erased" } })).toBe(1);

    const lookup = await call(requestsLoader, get("/it/owner/privacy-requests?email=gone@erase.example", { Cookie: cookie }), { lang: "it" });
    expect(((await lookup.json()) as { summary: { leads: unknown[] } }).summary.leads).toEqual([]);
  });

  it("keeps members out of export and erasure", async () => {
    const { cookie } = await signedIn("member");
    const lead = await submitted("kept@member.example");
    expect((await call(exportLoader, get("/it/owner/privacy-requests/export?email=kept@member.example", { Cookie: cookie }), { lang: "it" })).status).toBe(403);
    expect((await call(eraseAction, post("/it/owner/privacy-requests", { email: "kept@member.example", confirm: "kept@member.example" }, { Cookie: cookie }), { lang: "it" })).status).toBe(403);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).name).toBe("Elena Riva");
  });

  it("purges drafts past their retention and keeps the others", async () => {
    const old = await createDraft("it");
    const fresh = await createDraft("en");
    const now = new Date();
    await prisma.intakeDraft.update({ where: { id: old.draft.id }, data: { expiresAt: new Date(now.getTime() - 1000) } });
    expect(await purgeExpiredDrafts(now)).toBeGreaterThanOrEqual(1);
    expect(await prisma.intakeDraft.findUnique({ where: { id: old.draft.id } })).toBeNull();
    expect(await prisma.intakeDraft.findUnique({ where: { id: fresh.draft.id } })).not.toBeNull();
  });
});
