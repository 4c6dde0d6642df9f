// The lead pipeline's filters, sort and pages, as they travel in the URL.
// Pure: the same parsing runs in the loader, the CSV export and the page's
// links, so a filtered view can be bookmarked, shared and exported as it is.
import { goals, type Goal } from "./goals";
import { budgetBands, channels, sectors, type Channel } from "./intake/definition";

export const leadStatuses = ["new", "reviewing", "proposal_sent", "accepted", "paid", "lost"] as const;
export type LeadStatus = (typeof leadStatuses)[number];
/** The statuses the team sets by hand; "accepted" and "paid" come only from the client's acceptance and verified payments. */
export const manualLeadStatuses = ["new", "reviewing", "proposal_sent", "lost"] as const satisfies readonly LeadStatus[];
/** Questionnaires started and not sent yet (IntakeDraft rows), shown beside the leads. */
export const IN_PROGRESS = "in_progress";
export type StatusFilter = LeadStatus | typeof IN_PROGRESS;

export const pipelineSorts = ["received_desc", "received_asc", "name", "status"] as const;
export type PipelineSort = (typeof pipelineSorts)[number];
export const crisisFilters = ["yes", "no", "open"] as const;
export type CrisisFilter = (typeof crisisFilters)[number];

export const PAGE_SIZE = 25;
export const SEARCH_MAX = 100;
/** Longest team note, in characters. */
export const NOTE_MAX = 4000;
/** A reminder waits a day after any resume link the prospect got, and the team sends three at most. */
export const REMINDER_GAP_MS = 24 * 60 * 60 * 1000;
export const MAX_REMINDERS = 3;

export type Sector = (typeof sectors)[number];
export type BudgetBand = (typeof budgetBands)[number];

export interface PipelineFilters {
  status: StatusFilter | null;
  sector: Sector | null;
  channel: Channel | null;
  goal: Goal | null;
  crisis: CrisisFilter | null;
  budget: BudgetBand | null;
  /** Rome calendar days, YYYY-MM-DD, both included. */
  from: string | null;
  to: string | null;
  /** "me", "none" or a user id. */
  assignee: string | null;
  q: string;
  sort: PipelineSort;
  page: number;
}

export const defaultFilters: PipelineFilters = {
  status: null,
  sector: null,
  channel: null,
  goal: null,
  crisis: null,
  budget: null,
  from: null,
  to: null,
  assignee: null,
  q: "",
  sort: "received_desc",
  page: 1,
};

export function isLeadStatus(value: unknown): value is LeadStatus {
  return typeof value === "string" && (leadStatuses as readonly string[]).includes(value);
}

function oneOf<T extends string>(list: readonly T[], value: string | null): T | null {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : null;
}

/** A real calendar day written YYYY-MM-DD, or null. */
export function validDay(value: string | null): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : null;
}

/**
 * Filters from a query string. Lenient on purpose: a value that is not one of
 * the choices (an old bookmark, a hand-edited URL) is dropped, never an error.
 */
export function parseFilters(params: URLSearchParams): PipelineFilters {
  let from = validDay(params.get("from"));
  let to = validDay(params.get("to"));
  if (from && to && from > to) [from, to] = [to, from];
  const assignee = params.get("assignee");
  const page = Number.parseInt(params.get("page") ?? "", 10);
  return {
    status: oneOf([...leadStatuses, IN_PROGRESS], params.get("status")),
    sector: oneOf(sectors, params.get("sector")),
    channel: oneOf(channels, params.get("channel")),
    goal: oneOf(goals, params.get("goal")),
    crisis: oneOf(crisisFilters, params.get("crisis")),
    budget: oneOf(budgetBands, params.get("budget")),
    from,
    to,
    assignee: assignee && /^[\w-]{1,40}$/.test(assignee) ? assignee : null,
    q: (params.get("q") ?? "").replace(/\s+/g, " ").trim().slice(0, SEARCH_MAX),
    sort: oneOf(pipelineSorts, params.get("sort")) ?? "received_desc",
    page: Number.isFinite(page) && page > 1 ? Math.min(page, 100_000) : 1,
  };
}

/** The canonical query string of a view (defaults left out), with `?`, or "" for the plain pipeline. */
export function filtersToSearch(filters: PipelineFilters, changes: Partial<PipelineFilters> = {}): string {
  const f = { ...filters, ...changes };
  const params = new URLSearchParams();
  const keys = ["q", "status", "sector", "channel", "goal", "crisis", "budget", "from", "to", "assignee"] as const;
  for (const key of keys) {
    const value = f[key];
    if (value) params.set(key, value);
  }
  if (f.sort !== defaultFilters.sort) params.set("sort", f.sort);
  if (f.page > 1) params.set("page", String(f.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** True when anything narrows the list (sort and page do not). */
export function isFiltered(f: PipelineFilters): boolean {
  return Boolean(f.q || f.status || f.sector || f.channel || f.goal || f.crisis || f.budget || f.from || f.to || f.assignee);
}

export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/**
 * For the status sort (pipeline order, newest first within a status): which
 * slice of which statuses a page needs, given how many leads each status has.
 * Lets the database answer with its (status, createdAt) index instead of
 * sorting every lead by a computed rank.
 */
export function statusSlices(counts: Partial<Record<LeadStatus, number>>, skip: number, take: number): Array<{ status: LeadStatus; skip: number; take: number }> {
  const slices: Array<{ status: LeadStatus; skip: number; take: number }> = [];
  let start = 0;
  for (const status of leadStatuses) {
    const count = counts[status] ?? 0;
    const end = start + count;
    const from = Math.max(skip, start);
    const to = Math.min(skip + take, end);
    if (to > from) slices.push({ status, skip: from - start, take: to - from });
    start = end;
    if (start >= skip + take) break;
  }
  return slices;
}
