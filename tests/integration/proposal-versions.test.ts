// A sent version is frozen: its web page and PDF render from the view stored
// when it was sent (owner edits and prices in place), whatever changes later,
// and re-rendering it gives the stored PDF's bytes exactly.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { action as reviewAction, loader as reviewLoader } from "~/routes/$lang.owner.proposals.$leadId";
import { loader as previewLoader } from "~/routes/$lang.owner.proposals.$leadId.preview[.pdf]";
import { loader as pageLoader } from "~/routes/$lang.p.$token";
import { loader as pdfLoader } from "~/routes/$lang.p.$token.pdf";
import { complete } from "~/domain/intake/fixtures";
import { defaultOwnerSettings, type OwnerSettings } from "~/domain/strategy/settings";
import { createDraft } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { parseStoredView, renderVersionPdf, sendProposal } from "~/models/proposal-versions.server";
import { saveOwnerSettings } from "~/models/settings.server";
import { renderFullProposalPdf } from "~/pdf/full-proposal.server";
import { createSessionCookie } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { readStored, removeStored, sha256 } from "~/utils/storage.server";
import { call, get, post, proposalEmailOf, runJobs, irrelevantPasswordHash } from "./helpers";

// Intl writes a no-break space before €; pdftotext keeps it.
const plain = (s: string) => s.replace(/\u00a0/g, " ");

async function owner() {
  const user = await prisma.user.create({ data: { email: `owner-${Math.random().toString(36).slice(2)}@studio.example`, name: "Owner", role: "owner", passwordHash: await irrelevantPasswordHash() } });
  return { user, cookie: (await createSessionCookie(user.id, { userAgent: "vitest", ip: null })).split(";")[0]! };
}

async function submitted(email: string, language: "it" | "en" = "it") {
  const answers = { ...complete, about: { ...complete.about, email, language } };
  const { draft } = await createDraft(language);
  const outcome = await submitIntake({ id: draft.id, answers }, language);
  if (!outcome.ok) throw new Error("fixture does not submit");
  return prisma.lead.findFirstOrThrow({ where: { token: outcome.token } });
}

function pdfFile(bytes: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "sb-versions-")), "p.pdf");
  writeFileSync(file, bytes);
  return file;
}

const pdfText = (bytes: Buffer) => plain(execFileSync("pdftotext", [pdfFile(bytes), "-"], { encoding: "utf8" }));

function withPrice(settings: OwnerSettings, id: string, cents: number, studioName: string): OwnerSettings {
  return { ...settings, studioName, packages: settings.packages.map((p) => (p.id === id ? { ...p, monthlyNetCents: cents } : p)) };
}

type PageData = { view: { edits: Record<string, string>; organisation: string; investment: { packages: Array<{ id: string; monthly: string }> } } };
const monthly = (data: PageData, id: string) => plain(data.view.investment.packages.find((p) => p.id === id)!.monthly);

describe("a sent version is frozen", () => {
  it("keeps its texts, prices and studio name on the web page and in the PDF when settings and edits change later", async () => {
    const { user, cookie } = await owner();
    await saveOwnerSettings(withPrice(defaultOwnerSettings, "essenziale", 45000, "Studio Uno"), user.id);
    const lead = await submitted("frozen@hotel.example");
    const params = { lang: "it", leadId: lead.id };
    const sentText = "Testo inviato: Instagram e prenotazioni dirette.";
    const sent = await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { intent: "send", "part-summary": sentText, "price-package-completo": "1.234,56" }, { Cookie: cookie }), params);
    expect(sent.status).toBe(302);
    await runJobs(); // its email, with the PDF rendered and stored by the job
    const version = await prisma.proposalVersion.findFirstOrThrow({ where: { proposal: { leadId: lead.id } } });
    expect(version.view).not.toBeNull();

    // Afterwards: new settings (a package price, the studio's name) and new owner edits (text and a price).
    await saveOwnerSettings(withPrice(defaultOwnerSettings, "essenziale", 47500, "Studio Due"), user.id);
    await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { intent: "save", "part-summary": "Testo nuovo, non ancora inviato.", "price-package-completo": "1.500,00" }, { Cookie: cookie }), params);

    // The working draft has the new values…
    const draft = (await (await call(reviewLoader, get(`/it/owner/proposals/${lead.id}`, { Cookie: cookie }), params)).json()) as PageData;
    expect(draft.view.edits.summary).toBe("Testo nuovo, non ancora inviato.");
    expect(monthly(draft, "essenziale")).toBe("475,00 €");
    expect(monthly(draft, "completo")).toBe("1.500,00 €");
    const previewText = pdfText(Buffer.from(await (await call(previewLoader, get(`/it/owner/proposals/${lead.id}/preview.pdf`, { Cookie: cookie }), params)).arrayBuffer()));
    expect(previewText).toContain("Testo nuovo, non ancora inviato.");
    expect(previewText).toContain("475,00 €");
    expect(previewText).toContain("Studio Due");

    // …the prospect's page still shows what was sent, in both languages.
    const page = (await (await call(pageLoader, get(`/it/p/${lead.token}`), { lang: "it", token: lead.token })).json()) as PageData;
    expect(page.view.edits.summary).toBe(sentText);
    expect(monthly(page, "essenziale")).toBe("450,00 €");
    expect(monthly(page, "completo")).toBe("1.234,56 €");
    const english = (await (await call(pageLoader, get(`/en/p/${lead.token}`), { lang: "en", token: lead.token })).json()) as PageData;
    expect(monthly(english, "essenziale")).toBe("€450.00");

    // The PDF, even rendered again (file removed), is the one sent, byte for byte.
    await removeStored(version.pdfPath!);
    const pdf = Buffer.from(await (await call(pdfLoader, get(`/it/p/${lead.token}/pdf`), { lang: "it", token: lead.token })).arrayBuffer());
    expect(sha256(pdf)).toBe(version.pdfHash);
    const text = pdfText(pdf);
    expect(text).toContain(sentText);
    expect(text).toContain("450,00 €");
    expect(text).toContain("1.234,56 €");
    expect(text).toContain("Studio Uno");
    expect(text).not.toContain("Testo nuovo");
    expect(text).not.toContain("Studio Due");
    expect(text).not.toContain("475,00 €");
  });

  it("renders from the stored view, not from a rebuild, and rebuilds only rows sent before views were stored", async () => {
    const { cookie } = await owner();
    const lead = await submitted("rebuild@hotel.example");
    await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { intent: "send" }, { Cookie: cookie }), { lang: "it", leadId: lead.id });
    const version = await prisma.proposalVersion.findFirstOrThrow({ where: { proposal: { leadId: lead.id } } });
    // Stand-in for a change of rules or wording: a rebuild from the snapshot would now give another name.
    const snapshot = JSON.parse(version.snapshot) as { lead: { organisation: string } };
    snapshot.lead.organisation = "Nome Ricostruito";
    await prisma.proposalVersion.update({ where: { id: version.id }, data: { snapshot: JSON.stringify(snapshot) } });
    const page = async () => ((await (await call(pageLoader, get(`/it/p/${lead.token}`), { lang: "it", token: lead.token })).json()) as PageData).view.organisation;
    expect(await page()).toBe("Hotel Lago Blu");
    // A row without a stored view (sent before it existed) is rebuilt from its snapshot.
    await prisma.proposalVersion.update({ where: { id: version.id }, data: { view: null } });
    expect(await page()).toBe("Nome Ricostruito");
  });
});

describe("byte-for-byte reproduction", () => {
  it("re-renders a sent version from its stored view with the SHA-256 of the stored PDF, dated when it was sent", async () => {
    const { user } = await owner();
    const lead = await submitted("bytes@hotel.example", "en");
    const sentAt = new Date("2026-03-02T09:30:00Z");
    const { version } = await sendProposal(lead.id, user.id, sentAt);
    await runJobs();
    const row = await prisma.proposalVersion.findUniqueOrThrow({ where: { id: version.id } });
    const stored = await readStored(row.pdfPath!);
    expect(stored).not.toBeNull();
    expect(sha256(stored!)).toBe(row.pdfHash);
    expect(execFileSync("pdfinfo", [pdfFile(stored!)], { encoding: "utf8" })).toMatch(/CreationDate:.*Mar\s+2 .*2026/);

    // In the worker pool, and in this thread (its own two-pass layout, nothing cached).
    expect(sha256((await renderVersionPdf(row, "en"))!)).toBe(row.pdfHash);
    const frozen = parseStoredView(row.view, "en")!;
    expect(frozen.view.locale).toBe("en");
    const here = await renderFullProposalPdf(frozen.view, { ...frozen.branding, logo: null }, frozen.studioName, { createdAt: row.sentAt });
    expect(sha256(here)).toBe(row.pdfHash);
    // Without the version's date the bytes differ: the date is what makes them reproducible.
    const undated = await renderFullProposalPdf(frozen.view, { ...frozen.branding, logo: null }, frozen.studioName);
    expect(sha256(undated)).not.toBe(row.pdfHash);
  });
});

describe("a version sent without its PDF attached", () => {
  it("emails the link alone, and its PDF renders at the first download and is stored: the same bytes as a send with the attachment", async () => {
    const { user } = await owner();
    const sentAt = new Date("2026-03-02T09:30:00Z");
    const linkOnly = await submitted("link-only@hotel.example");
    const { version } = await sendProposal(linkOnly.id, user.id, sentAt, undefined, { attachPdf: false });
    const email = await proposalEmailOf(version.id);
    expect(await prisma.emailAttachment.count({ where: { messageId: email.id } })).toBe(0);
    const row = await prisma.proposalVersion.findUniqueOrThrow({ where: { id: version.id } });
    expect(row.pdfHash).toBeNull();
    expect(await readStored(row.pdfPath!)).toBeNull();

    const response = await call(pdfLoader, get(`/it/p/${linkOnly.token}/pdf`), { lang: "it", token: linkOnly.token });
    expect(response.status).toBe(200);
    const downloaded = Buffer.from(await response.arrayBuffer());
    expect(downloaded.subarray(0, 5).toString()).toBe("%PDF-");
    expect(sha256((await readStored(row.pdfPath!))!)).toBe(sha256(downloaded));
    // The same frozen view and date render the same bytes a send with the attachment stores.
    expect(sha256((await renderVersionPdf(row, "it"))!)).toBe(sha256(downloaded));
  });
});
