import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { action as reviewAction, loader as reviewLoader } from "~/routes/$lang.owner.proposals.$leadId";
import { loader as previewLoader } from "~/routes/$lang.owner.proposals.$leadId.preview[.pdf]";
import { loader as pageLoader } from "~/routes/$lang.p.$token";
import { loader as pdfLoader } from "~/routes/$lang.p.$token.pdf";
import { action as renewAction } from "~/routes/$lang.p.$token_.renew";
import { complete } from "~/domain/intake/fixtures";
import { createDraft } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { erasePerson } from "~/models/gdpr.server";
import { getAcceptableProposal, getWorkingProposal } from "~/models/proposal.server";
import { cachedPreviews, PREVIEW_TTL_MS, previewPdf } from "~/pdf/preview-cache.server";
import { viewFromSnapshot } from "~/models/proposal-versions.server";
import { sha256 } from "~/utils/storage.server";
import { prisma } from "~/utils/db.server";
import { call, get, post, runJobs, staffSession, submittedLead } from "./helpers";

function pdfText(bytes: ArrayBuffer | Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), "sb-review-"));
  const file = path.join(dir, "p.pdf");
  writeFileSync(file, Buffer.from(bytes as ArrayBuffer));
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
}

describe("owner review and sending", () => {
  it("edits text and prices, previews them, and sends an immutable version the prospect sees", async () => {
    const { user, cookie } = await staffSession("owner"); // prices are the owner's (members get 403: tests/integration/roles.test.ts)
    const lead = await submittedLead("review@hotel.example");
    const params = { lang: "it", leadId: lead.id };

    const saved = await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { intent: "save", "part-summary": "Tre cose contano: Instagram, prenotazioni dirette, nessuna crisi improvvisata.", "price-package-completo": "1.234,56" }, { Cookie: cookie }), params);
    expect(saved.status).toBe(302);
    const preview = await call(previewLoader, get(`/it/owner/proposals/${lead.id}/preview.pdf`, { Cookie: cookie }), params);
    const previewText = pdfText(await preview.arrayBuffer());
    expect(previewText).toContain("Tre cose contano: Instagram, prenotazioni dirette");
    expect(previewText).toContain("1.234,56 €");

    const sent = await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { intent: "send", "part-summary": "Tre cose contano: Instagram, prenotazioni dirette, nessuna crisi improvvisata.", "price-package-completo": "1.234,56" }, { Cookie: cookie }), params);
    expect(sent.headers.get("Location")).toBe(`/it/owner/proposals/${lead.id}?sent=1`);
    await runJobs(); // its email, with the PDF the job renders and stores
    const version = await prisma.proposalVersion.findFirstOrThrow({ where: { proposal: { leadId: lead.id } } });
    expect(version.number).toBe(1);
    expect(version.snapshotHash).toBe(sha256(version.snapshot));
    expect(version.sentById).toBe(user.id);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("proposal_sent");
    const email = await prisma.emailMessage.findFirstOrThrow({ where: { kind: "proposal_sent", to: "review@hotel.example" } });
    expect(email.text).toContain(`/it/p/${lead.token}`);
    expect(await prisma.auditLog.count({ where: { leadId: lead.id, action: "proposal.sent" } })).toBe(1);

    // The prospect's PDF is the stored one, byte for byte, every time.
    const first = Buffer.from(await (await call(pdfLoader, get(`/it/p/${lead.token}/pdf`), { lang: "it", token: lead.token })).arrayBuffer());
    const second = Buffer.from(await (await call(pdfLoader, get(`/it/p/${lead.token}/pdf`), { lang: "it", token: lead.token })).arrayBuffer());
    expect(sha256(first)).toBe(version.pdfHash);
    expect(sha256(second)).toBe(version.pdfHash);
    expect(pdfText(first)).toContain("Tre cose contano");

    // Later edits change the working copy, not what was sent.
    await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { intent: "save", "part-summary": "Testo nuovo non ancora inviato." }, { Cookie: cookie }), params);
    const page = (await (await call(pageLoader, get(`/it/p/${lead.token}`), { lang: "it", token: lead.token })).json()) as { view: { edits: Record<string, string> } };
    expect(page.view.edits.summary).toContain("Tre cose contano");
    const rebuilt = viewFromSnapshot(version.snapshot, "it");
    expect(rebuilt?.view.edits.summary).toContain("Tre cose contano");

    const acceptable = await getAcceptableProposal(lead.token);
    expect(acceptable).toMatchObject({ versionId: version.id, versionHash: version.snapshotHash, onboardingNetCents: 50000, vatRatePercent: 22, email: "review@hotel.example" });
    expect(acceptable!.packages.find((p) => p.id === "completo")!.monthlyNetCents).toBe(123456);
  });

  it("records when the prospect first opens the sent proposal, not when staff look at it", async () => {
    const { cookie } = await staffSession("member");
    const lead = await submittedLead("opened@hotel.example");
    await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { intent: "send" }, { Cookie: cookie }), { lang: "it", leadId: lead.id });
    await call(pageLoader, get(`/it/p/${lead.token}`, { Cookie: cookie }), { lang: "it", token: lead.token });
    expect((await prisma.proposal.findUniqueOrThrow({ where: { leadId: lead.id } })).firstOpenedAt).toBeNull();
    await call(pageLoader, get(`/it/p/${lead.token}`), { lang: "it", token: lead.token });
    expect((await prisma.proposal.findUniqueOrThrow({ where: { leadId: lead.id } })).firstOpenedAt).not.toBeNull();
    expect(await prisma.auditLog.count({ where: { leadId: lead.id, action: "proposal.opened" } })).toBe(1);
  });

  it("previews the PDF in the lead's language, whatever the owner's URL, and says so", async () => {
    const { cookie } = await staffSession("member");
    const answers = { ...complete, about: { ...complete.about, email: "english@hotel.example", language: "en" } };
    const { draft } = await createDraft("en");
    const outcome = await submitIntake({ id: draft.id, answers }, "en");
    if (!outcome.ok) throw new Error("fixture does not submit");
    const lead = await prisma.lead.findFirstOrThrow({ where: { token: outcome.token } });
    expect(lead.locale).toBe("en");
    const params = { lang: "it", leadId: lead.id };
    const preview = await call(previewLoader, get(`/it/owner/proposals/${lead.id}/preview.pdf`, { Cookie: cookie }), params);
    expect(preview.headers.get("Content-Language")).toBe("en");
    const text = pdfText(await preview.arrayBuffer());
    expect(text).toContain("Prepared for Elena Riva, Hotel Lago Blu");
    expect(text).not.toContain("Preparata per");
    const page = (await (await call(reviewLoader, get(`/it/owner/proposals/${lead.id}`, { Cookie: cookie }), params)).json()) as { previewLanguage: string };
    expect(page.previewLanguage).toBe("inglese");
    // An Italian lead previewed from the English pages is in Italian.
    const italian = await submittedLead("italian@hotel.example");
    const itText = pdfText(await (await call(previewLoader, get(`/en/owner/proposals/${italian.id}/preview.pdf`, { Cookie: cookie }), { lang: "en", leadId: italian.id })).arrayBuffer());
    expect(itText).toContain("Preparata per Elena Riva, Hotel Lago Blu");
  });

  it("serves an unchanged preview from memory, draws a new one after an edit or after its time, and forgets a lead's previews on erasure", async () => {
    const { user, cookie } = await staffSession("owner");
    const lead = await submittedLead("preview-cache@hotel.example");
    const params = { lang: "it", leadId: lead.id };
    const preview = async () => Buffer.from(await (await call(previewLoader, get(`/it/owner/proposals/${lead.id}/preview.pdf`, { Cookie: cookie }), params)).arrayBuffer());
    // A drawn preview carries the second it was drawn (CreationDate): two draws a second apart differ.
    const createdAt = (pdf: Buffer) => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), "sb-preview-")), "p.pdf");
      writeFileSync(file, pdf);
      return /^CreationDate:\s+(\S+)$/m.exec(execFileSync("pdfinfo", ["-isodates", file], { encoding: "utf8" }))?.[1];
    };

    const [first, twin] = await Promise.all([preview(), preview()]);
    expect(sha256(twin)).toBe(sha256(first)); // two tabs at once: one render
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await preview();
    expect(createdAt(first)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    expect(sha256(again)).toBe(sha256(first)); // a second later, unchanged: the same PDF, not drawn again
    expect(cachedPreviews(lead.id)).toBe(1);

    await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { intent: "save", "part-summary": "Una frase nuova per l'anteprima." }, { Cookie: cookie }), params);
    const edited = await preview();
    expect(pdfText(edited)).toContain("Una frase nuova per l'anteprima.");
    expect(pdfText(first)).not.toContain("Una frase nuova");
    expect(cachedPreviews(lead.id)).toBe(2);

    // After PREVIEW_TTL_MS the same working copy is drawn again (a new CreationDate).
    const working = await getWorkingProposal(lead.id, "it");
    const job = { document: "full-proposal" as const, view: working!.view!, branding: working!.settings.branding, studioName: working!.settings.studioName };
    expect(sha256(await previewPdf(lead.id, job))).toBe(sha256(edited));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const redrawn = await previewPdf(lead.id, job, Date.now() + PREVIEW_TTL_MS + 1);
    expect(createdAt(redrawn)).not.toBe(createdAt(edited));
    expect(pdfText(redrawn)).toContain("Una frase nuova per l'anteprima.");

    await erasePerson("preview-cache@hotel.example", user.id);
    expect(cachedPreviews(lead.id)).toBe(0);
  });

  it("refuses a price that is not an amount and saves nothing; keeps anonymous visitors out", async () => {
    const { cookie } = await staffSession("owner");
    const lead = await submittedLead("price@hotel.example");
    const bad = await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { intent: "save", "part-terms": "x", "price-onboarding": "cinquecento" }, { Cookie: cookie }), { lang: "it", leadId: lead.id });
    expect(bad.status).toBe(400);
    // The message per price, and what was typed comes back to the field.
    expect(await bad.json()).toMatchObject({ result: { error: { "price-onboarding": ["settings.review.badPrice"] }, initialValue: { "price-onboarding": "cinquecento" } } });
    expect(await prisma.proposal.findUnique({ where: { leadId: lead.id } })).toBeNull();
    expect((await call(reviewLoader, get(`/it/owner/proposals/${lead.id}`), { lang: "it", leadId: lead.id })).status).toBe(302);
    expect((await call(previewLoader, get(`/it/owner/proposals/${lead.id}/preview.pdf`), { lang: "it", leadId: lead.id })).status).toBe(302);
  });
});

describe("validity", () => {
  it("asks for renewal after the validity date and offers no choices any more", async () => {
    const { cookie } = await staffSession("member");
    const lead = await submittedLead("expired@hotel.example");
    await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { intent: "send" }, { Cookie: cookie }), { lang: "it", leadId: lead.id });
    const version = await prisma.proposalVersion.findFirstOrThrow({ where: { proposal: { leadId: lead.id } } });
    const fresh = (await (await call(pageLoader, get(`/it/p/${lead.token}`), { lang: "it", token: lead.token })).json()) as { expired: boolean; choice: unknown };
    expect(fresh.expired).toBe(false);
    expect(fresh.choice).not.toBeNull();
    // The same version, sent long ago (before sent views were stored, so it is
    // rebuilt from its snapshot): only the issue date in the snapshot moves.
    const old = JSON.parse(version.snapshot) as { issuedOn: string };
    old.issuedOn = "2025-01-10";
    const snapshot = JSON.stringify(old);
    await prisma.proposalVersion.update({ where: { id: version.id }, data: { snapshot, snapshotHash: sha256(snapshot), view: null } });
    const page = (await (await call(pageLoader, get(`/it/p/${lead.token}`), { lang: "it", token: lead.token })).json()) as { expired: boolean; choice: unknown; view: { expiredNotice: string } };
    expect(page.expired).toBe(true);
    expect(page.choice).toBeNull();
    expect(page.view.expiredNotice).toBe("Questa proposta è scaduta il 9 febbraio 2025: chiedici di rinnovarla.");
  });

  it("lets the prospect ask to renew an expired proposal: one email to the owners, one timeline entry, however often they ask", async () => {
    const { user: owner, cookie } = await staffSession("owner");
    const lead = await submittedLead("renew@hotel.example");
    const params = { lang: "it", token: lead.token };
    const renew = () => call(renewAction, post(`/it/p/${lead.token}/renew`, {}), params);
    const renewalEmails = async () => {
      await runJobs();
      return prisma.emailMessage.findMany({ where: { kind: "renewal_requested", leadId: lead.id }, select: { to: true, subject: true, text: true } });
    };

    // Nothing sent: nothing to renew (tests/integration/review-gate.test.ts).
    expect((await renew()).status).toBe(404);
    await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { intent: "send" }, { Cookie: cookie }), { lang: "it", leadId: lead.id });

    // Still valid: nothing to renew, nothing sent.
    const early = await renew();
    expect(early.status).toBe(303);
    expect(early.headers.get("Location")).toBe(`/it/p/${lead.token}?renewal=notExpired`);
    expect(await renewalEmails()).toEqual([]);

    // The version sent was issued long ago (rebuilt from its snapshot, as rows before stored views are).
    const version = await prisma.proposalVersion.findFirstOrThrow({ where: { proposal: { leadId: lead.id } } });
    const old = JSON.parse(version.snapshot) as { issuedOn: string };
    old.issuedOn = "2025-01-10";
    const snapshot = JSON.stringify(old);
    await prisma.proposalVersion.update({ where: { id: version.id }, data: { snapshot, snapshotHash: sha256(snapshot), view: null } });
    const before = (await (await call(pageLoader, get(`/it/p/${lead.token}`), params)).json()) as { expired: boolean; renewalAsked: boolean };
    expect(before).toMatchObject({ expired: true, renewalAsked: false });

    const asked = await renew();
    expect(asked.status).toBe(303);
    expect(asked.headers.get("Location")).toBe(`/it/p/${lead.token}?renewal=requested`);
    const emails = await renewalEmails();
    expect(emails.map((e) => e.to)).toContain(owner.email);
    expect(emails[0]!.subject).toBe("Hotel Lago Blu chiede di rinnovare la proposta");
    expect(emails[0]!.text).toContain("scaduta il 9 febbraio 2025");
    expect(emails[0]!.text).toContain(`/it/owner/leads/${lead.id}`);
    const after = (await (await call(pageLoader, get(`/it/p/${lead.token}`), params)).json()) as { renewalAsked: boolean };
    expect(after.renewalAsked).toBe(true);

    // Asking again sends nothing more and says the same.
    const again = await renew();
    expect(again.headers.get("Location")).toBe(`/it/p/${lead.token}?renewal=requested`);
    expect(await renewalEmails()).toHaveLength(emails.length);
    expect(await prisma.auditLog.count({ where: { leadId: lead.id, action: "proposal.renewal_requested" } })).toBe(1);
  });
});
