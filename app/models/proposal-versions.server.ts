// Sending a proposal: an immutable version with the snapshot it was made from
// (answers, settings, owner edits, rules version, issue date), identified by
// the SHA-256 of that snapshot. The PDF renders once, in the worker pool, and
// is served from storage afterwards.
import { z } from "zod";
import { proposalSentEmail } from "~/emails/templates";
import { romeToday } from "~/domain/intake/schema";
import { buildProposal, RULES_VERSION } from "~/domain/strategy/engine";
import { readIntakeAnswers } from "~/domain/strategy/input";
import { OwnerSettingsSchema } from "~/domain/strategy/settings";
import { proposalView, type ProposalView } from "~/domain/strategy/view";
import { getT, isLocale, type Locale } from "~/i18n/i18n";
import { renderInPool } from "~/pdf/pool.server";
import { prisma } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { readStored, sha256, writeStored } from "~/utils/storage.server";
import { recordAudit } from "./audit.server";
import { parseEdits, parsePriceEdits, withPrices, type AcceptableSnapshot } from "./proposal.server";
import { getOwnerSettings } from "./settings.server";

const SnapshotSchema = z.object({
  rulesVersion: z.string(),
  issuedOn: z.string(),
  locale: z.enum(["it", "en"]),
  lead: z.object({ organisation: z.string(), contactName: z.string(), email: z.string() }),
  answers: z.unknown(),
  settings: OwnerSettingsSchema,
  textEdits: z.record(z.string(), z.string()),
});
type Snapshot = z.infer<typeof SnapshotSchema>;

/** The view of a stored snapshot: the same words and figures as when it was sent. */
export function viewFromSnapshot(snapshotJson: string, locale: Locale): { view: ProposalView; snapshot: Snapshot } | null {
  let parsed: ReturnType<typeof SnapshotSchema.safeParse>;
  try {
    parsed = SnapshotSchema.safeParse(JSON.parse(snapshotJson));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  const snapshot = parsed.data;
  const answers = readIntakeAnswers(snapshot.answers);
  if (!answers) return null;
  const model = buildProposal({ answers, organisation: snapshot.lead.organisation, contactName: snapshot.lead.contactName, issuedOn: snapshot.issuedOn }, snapshot.settings);
  const t = getT(locale);
  return { view: proposalView(model, locale, (k, o) => t(k, o), parseEdits(JSON.stringify(snapshot.textEdits))), snapshot };
}

function pdfKey(hash: string, locale: Locale) {
  return `proposals/${hash}-${locale}.pdf`;
}

/** The PDF of a sent version in a language: read from storage, or rendered once and stored. */
export async function versionPdf(version: { snapshot: string; snapshotHash: string }, locale: Locale): Promise<Buffer | null> {
  const key = pdfKey(version.snapshotHash, locale);
  const stored = await readStored(key);
  if (stored) return stored;
  const built = viewFromSnapshot(version.snapshot, locale);
  if (!built) return null;
  const pdf = await renderInPool({ document: "full-proposal", view: built.view, branding: built.snapshot.settings.branding, studioName: built.snapshot.settings.studioName });
  await writeStored(key, pdf);
  return pdf;
}

export async function newestVersion(leadId: string) {
  return prisma.proposalVersion.findFirst({ where: { proposal: { leadId } }, orderBy: { number: "desc" } });
}

export class NotSendable extends Error {}

/** Freezes the current proposal of a lead as a new version, emails it with the PDF, and moves the lead on. */
export async function sendProposal(leadId: string, actorId: string, now = new Date()) {
  const lead = await prisma.lead.findUnique({ where: { id: leadId }, include: { proposal: true } });
  if (!lead || lead.erasedAt) throw new NotSendable("lead not found");
  const answers = readIntakeAnswers(lead.answers);
  if (!answers) throw new NotSendable("lead has no questionnaire answers");
  const settings = withPrices(await getOwnerSettings(), parsePriceEdits(lead.proposal?.priceEdits));
  const locale: Locale = isLocale(lead.locale) ? lead.locale : "it";
  const issuedOn = romeToday(now);
  const snapshot: Snapshot = {
    rulesVersion: RULES_VERSION,
    issuedOn,
    locale,
    lead: { organisation: lead.organisation, contactName: lead.name, email: lead.email },
    answers: JSON.parse(lead.answers!) as unknown,
    settings,
    textEdits: parseEdits(lead.proposal?.textEdits) as Record<string, string>,
  };
  const model = buildProposal({ answers, organisation: lead.organisation, contactName: lead.name, issuedOn }, settings);
  const t = getT(locale);
  const view = proposalView(model, locale, (k, o) => t(k, o), parseEdits(lead.proposal?.textEdits));
  const acceptable: AcceptableSnapshot = {
    locale,
    contactName: lead.name,
    organisation: lead.organisation,
    email: lead.email,
    currency: "EUR",
    packages: view.investment.packages.map((p) => ({ id: p.id, name: p.name, monthlyNetCents: p.monthlyNetCents, recommended: p.recommended })),
    addOns: view.investment.addOns.map((a) => ({ id: a.id, name: a.name, priceNetCents: a.priceNetCents, recurring: a.recurring })),
    onboardingNetCents: settings.onboardingFeeCents,
    vatRatePercent: settings.vatRatePercent,
    validUntil: model.validUntil,
    kickoffUrl: settings.kickoffUrl,
  };
  const json = JSON.stringify({ ...snapshot, acceptable });
  const hash = sha256(json);

  const version = await prisma.$transaction(async (tx) => {
    const proposal = await tx.proposal.upsert({ where: { leadId }, create: { leadId }, update: {} });
    const last = await tx.proposalVersion.findFirst({ where: { proposalId: proposal.id }, orderBy: { number: "desc" }, select: { number: true } });
    const created = await tx.proposalVersion.create({
      data: { proposalId: proposal.id, number: (last?.number ?? 0) + 1, rulesVersion: RULES_VERSION, snapshot: json, snapshotHash: hash, locale, sentById: actorId, sentAt: now },
    });
    if (lead.status === "new" || lead.status === "reviewing") await tx.lead.update({ where: { id: leadId }, data: { status: "proposal_sent" } });
    await recordAudit({ action: "proposal.sent", leadId, actorId, data: { version: created.number, hash } }, tx);
    return created;
  });

  const pdf = await versionPdf(version, locale);
  if (pdf) await prisma.proposalVersion.update({ where: { id: version.id }, data: { pdfPath: pdfKey(hash, locale), pdfHash: sha256(pdf) } });
  const url = `${getEnv().APP_URL}/${locale}/p/${lead.token}`;
  const slug = lead.organisation.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\w]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "proposal";
  const email = await sendEmail({
    kind: "proposal_sent",
    to: lead.email,
    locale,
    ...proposalSentEmail({ locale, name: lead.name, organisation: lead.organisation, url, validUntil: new Date(`${model.validUntil}T12:00:00Z`) }),
    attachments: pdf ? [{ filename: `proposta-${slug}.pdf`, content: pdf, contentType: "application/pdf" }] : undefined,
  });
  return { version, email };
}
