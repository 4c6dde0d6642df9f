import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { action as eraseAction, loader as requestsLoader } from "~/routes/$lang.owner.privacy-requests";
import { loader as exportLoader } from "~/routes/$lang.owner.privacy-requests.export";
import { invoiceInput } from "~/domain/invoice/fixtures";
import { buildInvoice } from "~/domain/invoice/invoice";
import { complete } from "~/domain/intake/fixtures";
import { createDraft, purgeExpiredDrafts } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { sendProposal, storeVersionPdf, versionPdfKeys } from "~/models/proposal-versions.server";
import { loader as pageLoader } from "~/routes/$lang.p.$token";
import { loader as pdfLoader } from "~/routes/$lang.p.$token.pdf";
import { loader as receiptLoader } from "~/routes/$lang.p.$token_.receipt.$paymentId";
import { action as payAction } from "~/routes/$lang.p.$token_.pay";
import { loader as acceptLoader } from "~/routes/$lang.p.$token_.accept";
import { createSessionCookie } from "~/utils/auth.server";
import { createDb, prisma, withDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { readStored, sha256 } from "~/utils/storage.server";
import { call, get, post, proposalEmailOf, runJobs, irrelevantPasswordHash } from "./helpers";

const legacyStorage = path.resolve("data/storage");
const filesUnder = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: "utf8" }).sort() : []);

async function signedIn(role: "owner" | "member") {
  const user = await prisma.user.create({
    data: { email: `${role}-${Math.random().toString(36).slice(2)}@studio.example`, name: role, role, passwordHash: await irrelevantPasswordHash() },
  });
  return { user, cookie: (await createSessionCookie(user.id, { userAgent: "vitest", ip: null })).split(";")[0]! };
}

async function submitted(email: string) {
  const answers = { ...complete, about: { ...complete.about, email } };
  const { draft } = await createDraft("it");
  await prisma.intakeDraft.update({ where: { id: draft.id }, data: { answers: JSON.stringify(answers), email } });
  const outcome = await submitIntake({ id: draft.id, answers }, "it");
  if (!outcome.ok) throw new Error("fixture does not submit");
  await runJobs(); // the confirmation and the owners' email, as the server's job runner sends them
  return prisma.lead.findFirstOrThrow({ where: { token: outcome.token } });
}

describe("privacy requests", () => {
  it("exports everything held about a person as JSON", async () => {
    const { cookie } = await signedIn("owner");
    const lead = await submitted("elena@export.example");
    await prisma.leadNote.create({ data: { leadId: lead.id, body: "Chiamare lunedì" } });
    // An invoice issued to them: the export holds the document as issued.
    const frozen = buildInvoice(invoiceInput());
    const payment = await prisma.payment.create({ data: { leadId: lead.id, provider: "manual", status: "paid", amountCents: 61000, expectedCents: 61000 } });
    await prisma.invoice.create({ data: { year: 2026, number: 7, documentType: "TD01", paymentId: payment.id, leadId: lead.id, issuedOn: new Date("2026-12-02T00:00:00Z"), totalCents: 61000, dueCents: 61000, data: JSON.stringify(frozen) } });
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
    const { invoices, subscriptions } = data as unknown as { invoices: Array<{ number: number; documentType: string; document: { client: { name: string }; lines: unknown[] } }>; subscriptions: unknown[] };
    expect(invoices.map((i) => [i.number, i.documentType, i.document.client.name, i.document.lines.length])).toEqual([[7, "TD01", "Hotel Lago Blu S.r.l.", 1]]);
    expect(subscriptions).toEqual([]);
  });

  it("erases a person's contact data and answers, keeps the figures and the billing records", async () => {
    const { cookie } = await signedIn("owner");
    const lead = await submitted("gone@erase.example");
    await prisma.client.create({ data: { leadId: lead.id, kind: "business", legalName: "Hotel Lago Blu Srl", partitaIva: "01234567897", address: "Via Lago 1", postalCode: "25010", city: "Limone", province: "BS" } });
    await prisma.payment.create({ data: { leadId: lead.id, provider: "manual", status: "paid", amountCents: 61000, expectedCents: 61000 } });

    const wrong = await call(eraseAction, post("/it/owner/privacy-requests", { email: "gone@erase.example", confirm: "other@erase.example" }, { Cookie: cookie }), { lang: "it" });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { result: { error: Record<string, string[]> } }).result.error).toEqual({ confirm: ["settings.gdpr.confirmMismatch"] });
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

  it("exports and erases every message about the person (team notifications and the proposal with its PDF included); their link answers 410", async () => {
    const { user, cookie } = await signedIn("owner");
    const lead = await submitted("whole@erase.example");
    const sent = (await sendProposal(lead.id, user.id)).version;
    const proposalEmail = await proposalEmailOf(sent.id);
    // As the email's job left it: its PDF stored, its hash kept.
    const version = await prisma.proposalVersion.findUniqueOrThrow({ where: { id: sent.id } });
    // The other language's PDF too, rendered by another instance (its own database client and
    // connections) when someone downloads it there: both are in the storage every instance shares.
    const enKey = `proposals/${version.snapshotHash}-en.pdf`;
    const downloadEn = async () => Buffer.from(await (await call(pdfLoader, get(`/en/p/${lead.token}/pdf`), { lang: "en", token: lead.token })).arrayBuffer());
    const other = createDb(getEnv().DATABASE_URL);
    const enPdf = await withDb(other, downloadEn).finally(() => other.$disconnect());
    const pdfKeys = versionPdfKeys(version.snapshotHash);
    expect(await prisma.storedFile.findMany({ where: { key: { in: pdfKeys } }, select: { key: true, contentType: true, size: true }, orderBy: { key: "asc" } })).toEqual([
      { key: enKey, contentType: "application/pdf", size: enPdf.length },
      { key: version.pdfPath, contentType: "application/pdf", size: expect.any(Number) as number },
    ]);
    expect(sha256((await readStored(version.pdfPath!))!)).toBe(version.pdfHash);
    expect((await readStored(enKey))!.equals(enPdf)).toBe(true);
    // This instance serves the row and renders nothing: bytes no renderer makes come back.
    const marker = Buffer.from("%PDF-1.7 served from StoredFile");
    await prisma.storedFile.update({ where: { key: enKey }, data: { bytes: new Uint8Array(marker) } });
    expect((await downloadEn()).equals(marker)).toBe(true);
    const diskBefore = filesUnder(legacyStorage);
    await prisma.payment.create({ data: { leadId: lead.id, provider: "manual", status: "paid", amountCents: 61000, expectedCents: 61000, paidAt: new Date() } });
    const payment = await prisma.payment.findFirstOrThrow({ where: { leadId: lead.id } });
    const about = await prisma.emailMessage.findMany({ where: { leadId: lead.id }, select: { id: true, kind: true, to: true } });
    // The prospect's own emails and the team's notification, all tied to the lead.
    expect([...new Set(about.map((m) => m.kind))].sort()).toEqual(["intake_received", "new_lead", "proposal_sent"]);
    expect(about.filter((m) => m.kind === "new_lead").map((m) => m.to)).toContain(user.email);
    expect(await prisma.emailAttachment.count({ where: { messageId: proposalEmail.id } })).toBe(1);

    const response = await call(exportLoader, get("/it/owner/privacy-requests/export?email=whole@erase.example", { Cookie: cookie }), { lang: "it" });
    const raw = await response.text();
    const data = JSON.parse(raw) as { emails: Array<{ kind: string; to: string; attachments: Array<{ filename: string; size: number }> }> };
    expect(data.emails.map((e) => e.kind).sort()).toEqual(about.map((m) => m.kind).sort());
    const sentWithPdf = data.emails.find((e) => e.kind === "proposal_sent")!;
    expect(sentWithPdf.attachments).toEqual([{ filename: "proposta-hotel-lago-blu.pdf", contentType: "application/pdf", size: expect.any(Number) as number }]);
    expect(raw).not.toContain(`"content"`);
    expect(raw).not.toContain("JVBER"); // no PDF bytes (base64 of "%PDF")

    const done = await call(eraseAction, post("/it/owner/privacy-requests", { email: "whole@erase.example", confirm: "whole@erase.example" }, { Cookie: cookie }), { lang: "it" });
    expect(done.status).toBe(302);
    expect(await prisma.emailMessage.count({ where: { id: { in: about.map((m) => m.id) } } })).toBe(0);
    expect(await prisma.emailMessage.count({ where: { leadId: lead.id } })).toBe(0);
    expect(await prisma.emailAttachment.count({ where: { messageId: proposalEmail.id } })).toBe(0);
    // The sent version (not accepted) keeps neither the answers nor the built page with the client's name.
    const versions = await prisma.proposalVersion.findMany({ where: { proposal: { leadId: lead.id } }, select: { snapshot: true, view: true, pdfPath: true } });
    expect(versions).toEqual([{ snapshot: '{"erased":true}', view: null, pdfPath: null }]);
    // No copy of its PDF in any language, for any instance; and a render that was in flight
    // somewhere when the erasure ran cannot store it again.
    expect(await prisma.storedFile.count({ where: { key: { in: pdfKeys } } })).toBe(0);
    expect(await storeVersionPdf(version.snapshotHash, "en", enPdf)).toBe(false);
    expect(await prisma.storedFile.count()).toBe(0);
    // Nothing on disk either, where files used to go (STORAGE_DIR's old default).
    expect(filesUnder(legacyStorage)).toEqual(diskBefore);
    // Billing records and figures stay.
    expect(await prisma.payment.count({ where: { leadId: lead.id } })).toBe(1);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("proposal_sent");

    const params = { lang: "it", token: lead.token };
    const page = await call(pageLoader, get(`/it/p/${lead.token}`), params);
    expect(page.status).toBe(410);
    const body = await page.text();
    expect(body).toContain("Questo link non è più attivo");
    expect(body).not.toContain("Hotel Lago Blu");
    const english = await call(pageLoader, get(`/en/p/${lead.token}`), { lang: "en", token: lead.token });
    expect(english.status).toBe(410);
    expect(await english.text()).toContain("This link is no longer active");
    const pdf = await call(pdfLoader, get(`/it/p/${lead.token}/pdf`), params);
    expect(pdf.status).toBe(410);
    expect(pdf.headers.get("Content-Type")).toContain("text/plain");
    expect((await call(receiptLoader, get(`/it/p/${lead.token}/receipt/${payment.id}`), { ...params, paymentId: payment.id })).status).toBe(410);
    expect((await call(acceptLoader, get(`/it/p/${lead.token}/accept`), params)).status).toBe(410);
    expect((await call(payAction, post(`/it/p/${lead.token}/pay`, {}), params)).status).toBe(410);
  });
});

