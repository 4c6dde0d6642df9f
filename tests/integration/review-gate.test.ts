// The owner reviews before the prospect reads: nothing generated reaches the
// private link (page, PDF, accept, pay, renew, checkout, receipt) until the
// owner sends it; then the link shows exactly the newest sent version. Sending
// is idempotent: a double click or two tabs make one version and one email.
import { describe, expect, it } from "vitest";
import { defaultOwnerSettings } from "~/domain/strategy/settings";
import { proposalExpectedDay } from "~/domain/proposal-edits";
import { sendProposal } from "~/models/proposal-versions.server";
import { saveOwnerSettings } from "~/models/settings.server";
import { action as reviewAction, loader as reviewLoader } from "~/routes/$lang.owner.proposals.$leadId";
import { loader as pageLoader } from "~/routes/$lang.p.$token";
import { loader as pdfLoader } from "~/routes/$lang.p.$token.pdf";
import { action as acceptAction, loader as acceptLoader } from "~/routes/$lang.p.$token_.accept";
import { loader as outcomeLoader } from "~/routes/$lang.p.$token_.checkout.$outcome";
import { action as payAction } from "~/routes/$lang.p.$token_.pay";
import { loader as receiptLoader } from "~/routes/$lang.p.$token_.receipt.$paymentId";
import { action as renewAction } from "~/routes/$lang.p.$token_.renew";
import { formatDate } from "~/i18n/format";
import { prisma } from "~/utils/db.server";
import { sha256 } from "~/utils/storage.server";
import { call, get, post, runJobs, staffSession, submittedLead } from "./helpers";

const EDIT = "Nota interna: sconto possibile se firmano entro marzo.";
const PRICE = "1.234,56";

/** Everything the private link hands the browser, as text. */
async function linkBody(token: string, lang: "it" | "en" = "it") {
  const response = await call(pageLoader, get(`/${lang}/p/${token}`), { lang, token });
  expect(response.status).toBe(200);
  expect(response.headers.get("Cache-Control")).toContain("no-store");
  return { text: await response.clone().text(), data: (await response.json()) as { pending: { expectedBy: string } | null; view: { edits: Record<string, string> } | null; choice: unknown; canAccept: boolean } };
}

const versions = (leadId: string) => prisma.proposalVersion.count({ where: { proposal: { leadId } } });
/** The proposal emails to an address, once the jobs written by the sends have run. */
async function sentEmails(to: string) {
  await runJobs();
  return prisma.emailMessage.count({ where: { kind: "proposal_sent", to } });
}

describe("before the owner sends", () => {
  it("the private link shows only that the answers arrived and when the proposal comes: no prices, no generated text, no edits", async () => {
    const { cookie } = await staffSession();
    const lead = await submittedLead("gate@hotel.example");
    const params = { lang: "it", leadId: lead.id };
    // The owner works on it: a text edit and a price, saved, not sent.
    const saved = await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { intent: "save", expectedVersion: "0", "part-summary": EDIT, "price-package-completo": PRICE }, { Cookie: cookie }), params);
    expect(saved.headers.get("Location")).toBe(`/it/owner/proposals/${lead.id}?saved=1`);

    const expected = formatDate(new Date(`${proposalExpectedDay(lead.createdAt, defaultOwnerSettings)}T12:00:00Z`), "it", "full");
    for (const lang of ["it", "en"] as const) {
      const { text, data } = await linkBody(lead.token, lang);
      expect(data.view).toBeNull();
      expect(data.choice).toBeNull();
      expect(data.canAccept).toBe(false);
      expect(data.pending?.expectedBy).toMatch(lang === "it" ? /^\w+ì \d+ \w+ \d{4}$/ : /^\w+day, \d+ \w+ \d{4}$/);
      for (const secret of [EDIT, "Nota interna", PRICE, "1234,56", "€", "450,00", "Essenziale", "Essential", "Completo", "Instagram", "plan."]) expect(text, secret).not.toContain(secret);
    }
    expect((await linkBody(lead.token)).data.pending?.expectedBy).toBe(expected);
    // Opening it before sending is not "opened".
    expect((await prisma.proposal.findUniqueOrThrow({ where: { leadId: lead.id } })).firstOpenedAt).toBeNull();

    // The PDF: a translated 404 page, not a PDF and not a 500.
    const pdf = await call(pdfLoader, get(`/it/p/${lead.token}/pdf`), { lang: "it", token: lead.token });
    expect(pdf.status).toBe(404);
    expect(pdf.headers.get("Content-Type")).toContain("text/html");
    expect(pdf.headers.get("Cache-Control")).toContain("no-store");
    const pdfBody = await pdf.text();
    expect(pdfBody).toContain("La proposta non è ancora pronta");
    expect(pdfBody).toContain(expected);
    expect(pdfBody).not.toContain("%PDF");
    expect(pdfBody).not.toContain(EDIT);
    const english = await (await call(pdfLoader, get(`/en/p/${lead.token}/pdf`), { lang: "en", token: lead.token })).text();
    expect(english).toContain("The proposal is not ready yet");

    // Nothing else under the link acts either.
    const link = { lang: "it", token: lead.token };
    expect((await call(acceptLoader, get(`/it/p/${lead.token}/accept`), link)).status).toBe(404);
    expect((await call(acceptAction, post(`/it/p/${lead.token}/accept`, { versionHash: "0".repeat(64), packageId: "completo", fullName: "Elena Riva", terms: "on" }), link)).status).toBe(404);
    expect((await call(payAction, post(`/it/p/${lead.token}/pay`, {}), link)).status).toBe(404);
    expect((await call(renewAction, post(`/it/p/${lead.token}/renew`, {}), link)).status).toBe(404);
    expect((await call(outcomeLoader, get(`/it/p/${lead.token}/checkout/success?session_id=cs_x`), { ...link, outcome: "success" })).status).toBe(404);
    expect((await call(receiptLoader, get(`/it/p/${lead.token}/receipt/nope`), { ...link, paymentId: "nope" })).status).toBe(404);
    expect(await prisma.acceptance.count({ where: { leadId: lead.id } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { leadId: lead.id, action: "proposal.renewal_requested" } })).toBe(0);
  });

  it("counts the owner's working days from the day of the questionnaire, skipping weekends and holidays, and the email says the same", async () => {
    const { user } = await staffSession();
    await saveOwnerSettings({ ...defaultOwnerSettings, proposalWithinWorkingDays: 5 }, user.id);
    try {
      const lead = await submittedLead("days@hotel.example");
      const email = await prisma.emailMessage.findFirstOrThrow({ where: { kind: "intake_received", to: "days@hotel.example" } });
      const today = formatDate(new Date(`${proposalExpectedDay(new Date(), { proposalWithinWorkingDays: 5 })}T12:00:00Z`), "it", "full");
      expect(email.subject).toBe("Abbiamo ricevuto le tue risposte");
      expect(email.text).toContain(`Riceverai la tua proposta di strategia social entro ${today}`);
      expect(email.text).toContain(`/it/p/${lead.token}`);
      expect(email.text).not.toContain("è pronta");

      // Submitted on Thursday 23 April 2026: Friday 24, (25 April, weekend) Monday 27, Tuesday 28, Wednesday 29, Thursday 30.
      await prisma.lead.update({ where: { id: lead.id }, data: { createdAt: new Date("2026-04-23T16:00:00Z") } });
      expect((await linkBody(lead.token)).data.pending?.expectedBy).toBe("giovedì 30 aprile 2026");
      expect((await linkBody(lead.token, "en")).data.pending?.expectedBy).toBe("Thursday, 30 April 2026");
      // 23:30 in Rome on Friday 3 April is still Friday there: (weekend, Easter Monday) Tuesday 7 … Friday 10, Monday 13.
      await prisma.lead.update({ where: { id: lead.id }, data: { createdAt: new Date("2026-04-03T21:30:00Z") } });
      expect((await linkBody(lead.token)).data.pending?.expectedBy).toBe("lunedì 13 aprile 2026");
    } finally {
      await prisma.settings.deleteMany({});
    }
  });
});

describe("once sent", () => {
  it("the link and the PDF show exactly the newest sent version, not later edits", async () => {
    const { cookie } = await staffSession();
    const lead = await submittedLead("sent@hotel.example");
    const params = { lang: "it", leadId: lead.id };
    const sent = await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { intent: "send", expectedVersion: "0", "part-summary": EDIT, "price-package-completo": PRICE }, { Cookie: cookie }), params);
    expect(sent.headers.get("Location")).toBe(`/it/owner/proposals/${lead.id}?sent=1`);
    const { data, text } = await linkBody(lead.token);
    expect(data.pending).toBeNull();
    expect(data.view?.edits.summary).toBe(EDIT);
    expect(text).toContain(PRICE);
    const pdf = await call(pdfLoader, get(`/it/p/${lead.token}/pdf`), { lang: "it", token: lead.token });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");

    // Saved but not sent: the link keeps the sent version.
    await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { intent: "save", expectedVersion: "1", "part-summary": "Bozza successiva, da non mostrare." }, { Cookie: cookie }), params);
    const after = await linkBody(lead.token);
    expect(after.data.view?.edits.summary).toBe(EDIT);
    expect(after.text).not.toContain("Bozza successiva");
  });
});

describe("sending is idempotent", () => {
  it("a second identical POST (double click, stale tab) answers with the version already sent: one version, one email", async () => {
    const { cookie } = await staffSession();
    const lead = await submittedLead("twice@hotel.example");
    const params = { lang: "it", leadId: lead.id };
    const form = { intent: "send", expectedVersion: "0", "part-summary": EDIT };
    const first = await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, form, { Cookie: cookie }), params);
    expect(first.headers.get("Location")).toBe(`/it/owner/proposals/${lead.id}?sent=1`);
    const second = await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { ...form, "part-summary": "Testo di un'altra scheda." }, { Cookie: cookie }), params);
    expect(second.status).toBe(302);
    expect(second.headers.get("Location")).toBe(`/it/owner/proposals/${lead.id}?already=1`);
    expect(await versions(lead.id)).toBe(1);
    expect(await sentEmails("twice@hotel.example")).toBe(1);
    expect(await prisma.auditLog.count({ where: { leadId: lead.id, action: "proposal.sent" } })).toBe(1);
    // The stale tab's text was not saved over the sent one either.
    const page = (await (await call(reviewLoader, get(`/it/owner/proposals/${lead.id}`, { Cookie: cookie }), params)).json()) as { edits: Record<string, string>; versions: Array<{ number: number }> };
    expect(page.edits.summary).toBe(EDIT);
    expect(page.versions.map((v) => v.number)).toEqual([1]);

    // Having seen version 1, sending again is a new version on purpose.
    const again = await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { intent: "send", expectedVersion: "1", "part-summary": "Versione rivista." }, { Cookie: cookie }), params);
    expect(again.headers.get("Location")).toBe(`/it/owner/proposals/${lead.id}?sent=2`);
    expect(await versions(lead.id)).toBe(2);
    expect(await sentEmails("twice@hotel.example")).toBe(2);
    // A number from the future is refused.
    expect((await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { intent: "send", expectedVersion: "7" }, { Cookie: cookie }), params)).status).toBe(400);
  });

  it("two concurrent POSTs of the send form make one version and one email", async () => {
    const { cookie } = await staffSession();
    const lead = await submittedLead("race@hotel.example");
    const params = { lang: "it", leadId: lead.id };
    const send = () => call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { intent: "send", expectedVersion: "0", "part-summary": EDIT }, { Cookie: cookie }), params);
    const answers = await Promise.all([send(), send()]);
    expect(answers.map((r) => r.status)).toEqual([302, 302]);
    expect(answers.map((r) => r.headers.get("Location")!.split("?")[1]).sort()).toEqual(["already=1", "sent=1"]);
    expect(await versions(lead.id)).toBe(1);
    expect(await sentEmails("race@hotel.example")).toBe(1);
  });

  it("concurrent calls of sendProposal, with and without what the sender saw, make one version, one email and one stored PDF", async () => {
    const { user } = await staffSession();
    const other = await submittedLead("race2@hotel.example");
    const outcomes = await Promise.all([sendProposal(other.id, user.id, new Date(), 0), sendProposal(other.id, user.id, new Date(), 0), sendProposal(other.id, user.id)]);
    expect(outcomes.filter((o) => !o.alreadySent)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.version.id)).size).toBe(1);
    // One job for the one version: the email goes once, however often the runner runs.
    expect(await prisma.emailMessage.count({ where: { jobKey: { startsWith: "proposal_sent:" }, leadId: other.id } })).toBe(0);
    expect(await versions(other.id)).toBe(1);
    expect(await sentEmails("race2@hotel.example")).toBe(1);
    // The stored PDF is the winner's, byte for byte.
    const version = await prisma.proposalVersion.findFirstOrThrow({ where: { proposal: { leadId: other.id } } });
    const pdf = Buffer.from(await (await call(pdfLoader, get(`/it/p/${other.token}/pdf`), { lang: "it", token: other.token })).arrayBuffer());
    
    expect(sha256(pdf)).toBe(version.pdfHash);
  });
});
