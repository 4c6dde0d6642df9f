// A public body pays against the invoice: the owner issues the onboarding
// fee's invoice (FPA12, split payment) before any money arrives, the client
// area lists it with the IBAN to pay, and recording the transfer later marks
// that same payment paid with that same invoice. Double clicks give one
// invoice; members and clients that are not public bodies are refused.
// Real database (SQLite or PostgreSQL); xmllint against the official XSD.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freelancer } from "~/domain/invoice/fixtures";
import { defaultOwnerSettings, type OwnerSettings } from "~/domain/strategy/settings";
import { invoiceXml } from "~/models/invoices.server";
import { recordManualPayment } from "~/models/payments.server";
import { saveOwnerSettings } from "~/models/settings.server";
import { action as acceptAction } from "~/routes/$lang.p.$token_.accept";
import { loader as copyLoader } from "~/routes/$lang.p.$token_.invoice.$invoiceId";
import { action as paymentsAction } from "~/routes/$lang.owner.payments.$leadId";
import { prisma } from "~/utils/db.server";
import { validateFatturaPa } from "./fatturapa-xsd";
import { call, post, sentProposalLead, staffSession } from "./helpers";

const settings: OwnerSettings = { ...defaultOwnerSettings, fiscal: { ...freelancer, iban: "IT60X0542811101000000123456" } };
const address = { address: "Piazza della Scala 2", postalCode: "20121", city: "Milano", province: "mi" };
const publicBody = { kind: "public", legalName: "Comune di Milano", codiceFiscale: "01199250158", codiceUfficio: "uf6zqk", cig: "Z1A2B3C4D5", ...address };
const business = { kind: "business", legalName: "Hotel Lago Blu S.r.l.", partitaIva: "IT 0123 4567 897", codiceDestinatario: "m5uxcr1", ...address };

async function accepted(client: Record<string, string>) {
  const owner = await staffSession("owner");
  await saveOwnerSettings(settings, owner.user.id);
  const { lead, version } = await sentProposalLead(owner.user.id);
  const response = await call(acceptAction, post(`/it/p/${lead.token}/accept`, { versionHash: version.snapshotHash, packageId: "crescita", fullName: "Giulia Bianchi", terms: "on", ...client }, { "User-Agent": "vitest" }), { lang: "it", token: lead.token });
  expect(response.status).toBe(302);
  return { owner, lead };
}

const issue = (leadId: string, cookie: string) =>
  call(paymentsAction, post(`/it/owner/payments/${leadId}`, { intent: "invoice", redirectTo: `/it/owner/leads/${leadId}` }, { Cookie: cookie }), { lang: "it", leadId });

describe("a public body's invoice before its transfer", () => {
  it("the owner issues it: FPA12 with split payment, valid; the client's copy says what to pay and where", async () => {
    const { owner, lead } = await accepted(publicBody);
    const response = await issue(lead.id, owner.cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/it/owner/leads/${lead.id}?payments=invoiced#payments`);
    const invoice = await prisma.invoice.findFirstOrThrow({ where: { leadId: lead.id } });
    const payment = await prisma.payment.findUniqueOrThrow({ where: { id: invoice.paymentId } });
    expect(payment).toMatchObject({ provider: "manual", status: "pending", paidAt: null });
    // 1.000,00 + IVA 22 % = 1.220,00 on the invoice; the body pays 1.000,00 (the IVA goes to the State).
    expect(invoice.totalCents - invoice.dueCents).toBe(Math.round(invoice.dueCents * 0.22));
    const file = await invoiceXml(invoice.id);
    if (file === null || file === "no-supplier") throw new Error("no XML");
    expect(file.xml).toContain("<FormatoTrasmissione>FPA12</FormatoTrasmissione>");
    expect(file.xml).toContain("<EsigibilitaIVA>S</EsigibilitaIVA>");
    expect(file.xml).toContain("<CodiceDestinatario>UF6ZQK</CodiceDestinatario>");
    const verdict = validateFatturaPa(file.xml);
    expect(verdict.ok, verdict.output).toBe(true);

    const copy = await call(copyLoader, new Request(`http://localhost/it/p/${lead.token}/invoice/${invoice.id}`), { lang: "it", token: lead.token, invoiceId: invoice.id });
    expect(copy.status).toBe(200);
    const dir = mkdtempSync(path.join(tmpdir(), "sb-transfer-"));
    try {
      writeFileSync(path.join(dir, "copy.pdf"), Buffer.from(await copy.arrayBuffer()));
      const text = execFileSync("pdftotext", ["-layout", path.join(dir, "copy.pdf"), "-"], { encoding: "utf8" }).replace(/[\u00a0\u202f]/g, " ");
      expect(text).toContain("Da pagare con bonifico");
      expect(text).toContain("IT60 X054 2811 1010 0000 0123 456");
      expect(text).toContain("Netto a pagare");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("three clicks at once give one invoice and one awaited payment; the transfer then pays that payment, with that invoice", async () => {
    const { owner, lead } = await accepted(publicBody);
    const responses = await Promise.all([issue(lead.id, owner.cookie), issue(lead.id, owner.cookie), issue(lead.id, owner.cookie)]);
    expect(responses.map((r) => r.status)).toEqual([303, 303, 303]);
    const invoices = await prisma.invoice.findMany({ where: { leadId: lead.id } });
    expect(invoices).toHaveLength(1);
    expect(await prisma.payment.count({ where: { leadId: lead.id } })).toBe(1);

    const acceptance = await prisma.acceptance.findFirstOrThrow({ where: { leadId: lead.id } });
    const paid = await recordManualPayment({ leadId: lead.id, actorId: owner.user.id, actorRole: "owner", amountCents: acceptance.onboardingCents, paidOn: new Date("2026-12-20T12:00:00Z"), note: "Mandato 123" });
    expect(paid.id).toBe(invoices[0]!.paymentId);
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: paid.id } })).toMatchObject({ status: "paid", note: "Mandato 123", mismatch: false });
    expect(await prisma.invoice.count({ where: { leadId: lead.id } })).toBe(1);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("paid");
    // Paid: nothing more to issue.
    const again = await issue(lead.id, owner.cookie);
    expect(again.headers.get("Location")).toContain("paymentError=payment.panel.errors.already_paid");
  });

  it("refused to a member (403) and for a client that is not a public body; nothing is written", async () => {
    const member = await staffSession("member");
    const pa = await accepted(publicBody);
    const refused = await issue(pa.lead.id, member.cookie);
    expect(refused.status).toBe(403);
    const privateClient = await accepted(business);
    const notPublic = await issue(privateClient.lead.id, privateClient.owner.cookie);
    expect(notPublic.status).toBe(303);
    expect(notPublic.headers.get("Location")).toContain("paymentError=payment.panel.errors.transfer_only");
    expect(await prisma.invoice.count({ where: { leadId: { in: [pa.lead.id, privateClient.lead.id] } } })).toBe(0);
    expect(await prisma.payment.count({ where: { leadId: { in: [pa.lead.id, privateClient.lead.id] } } })).toBe(0);
  });
});
