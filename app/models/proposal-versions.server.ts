// Sending a proposal: an immutable version with the snapshot it was made from
// (answers, settings, owner edits, rules version, issue date), identified by
// the SHA-256 of that snapshot. The PDF renders once, in the worker pool, and
// is served from storage afterwards.
import { slug } from "~/domain/slug";
import { z } from "zod";
import { proposalSentEmail } from "~/emails/templates";
import { romeToday } from "~/domain/intake/schema";
import { buildProposal, RULES_VERSION } from "~/domain/strategy/engine";
import { readIntakeAnswers } from "~/domain/strategy/input";
import { OwnerSettingsSchema } from "~/domain/strategy/settings";
import { proposalView, type ProposalView } from "~/domain/strategy/view";
import { getT, isLocale, locales, type Locale } from "~/i18n/i18n";
import type { PdfLogo } from "~/pdf/full-proposal.server";
import { renderInPool } from "~/pdf/pool.server";
import { logoForPdf } from "./brand-logo.server";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { emailExists, sendEmail } from "~/utils/email.server";
import { enqueue } from "~/jobs/queue.server";
import { getEnv } from "~/utils/env.server";
import { readStored, sha256, writeStored } from "~/utils/storage.server";
import { recordAudit } from "./audit.server";
import { parseAcceptable, parseBlockEdits, parseEdits, parsePriceEdits, withBlockEdits, withPrices, type AcceptableSnapshot } from "~/domain/proposal-edits";
import { getOwnerSettings } from "./settings.server";

const SnapshotSchema = z.object({
  rulesVersion: z.string(),
  issuedOn: z.string(),
  locale: z.enum(["it", "en"]),
  lead: z.object({ organisation: z.string(), contactName: z.string(), email: z.string() }),
  answers: z.unknown(),
  settings: OwnerSettingsSchema,
  textEdits: z.record(z.string(), z.string()),
  /** The owner's block edits in the lead's language (since rules 2026.12.2). */
  blockEdits: z.object({ locale: z.enum(["it", "en"]), edits: z.record(z.string(), z.object({ text: z.string(), base: z.string() })) }).nullable().optional(),
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
  return { view: withBlockEdits(proposalView(model, locale, (k, o) => t(k, o), parseEdits(JSON.stringify(snapshot.textEdits))), snapshot.blockEdits ?? null, locale), snapshot };
}

/**
 * What a sent version renders from, frozen when it was sent (ProposalVersion.view):
 * the resolved view in each language (owner edits and prices in place) and the
 * branding and studio name of the PDF. Later changes to the rules, the wording
 * or the settings cannot reach it.
 */
export interface StoredVersionView {
  format: 1;
  views: Record<Locale, ProposalView>;
  branding: Snapshot["settings"]["branding"];
  studioName: string;
  /** The cover logo when it was sent (its bytes are kept in storage under logos/); null: none. */
  logo?: { sha256: string; format: "png" | "jpg" } | null;
}

export interface VersionRendering {
  view: ProposalView;
  branding: Snapshot["settings"]["branding"];
  studioName: string;
  logo?: StoredVersionView["logo"];
}

function logoKey(logo: { sha256: string; format: "png" | "jpg" }) {
  return `logos/${logo.sha256}.${logo.format}`;
}

/** The cover logo as it was when sent: null for none, undefined when the version predates it (the current logo then). */
async function frozenLogo(logo: StoredVersionView["logo"]): Promise<PdfLogo | null | undefined> {
  if (logo === undefined) return undefined;
  if (logo === null || !/^[a-f0-9]{64}$/.test(logo.sha256)) return null;
  const bytes = await readStored(logoKey(logo));
  return bytes ? { data: new Uint8Array(bytes), format: logo.format, sha256: logo.sha256 } : undefined;
}

/** The stored view of a version in a language; null when absent (rows sent before it existed) or damaged. */
export function parseStoredView(json: string | null | undefined, locale: Locale): VersionRendering | null {
  if (!json) return null;
  try {
    const stored = JSON.parse(json) as Partial<StoredVersionView> | null;
    const view = stored?.format === 1 ? stored.views?.[locale] : undefined;
    if (!view || typeof view !== "object" || view.locale !== locale || !stored?.branding || typeof stored.studioName !== "string") return null;
    return { view, branding: stored.branding, studioName: stored.studioName, logo: stored.logo };
  } catch {
    return null;
  }
}

/** A sent version as it was sent: its stored view, or (older rows) the view rebuilt from its snapshot. */
export function versionRendering(version: { snapshot: string; view?: string | null }, locale: Locale): VersionRendering | null {
  const stored = parseStoredView(version.view, locale);
  if (stored) return stored;
  const built = viewFromSnapshot(version.snapshot, locale);
  return built ? { view: built.view, branding: built.snapshot.settings.branding, studioName: built.snapshot.settings.studioName } : null;
}

function pdfKey(hash: string, locale: Locale) {
  return `proposals/${hash}-${locale}.pdf`;
}

/** The storage keys of a version's PDF in every language (erasure removes them all). */
export function versionPdfKeys(snapshotHash: string): string[] {
  return locales.map((locale) => pdfKey(snapshotHash, locale));
}

export interface RenderableVersion {
  snapshot: string;
  snapshotHash: string;
  view?: string | null;
  sentAt?: Date | string | null;
}

/** Renders a sent version's PDF (not stored): the same view and date always give the same bytes. */
export async function renderVersionPdf(version: RenderableVersion, locale: Locale): Promise<Buffer | null> {
  const rendering = versionRendering(version, locale);
  if (!rendering) return null;
  const createdAt = version.sentAt ? new Date(version.sentAt).toISOString() : undefined;
  const branding = { ...rendering.branding, logo: await frozenLogo(rendering.logo) };
  return renderInPool({ document: "full-proposal", view: rendering.view, branding, studioName: rendering.studioName, createdAt });
}

/** The PDF of a sent version in a language: read from storage, or rendered once and stored. */
export async function versionPdf(version: RenderableVersion, locale: Locale): Promise<Buffer | null> {
  const key = pdfKey(version.snapshotHash, locale);
  const stored = await readStored(key);
  if (stored) return stored;
  const pdf = await renderVersionPdf(version, locale);
  if (!pdf) return null;
  await storeVersionPdf(version.snapshotHash, locale, pdf);
  return pdf;
}

/** What erasure (app/models/gdpr.server.ts) leaves in the snapshot of a version it erases. */
export const ERASED_SNAPSHOT = '{"erased":true}';

/**
 * Stores a rendered PDF of a version, unless the version has been erased since
 * it was read (false then). The no-op update locks the version's row first: an
 * erasure running at the same moment (it updates the row, then deletes the
 * files, in one transaction) either waits for this write and deletes its file,
 * or committed first and nothing is stored. So a render in flight on any
 * instance cannot bring an erased PDF back.
 */
export async function storeVersionPdf(snapshotHash: string, locale: Locale, pdf: Buffer): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const live = await tx.proposalVersion.updateMany({ where: { snapshotHash, snapshot: { not: ERASED_SNAPSHOT } }, data: { snapshotHash } });
    if (live.count === 0) return false;
    await writeStored(pdfKey(snapshotHash, locale), pdf, tx);
    return true;
  });
}

const renderableSelect = { id: true, number: true, snapshot: true, snapshotHash: true, view: true, sentAt: true } as const;

/** The version behind a private link: the one accepted (whatever was sent after it), else the newest sent; null before sending. */
export async function linkVersion(token: string) {
  const lead = await prisma.lead.findUnique({ where: { token }, select: { id: true } });
  if (!lead) return null;
  const acceptance = await prisma.acceptance.findFirst({ where: { leadId: lead.id }, orderBy: { acceptedAt: "asc" }, select: { proposalVersionId: true } });
  if (acceptance) {
    const accepted = await prisma.proposalVersion.findUnique({ where: { id: acceptance.proposalVersionId }, select: renderableSelect });
    if (accepted) return { ...accepted, accepted: true };
  }
  const newest = await prisma.proposalVersion.findFirst({ where: { proposal: { leadId: lead.id } }, orderBy: { number: "desc" }, select: renderableSelect });
  return newest ? { ...newest, accepted: false } : null;
}

export async function newestVersion(leadId: string) {
  return prisma.proposalVersion.findFirst({ where: { proposal: { leadId } }, orderBy: { number: "desc" } });
}

export class NotSendable extends Error {}


type NewestVersion = NonNullable<Awaited<ReturnType<typeof newestVersion>>>;

export type SendOutcome =
  /** The new version; its email (with the PDF) goes out through the job "proposal_sent" written with it. */
  | { alreadySent: false; version: NewestVersion }
  /** Someone (another tab, a double click) sent since the sender loaded the page: that version, and nothing new. */
  | { alreadySent: true; version: NewestVersion };

/**
 * Freezes the current proposal of a lead as a new version, moves the lead on, and
 * writes (in the same transaction) the job that emails it with the PDF.
 *
 * Idempotent: `expectedVersion` is the number of the newest version the sender
 * saw (0 for none). Only the send that creates number expectedVersion + 1 goes
 * out; the unique (proposalId, number) makes that atomic, so a double click or
 * two tabs give one version and one job (one email), and the others get that version back
 * (`alreadySent`). Without it, the newest number when the call reads it is
 * taken: calls that read before the first one commits collapse into one, and
 * a call that reads after it sends the next version.
 */
export async function sendProposal(
  leadId: string,
  actorId: string | null,
  now = new Date(),
  expectedVersion?: number,
  /** attachPdf false: the email carries the link only and the PDF renders when first downloaded (test fixtures that are not about the PDF). */
  { attachPdf = true }: { attachPdf?: boolean } = {},
): Promise<SendOutcome> {
  const lead = await prisma.lead.findUnique({ where: { id: leadId }, include: { proposal: true } });
  if (!lead || lead.erasedAt) throw new NotSendable("lead not found");
  const expected = expectedVersion ?? (await newestVersion(leadId))?.number ?? 0;
  const already = async (): Promise<SendOutcome | null> => {
    const newest = await newestVersion(leadId);
    return newest && newest.number !== expected ? { alreadySent: true, version: newest } : null;
  };
  // Cheap first: a second click after the first one finished renders nothing.
  const early = await already();
  if (early) return early;
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
    blockEdits: parseBlockEdits(lead.proposal?.textEdits),
  };
  const model = buildProposal({ answers, organisation: lead.organisation, contactName: lead.name, issuedOn }, settings);
  const edits = parseEdits(lead.proposal?.textEdits);
  const views = Object.fromEntries(locales.map((l) => [l, withBlockEdits(proposalView(model, l, (k, o) => getT(l)(k, o), edits), snapshot.blockEdits ?? null, l)])) as Record<Locale, ProposalView>;
  const view = views[locale];
  const currentLogo = await logoForPdf();
  if (currentLogo) await writeStored(logoKey({ sha256: currentLogo.sha256, format: currentLogo.format }), Buffer.from(currentLogo.data));
  const logo = currentLogo ? { sha256: currentLogo.sha256, format: currentLogo.format } : null;
  const stored: StoredVersionView = { format: 1, views, branding: settings.branding, studioName: settings.studioName, logo };
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
    taxRegime: model.investment.taxRegime,
    validUntil: model.validUntil,
    kickoffUrl: settings.kickoffUrl,
  };
  const json = JSON.stringify({ ...snapshot, acceptable });
  const hash = sha256(json);
  const viewJson = JSON.stringify(stored);

  // The version and the job that emails it (rendering or reading its PDF) commit
  // together: a crash after the commit loses no email, and a send that lost the
  // race writes neither. The PDF renders in the job, off the request.
  const key = pdfKey(hash, locale);
  let version: NewestVersion;
  try {
    version = await prisma.$transaction(async (tx) => {
      const proposal = await tx.proposal.upsert({ where: { leadId }, create: { leadId }, update: {} });
      // Only number expected + 1: a send that lost the race fails on the unique (proposalId, number).
      const created = await tx.proposalVersion.create({
        data: { proposalId: proposal.id, number: expected + 1, rulesVersion: RULES_VERSION, snapshot: json, snapshotHash: hash, view: viewJson, locale, sentById: actorId, sentAt: now, pdfPath: key, pdfHash: null },
      });
      if (lead.status === "new" || lead.status === "reviewing") await tx.lead.update({ where: { id: leadId }, data: { status: "proposal_sent" } });
      await recordAudit({ action: "proposal.sent", leadId, actorId, data: { version: created.number, hash } }, tx);
      await enqueue(tx, { kind: "proposal_sent", key: `proposal_sent:${created.id}`, payload: { versionId: created.id, attachPdf } });
      return created;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const late = await already();
    if (late) return late;
    throw error;
  }
  return { alreadySent: false, version };
}

/**
 * The job "proposal_sent": the version's PDF in its language (read from storage,
 * or rendered once and stored, its hash kept on the version) attached to the
 * email with the private link. Run again after a crash or a failure, it sends
 * at most one email (jobKey) and renders nothing once that email exists.
 */
export async function sendVersionEmail(job: { versionId: string; attachPdf: boolean }, jobKey: string): Promise<void> {
  const version = await prisma.proposalVersion.findUnique({
    where: { id: job.versionId },
    select: { ...renderableSelect, locale: true, pdfHash: true, proposal: { select: { lead: { select: { id: true, token: true, name: true, email: true, organisation: true, erasedAt: true } } } } },
  });
  const lead = version?.proposal.lead;
  if (!version || !lead || lead.erasedAt) return; // erased meanwhile: nobody to write to
  if (await emailExists(jobKey)) return;
  const locale: Locale = isLocale(version.locale) ? version.locale : "it";
  const validUntil = parseAcceptable(version.snapshot)?.validUntil;
  if (!validUntil) return; // an erased snapshot
  const pdf = job.attachPdf ? await versionPdf(version, locale) : null;
  if (job.attachPdf && !pdf) throw new Error("the proposal PDF could not be rendered");
  if (pdf && !version.pdfHash) await prisma.proposalVersion.updateMany({ where: { id: version.id, pdfHash: null }, data: { pdfHash: sha256(pdf) } });
  const url = `${getEnv().APP_URL}/${locale}/p/${lead.token}`;
  const name = slug(lead.organisation) || "proposal";
  const email = await sendEmail({
    kind: "proposal_sent",
    to: lead.email,
    locale,
    leadId: lead.id,
    jobKey,
    ...proposalSentEmail({ locale, name: lead.name, organisation: lead.organisation, url, validUntil: new Date(`${validUntil}T12:00:00Z`) }),
    attachments: pdf ? [{ filename: `${locale === "it" ? "proposta" : "proposal"}-${name}.pdf`, content: pdf, contentType: "application/pdf" }] : [],
  });
  if (email.status === "failed") throw new Error("the proposal email could not be sent (see the outbox)");
}
