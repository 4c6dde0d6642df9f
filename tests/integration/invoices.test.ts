// Invoices: every payment that counts gets one (TD01) with the next number of
// the year, a full refund a credit note (TD04); the FatturaPA XML of each kind
// of client validates against the official XSD (xmllint --schema, offline
// through the catalogue in tests/fixtures/fatturapa); twenty payments at once
// get twenty consecutive numbers; the owner's list, XML and ZIP routes serve
// the files and refuse a member and an anonymous visitor. Real database (SQLite
// or PostgreSQL), the real Stripe SDK on the local stand-in; no PDF render.
import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStripeStandin, type StripeStandin } from "../../server/stripe-standin";
import { freelancer } from "~/domain/invoice/fixtures";
import { numberingProblems } from "~/domain/invoice/invoice";
import { defaultOwnerSettings, type OwnerSettings } from "~/domain/strategy/settings";
import { invoiceXml, issueCreditNoteForPayment, issueInvoiceForPayment } from "~/models/invoices.server";
import { recordManualPayment } from "~/models/payments.server";
import { saveOwnerSettings } from "~/models/settings.server";
import { action as acceptAction } from "~/routes/$lang.p.$token_.accept";
import { action as payAction } from "~/routes/$lang.p.$token_.pay";
import { action as retainerAction } from "~/routes/$lang.p.$token_.retainer";
import { action as webhookAction } from "~/routes/stripe.webhook";
import { loader as receiptLoader } from "~/routes/$lang.p.$token_.receipt.$paymentId";
import { prisma } from "~/utils/db.server";
import { resetEnvForTests } from "~/utils/env.server";
import { getStripe } from "~/utils/stripe.server";
import { unzipSync } from "fflate";
import { romeDate } from "~/domain/invoice/invoice";
import { getOwnerSettings } from "~/models/settings.server";
import { action as listAction, loader as listLoader } from "~/routes/$lang.owner.invoices";
import { loader as xmlLoader } from "~/routes/$lang.owner.invoices_.$invoiceId.xml";
import { loader as zipLoader } from "~/routes/$lang.owner.invoices_.zip.$month";
import { action as fiscalAction, loader as fiscalLoader } from "~/routes/$lang.owner.settings_.invoicing";
import { validateFatturaPa } from "./fatturapa-xsd";
import { call, get, post, sentProposalLead, staffSession, irrelevantPasswordHash } from "./helpers";

const SECRET = `whsec_${randomBytes(16).toString("hex")}`;
process.env.STRIPE_WEBHOOK_SECRET = SECRET;
delete process.env.STRIPE_SECRET_KEY;

const validate = validateFatturaPa;

const fiscal: NonNullable<OwnerSettings["fiscal"]> = { ...freelancer, iban: "IT60X0542811101000000123456" };
const ordinary: OwnerSettings = { ...defaultOwnerSettings, fiscal };
const forfettario: OwnerSettings = { ...ordinary, taxRegime: { kind: "forfettario", stampDutyToClient: true, rivalsaInps: true } };

let standin: StripeStandin;
let ownerId: string;
/** While set, webhooks are kept here instead of being delivered (to deliver them in another order). */
let held: Array<{ payload: string; headers: Record<string, string> }> | null = null;
/** A payload signed as Stripe signs webhooks (with this file's secret). */
function signed(payload: string): [string, Record<string, string>] {
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac("sha256", SECRET).update(`${t}.${payload}`).digest("hex");
  return [payload, { "Content-Type": "application/json", "Stripe-Signature": `t=${t},v1=${v1}` }];
}
const webhook = (payload: string, headers: Record<string, string>) => call(webhookAction, new Request("http://localhost/stripe/webhook", { method: "POST", body: payload, headers }), {});

beforeAll(async () => {
  standin = await startStripeStandin({
    webhookSecret: SECRET,
    retryDelaysMs: [],
    asyncDelayMs: 10,
    deliver: async (payload, headers) => {
      if (held) {
        held.push({ payload, headers });
        return { status: 200 };
      }
      return { status: (await webhook(payload, headers)).status };
    },
  });
  process.env.STRIPE_STANDIN_PORT = String(standin.port);
  resetEnvForTests();
});
afterAll(async () => {
  await standin.close();
});

async function owner() {
  const user = await prisma.user.create({ data: { email: `owner-${randomBytes(4).toString("hex")}@studio.example`, name: "Owner", role: "owner", passwordHash: await irrelevantPasswordHash() } });
  ownerId = user.id;
  return user;
}

/** A lead with version 1 sent under `settings` and accepted by `client` (the acceptance form's fields). */
async function acceptedBy(settings: OwnerSettings, client: Record<string, string>) {
  if (!ownerId) await owner();
  await saveOwnerSettings(settings, ownerId);
  const { lead, version } = await sentProposalLead(ownerId);
  const fields = { versionHash: version.snapshotHash, packageId: "crescita", fullName: "Giulia Bianchi", terms: "on", ...client };
  const response = await call(acceptAction, post(`/it/p/${lead.token}/accept`, fields, { "User-Agent": "vitest" }), { lang: "it", token: lead.token });
  expect(response.status).toBe(302);
  const acceptance = await prisma.acceptance.findFirstOrThrow({ where: { leadId: lead.id } });
  return { lead, acceptance };
}

/** The owner records the bank transfer of the accepted amount; returns the payment and the invoice it issued. */
async function transferPaid(accepted: Awaited<ReturnType<typeof acceptedBy>>) {
  const payment = await recordManualPayment({ leadId: accepted.lead.id, actorId: ownerId, actorRole: "owner", amountCents: accepted.acceptance.onboardingCents, paidOn: new Date("2026-12-01T12:00:00Z"), note: "Bonifico" });
  const invoice = await prisma.invoice.findUniqueOrThrow({ where: { paymentId_documentType_refundedUpToCents: { paymentId: payment.id, documentType: "TD01", refundedUpToCents: 0 } } });
  return { payment, invoice };
}

/** As transferPaid, with the invoice's XML file. */
async function paidByTransfer(accepted: Awaited<ReturnType<typeof acceptedBy>>) {
  const paid = await transferPaid(accepted);
  const file = await invoiceXml(paid.invoice.id);
  if (file === null || file === "no-supplier") throw new Error(`no XML: ${String(file)}`);
  return { ...paid, file };
}

const address = { address: "Via Roma 1", postalCode: "20121", city: "Milano", province: "mi" };
const clients = {
  business: { kind: "business", legalName: "Hotel Lago Blu S.r.l.", partitaIva: "IT 0123 4567 897", codiceDestinatario: "m5uxcr1", ...address },
  person: { kind: "person", codiceFiscale: "BNCGLI80A41F205F", ...address },
  association: { kind: "association", legalName: "Associazione Amici del Lago", codiceFiscale: "97654320155", pec: "amici@pec.it", ...address },
  public: { kind: "public", legalName: "Comune di Milano", codiceFiscale: "01199250158", codiceUfficio: "uf6zqk", cig: "Z1A2B3C4D5", ...address },
  eu: { kind: "eu", legalName: "Seehotel GmbH", country: "DE", vatNumber: "DE123456789", address: "Seestraße 5", postalCode: "80331", city: "München" },
  nonEu: { kind: "nonEu", legalName: "Lakeside Ltd", country: "CH", vatNumber: "CHE-123.456.789", address: "Bahnhofstrasse 1", postalCode: "8001", city: "Zürich" },
};

const tag = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, "g"))].map((m) => m[1]);

describe("FatturaPA XML of each kind of client", () => {
  it("an Italian business: FPR12, its 7-character code, IVA 22 % (immediate), paid by transfer to the IBAN; valid", async () => {
    const { invoice, file } = await paidByTransfer(await acceptedBy(ordinary, clients.business));
    expect(file.fileName).toBe(`IT01234567897_${String(invoice.year % 100)}001.xml`);
    expect(invoice).toMatchObject({ number: 1, documentType: "TD01", totalCents: 61_000, dueCents: 61_000, sdiStatus: "to_upload" });
    expect(file.xml).toContain('versione="FPR12"');
    expect(tag(file.xml, "CodiceDestinatario")).toEqual(["M5UXCR1"]);
    expect(tag(file.xml, "RegimeFiscale")).toEqual(["RF01"]);
    expect(tag(file.xml, "AliquotaIVA")).toEqual(["22.00", "22.00"]);
    expect(tag(file.xml, "Imposta")).toEqual(["110.00"]);
    expect(tag(file.xml, "EsigibilitaIVA")).toEqual(["I"]);
    expect(tag(file.xml, "ImportoTotaleDocumento")).toEqual(["610.00"]);
    expect(tag(file.xml, "ModalitaPagamento")).toEqual(["MP05"]);
    expect(tag(file.xml, "IBAN")).toEqual(["IT60X0542811101000000123456"]);
    expect(validate(file.xml)).toEqual({ ok: true, output: expect.stringContaining("validates") });
  });

  it("a consumer: 0000000 and their codice fiscale, no VAT number; valid", async () => {
    const { file } = await paidByTransfer(await acceptedBy(ordinary, clients.person));
    expect(tag(file.xml, "CodiceDestinatario")).toEqual(["0000000"]);
    expect(file.xml).not.toContain("PECDestinatario");
    expect(tag(file.xml, "CodiceFiscale")).toEqual(["RSSMRA80A41H501Y", "BNCGLI80A41F205F"]);
    expect(tag(file.xml, "Denominazione")).toEqual(["Giulia Bianchi"]);
    expect(validate(file.xml).ok).toBe(true);
  });

  it("an association with only a numeric codice fiscale and a PEC: 0000000 + PECDestinatario; valid", async () => {
    const { file } = await paidByTransfer(await acceptedBy(ordinary, clients.association));
    expect(tag(file.xml, "CodiceDestinatario")).toEqual(["0000000"]);
    expect(tag(file.xml, "PECDestinatario")).toEqual(["amici@pec.it"]);
    expect(tag(file.xml, "CodiceFiscale")).toContain("97654320155");
    expect(validate(file.xml).ok).toBe(true);
  });

  it("a public body: FPA12, the office code, split payment (EsigibilitaIVA S), CIG in DatiOrdineAcquisto, pays the imponibile; valid", async () => {
    const { invoice, file } = await paidByTransfer(await acceptedBy(ordinary, clients.public));
    expect(invoice).toMatchObject({ totalCents: 61_000, dueCents: 50_000 });
    expect(file.xml).toContain('versione="FPA12"');
    expect(tag(file.xml, "FormatoTrasmissione")).toEqual(["FPA12"]);
    expect(tag(file.xml, "CodiceDestinatario")).toEqual(["UF6ZQK"]);
    expect(tag(file.xml, "EsigibilitaIVA")).toEqual(["S"]);
    expect(tag(file.xml, "CodiceCIG")).toEqual(["Z1A2B3C4D5"]);
    expect(tag(file.xml, "ImportoTotaleDocumento")).toEqual(["610.00"]);
    expect(tag(file.xml, "ImportoPagamento")).toEqual(["500.00"]);
    expect(tag(file.xml, "Causale")).toContain("Scissione dei pagamenti ai sensi dell'art. 17-ter DPR 633/72");
    expect(validate(file.xml).ok).toBe(true);
  });

  it("an EU business: XXXXXXX, its VAT number apart from the country, N2.1 with the reverse charge wording; valid", async () => {
    const { invoice, file } = await paidByTransfer(await acceptedBy(ordinary, clients.eu));
    expect(invoice).toMatchObject({ totalCents: 50_000 });
    expect(tag(file.xml, "CodiceDestinatario")).toEqual(["XXXXXXX"]);
    expect(tag(file.xml, "IdPaese")).toEqual(["IT", "IT", "DE"]);
    expect(tag(file.xml, "IdCodice")).toContain("123456789");
    expect(tag(file.xml, "Natura")).toEqual(["N2.1", "N2.1"]);
    expect(tag(file.xml, "AliquotaIVA")).toEqual(["0.00", "0.00"]);
    expect(tag(file.xml, "Causale").join(" ")).toContain("inversione contabile art. 196 Direttiva 2006/112/CE");
    expect(tag(file.xml, "CAP")).toEqual(["20123", "80331"]);
    expect(file.xml).toContain("<Comune>München</Comune>");
    expect(validate(file.xml).ok).toBe(true);
  });

  it("a client outside the EU: XXXXXXX, N2.1 out of scope, a foreign postcode as 00000; valid", async () => {
    const { file } = await paidByTransfer(await acceptedBy(ordinary, clients.nonEu));
    expect(tag(file.xml, "CodiceDestinatario")).toEqual(["XXXXXXX"]);
    expect(tag(file.xml, "IdCodice")).toContain("CHE123456789");
    expect(tag(file.xml, "Natura")).toEqual(["N2.1", "N2.1"]);
    expect(tag(file.xml, "CAP")).toEqual(["20123", "00000"]);
    expect(validate(file.xml).ok).toBe(true);
  });

  it("under the regime forfettario: RF19, N2.2 with the legal wording, rivalsa INPS as a line, virtual stamp duty 2.00 and its line; valid", async () => {
    const { invoice, file } = await paidByTransfer(await acceptedBy(forfettario, clients.business));
    // 500,00 + rivalsa 20,00 + bollo 2,00.
    expect(invoice).toMatchObject({ totalCents: 52_200, dueCents: 52_200 });
    expect(tag(file.xml, "RegimeFiscale")).toEqual(["RF19"]);
    expect(tag(file.xml, "BolloVirtuale")).toEqual(["SI"]);
    expect(tag(file.xml, "ImportoBollo")).toEqual(["2.00"]);
    expect(tag(file.xml, "PrezzoTotale")).toEqual(["500.00", "20.00", "2.00"]);
    expect(tag(file.xml, "Natura")).toEqual(["N2.2", "N2.2", "N1", "N2.2", "N1"]);
    expect(tag(file.xml, "ImponibileImporto")).toEqual(["520.00", "2.00"]);
    expect(tag(file.xml, "Descrizione")[1]).toBe("Rivalsa INPS 4% (art. 1, comma 212, L. 662/1996)");
    expect(tag(file.xml, "Causale")[0]).toBe("Operazione senza applicazione dell'IVA ai sensi dell'art. 1, commi da 54 a 89, L. 190/2014 (regime forfettario)");
    expect(tag(file.xml, "ImportoTotaleDocumento")).toEqual(["522.00"]);
    expect(validate(file.xml).ok).toBe(true);
  });

  it("a schema violation is caught by the check itself (a wrong Natura)", async () => {
    const { file } = await paidByTransfer(await acceptedBy(forfettario, clients.business));
    const broken = validate(file.xml.replace(/<Natura>N2\.2<\/Natura>/, "<Natura>N9</Natura>"));
    expect(broken.ok).toBe(false);
    expect(broken.output).toContain("Natura");
  });
});

describe("payments that count, refunds and numbers", () => {
  it("a Stripe payment issues one invoice however often its webhook comes; a full refund issues one credit note referencing it", async () => {
    const accepted = await acceptedBy(ordinary, clients.business);
    const pay = await call(payAction, post(`/it/p/${accepted.lead.token}/pay`, {}), { lang: "it", token: accepted.lead.token });
    const session = (pay.headers.get("Location") ?? "").split("/").pop()!;
    await standin.complete(session);
    await standin.idle();
    const payment = await prisma.payment.findFirstOrThrow({ where: { leadId: accepted.lead.id } });
    expect(payment.status).toBe("paid");
    const events = standin.events().filter((e) => e.type === "checkout.session.completed");
    // The same event delivered again changes nothing.
    for (const event of events) expect(await standin.deliver(event.id)).toBe(200);
    const invoices = await prisma.invoice.findMany({ where: { leadId: accepted.lead.id } });
    expect(invoices.map((i) => [i.documentType, i.number])).toEqual([["TD01", 1]]);
    const xml = await invoiceXml(invoices[0]!.id);
    if (xml === null || xml === "no-supplier") throw new Error("no XML");
    expect(tag(xml.xml, "ModalitaPagamento")).toEqual(["MP08"]);

    await getStripe().refunds.create({ payment_intent: standin.session(session).payment_intent! });
    await standin.idle();
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("refunded");
    const after = await prisma.invoice.findMany({ where: { leadId: accepted.lead.id }, orderBy: { number: "asc" } });
    expect(after.map((i) => [i.documentType, i.number, i.totalCents])).toEqual([
      ["TD01", 1, 61_000],
      ["TD04", 2, 61_000],
    ]);
    expect(after[1]!.originalInvoiceId).toBe(after[0]!.id);
    // Asked again (a repeated refund event), nothing more.
    await prisma.$transaction((tx) => issueCreditNoteForPayment(tx, payment.id));
    expect(await prisma.invoice.count({ where: { leadId: accepted.lead.id } })).toBe(2);
    const note = await invoiceXml(after[1]!.id);
    if (note === null || note === "no-supplier") throw new Error("no XML");
    expect(tag(note.xml, "TipoDocumento")).toEqual(["TD04"]);
    expect(tag(note.xml, "IdDocumento")).toEqual([`1/${after[0]!.year}`]);
    expect(note.xml).not.toContain("DatiPagamento");
    expect(validate(note.xml).ok).toBe(true);
    expect(await prisma.auditLog.count({ where: { leadId: accepted.lead.id, action: { in: ["invoice.issued", "invoice.credit_note"] } } })).toBe(2);
    // The client's receipt names both.
    const receipt = (await (await call(receiptLoader, get(`/it/p/${accepted.lead.token}/receipt/${payment.id}`), { lang: "it", token: accepted.lead.token, paymentId: payment.id })).json()) as { receipt: { invoiceNumber: string; creditNoteNumber: string } };
    expect(receipt.receipt).toMatchObject({ invoiceNumber: `1/${after[0]!.year}`, creditNoteNumber: `2/${after[0]!.year}` });
  });

  it("a transfer of a differing amount is invoiced only once the owner takes it as received", async () => {
    const accepted = await acceptedBy(ordinary, clients.business);
    const payment = await recordManualPayment({ leadId: accepted.lead.id, actorId: ownerId, actorRole: "owner", amountCents: 60_000, paidOn: new Date("2026-12-01T12:00:00Z"), note: "Bonifico parziale" });
    expect(await prisma.invoice.count({ where: { paymentId: payment.id } })).toBe(0);
    const { acceptReportedAmount } = await import("~/models/payments.server");
    await acceptReportedAmount({ leadId: accepted.lead.id, paymentId: payment.id, actorId: ownerId, actorRole: "owner", note: "Sconto concordato" });
    const invoice = await prisma.invoice.findFirstOrThrow({ where: { paymentId: payment.id } });
    expect(invoice).toMatchObject({ documentType: "TD01", dueCents: 60_000 });
  });

  it("twenty payments at once, each in its own transaction, get the numbers 1 to 20 with no gap and no duplicate", async () => {
    const accepted = await acceptedBy(ordinary, clients.business);
    const payments = await Promise.all(
      Array.from({ length: 20 }, () =>
        prisma.payment.create({ data: { leadId: accepted.lead.id, acceptanceId: accepted.acceptance.id, provider: "manual", status: "pending", amountCents: 61_000, expectedCents: 61_000 }, select: { id: true } }),
      ),
    );
    const now = new Date("2026-12-02T10:00:00Z");
    const issued = await Promise.all(
      payments.map((p) =>
        prisma.$transaction(async (tx) => {
          await tx.payment.update({ where: { id: p.id }, data: { status: "paid", paidAt: now } });
          return issueInvoiceForPayment(tx, p.id, now);
        }),
      ),
    );
    const numbers = issued.map((i) => i!.number);
    expect(numberingProblems(numbers)).toEqual({ gaps: [], duplicates: [] });
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await prisma.invoiceCounter.findUniqueOrThrow({ where: { year: 2026 } })).toMatchObject({ lastNumber: 20 });
    // A second click on each issues nothing new.
    const again = await Promise.all(payments.map((p) => prisma.$transaction((tx) => issueInvoiceForPayment(tx, p.id, now))));
    expect(again.map((i) => i!.number).sort((a, b) => a - b)).toEqual([...numbers].sort((a, b) => a - b));
    expect(await prisma.invoice.count()).toBe(20);
  });

  it("a transaction that fails after taking a number gives it back: the next invoice takes it", async () => {
    const accepted = await acceptedBy(ordinary, clients.business);
    const [a, b] = await Promise.all(
      [0, 1].map(() => prisma.payment.create({ data: { leadId: accepted.lead.id, acceptanceId: accepted.acceptance.id, provider: "manual", status: "paid", paidAt: new Date(), amountCents: 61_000, expectedCents: 61_000 }, select: { id: true } })),
    );
    const now = new Date("2026-12-02T10:00:00Z");
    await expect(
      prisma.$transaction(async (tx) => {
        await issueInvoiceForPayment(tx, a!.id, now);
        throw new Error("the rest of the write failed");
      }),
    ).rejects.toThrow("the rest of the write failed");
    expect(await prisma.invoice.count()).toBe(0);
    const next = await prisma.$transaction((tx) => issueInvoiceForPayment(tx, b!.id, now));
    expect(next?.number).toBe(1);
  });
});

describe("the owner's invoices", () => {
  it("lists the month's documents, serves each XML and the month as a ZIP, marks one uploaded once; a member and a visitor get nothing", async () => {
    const a = await paidByTransfer(await acceptedBy(ordinary, clients.business));
    const b = await paidByTransfer(await acceptedBy(ordinary, clients.public));
    const { cookie } = await staffSession("owner");
    const member = await staffSession("member");
    const month = romeDate(new Date()).slice(0, 7);

    const list = await call(listLoader, get(`/it/owner/invoices?month=${month}`, { Cookie: cookie }), { lang: "it" });
    expect(list.headers.get("Cache-Control")).toBe("private, no-store");
    const page = (await list.json()) as { invoices: Array<{ id: string; label: string; clientName: string; totalCents: number; documentType: string; sdiStatus: string; fileName: string }>; hasFiscal: boolean };
    expect(page.hasFiscal).toBe(true);
    expect(page.invoices.map((i) => [i.label, i.clientName, i.totalCents, i.documentType, i.sdiStatus])).toEqual([
      [`1/${month.slice(0, 4)}`, "Hotel Lago Blu S.r.l.", 61_000, "TD01", "to_upload"],
      [`2/${month.slice(0, 4)}`, "Comune di Milano", 61_000, "TD01", "to_upload"],
    ]);

    const xml = await call(xmlLoader, get(`/it/owner/invoices/${a.invoice.id}/xml`, { Cookie: cookie }), { lang: "it", invoiceId: a.invoice.id });
    expect(xml.status).toBe(200);
    expect(xml.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
    expect(xml.headers.get("Content-Disposition")).toBe(`attachment; filename="${a.file.fileName}"`);
    expect(xml.headers.get("Cache-Control")).toBe("private, no-store");
    expect(await xml.text()).toBe(a.file.xml);

    const zip = await call(zipLoader, get(`/it/owner/invoices/zip/${month}`, { Cookie: cookie }), { lang: "it", month });
    expect(zip.status).toBe(200);
    expect(zip.headers.get("Content-Type")).toBe("application/zip");
    expect(zip.headers.get("Content-Disposition")).toBe(`attachment; filename="fatture-${month}.zip"`);
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([a.file.fileName, b.file.fileName].sort());
    for (const bytes of Object.values(files)) expect(validate(new TextDecoder().decode(bytes)).ok).toBe(true);
    expect(new TextDecoder().decode(files[b.file.fileName])).toBe(b.file.xml);
    // Another month has none.
    const empty = unzipSync(new Uint8Array(await (await call(zipLoader, get(`/it/owner/invoices/zip/2020-01`, { Cookie: cookie }), { lang: "it", month: "2020-01" })).arrayBuffer()));
    expect(Object.keys(empty)).toEqual([]);
    expect((await call(zipLoader, get(`/it/owner/invoices/zip/2026-13`, { Cookie: cookie }), { lang: "it", month: "2026-13" })).status).toBe(404);

    // Mark uploaded: twice (a double click) writes once.
    const mark = () => call(listAction, post(`/it/owner/invoices`, { intent: "uploaded", invoiceId: a.invoice.id, month }, { Cookie: cookie }), { lang: "it" });
    const first = await mark();
    expect(first.status).toBe(303);
    expect(first.headers.get("Location")).toBe(`/it/owner/invoices?month=${month}&marked=${encodeURIComponent(`1/${month.slice(0, 4)}`)}`);
    expect((await mark()).headers.get("Location")).toBe(`/it/owner/invoices?month=${month}&alreadyMarked=1`);
    expect(await prisma.invoice.findUniqueOrThrow({ where: { id: a.invoice.id } })).toMatchObject({ sdiStatus: "uploaded" });
    expect(await prisma.auditLog.count({ where: { action: "invoice.uploaded" } })).toBe(1);

    // A member: 403 everywhere, nothing marked.
    for (const response of [
      await call(listLoader, get(`/it/owner/invoices`, { Cookie: member.cookie }), { lang: "it" }),
      await call(xmlLoader, get(`/it/owner/invoices/${b.invoice.id}/xml`, { Cookie: member.cookie }), { lang: "it", invoiceId: b.invoice.id }),
      await call(zipLoader, get(`/it/owner/invoices/zip/${month}`, { Cookie: member.cookie }), { lang: "it", month }),
      await call(listAction, post(`/it/owner/invoices`, { intent: "uploaded", invoiceId: b.invoice.id, month }, { Cookie: member.cookie }), { lang: "it" }),
    ]) {
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain("FatturaElettronica");
    }
    // A visitor: sent to sign in.
    for (const response of [
      await call(xmlLoader, get(`/it/owner/invoices/${b.invoice.id}/xml`), { lang: "it", invoiceId: b.invoice.id }),
      await call(zipLoader, get(`/it/owner/invoices/zip/${month}`), { lang: "it", month }),
    ]) {
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toMatch(/^\/it\/login\?redirectTo=/);
    }
    expect(await prisma.invoice.findUniqueOrThrow({ where: { id: b.invoice.id } })).toMatchObject({ sdiStatus: "to_upload" });
  });

  it("an invoice issued before the owner gave a fiscal identity gets it when the owner fills the form; a member's post changes nothing", async () => {
    const { invoice } = await transferPaid(await acceptedBy(defaultOwnerSettings, clients.business));
    expect(await invoiceXml(invoice.id)).toBe("no-supplier");
    const { cookie } = await staffSession("owner");
    const member = await staffSession("member");
    const download = await call(xmlLoader, get(`/it/owner/invoices/${invoice.id}/xml`, { Cookie: cookie }), { lang: "it", invoiceId: invoice.id });
    expect(download.status).toBe(303);
    expect(download.headers.get("Location")).toBe("/it/owner/invoices?noSupplier=1");

    const page = (await (await call(fiscalLoader, get("/it/owner/settings/invoicing", { Cookie: cookie }), { lang: "it" })).json()) as { version: number; regimeFiscale: string };
    expect(page.regimeFiscale).toBe("RF01");
    const form = { firstName: "Maria", lastName: "Rossi", companyName: "", partitaIva: "IT01234567897", codiceFiscale: "RSSMRA80A41H501Y", address: "Via Torino 10", postalCode: "20123", city: "Milano", province: "MI", iban: "", pec: "", version: String(page.version) };
    expect((await call(fiscalAction, post("/it/owner/settings/invoicing", form, { Cookie: member.cookie }), { lang: "it" })).status).toBe(403);
    const wrong = await call(fiscalAction, post("/it/owner/settings/invoicing", { ...form, partitaIva: "01234567890" }, { Cookie: cookie }), { lang: "it" });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { result: { error: Record<string, string[]> } }).result.error.partitaIva).toEqual(["errors.partitaIva"]);
    expect((await getOwnerSettings()).fiscal).toBeNull();
    const saved = await call(fiscalAction, post("/it/owner/settings/invoicing", form, { Cookie: cookie }), { lang: "it" });
    expect(saved.status).toBe(302);
    expect((await getOwnerSettings()).fiscal).toMatchObject({ partitaIva: "01234567897", iban: null });
    // The same form again (another tab opened before the save): refused, nothing lost.
    expect((await call(fiscalAction, post("/it/owner/settings/invoicing", { ...form, city: "Roma" }, { Cookie: cookie }), { lang: "it" })).status).toBe(409);

    const file = await invoiceXml(invoice.id);
    if (file === null || file === "no-supplier") throw new Error("still no XML");
    expect(file.fileName).toMatch(/^IT01234567897_\d{2}001\.xml$/);
    expect(validate(file.xml).ok).toBe(true);
  });
});

describe("refunds in steps: a credit note for each", () => {
  /** The lead's credit notes, in number order, each with its XML (checked against the schema). */
  async function creditNotes(leadId: string) {
    const rows = await prisma.invoice.findMany({ where: { leadId, documentType: "TD04" }, orderBy: { number: "asc" } });
    return Promise.all(
      rows.map(async (row) => {
        const file = await invoiceXml(row.id);
        if (file === null || file === "no-supplier") throw new Error("no XML");
        const verdict = validate(file.xml);
        expect(verdict.output).not.toContain("fails to validate");
        expect(verdict.ok).toBe(true);
        return { row, xml: file.xml };
      }),
    );
  }

  /** Pays the onboarding fee on the stand-in: the payment, its invoice and its payment intent. */
  async function paidByCard(accepted: Awaited<ReturnType<typeof acceptedBy>>) {
    const pay = await call(payAction, post(`/it/p/${accepted.lead.token}/pay`, {}), { lang: "it", token: accepted.lead.token });
    const session = (pay.headers.get("Location") ?? "").split("/").pop()!;
    await standin.complete(session);
    await standin.idle();
    const payment = await prisma.payment.findFirstOrThrow({ where: { leadId: accepted.lead.id } });
    const invoice = await prisma.invoice.findUniqueOrThrow({ where: { paymentId_documentType_refundedUpToCents: { paymentId: payment.id, documentType: "TD01", refundedUpToCents: 0 } } });
    return { payment, invoice, intent: standin.session(session).payment_intent! };
  }

  const receiptOf = async (token: string, paymentId: string) =>
    (await (await call(receiptLoader, get(`/it/p/${token}/receipt/${paymentId}`), { lang: "it", token, paymentId })).json()) as { receipt: { creditNoteNumber: string | null; partlyRefunded: boolean } };
  const refundEvents = () => standin.events().filter((e) => e.type === "charge.refunded");

  it("ordinary VAT: 100,00, then 250,00, then the rest of 610,00 give three notes that add up to the invoice; redelivered, none more", async () => {
    const accepted = await acceptedBy(ordinary, clients.business);
    const { payment, invoice, intent } = await paidByCard(accepted);
    expect(invoice.dueCents).toBe(61_000);
    const before = refundEvents().length;
    // Each refund's event is handled before the next refund (delivered in order; the stand-in
    // delivers concurrently, and out-of-order or simultaneous events are the tests below).
    await getStripe().refunds.create({ payment_intent: intent, amount: 10_000 });
    await standin.idle();
    await getStripe().refunds.create({ payment_intent: intent, amount: 25_000 });
    await standin.idle();
    await getStripe().refunds.create({ payment_intent: intent });
    await standin.idle();
    // Every refund event delivered again: nothing more.
    for (const event of refundEvents().slice(before)) expect(await standin.deliver(event.id)).toBe(200);

    const notes = await creditNotes(accepted.lead.id);
    expect(notes.map((n) => [n.row.number - invoice.number, n.row.totalCents, n.row.refundedUpToCents, n.row.originalInvoiceId])).toEqual([
      [1, 10_000, 10_000, invoice.id],
      [2, 25_000, 35_000, invoice.id],
      [3, 26_000, 61_000, invoice.id],
    ]);
    expect(notes.reduce((sum, n) => sum + n.row.totalCents, 0)).toBe(invoice.totalCents);
    // Imponibile and IVA of each (hand-computed in app/domain/invoice/refund.test.ts), adding up to 500,00 + 110,00.
    expect(notes.map((n) => [tag(n.xml, "ImponibileImporto")[0], tag(n.xml, "Imposta")[0], tag(n.xml, "ImportoTotaleDocumento")[0]])).toEqual([
      ["81.97", "18.03", "100.00"],
      ["204.92", "45.08", "250.00"],
      ["213.11", "46.89", "260.00"],
    ]);
    for (const n of notes) {
      expect(tag(n.xml, "TipoDocumento")).toEqual(["TD04"]);
      expect(tag(n.xml, "IdDocumento")).toEqual([`${invoice.number}/${invoice.year}`]);
    }
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "refunded", refundedCents: 61_000 });
    expect(await prisma.auditLog.count({ where: { leadId: accepted.lead.id, action: "invoice.credit_note" } })).toBe(3);
    // The receipt names the three.
    expect((await receiptOf(accepted.lead.token, payment.id)).receipt).toMatchObject({ creditNoteNumber: notes.map((n) => `${n.row.number}/${n.row.year}`).join(", "), partlyRefunded: false });
    // Asked again by hand: the note of the last step, no new one.
    await prisma.$transaction((tx) => issueCreditNoteForPayment(tx, payment.id));
    expect(await prisma.invoice.count({ where: { leadId: accepted.lead.id, documentType: "TD04" } })).toBe(3);
  });

  it("forfettario, delivered out of order (the larger amount refunded first): the notes still credit each cent once, stamp duty last", async () => {
    const accepted = await acceptedBy(forfettario, clients.business);
    const { payment, invoice, intent } = await paidByCard(accepted);
    // 500,00 + rivalsa 20,00 + bollo 2,00.
    expect(invoice.dueCents).toBe(52_200);
    held = [];
    await getStripe().refunds.create({ payment_intent: intent, amount: 10_400 });
    await getStripe().refunds.create({ payment_intent: intent, amount: 41_650 });
    await standin.idle();
    const late = held;
    held = null;
    expect(late).toHaveLength(2);
    // amount_refunded 520,50 arrives first, then 104,00.
    for (const e of [...late].reverse()) expect((await webhook(e.payload, e.headers)).status).toBe(200);
    let notes = await creditNotes(accepted.lead.id);
    expect(notes.map((n) => [n.row.totalCents, n.row.refundedUpToCents])).toEqual([[52_050, 52_050]]);
    // The whole imponibile and 0,50 of the stamp duty; the note's own virtual stamp duty.
    expect(tag(notes[0]!.xml, "PrezzoTotale")).toEqual(["500.00", "20.00", "0.50"]);
    expect(tag(notes[0]!.xml, "ImportoBollo")).toEqual(["2.00"]);
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("paid");
    expect((await receiptOf(accepted.lead.token, payment.id)).receipt).toMatchObject({ creditNoteNumber: `${notes[0]!.row.number}/${notes[0]!.row.year}`, partlyRefunded: true });

    await getStripe().refunds.create({ payment_intent: intent });
    await standin.idle();
    notes = await creditNotes(accepted.lead.id);
    expect(notes.map((n) => [n.row.totalCents, n.row.refundedUpToCents])).toEqual([
      [52_050, 52_050],
      [150, 52_200],
    ]);
    expect(tag(notes[1]!.xml, "PrezzoTotale")).toEqual(["0.00", "1.50"]);
    expect(tag(notes[1]!.xml, "DatiBollo")).toEqual([]);
    expect(notes.reduce((sum, n) => sum + n.row.totalCents, 0)).toBe(invoice.totalCents);
  });

  it("refund events delivered all at once, each twice: the notes still add up to the invoice, numbered with no gap", async () => {
    const accepted = await acceptedBy(ordinary, clients.business);
    const { invoice, intent } = await paidByCard(accepted);
    held = [];
    for (const amount of [5_000, 7_000, 9_000]) await getStripe().refunds.create({ payment_intent: intent, amount });
    await getStripe().refunds.create({ payment_intent: intent });
    await standin.idle();
    const events = held;
    held = null;
    const answers = await Promise.all([...events, ...events].map((e) => webhook(e.payload, e.headers)));
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
    const notes = await creditNotes(accepted.lead.id);
    expect(notes.reduce((sum, n) => sum + n.row.totalCents, 0)).toBe(invoice.totalCents);
    expect(notes.at(-1)!.row.refundedUpToCents).toBe(61_000);
    // Each note credits a step between amounts Stripe reported, and the numbers follow the invoice's.
    const reported = [0, 5_000, 12_000, 21_000, 61_000];
    for (const n of notes) expect(reported).toContain(n.row.refundedUpToCents);
    expect(notes.map((n) => n.row.number)).toEqual(notes.map((_, i) => invoice.number + 1 + i));
  });

  it("a month of the retainer refunded in part, then the rest: its credit notes refer to that month's invoice", async () => {
    const accepted = await acceptedBy(ordinary, clients.business);
    const start = await call(retainerAction, post(`/it/p/${accepted.lead.token}/retainer`, {}), { lang: "it", token: accepted.lead.token });
    expect(start.status).toBe(303);
    await standin.complete((start.headers.get("Location") ?? "").split("/").pop()!);
    await standin.idle();
    const month = await prisma.payment.findFirstOrThrow({ where: { leadId: accepted.lead.id, purpose: "retainer" } });
    expect(month.status).toBe("paid");
    const invoice = await prisma.invoice.findUniqueOrThrow({ where: { paymentId_documentType_refundedUpToCents: { paymentId: month.id, documentType: "TD01", refundedUpToCents: 0 } } });
    // The month's charge, as Stripe's API finds it from the invoice.
    const paid = await getStripe().invoicePayments.list({ invoice: month.stripeInvoiceId! });
    const intent = paid.data[0]?.payment.payment_intent;
    if (typeof intent !== "string") throw new Error("no payment intent for the month");
    // The stand-in's dashboard lists the month with its refund forms; 122,00 refunded from there.
    const dashboard = await (await fetch(`${standin.url}/`)).text();
    expect(dashboard).toContain(`data-invoice="${month.stripeInvoiceId}"`);
    held = [];
    const form = await fetch(`${standin.url}/dashboard/refund`, { method: "POST", body: new URLSearchParams({ payment_intent: intent, amount: "122,00" }), redirect: "manual" });
    expect(form.status).toBe(303);
    await standin.idle();
    const [first] = held;
    held = null;
    // Reported as on current API versions: a charge that does not name its invoice (the webhook asks Stripe's invoice_payments).
    const event = JSON.parse(first!.payload) as { id: string; data: { object: Record<string, unknown> } };
    expect(event.data.object).toMatchObject({ invoice: month.stripeInvoiceId, amount_refunded: 12_200 });
    delete event.data.object.invoice;
    expect((await webhook(...signed(JSON.stringify(event)))).status).toBe(200);
    let notes = await creditNotes(accepted.lead.id);
    expect(notes.map((n) => [n.row.paymentId, n.row.totalCents, n.row.originalInvoiceId])).toEqual([[month.id, 12_200, invoice.id]]);
    // 122,00 = 100,00 + IVA 22,00.
    expect(tag(notes[0]!.xml, "ImponibileImporto")).toEqual(["100.00"]);
    expect(tag(notes[0]!.xml, "Descrizione")[0]).toContain("Canone mensile");

    // The rest, with the charge naming its invoice (older API versions, the stand-in).
    await getStripe().refunds.create({ payment_intent: intent });
    await standin.idle();
    notes = await creditNotes(accepted.lead.id);
    expect(notes.map((n) => n.row.totalCents)).toEqual([12_200, invoice.totalCents - 12_200]);
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: month.id } })).toMatchObject({ status: "refunded", refundedCents: invoice.dueCents });
  });
});
