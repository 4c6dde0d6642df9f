// The courtesy copy of an invoice: a PDF in the client's language from the
// same renderer as the proposal, listed in the client area and on the lead
// page, attached to the payment's email; a credit note's copy names the
// invoice it cancels. Only the lead's own documents through a private link;
// the team's route needs a login. Real database (SQLite or PostgreSQL), real
// PDF workers, pdftotext and pdffonts on the bytes served.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freelancer } from "~/domain/invoice/fixtures";
import { defaultOwnerSettings, type OwnerSettings } from "~/domain/strategy/settings";
import { formatMoney } from "~/i18n/format";
import { erasePerson } from "~/models/gdpr.server";
import { issueCreditNoteForPayment } from "~/models/invoices.server";
import { recordManualPayment } from "~/models/payments.server";
import { saveOwnerSettings } from "~/models/settings.server";
import { action as acceptAction } from "~/routes/$lang.p.$token_.accept";
import { loader as pageLoader } from "~/routes/$lang.p.$token";
import { loader as copyLoader } from "~/routes/$lang.p.$token_.invoice.$invoiceId";
import { loader as receiptLoader } from "~/routes/$lang.p.$token_.receipt.$paymentId";
import { loader as staffCopyLoader } from "~/routes/$lang.owner.invoices_.$invoiceId.pdf";
import { loader as leadLoader } from "~/routes/$lang.owner.leads.$leadId";
import { prisma } from "~/utils/db.server";
import { call, get, post, runJobs, sentProposalLead, staffSession } from "./helpers";

const fiscal: NonNullable<OwnerSettings["fiscal"]> = { ...freelancer, iban: "IT60X0542811101000000123456" };
const forfettario: OwnerSettings = { ...defaultOwnerSettings, fiscal, taxRegime: { kind: "forfettario", stampDutyToClient: true, rivalsaInps: true } };
const business = { kind: "business", legalName: "Hotel Lago Blu S.r.l.", partitaIva: "IT 0123 4567 897", codiceDestinatario: "m5uxcr1", address: "Via Roma 1", postalCode: "20121", city: "Milano", province: "mi" };

/** The text of a PDF (pdftotext, one line per visual line) and the fonts pdffonts lists, from a response. */
async function readPdf(response: Response): Promise<{ text: string; fonts: string }> {
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("application/pdf");
  expect(response.headers.get("Cache-Control")).toBe("private, no-store");
  const dir = mkdtempSync(path.join(tmpdir(), "sb-invoice-"));
  try {
    const file = path.join(dir, "copy.pdf");
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    return { text: execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }), fonts: execFileSync("pdffonts", [file], { encoding: "utf8" }) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every font row of pdffonts says "yes" under "emb". */
function allEmbedded(fonts: string): boolean {
  const rows = fonts.split("\n").slice(2).filter((l) => l.trim());
  return rows.length > 0 && rows.every((row) => / yes (yes|no) (yes|no) /.test(row));
}

const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

/** A forfettario owner's client accepted and paid the onboarding fee by bank transfer: the lead, the payment, its invoice. */
async function paidLead() {
  const { user } = await staffSession("owner");
  await saveOwnerSettings(forfettario, user.id);
  const { lead, version } = await sentProposalLead(user.id);
  const accepted = await call(acceptAction, post(`/it/p/${lead.token}/accept`, { versionHash: version.snapshotHash, packageId: "crescita", fullName: "Giulia Bianchi", terms: "on", ...business }, { "User-Agent": "vitest" }), { lang: "it", token: lead.token });
  expect(accepted.status).toBe(302);
  const acceptance = await prisma.acceptance.findFirstOrThrow({ where: { leadId: lead.id } });
  const payment = await recordManualPayment({ leadId: lead.id, actorId: user.id, actorRole: "owner", amountCents: acceptance.onboardingCents, paidOn: new Date("2026-12-01T12:00:00Z"), note: "Bonifico" });
  const invoice = await prisma.invoice.findFirstOrThrow({ where: { paymentId: payment.id, documentType: "TD01" } });
  return { owner: user, lead, payment, invoice };
}

describe("the courtesy copy of an invoice", () => {
  it("the client area lists the invoice and its PDF prints it in the client's language, every font embedded", async () => {
    const { lead, invoice } = await paidLead();
    const label = `${invoice.number}/${invoice.year}`;
    const page = await call(pageLoader, get(`/it/p/${lead.token}`), { lang: "it", token: lead.token });
    const data = (await page.json()) as { invoices: Array<{ id: string; label: string; documentType: string; totalCents: number }> };
    expect(data.invoices).toEqual([expect.objectContaining({ id: invoice.id, label, documentType: "TD01", totalCents: invoice.totalCents })]);

    const it_ = await readPdf(await call(copyLoader, get(`/it/p/${lead.token}/invoice/${invoice.id}`), { lang: "it", token: lead.token, invoiceId: invoice.id }));
    const text = spaces(it_.text);
    expect(text).toContain(`Fattura n. ${label}`);
    expect(text).toContain("COPIA DI CORTESIA");
    expect(text).toContain("Hotel Lago Blu S.r.l.");
    expect(text).toContain("P. IVA 01234567897");
    expect(text).toContain("Maria Rossi");
    expect(text).toContain("Rivalsa INPS 4%");
    expect(text).toContain("Imposta di bollo");
    expect(text).toContain(spaces(formatMoney(invoice.totalCents, "it")));
    expect(text).toContain("L. 190/2014");
    expect(text).toContain("Pagata con bonifico");
    expect(allEmbedded(it_.fonts)).toBe(true);

    const en = await readPdf(await call(copyLoader, get(`/en/p/${lead.token}/invoice/${invoice.id}`), { lang: "en", token: lead.token, invoiceId: invoice.id }));
    expect(en.text).toContain(`Invoice no. ${label}`);
    expect(en.text).toContain("COURTESY COPY");
    expect(spaces(en.text)).toContain(spaces(formatMoney(invoice.totalCents, "en")));
    expect(en.text).toContain("Paid by bank transfer");
    expect(en.text).not.toContain("Fattura n.");
  });

  it("the receipt links its invoice's copy, and the payment's email carries it as an attachment", async () => {
    const { lead, payment, invoice } = await paidLead();
    const receipt = await call(receiptLoader, get(`/it/p/${lead.token}/receipt/${payment.id}`), { lang: "it", token: lead.token, paymentId: payment.id });
    expect(((await receipt.json()) as { receipt: { invoiceId: string | null } }).receipt.invoiceId).toBe(invoice.id);
    await runJobs();
    const email = await prisma.emailMessage.findFirstOrThrow({ where: { kind: "payment_received", leadId: lead.id }, select: { text: true, attachments: { select: { filename: true, contentType: true, size: true } } } });
    expect(email.text).toContain(`In allegato la copia di cortesia della fattura n. ${invoice.number}/${invoice.year}`);
    expect(email.attachments).toEqual([{ filename: `Fattura-${invoice.number}-${invoice.year}.pdf`, contentType: "application/pdf", size: expect.any(Number) }]);
    expect(email.attachments[0]!.size).toBeGreaterThan(1000);
  });

  it("a credit note is listed with the invoice it cancels, and its copy says so", async () => {
    const { lead, payment, invoice } = await paidLead();
    await prisma.$transaction(async (tx) => {
      await tx.payment.update({ where: { id: payment.id }, data: { status: "refunded", refundedAt: new Date() } });
      await issueCreditNoteForPayment(tx, payment.id);
    });
    const note = await prisma.invoice.findFirstOrThrow({ where: { paymentId: payment.id, documentType: "TD04" } });
    const page = await call(pageLoader, get(`/it/p/${lead.token}`), { lang: "it", token: lead.token });
    const { invoices } = (await page.json()) as { invoices: Array<{ id: string; documentType: string; cancels: string | null }> };
    expect(invoices.map((i) => [i.id, i.documentType, i.cancels])).toEqual([
      [invoice.id, "TD01", null],
      [note.id, "TD04", `${invoice.number}/${invoice.year}`],
    ]);
    const { text } = await readPdf(await call(copyLoader, get(`/it/p/${lead.token}/invoice/${note.id}`), { lang: "it", token: lead.token, invoiceId: note.id }));
    expect(text).toContain(`Nota di credito n. ${note.number}/${note.year}`);
    expect(text).toContain(`Storna la fattura n. ${invoice.number}/${invoice.year}`);
    expect(text).toContain("Importo rimborsato");
  });

  it("a private link reaches only its own lead's invoices; an erased link gets 410", async () => {
    const first = await paidLead();
    const second = await paidLead();
    const other = await call(copyLoader, get(`/it/p/${second.lead.token}/invoice/${first.invoice.id}`), { lang: "it", token: second.lead.token, invoiceId: first.invoice.id });
    expect(other.status).toBe(404);
    const unknown = await call(copyLoader, get(`/it/p/${first.lead.token}/invoice/nope`), { lang: "it", token: first.lead.token, invoiceId: "nope" });
    expect(unknown.status).toBe(404);
    const badLang = await call(copyLoader, get(`/de/p/${first.lead.token}/invoice/${first.invoice.id}`), { lang: "de", token: first.lead.token, invoiceId: first.invoice.id });
    expect(badLang.status).toBe(404);
    await erasePerson((await prisma.lead.findUniqueOrThrow({ where: { id: second.lead.id } })).email, first.owner.id);
    const erased = await call(copyLoader, get(`/it/p/${second.lead.token}/invoice/${second.invoice.id}`), { lang: "it", token: second.lead.token, invoiceId: second.invoice.id });
    expect(erased.status).toBe(410);
  });

  it("the team: the lead page lists the invoices (XML for owners only), the copy needs a login", async () => {
    const { lead, invoice } = await paidLead();
    const member = await staffSession("member");
    const owner = await staffSession("owner");
    const asMember = (await (await call(leadLoader, get(`/it/owner/leads/${lead.id}`, { Cookie: member.cookie }), { lang: "it", leadId: lead.id })).json()) as { invoices: Array<{ id: string }>; canDownloadXml: boolean };
    expect(asMember.invoices.map((i) => i.id)).toEqual([invoice.id]);
    expect(asMember.canDownloadXml).toBe(false);
    const asOwner = (await (await call(leadLoader, get(`/it/owner/leads/${lead.id}`, { Cookie: owner.cookie }), { lang: "it", leadId: lead.id })).json()) as { canDownloadXml: boolean };
    expect(asOwner.canDownloadXml).toBe(true);

    const anonymous = await call(staffCopyLoader, get(`/en/owner/invoices/${invoice.id}/pdf`), { lang: "en", invoiceId: invoice.id });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toContain("/en/login");
    const { text } = await readPdf(await call(staffCopyLoader, get(`/en/owner/invoices/${invoice.id}/pdf`, { Cookie: member.cookie }), { lang: "en", invoiceId: invoice.id }));
    expect(text).toContain(`Invoice no. ${invoice.number}/${invoice.year}`);
    const missing = await call(staffCopyLoader, get(`/en/owner/invoices/nope/pdf`, { Cookie: member.cookie }), { lang: "en", invoiceId: "nope" });
    expect(missing.status).toBe(404);
  });
});
