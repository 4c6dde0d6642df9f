// Proposals: the owner's working copy (edits over generated text) and the
// immutable versions that were sent. The snapshot of a version holds
// everything it was made from, so it can be rebuilt and checked by hash.
import type { AcceptableProposal } from "~/domain/acceptable-proposal";
import { romeToday } from "~/domain/intake/schema";
import { buildProposal } from "~/domain/strategy/engine";
import { readIntakeAnswers } from "~/domain/strategy/input";
import type { TextEdits } from "~/domain/strategy/resolve";
import { proposalView } from "~/domain/strategy/view";
import type { BlockEdit, BlockEdits } from "~/domain/strategy/blocks";
import { getT } from "~/i18n/i18n";
import { prisma } from "~/utils/db.server";
import { getOwnerSettings } from "./settings.server";
import { recordAudit } from "./audit.server";
import { versionRendering } from "./proposal-versions.server";
import { parseAcceptable, parseBlockEdits, parseEdits, parsePriceEdits, withBlockEdits, withPrices, type PriceEdits } from "~/domain/proposal-edits";

/** The newest sent version of the lead behind a private link, as the acceptance flow needs it. */
export async function getAcceptableProposal(token: string): Promise<AcceptableProposal | null> {
  const lead = await prisma.lead.findUnique({
    where: { token },
    select: {
      id: true,
      erasedAt: true,
      proposal: { select: { versions: { orderBy: { number: "desc" }, take: 1, select: { id: true, snapshot: true, snapshotHash: true } } } },
    },
  });
  const version = lead?.proposal?.versions[0];
  if (!lead || lead.erasedAt || !version) return null;
  const acceptable = parseAcceptable(version.snapshot);
  if (!acceptable) return null;
  return { ...acceptable, leadId: lead.id, token, versionId: version.id, versionHash: version.snapshotHash };
}

/**
 * What the prospect may see through their private link: the newest sent version,
 * exactly as it was sent (its stored view, else rebuilt from its snapshot).
 * Before the owner sends one, `view` is null: nothing generated (no text, no
 * prices, none of the owner's unsent edits) leaves the studio.
 */
export async function getProposalView(token: string, locale: "it" | "en") {
  const lead = await prisma.lead.findUnique({
    where: { token },
    select: { id: true, name: true, organisation: true, createdAt: true, erasedAt: true },
  });
  const settings = await getOwnerSettings();
  if (!lead || lead.erasedAt) return { lead: null, view: null, settings, version: null };
  const version = await prisma.proposalVersion.findFirst({ where: { proposal: { leadId: lead.id } }, orderBy: { number: "desc" }, select: { id: true, number: true, snapshot: true, snapshotHash: true, view: true, sentAt: true } });
  const sent = version ? versionRendering(version, locale) : null;
  if (!version || !sent) return { lead, view: null, settings, version: null };
  return { lead, view: sent.view, settings: { ...settings, branding: sent.branding, studioName: sent.studioName }, version };
}

/** The prospect opened their proposal: the first time after sending is recorded for the owner. */
export async function markOpened(leadId: string, now = new Date()) {
  const proposal = await prisma.proposal.findUnique({ where: { leadId }, select: { id: true, firstOpenedAt: true, versions: { take: 1, select: { id: true } } } });
  if (!proposal || proposal.firstOpenedAt || proposal.versions.length === 0) return false;
  const { count } = await prisma.proposal.updateMany({ where: { id: proposal.id, firstOpenedAt: null }, data: { firstOpenedAt: now } });
  if (count) await recordAudit({ action: "proposal.opened", leadId });
  return count > 0;
}

/** The working copy the owner edits: current answers, settings, edits and prices (not a sent version). */
export async function getWorkingProposal(leadId: string, locale: "it" | "en") {
  const lead = await prisma.lead.findUnique({
    where: { id: leadId },
    select: {
      id: true, token: true, name: true, email: true, organisation: true, locale: true, status: true, answers: true, createdAt: true, erasedAt: true,
      proposal: { select: { textEdits: true, priceEdits: true, firstOpenedAt: true, versions: { orderBy: { number: "desc" }, select: { id: true, number: true, sentAt: true, snapshotHash: true, locale: true } } } },
    },
  });
  if (!lead || lead.erasedAt) return null;
  const answers = readIntakeAnswers(lead.answers);
  const base = await getOwnerSettings();
  const prices = parsePriceEdits(lead.proposal?.priceEdits);
  const settings = withPrices(base, prices);
  const edits = parseEdits(lead.proposal?.textEdits);
  const blocks = parseBlockEdits(lead.proposal?.textEdits);
  if (!answers) return { lead, view: null, generated: null, settings, base, prices, edits, blocks };
  const model = buildProposal({ answers, organisation: lead.organisation, contactName: lead.name, issuedOn: romeToday() }, settings);
  const t = getT(locale);
  const translate = (k: string, o?: Record<string, unknown>) => t(k, o);
  const generated = proposalView(model, locale, translate);
  return { lead, view: withBlockEdits(proposalView(model, locale, translate, edits), blocks, locale), generated, settings, base, prices, edits, blocks };
}

/** The language the lead gets their proposal in (the questionnaire's), Italian when unknown; null for no such lead. */
export async function leadLocale(leadId: string): Promise<"it" | "en" | null> {
  const lead = await prisma.lead.findUnique({ where: { id: leadId }, select: { locale: true } });
  if (!lead) return null;
  return lead.locale === "en" ? "en" : "it";
}

export async function saveProposalEdits(leadId: string, actorId: string, edits: TextEdits, prices: PriceEdits) {
  const parts = Object.fromEntries(Object.entries(edits).filter(([, v]) => v && v.trim()));
  const priceEdits = JSON.stringify(prices);
  await prisma.$transaction(async (tx) => {
    // The block edits are kept: this form writes the whole-part texts and the prices only.
    const current = await tx.proposal.findUnique({ where: { leadId }, select: { textEdits: true } });
    const blocks = parseBlockEdits(current?.textEdits);
    const textEdits = JSON.stringify(blocks ? { ...parts, "@blocks": blocks } : parts);
    await tx.proposal.upsert({ where: { leadId }, create: { leadId, textEdits, priceEdits }, update: { textEdits, priceEdits } });
    await recordAudit({ action: "proposal.edited", leadId, actorId, data: { parts: Object.keys(parts), prices: Object.keys(prices) } }, tx);
  });
}

/**
 * Sets (or, with null, resets to the generated text) one block of the working
 * proposal, in the lead's language. Edits in another language are dropped: the
 * proposal is sent in one language and its block edits follow it.
 */
export async function saveBlockEdit(leadId: string, actorId: string, locale: "it" | "en", path: string, edit: BlockEdit | null) {
  await prisma.$transaction(async (tx) => {
    const current = await tx.proposal.findUnique({ where: { leadId }, select: { textEdits: true } });
    const parts = parseEdits(current?.textEdits);
    const blocks = parseBlockEdits(current?.textEdits);
    const edits: BlockEdits = blocks && blocks.locale === locale ? { ...blocks.edits } : {};
    if (edit) edits[path] = edit;
    else delete edits[path];
    const textEdits = JSON.stringify(Object.keys(edits).length ? { ...parts, "@blocks": { locale, edits } } : parts);
    await tx.proposal.upsert({ where: { leadId }, create: { leadId, textEdits }, update: { textEdits } });
    await recordAudit({ action: edit ? "proposal.block.edited" : "proposal.block.reset", leadId, actorId, data: { path } }, tx);
  });
}
