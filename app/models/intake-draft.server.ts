// Questionnaire drafts: saved from the first step, found again by the
// browser's cookie or by the emailed resume link. Only SHA-256 hashes of those
// secrets are stored.
import { createHash, randomBytes } from "node:crypto";
import { PRIVACY_NOTICE_VERSION } from "~/domain/privacy";
import { getEnv } from "~/utils/env.server";
import { recordAudit } from "./audit.server";
import { pruneAnswers, type RawAnswers, type RawStep, type StepId } from "~/domain/intake/definition";
import type { LeadRecord } from "~/domain/intake/lead-record";
import { emailSchema } from "~/domain/intake/schema";
import { newLeadToken } from "./lead.server";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import type { Tx } from "~/jobs/jobs.server";
import { z } from "zod";

const DAY = 24 * 60 * 60 * 1000;

export function newSecret(): string {
  return randomBytes(24).toString("base64url");
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Names a draft in the browser's storage keys (app/utils/intake-storage.ts) without giving away its id; "new" before there is one. */
export function storageScope(draftId: string | undefined): string {
  return draftId ? createHash("sha256").update(draftId).digest("base64url").slice(0, 12) : "new";
}

function expiry(now = new Date()): Date {
  return new Date(now.getTime() + getEnv().DRAFT_RETENTION_DAYS * DAY);
}

const draftSelect = {
  id: true,
  email: true,
  locale: true,
  answers: true,
  currentStep: true,
  submittedLeadId: true,
  expiresAt: true,
  resumeSentAt: true,
} as const;

const RawAnswersSchema = z.record(z.record(z.union([z.string(), z.array(z.string())]).optional()));

export function parseAnswers(text: string): RawAnswers {
  try {
    const parsed = RawAnswersSchema.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as RawAnswers) : {};
  } catch {
    return {};
  }
}

export async function createDraft(locale: string) {
  const browserKey = newSecret();
  const draft = await prisma.$transaction(async (tx) => {
    const created = await tx.intakeDraft.create({
      data: { browserKeyHash: hashSecret(browserKey), locale, expiresAt: expiry() },
      select: draftSelect,
    });
    // Counted in the dashboard's funnel even after the draft itself is purged.
    await recordAudit({ action: "draft.started", data: { locale } }, tx);
    return created;
  });
  return { draft: { ...draft, answers: parseAnswers(draft.answers) }, browserKey };
}

export async function findDraftByBrowserKey(browserKey: string | null | undefined) {
  if (!browserKey) return null;
  const draft = await prisma.intakeDraft.findUnique({ where: { browserKeyHash: hashSecret(browserKey) }, select: draftSelect });
  if (!draft || draft.expiresAt < new Date()) return null;
  return { ...draft, answers: parseAnswers(draft.answers) };
}

/** True when a step's values hold at least one real answer (not only empty strings and lists). */
export function hasAnswer(values: RawStep): boolean {
  return Object.values(values).some((v) => (Array.isArray(v) ? v.some((x) => x.trim() !== "") : typeof v === "string" && v.trim() !== ""));
}

/**
 * Stores one step's values, drops answers that are hidden again, and pushes
 * the expiry back. The first step's email becomes the draft's email only when
 * it is valid (the form's own schema); when the address changes (to another,
 * or to nothing valid) the resume link sent to the old one stops working and a
 * new one goes to the new address when the step is next sent.
 */
export async function saveStep(draftId: string, answers: RawAnswers, step: StepId, values: RawStep, currentStep: StepId) {
  const next = pruneAnswers({ ...answers, [step]: values });
  // A step hidden by this change loses its answers, but the step being edited keeps what was typed.
  if (!next[step]) next[step] = values;
  let emailChange = {};
  if (step === "about" && values.email !== undefined) {
    const parsed = emailSchema.safeParse(values.email);
    const email = parsed.success ? (parsed.data as string) : null;
    const current = await prisma.intakeDraft.findUnique({ where: { id: draftId }, select: { email: true } });
    if (current && current.email !== email) emailChange = { email, resumeTokenHash: null, resumeSentAt: null };
  }
  await prisma.intakeDraft.update({
    where: { id: draftId },
    data: { answers: JSON.stringify(next), currentStep, expiresAt: expiry(), ...emailChange },
  });
  return next;
}

/** A new resume token (any earlier link stops working, and is kept retired: its page offers a new link in one click). */
export async function issueResumeToken(draftId: string) {
  const token = newSecret();
  const draft = await prisma.$transaction(async (tx) => {
    const before = await tx.intakeDraft.findUniqueOrThrow({ where: { id: draftId }, select: { resumeTokenHash: true } });
    if (before.resumeTokenHash) {
      const tokenHash = before.resumeTokenHash;
      await tx.retiredResumeToken.upsert({ where: { tokenHash }, create: { tokenHash, draftId }, update: { draftId } });
    }
    return tx.intakeDraft.update({
      where: { id: draftId },
      data: { resumeTokenHash: hashSecret(token), resumeSentAt: new Date() },
      select: { expiresAt: true },
    });
  });
  return { token, expiresAt: draft.expiresAt };
}

export type ResumeRefusal = { state: "used"; sentAt: Date } | { state: "expired" } | { state: "replaced" } | { state: "gone" } | { state: "unknown" };

const isTokenShape = (token: string) => /^[\w-]{20,64}$/.test(token);

/** The draft a resume link names: by its current token, or through a retired one (`retired`: null when its draft was deleted). */
async function draftOfToken(token: string) {
  if (!isTokenShape(token)) return null;
  const tokenHash = hashSecret(token);
  const select = { id: true, submittedLeadId: true, updatedAt: true, expiresAt: true } as const;
  const current = await prisma.intakeDraft.findUnique({ where: { resumeTokenHash: tokenHash }, select });
  if (current) return { draft: current, retired: false as const };
  const retired = await prisma.retiredResumeToken.findUnique({ where: { tokenHash }, select: { draft: { select } } });
  if (!retired) return null;
  return { draft: retired.draft, retired: true as const };
}

/**
 * Why a resume link opens nothing: "used" when its answers were sent, "expired"
 * when its draft is past its retention (not yet purged), "replaced" when a newer
 * link was sent since (the draft still open), "gone" when its draft was deleted
 * after its retention, "unknown" otherwise (a link to an address changed since,
 * or one that never existed). Only what the link itself proves: no address.
 */
export async function resumeRefusal(token: string, now = new Date()): Promise<ResumeRefusal> {
  const found = await draftOfToken(token);
  if (!found) return { state: "unknown" };
  const { draft } = found;
  if (!draft) return { state: "gone" };
  if (draft.submittedLeadId) {
    const lead = await prisma.lead.findUnique({ where: { id: draft.submittedLeadId }, select: { createdAt: true } });
    return { state: "used", sentAt: lead?.createdAt ?? draft.updatedAt };
  }
  if (draft.expiresAt < now) return { state: "expired" };
  return found.retired ? { state: "replaced" } : { state: "unknown" };
}

/**
 * The open draft a "send me a new link" form points at: by the link's token,
 * current or replaced (even expired: the person asked to go on, so its retention
 * starts again), or by the address typed. Null when there is none; the page says
 * the same either way.
 */
export async function draftForNewLink(by: { token: string } | { email: string }, now = new Date()): Promise<string | null> {
  const draft =
    "token" in by
      ? ((await draftOfToken(by.token))?.draft ?? null)
      : await prisma.intakeDraft.findFirst({ where: { email: by.email, submittedLeadId: null, expiresAt: { gt: now } }, orderBy: { updatedAt: "desc" }, select: { id: true, submittedLeadId: true, expiresAt: true } });
  if (!draft || draft.submittedLeadId) return null;
  if (draft.expiresAt < now) await prisma.intakeDraft.update({ where: { id: draft.id }, data: { expiresAt: expiry(now) } });
  return draft.id;
}

/** Opens a draft from its emailed link: this browser gets a new key (the link keeps working until it is re-sent). */
export async function resumeDraft(token: string) {
  const draft = await prisma.intakeDraft.findUnique({ where: { resumeTokenHash: hashSecret(token) }, select: draftSelect });
  if (!draft || draft.expiresAt < new Date()) return null;
  const browserKey = newSecret();
  await prisma.intakeDraft.update({ where: { id: draft.id }, data: { browserKeyHash: hashSecret(browserKey) } });
  return { draft: { ...draft, answers: parseAnswers(draft.answers) }, browserKey };
}


/**
 * Creates the lead from a finished draft, once: a second submit of the same
 * draft (double click, replayed request) returns the lead already made.
 */
/**
 * Writes the lead of a submitted draft, once. `then` runs in the same
 * transaction when the lead is new (the jobs it causes), so the lead and its
 * jobs commit together or not at all.
 */
export async function submitDraft(draftId: string, record: LeadRecord, locale: string, then?: (tx: Tx, lead: { id: string; token: string }) => Promise<void>) {
  const existing = await prisma.lead.findUnique({ where: { draftId }, select: { id: true, token: true } });
  if (existing) return { lead: existing, created: false };
  const now = new Date();
  try {
    const lead = await prisma.$transaction(async (tx) => {
      const created = await tx.lead.create({
        data: {
          ...record.lead,
          locale: record.lead.locale || locale,
          token: newLeadToken(),
          draftId,
          privacyVersion: PRIVACY_NOTICE_VERSION,
          privacyAt: now,
          marketingConsentAt: record.lead.marketingConsent ? now : null,
          goals: { create: record.goals },
          channels: { create: record.channels },
        },
        select: { id: true, token: true },
      });
      await tx.intakeDraft.update({ where: { id: draftId }, data: { submittedLeadId: created.id } });
      await then?.(tx, created);
      return created;
    });
    return { lead, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const lead = await prisma.lead.findUniqueOrThrow({ where: { draftId }, select: { id: true, token: true } });
    return { lead, created: false };
  }
}

/** How long a retired resume link still says what became of its draft. */
const RETIRED_TOKEN_DAYS = 180;

/**
 * Deletes the drafts past their retention. Their links stay known as retired
 * without a draft ("gone": the page says the draft was deleted and offers to
 * start again) for RETIRED_TOKEN_DAYS, then are forgotten too.
 */
export async function purgeExpiredDrafts(now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const expired = await tx.intakeDraft.findMany({ where: { expiresAt: { lt: now }, resumeTokenHash: { not: null } }, select: { resumeTokenHash: true } });
    const tokenHashes = expired.flatMap((d) => (d.resumeTokenHash ? [d.resumeTokenHash] : []));
    // Their replaced links lose their draft by the foreign key (SET NULL); the current ones join them.
    const { count } = await tx.intakeDraft.deleteMany({ where: { expiresAt: { lt: now } } });
    if (tokenHashes.length) {
      await tx.retiredResumeToken.deleteMany({ where: { tokenHash: { in: tokenHashes } } });
      await tx.retiredResumeToken.createMany({ data: tokenHashes.map((tokenHash) => ({ tokenHash, draftId: null, retiredAt: now })) });
    }
    await tx.retiredResumeToken.deleteMany({ where: { draftId: null, retiredAt: { lt: new Date(now.getTime() - RETIRED_TOKEN_DAYS * 86_400_000) } } });
    return count;
  });
}
