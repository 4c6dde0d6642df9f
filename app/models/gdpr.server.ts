// Data protection requests: everything held about one person (by email), and
// erasure. Erasure anonymises leads (contact data and answers go, the figures
// the dashboard counts stay) and keeps invoicing and payment records, which
// Italian law requires for ten years.
import { getT, type Locale } from "~/i18n/i18n";
import { prisma } from "~/utils/db.server";
import { removeStored } from "~/utils/storage.server";
import { forgetPreviews } from "~/pdf/preview-cache.server";
import { ERASED_SNAPSHOT, versionPdfKeys } from "./proposal-versions.server";
import { recordAudit } from "./audit.server";

const normalise = (email: string) => email.trim().toLowerCase();

/**
 * The messages about a person: those sent to them, those about their leads
 * (the team's notifications included), and the resume links sent to the
 * drafts that became those leads.
 */
async function messagesAbout(db: Pick<typeof prisma, "intakeDraft">, address: string, leadIds: string[]) {
  const drafts = leadIds.length ? await db.intakeDraft.findMany({ where: { submittedLeadId: { in: leadIds } }, select: { email: true } }) : [];
  const addresses = [...new Set([address, ...drafts.map((d) => d.email).filter((e): e is string => Boolean(e)).map(normalise)])];
  return { OR: [{ to: { in: addresses } }, ...(leadIds.length ? [{ leadId: { in: leadIds } }] : [])] };
}

/**
 * The private link of an erased person is gone: 410, in the link's language, with nothing of theirs.
 * Every /p/:token route calls this first: a token that is not base64url (as
 * newLeadToken makes them) is no link of ours, a 404 before any query (a NUL in
 * it made PostgreSQL refuse the query: a 500).
 */
export async function requireLiveLink(token: string, locale: Locale): Promise<void> {
  requireLinkShape(token);
  const lead = await prisma.lead.findUnique({ where: { token }, select: { erasedAt: true } });
  if (lead?.erasedAt) throw erasedLink(locale);
}

/** The 404 of requireLiveLink for a token that is no link of ours (for a route that reads the lead itself). */
export function requireLinkShape(token: string): void {
  if (!/^[\w-]{1,128}$/.test(token)) throw new Response("Not Found", { status: 404, headers: { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" } });
}

/** The 410 of requireLiveLink, for a route that read the lead (and its erasedAt) itself. */
export function erasedLink(locale: Locale): Response {
  const t = getT(locale);
  return new Response(`${t("errors.erasedTitle")}\n\n${t("errors.erasedBody")}\n`, {
    status: 410,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" },
  });
}

/** Everything held about the person with this email, as plain data (for a JSON download). */
export async function exportPerson(email: string) {
  const address = normalise(email);
  const leads = await prisma.lead.findMany({
    where: { email: address, erasedAt: null },
    include: {
      goals: { orderBy: { rank: "asc" } },
      channels: true,
      notes: { orderBy: { createdAt: "asc" }, select: { body: true, createdAt: true } },
      proposal: { include: { versions: { orderBy: { number: "asc" }, select: { number: true, sentAt: true, locale: true, snapshotHash: true, snapshot: true } } } },
    },
    orderBy: { createdAt: "asc" },
  });
  const leadIds = leads.map((l) => l.id);
  const [drafts, emails, clients, acceptances, payments, subscriptions, invoices, activity] = await Promise.all([
    prisma.intakeDraft.findMany({ where: { email: address }, select: { locale: true, answers: true, currentStep: true, createdAt: true, updatedAt: true, expiresAt: true } }),
    messagesAbout(prisma, address, leads.map((l) => l.id)).then((where) =>
      prisma.emailMessage.findMany({
        where,
        // Attachments by name and size: the files are the proposal PDFs, whose content is in `leads` already.
        select: { kind: true, to: true, subject: true, text: true, status: true, createdAt: true, sentAt: true, leadId: true, attachments: { select: { filename: true, contentType: true, size: true }, orderBy: { id: "asc" } } },
        orderBy: { createdAt: "asc" },
      }),
    ),
    prisma.client.findMany({ where: { leadId: { in: leadIds } } }),
    prisma.acceptance.findMany({ where: { leadId: { in: leadIds } } }),
    prisma.payment.findMany({ where: { leadId: { in: leadIds } } }),
    prisma.subscription.findMany({ where: { leadId: { in: leadIds } }, orderBy: { createdAt: "asc" } }),
    // Each invoice and credit note as issued (the frozen document: both parties, lines, amounts).
    prisma.invoice.findMany({ where: { leadId: { in: leadIds } }, orderBy: [{ year: "asc" }, { number: "asc" }], select: { year: true, number: true, documentType: true, issuedOn: true, totalCents: true, dueCents: true, currency: true, sdiStatus: true, data: true, leadId: true } }),
    prisma.auditLog.findMany({ where: { leadId: { in: leadIds } }, select: { leadId: true, action: true, createdAt: true }, orderBy: { createdAt: "asc" } }),
  ]);
  const parse = (text: string | null) => {
    if (!text) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  };
  return {
    email: address,
    leads: leads.map(({ answers, proposal, ...lead }) => ({
      ...lead,
      answers: parse(answers),
      proposal: proposal ? { textEdits: parse(proposal.textEdits), firstOpenedAt: proposal.firstOpenedAt, versions: proposal.versions.map((v) => ({ ...v, snapshot: parse(v.snapshot) })) } : null,
    })),
    drafts: drafts.map((d) => ({ ...d, answers: parse(d.answers) })),
    emails,
    invoicing: clients,
    acceptances,
    payments,
    subscriptions,
    invoices: invoices.map(({ data, ...invoice }) => ({ ...invoice, document: parse(data) })),
    activity,
  };
}

/** What erasing this email would touch: shown to the owner before they confirm. */
export async function summarisePerson(email: string) {
  const address = normalise(email);
  const [leads, drafts, emails] = await Promise.all([
    prisma.lead.findMany({ where: { email: address, erasedAt: null }, select: { id: true, name: true, organisation: true, createdAt: true, status: true } }),
    prisma.intakeDraft.count({ where: { email: address } }),
    prisma.lead.findMany({ where: { email: address, erasedAt: null }, select: { id: true } }).then(async (rows) => prisma.emailMessage.count({ where: await messagesAbout(prisma, address, rows.map((r) => r.id)) })),
  ]);
  return { email: address, leads, drafts, emails };
}

/**
 * Erases a person: leads keep only what aggregate figures need (status, sector,
 * size, budget band, crisis yes/no, goals, channel statuses, dates, language);
 * name, email, phone, website, answers, notes, drafts and emails go. Invoicing
 * data and payments stay (legal retention), unlinked from the person's contact data.
 */
export async function erasePerson(email: string, actorId: string, now = new Date()) {
  const address = normalise(email);
  const result = await prisma.$transaction(async (tx) => {
    const leads = await tx.lead.findMany({ where: { email: address, erasedAt: null }, select: { id: true } });
    for (const { id } of leads) {
      await tx.lead.update({
        where: { id },
        data: {
          name: "—",
          email: `erased-${id}@invalid`,
          organisation: "—",
          website: null,
          role: null,
          phone: null,
          answers: null,
          erasedAt: now,
          marketingConsent: false,
        },
      });
      await tx.leadChannel.updateMany({ where: { leadId: id }, data: { handle: null } });
      await tx.leadNote.deleteMany({ where: { leadId: id } });
      await tx.proposal.updateMany({ where: { leadId: id }, data: { textEdits: "{}" } });
      // Sent versions hold the answers too; an accepted one is a contract record and stays.
      const accepted = await tx.acceptance.findMany({ where: { leadId: id }, select: { proposalVersionId: true } });
      const versions = await tx.proposalVersion.findMany({
        where: { proposal: { leadId: id }, id: { notIn: accepted.map((a) => a.proposalVersionId) } },
        select: { id: true, pdfPath: true, snapshotHash: true },
      });
      await tx.proposalVersion.updateMany({ where: { id: { in: versions.map((v) => v.id) } }, data: { snapshot: ERASED_SNAPSHOT, view: null, pdfPath: null } });
      // Their PDFs in every language (the prospect's, and the other one rendered when someone
      // downloaded it), in this transaction and from the storage every instance shares, so no
      // copy survives anywhere. After the update above: a PDF being stored meanwhile
      // (storeVersionPdf) holds the versions' rows until it commits, so it is deleted here too.
      const files = versions.flatMap((v) => [...versionPdfKeys(v.snapshotHash), ...(v.pdfPath ? [v.pdfPath] : [])]);
      await removeStored([...new Set(files)], tx);
      await recordAudit({ action: "lead.erased", leadId: id, actorId }, tx);
    }
    // Every message about the person (their attachments with them), before the drafts that lead to some of them go.
    const about = await messagesAbout(tx, address, leads.map((l) => l.id));
    await tx.emailAttachment.deleteMany({ where: { message: about } });
    const emails = await tx.emailMessage.deleteMany({ where: about });
    const drafts = await tx.intakeDraft.deleteMany({ where: { OR: [{ email: address }, { submittedLeadId: { in: leads.map((l) => l.id) } }] } });
    return { leadIds: leads.map((l) => l.id), drafts: drafts.count, emails: emails.count };
  });
  // The owner's previews of those proposals, held in this process's memory (other instances' expire within minutes).
  forgetPreviews(result.leadIds);
  return { leads: result.leadIds.length, drafts: result.drafts, emails: result.emails };
}
