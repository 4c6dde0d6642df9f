// One lead, as the team works it: every answer, status, notes, assignment and
// the activity timeline (from the audit log). Every change is audited with
// who made it.
import { visibleSteps, type RawAnswers, type RawStep, type StepId } from "~/domain/intake/definition";
import { manualLeadStatuses, NOTE_MAX, type LeadStatus } from "~/domain/pipeline";
import { formatNumber } from "~/i18n/format";
import type { Locale } from "~/i18n/i18n";
import { listAudit, recordAudit } from "./audit.server";
import { prisma } from "~/utils/db.server";

export { NOTE_MAX };

/**
 * The stored answers (validated values: strings, numbers, lists) as the
 * questionnaire's raw form values, so the review component can lay them out.
 */
export function storedAnswersToRaw(json: string | null, locale: Locale): RawAnswers | null {
  if (!json) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return null;
  const raw: RawAnswers = {};
  for (const [step, values] of Object.entries(parsed as Record<string, unknown>)) {
    if (!values || typeof values !== "object" || Array.isArray(values)) continue;
    const out: RawStep = {};
    for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
      if (typeof value === "string") out[name] = value;
      else if (typeof value === "number" && Number.isFinite(value)) out[name] = formatNumber(value, locale);
      else if (typeof value === "boolean") out[name] = value ? "on" : undefined;
      else if (Array.isArray(value)) out[name] = value.filter((v): v is string => typeof v === "string");
    }
    raw[step as StepId] = out;
  }
  return raw;
}

export async function getLeadPage(leadId: string, locale: Locale) {
  const lead = await prisma.lead.findUnique({
    where: { id: leadId },
    select: {
      id: true,
      token: true,
      name: true,
      email: true,
      phone: true,
      organisation: true,
      goal: true,
      locale: true,
      status: true,
      createdAt: true,
      updatedAt: true,
      answers: true,
      marketingConsent: true,
      marketingConsentAt: true,
      privacyVersion: true,
      erasedAt: true,
      assignedTo: { select: { id: true, name: true } },
      notes: { orderBy: { createdAt: "desc" }, take: 200, select: { id: true, body: true, createdAt: true, author: { select: { name: true } } } },
      proposal: { select: { firstOpenedAt: true, versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, sentAt: true } } } },
    },
  });
  if (!lead) return null;
  const answers = storedAnswersToRaw(lead.answers, locale);
  const { answers: _stored, ...rest } = lead;
  return { ...rest, answers, steps: answers ? visibleSteps(answers) : [] };
}

/** People a lead can be assigned to: active team accounts. */
export async function listAssignees() {
  return prisma.user.findMany({ where: { disabledAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, role: true } });
}

export class LeadNotFound extends Error {}

/**
 * Why a status cannot be set by hand (a message key under pipeline.lead):
 * accepted and paid come from the client and the payments; "proposal sent"
 * needs a proposal that was sent; an accepted or paid lead can only be marked lost.
 */
export class StatusRefused extends Error {
  constructor(public code: "statusAutomatic" | "statusNotSent" | "statusLocked") {
    super(code);
  }
}

export async function setLeadStatus(leadId: string, status: LeadStatus, actorId: string) {
  return prisma.$transaction(async (tx) => {
    const lead = await tx.lead.findUnique({ where: { id: leadId }, select: { status: true, erasedAt: true } });
    if (!lead || lead.erasedAt) throw new LeadNotFound();
    if (!(manualLeadStatuses as readonly string[]).includes(status)) throw new StatusRefused("statusAutomatic");
    if (lead.status === status) return false;
    if ((lead.status === "accepted" || lead.status === "paid") && status !== "lost") throw new StatusRefused("statusLocked");
    if (status === "proposal_sent" && !(await tx.proposalVersion.findFirst({ where: { proposal: { leadId } }, select: { id: true } }))) throw new StatusRefused("statusNotSent");
    await tx.lead.update({ where: { id: leadId }, data: { status } });
    await recordAudit({ action: "lead.status", leadId, actorId, data: { from: lead.status, to: status } }, tx);
    return true;
  });
}

/** Assigns the lead to an active team member, or to nobody (null). Returns false for an unknown or disabled user. */
export async function assignLead(leadId: string, assigneeId: string | null, actorId: string) {
  return prisma.$transaction(async (tx) => {
    const lead = await tx.lead.findUnique({ where: { id: leadId }, select: { assignedToId: true, erasedAt: true } });
    if (!lead || lead.erasedAt) throw new LeadNotFound();
    const assignee = assigneeId ? await tx.user.findFirst({ where: { id: assigneeId, disabledAt: null }, select: { id: true, name: true } }) : null;
    if (assigneeId && !assignee) return false;
    if (lead.assignedToId === (assignee?.id ?? null)) return true;
    await tx.lead.update({ where: { id: leadId }, data: { assignedToId: assignee?.id ?? null } });
    // The name too, so the timeline still reads well if the account is removed.
    await recordAudit({ action: "lead.assigned", leadId, actorId, data: { from: lead.assignedToId, to: assignee?.id ?? null, toName: assignee?.name ?? null } }, tx);
    return true;
  });
}

export async function addNote(leadId: string, authorId: string, body: string) {
  return prisma.$transaction(async (tx) => {
    const lead = await tx.lead.findUnique({ where: { id: leadId }, select: { erasedAt: true } });
    if (!lead || lead.erasedAt) throw new LeadNotFound();
    const note = await tx.leadNote.create({ data: { leadId, authorId, body }, select: { id: true } });
    // The note's id, not its text: erasing a person deletes notes, and the log must not keep a copy.
    await recordAudit({ action: "note.added", leadId, actorId: authorId, data: { noteId: note.id, length: body.length } }, tx);
    return note;
  });
}

export interface TimelineEntry {
  id: string;
  action: string;
  actorName: string | null;
  at: string;
  data: Record<string, unknown>;
}

/** Newest first: the audit log of the lead, with the questionnaire's arrival at the bottom. */
export async function leadTimeline(lead: { id: string; createdAt: Date }): Promise<TimelineEntry[]> {
  const rows = await listAudit(lead.id);
  const entries: TimelineEntry[] = rows.map((r) => ({ id: r.id, action: r.action, actorName: r.actorName, at: r.createdAt.toISOString(), data: r.data }));
  if (!rows.some((r) => r.action === "lead.submitted")) {
    entries.push({ id: `submitted-${lead.id}`, action: "lead.submitted", actorName: null, at: lead.createdAt.toISOString(), data: {} });
  }
  return entries;
}

