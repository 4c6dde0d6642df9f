// The lead pipeline: filtered, searched, sorted and paged leads; the
// questionnaires still in progress beside them, with the team's reminder; and
// the rows of the CSV export. Filters come from ~/domain/pipeline.
import type { Prisma } from "~/generated/sqlite/client";
import {
  isLeadStatus,
  leadStatuses,
  MAX_REMINDERS,
  pageCount,
  PAGE_SIZE,
  REMINDER_GAP_MS,
  statusSlices,
  type LeadStatus,
  type PipelineFilters,
} from "~/domain/pipeline";
import { foldForSearch } from "~/domain/search-text";
import { romeMidnight } from "./dashboard.server";
import { recordAudit } from "./audit.server";
import { parseAnswers } from "./intake-draft.server";
import { enqueueResumeLink } from "./intake-submit.server";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

/** PostgreSQL's LIKE is case-sensitive; SQLite's is not (for ASCII). */
function text(term: string): Prisma.StringFilter {
  const filter: Prisma.StringFilter = { contains: term };
  if (!getEnv().DATABASE_URL.startsWith("file:")) (filter as Prisma.StringFilter & { mode: "insensitive" }).mode = "insensitive";
  return filter;
}

/**
 * Search words: each must appear in the name, the email or the organisation.
 * Prisma passes `contains` to LIKE without escaping, and SQLite's LIKE has no
 * default escape character: % and _ would match anything, so they split words
 * instead (searching "100%" looks for "100").
 */
export function searchTerms(q: string): string[] {
  return q
    .split(/[\s%_\\]+/)
    .filter(Boolean)
    .slice(0, 5);
}

function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

function receivedRange(f: PipelineFilters): Prisma.DateTimeFilter | undefined {
  if (!f.from && !f.to) return undefined;
  return { ...(f.from ? { gte: romeMidnight(f.from) } : {}), ...(f.to ? { lt: romeMidnight(dayAfter(f.to)) } : {}) };
}

/** The database filter for a view (the status itself is left to the caller when `withStatus` is false). */
export function leadWhere(f: PipelineFilters, userId: string, withStatus = true): Prisma.LeadWhereInput {
  const and: Prisma.LeadWhereInput[] = [{ erasedAt: null }];
  if (withStatus && isLeadStatus(f.status)) and.push({ status: f.status });
  if (f.sector) and.push({ sector: f.sector });
  if (f.budget) and.push({ budgetBand: f.budget });
  if (f.crisis === "yes") and.push({ hasCrisis: true });
  if (f.crisis === "no") and.push({ hasCrisis: false });
  if (f.crisis === "open") and.push({ crisisOpen: true });
  if (f.channel) and.push({ channels: { some: { channel: f.channel, status: "present" } } });
  if (f.goal) and.push({ goals: { some: { goal: f.goal } } });
  if (f.assignee === "me") and.push({ assignedToId: userId });
  else if (f.assignee === "none") and.push({ assignedToId: null });
  else if (f.assignee) and.push({ assignedToId: f.assignee });
  const range = receivedRange(f);
  if (range) and.push({ createdAt: range });
  // Name, email and organisation, folded the same way on both sides (case and accents).
  for (const term of searchTerms(f.q)) and.push({ searchText: { contains: foldForSearch(term) } });
  return { AND: and };
}

const rowSelect = {
  id: true,
  name: true,
  email: true,
  organisation: true,
  goal: true,
  status: true,
  sector: true,
  budgetBand: true,
  hasCrisis: true,
  crisisOpen: true,
  createdAt: true,
  assignedTo: { select: { id: true, name: true } },
  channels: { where: { status: "present" }, select: { channel: true }, orderBy: { channel: "asc" } },
  proposal: { select: { firstOpenedAt: true } },
} satisfies Prisma.LeadSelect;

export type PipelineRow = Prisma.LeadGetPayload<{ select: typeof rowSelect }>;

/**
 * How many leads each status has under every filter of the view but the
 * status itself (so the status choices can show their counts), and the
 * view's total. One grouped count.
 */
export async function pipelineCounts(f: PipelineFilters, userId: string) {
  const grouped = await prisma.lead.groupBy({ by: ["status"], where: leadWhere(f, userId, false), _count: { _all: true } });
  const counts: Partial<Record<LeadStatus, number>> = {};
  let all = 0;
  for (const g of grouped) {
    all += g._count._all;
    if (isLeadStatus(g.status)) counts[g.status] = g._count._all;
  }
  const total = isLeadStatus(f.status) ? (counts[f.status] ?? 0) : all;
  return { counts, all, total };
}

/** One page of leads for a view, the total, and how many leads each status has. */
export async function listPipeline(f: PipelineFilters, userId: string) {
  const where = leadWhere(f, userId);
  const { counts, all, total } = await pipelineCounts(f, userId);
  const page = Math.min(f.page, pageCount(total));
  const skip = (page - 1) * PAGE_SIZE;
  let items: PipelineRow[];
  if (total === 0) {
    items = [];
  } else if (f.sort === "status") {
    // Pipeline order (new → lost), newest first within each status: a page
    // spans at most a few statuses, each read from the (status, createdAt) index.
    const parts = await Promise.all(
      statusSlices(isLeadStatus(f.status) ? { [f.status]: total } : counts, skip, PAGE_SIZE).map((slice) =>
        prisma.lead.findMany({
          where: { AND: [where, { status: slice.status }] },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          skip: slice.skip,
          take: slice.take,
          select: rowSelect,
        }),
      ),
    );
    items = parts.flat();
  } else {
    const orderBy: Prisma.LeadOrderByWithRelationInput[] =
      f.sort === "name" ? [{ name: "asc" }, { id: "asc" }] : f.sort === "received_asc" ? [{ createdAt: "asc" }, { id: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }];
    items = await prisma.lead.findMany({ where, orderBy, skip, take: PAGE_SIZE, select: rowSelect });
  }
  return { items, total, all, page, pages: pageCount(total), counts };
}

// ---------------------------------------------------------------------------
// In progress: questionnaires started and not sent.

function draftWhere(f: PipelineFilters, now: Date): Prisma.IntakeDraftWhereInput {
  const and: Prisma.IntakeDraftWhereInput[] = [{ submittedLeadId: null }, { expiresAt: { gt: now } }];
  const range = receivedRange(f);
  if (range) and.push({ createdAt: range });
  // Names and organisations live inside the saved answers (JSON text).
  for (const term of searchTerms(f.q)) and.push({ OR: [{ email: text(term.toLowerCase()) }, { answers: text(term) }] });
  return { AND: and };
}

export async function countInProgress(now = new Date()) {
  return prisma.intakeDraft.count({ where: { submittedLeadId: null, expiresAt: { gt: now } } });
}

export async function listInProgress(f: PipelineFilters, now = new Date()) {
  const where = draftWhere(f, now);
  const total = await prisma.intakeDraft.count({ where });
  const page = Math.min(f.page, pageCount(total));
  const rows = await prisma.intakeDraft.findMany({
    where,
    orderBy: f.sort === "received_asc" ? [{ createdAt: "asc" }, { id: "asc" }] : [{ updatedAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    select: { id: true, email: true, locale: true, answers: true, currentStep: true, createdAt: true, updatedAt: true, expiresAt: true, resumeSentAt: true, reminderCount: true, remindedAt: true },
  });
  const items = rows.map(({ answers, ...row }) => {
    const about = parseAnswers(answers).about ?? {};
    const value = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
    const reminder = reminderState(row, now);
    return { ...row, organisation: value(about.organisation), name: value(about.contactName), sector: value(about.sector), reminder };
  });
  return { items, total, page, pages: pageCount(total) };
}

export { MAX_REMINDERS, REMINDER_GAP_MS };

export type ReminderState = { state: "ready" } | { state: "no_email" } | { state: "limit" } | { state: "wait"; until: Date };

export function reminderState(draft: { email: string | null; reminderCount: number; resumeSentAt: Date | null }, now = new Date()): ReminderState {
  if (!draft.email) return { state: "no_email" };
  if (draft.reminderCount >= MAX_REMINDERS) return { state: "limit" };
  if (draft.resumeSentAt && now.getTime() - draft.resumeSentAt.getTime() < REMINDER_GAP_MS) {
    return { state: "wait", until: new Date(draft.resumeSentAt.getTime() + REMINDER_GAP_MS) };
  }
  return { state: "ready" };
}

export type ReminderOutcome = ReminderState | { state: "sent" } | { state: "not_found" };

/**
 * Emails the prospect a fresh resume link (the previous one stops working),
 * once: the count is claimed before sending, so a double click sends one.
 */
export async function remindDraft(draftId: string, actorId: string, now = new Date()): Promise<ReminderOutcome> {
  const draft = await prisma.intakeDraft.findUnique({
    where: { id: draftId },
    select: { id: true, email: true, submittedLeadId: true, expiresAt: true, resumeSentAt: true, reminderCount: true },
  });
  if (!draft || draft.submittedLeadId || draft.expiresAt <= now) return { state: "not_found" };
  const state = reminderState(draft, now);
  if (state.state !== "ready") return state;
  // Claimed, recorded and enqueued in one transaction: a double click sends one.
  const sent = await prisma.$transaction(async (tx) => {
    const claimed = await tx.intakeDraft.updateMany({
      where: { id: draft.id, reminderCount: draft.reminderCount, resumeSentAt: draft.resumeSentAt },
      data: { reminderCount: { increment: 1 }, remindedAt: now, resumeSentAt: now },
    });
    if (claimed.count === 0) return false;
    const count = draft.reminderCount + 1;
    await enqueueResumeLink(tx, { draftId: draft.id, reminder: true }, `resume_link:${draft.id}:reminder-${count}`);
    // The draft id only: the audit log keeps no contact data of a prospect.
    await recordAudit({ action: "lead.reminder", actorId, data: { draftId: draft.id, count } }, tx);
    return true;
  });
  if (!sent) return { state: "wait", until: new Date(now.getTime() + REMINDER_GAP_MS) };
  return { state: "sent" };
}

// ---------------------------------------------------------------------------
// CSV export: every lead of a view, in the view's order.

const csvSelect = {
  id: true,
  createdAt: true,
  updatedAt: true,
  status: true,
  name: true,
  email: true,
  phone: true,
  role: true,
  organisation: true,
  sector: true,
  size: true,
  website: true,
  locale: true,
  budgetBand: true,
  startDate: true,
  hasCrisis: true,
  crisisOpen: true,
  marketingConsent: true,
  assignedTo: { select: { name: true } },
  goals: { select: { goal: true, rank: true }, orderBy: { rank: "asc" } },
  channels: { select: { channel: true, status: true }, orderBy: { channel: "asc" } },
  proposal: { select: { firstOpenedAt: true, versions: { select: { sentAt: true }, orderBy: { number: "desc" }, take: 1 } } },
} satisfies Prisma.LeadSelect;

export type CsvLead = Prisma.LeadGetPayload<{ select: typeof csvSelect }>;

export const CSV_MAX_ROWS = 50_000;

export async function leadsForCsv(f: PipelineFilters, userId: string): Promise<CsvLead[]> {
  const where = leadWhere(f, userId);
  const orderBy: Prisma.LeadOrderByWithRelationInput[] =
    f.sort === "name" ? [{ name: "asc" }, { id: "asc" }] : f.sort === "received_asc" ? [{ createdAt: "asc" }, { id: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }];
  const rows = await prisma.lead.findMany({ where, orderBy, take: CSV_MAX_ROWS, select: csvSelect });
  if (f.sort !== "status") return rows;
  const rank = (s: string) => (isLeadStatus(s) ? leadStatuses.indexOf(s) : leadStatuses.length);
  return rows.sort((a, b) => rank(a.status) - rank(b.status));
}

export async function recordCsvExport(f: PipelineFilters, actorId: string, count: number) {
  await recordAudit({ action: "leads.exported_csv", actorId, data: { count, filters: { ...f, page: undefined } } });
}
