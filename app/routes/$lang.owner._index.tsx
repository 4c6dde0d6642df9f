import { parseWithZod } from "@conform-to/zod";
import { ErrorPage } from "~/components/error-page";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { useEffect, useRef, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { goals } from "~/domain/goals";
import { budgetBands, channels, sectors, type StepId } from "~/domain/intake/definition";
import {
  crisisFilters,
  filtersToSearch,
  IN_PROGRESS,
  isFiltered,
  leadStatuses,
  MAX_REMINDERS,
  PAGE_SIZE,
  parseFilters,
  pipelineSorts,
  type PipelineFilters,
} from "~/domain/pipeline";
import { formatDate, formatDateTime, formatNumber } from "~/i18n/format";
import { listAssignees } from "~/models/lead-page.server";
import { countInProgress, listInProgress, listPipeline, pipelineCounts, remindDraft, type ReminderState } from "~/models/pipeline.server";
import { requireUser } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: ["pipeline", "questionnaire"] } satisfies I18nHandle;

// The lead pipeline: every filter, the search, the sort and the page live in
// the URL (a GET form), so a view can be bookmarked, shared, exported and
// used without JavaScript. With it, the form submits itself as you change it.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user, headers } = await requireUser(request, locale);
  const filters = parseFilters(new URL(request.url).searchParams);
  const [team, inProgress] = await Promise.all([listAssignees(), countInProgress()]);
  headers.set("Cache-Control", "private, no-store");
  const base = { user: { id: user.id, name: user.name, role: user.role }, filters, team, inProgress };
  if (filters.status === IN_PROGRESS) {
    const [{ counts, all }, drafts] = await Promise.all([pipelineCounts(filters, user.id), listInProgress(filters)]);
    return data(
      {
        ...base,
        counts,
        all,
        total: drafts.total,
        page: drafts.page,
        pages: drafts.pages,
        leads: [],
        drafts: drafts.items.map((d) => ({
          id: d.id,
          email: d.email,
          name: d.name,
          organisation: d.organisation,
          currentStep: d.currentStep,
          createdAt: d.createdAt.toISOString(),
          updatedAt: d.updatedAt.toISOString(),
          expiresAt: d.expiresAt.toISOString(),
          reminderCount: d.reminderCount,
          remindedAt: d.remindedAt?.toISOString() ?? null,
          reminder: d.reminder.state === "wait" ? { state: "wait" as const, until: d.reminder.until.toISOString() } : d.reminder,
        })),
      },
      { headers },
    );
  }
  const result = await listPipeline(filters, user.id);
  return data(
    {
      ...base,
      counts: result.counts,
      all: result.all,
      total: result.total,
      page: result.page,
      pages: result.pages,
      drafts: [],
      leads: result.items.map((l) => ({
        id: l.id,
        name: l.name,
        email: l.email,
        organisation: l.organisation,
        goal: l.goal,
        status: l.status,
        sector: l.sector,
        hasCrisis: l.hasCrisis,
        crisisOpen: l.crisisOpen,
        channels: l.channels.map((c) => c.channel),
        assignee: l.assignedTo?.name ?? null,
        opened: Boolean(l.proposal?.firstOpenedAt),
        createdAt: l.createdAt.toISOString(),
      })),
    },
    { headers },
  );
}

/** The one action here: the team's reminder to a prospect with a questionnaire in progress (hidden fields only). */
const RemindSchema = z.object({ intent: z.literal("remind"), draftId: z.string().optional(), view: z.string().optional() });

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await requireUser(request, locale);
  const submission = parseWithZod(await request.formData(), { schema: RemindSchema });
  if (submission.status !== "success") throw new Response("Bad Request", { status: 400 });
  const { draftId, view } = submission.value;
  const outcome = draftId ? await remindDraft(draftId, user.id) : { state: "not_found" as const };
  // Back to the same view, with what happened.
  const back = parseFilters(new URLSearchParams((view ?? "").replace(/^\?/, "")));
  const search = filtersToSearch(back);
  throw redirect(`/${locale}/owner${search}${search ? "&" : "?"}reminder=${outcome.state}`);
}

interface LeadRow {
  id: string;
  name: string;
  email: string;
  organisation: string;
  goal: string;
  status: string;
  sector: string | null;
  hasCrisis: boolean | null;
  crisisOpen: boolean | null;
  channels: string[];
  assignee: string | null;
  opened: boolean;
  createdAt: string;
}

interface DraftRow {
  id: string;
  email: string | null;
  name: string | null;
  organisation: string | null;
  currentStep: string;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  reminderCount: number;
  remindedAt: string | null;
  reminder: { state: Exclude<ReminderState["state"], "wait"> } | { state: "wait"; until: string };
}

const autoFields = ["q", "status", "sector", "channel", "goal", "crisis", "budget", "from", "to", "assignee", "sort"] as const;

export default function Pipeline() {
  const { t } = useTranslation();
  const locale = useLocale();
  const data = useLoaderData<typeof loader>();
  const { filters } = data;
  const submit = useSubmit();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const view = filtersToSearch(filters);
  const drafts = filters.status === IN_PROGRESS;
  const busy = navigation.state === "loading" && navigation.location.pathname === `/${locale}/owner`;

  // Links and the back button change the URL without the form: bring every
  // field the person is not typing in back in line with the view shown.
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    for (const name of autoFields) {
      const el = form.elements.namedItem(name);
      if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement) || el === document.activeElement) continue;
      const value = String(filters[name] ?? "");
      if (el.value !== value) el.value = value;
    }
  }, [filters]);
  useEffect(() => () => clearTimeout(timer.current), []);

  // With JavaScript the form submits itself: at once for a choice, after a
  // pause in typing for the search. Focus stays where it was.
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const target = event.target as HTMLInputElement;
    clearTimeout(timer.current);
    const go = () => submit(form, { replace: true, preventScrollReset: true });
    if (target.name === "q") timer.current = setTimeout(go, 350);
    else if (target.type === "date" && target.value && !/^\d{4}-\d{2}-\d{2}$/.test(target.value)) return;
    else go();
  };

  const label = (key: string, value: string) => t(key, { defaultValue: value });
  const statusLabel = (s: string) => label(`status.${s}`, s);
  const first = (data.page - 1) * PAGE_SIZE + 1;
  const last = Math.min(data.page * PAGE_SIZE, data.total);
  const reminder = params.get("reminder");

  return (
    <main id="main" className="page pipeline">
      <div className="page-head">
        <h1>{t("leads.heading")}</h1>
        <p className="meta">{t("leads.signedInAs", { name: data.user.name })}</p>
      </div>

      {reminder ? (
        <p className={reminder === "sent" ? "notice" : "form-error"} role="status">
          {reminder === "sent"
            ? t("pipeline.drafts.sent")
            : reminder === "wait"
              ? t("pipeline.drafts.refusedWait")
              : reminder === "limit"
                ? t("pipeline.drafts.refusedLimit", { max: MAX_REMINDERS })
                : reminder === "no_email"
                  ? t("pipeline.drafts.refusedNoEmail")
                  : t("pipeline.drafts.gone")}
        </p>
      ) : null}

      <nav aria-label={t("pipeline.summary.label")} className="status-tabs">
        <ul>
          <li>
            <Link to={`/${locale}/owner${filtersToSearch(filters, { status: null, page: 1 })}`} aria-current={filters.status === null ? "page" : undefined}>
              {t("pipeline.filters.all")} <span className="count">{formatNumber(data.all, locale)}</span>
            </Link>
          </li>
          {leadStatuses.map((s) => (
            <li key={s}>
              <Link to={`/${locale}/owner${filtersToSearch(filters, { status: s, page: 1 })}`} aria-current={filters.status === s ? "page" : undefined}>
                {statusLabel(s)} <span className="count">{formatNumber(data.counts[s] ?? 0, locale)}</span>
              </Link>
            </li>
          ))}
          <li>
            <Link to={`/${locale}/owner${filtersToSearch(filters, { status: IN_PROGRESS, page: 1 })}`} aria-current={drafts ? "page" : undefined} className="in-progress">
              {t("pipeline.filters.inProgress")} <span className="count">{formatNumber(data.inProgress, locale)}</span>
            </Link>
          </li>
        </ul>
      </nav>

      <Form method="get" ref={formRef} className="card filters" onChange={onChange} role="search" aria-label={t("pipeline.filters.legend")}>
        <div className="field filter-search">
          <label htmlFor="f-q">{t("pipeline.filters.search")}</label>
          <input id="f-q" type="search" name="q" defaultValue={filters.q} maxLength={100} aria-describedby="f-q-hint" autoComplete="off" />
          <p id="f-q-hint" className="hint">
            {t("pipeline.filters.searchHint")}
          </p>
        </div>
        <div className="filter-grid">
          <Select id="f-status" name="status" label={t("pipeline.filters.status")} value={filters.status} all={t("pipeline.filters.allLeads")}>
            {leadStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
            <option value={IN_PROGRESS}>{t("pipeline.filters.inProgressShort")}</option>
          </Select>
          <Select id="f-sector" name="sector" label={t("pipeline.filters.sector")} value={filters.sector} all={t("pipeline.filters.all")} disabled={drafts}>
            {sectors.map((s) => (
              <option key={s} value={s}>
                {label(`questionnaire.options.sectors.${s}`, s)}
              </option>
            ))}
          </Select>
          <Select id="f-channel" name="channel" label={t("pipeline.filters.channel")} value={filters.channel} all={t("pipeline.filters.all")} disabled={drafts}>
            {channels.map((c) => (
              <option key={c} value={c}>
                {label(`questionnaire.fields.channel_${c}.label`, c)}
              </option>
            ))}
          </Select>
          <Select id="f-goal" name="goal" label={t("pipeline.filters.goal")} value={filters.goal} all={t("pipeline.filters.all")} disabled={drafts}>
            {goals.map((g) => (
              <option key={g} value={g}>
                {label(`goals.${g}`, g)}
              </option>
            ))}
          </Select>
          <Select id="f-crisis" name="crisis" label={t("pipeline.filters.crisis")} value={filters.crisis} all={t("pipeline.filters.all")} disabled={drafts}>
            {crisisFilters.map((c) => (
              <option key={c} value={c}>
                {t(`pipeline.filters.crisisOptions.${c}`)}
              </option>
            ))}
          </Select>
          <Select id="f-budget" name="budget" label={t("pipeline.filters.budget")} value={filters.budget} all={t("pipeline.filters.all")} disabled={drafts}>
            {budgetBands.map((b) => (
              <option key={b} value={b}>
                {label(`questionnaire.options.budgetBands.${b}`, b)}
              </option>
            ))}
          </Select>
          <Select id="f-assignee" name="assignee" label={t("pipeline.filters.assignee")} value={filters.assignee} all={t("pipeline.filters.all")} disabled={drafts}>
            <option value="me">{t("pipeline.filters.assigneeOptions.me")}</option>
            <option value="none">{t("pipeline.filters.assigneeOptions.none")}</option>
            {data.team
              .filter((u) => u.id !== data.user.id)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
          </Select>
          <div className="field">
            <label htmlFor="f-from">{t("pipeline.filters.from")}</label>
            <input id="f-from" type="date" name="from" defaultValue={filters.from ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="f-to">{t("pipeline.filters.to")}</label>
            <input id="f-to" type="date" name="to" defaultValue={filters.to ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="f-sort">{t("pipeline.filters.sort")}</label>
            <select id="f-sort" name="sort" defaultValue={filters.sort}>
              {pipelineSorts.map((s) => (
                <option key={s} value={s}>
                  {t(`pipeline.filters.sortOptions.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {drafts ? <p className="hint">{t("pipeline.filters.draftsNote")}</p> : null}
        <div className="filter-actions">
          <button type="submit" className="button primary">
            {t("pipeline.filters.apply")}
          </button>
          {isFiltered(filters) || filters.sort !== "received_desc" ? <Link to={`/${locale}/owner`}>{t("pipeline.filters.reset")}</Link> : null}
        </div>
      </Form>

      <div className="results-head">
        <p role="status" className="results-count">
          {t(drafts ? "pipeline.summary.draftCount" : "pipeline.summary.count", { count: data.total, n: formatNumber(data.total, locale) })}
          {data.total > PAGE_SIZE ? ` · ${t("pipeline.summary.showing", { from: formatNumber(first, locale), to: formatNumber(last, locale), total: formatNumber(data.total, locale) })}` : ""}
        </p>
        {data.user.role === "owner" && !drafts ? (
          <a href={`/${locale}/owner/leads.csv${view}`} className="button" download>
            {t("pipeline.export.button")}
          </a>
        ) : null}
      </div>

      <div aria-busy={busy} className={busy ? "results busy" : "results"}>
        {drafts ? (
          <DraftTable rows={data.drafts} page={data.page} pages={data.pages} view={view} />
        ) : data.leads.length === 0 ? (
          <p className="card empty">{data.all === 0 && !isFiltered(filters) ? t("leads.empty") : t("pipeline.summary.none")}</p>
        ) : (
          <LeadTable rows={data.leads} page={data.page} pages={data.pages} view={view} />
        )}
      </div>

      <Pages page={data.page} pages={data.pages} filters={filters} />
    </main>
  );
}

function Select(props: { id: string; name: string; label: string; value: string | null; all: string; disabled?: boolean; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} name={props.name} defaultValue={props.value ?? ""} disabled={props.disabled}>
        <option value="">{props.all}</option>
        {props.children}
      </select>
    </div>
  );
}

function LeadTable({ rows, page, pages, view }: { rows: LeadRow[]; page: number; pages: number; view: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const back = view ? `?back=${encodeURIComponent(view)}` : "";
  return (
    <div className="table-wrap">
      <table className="table stack-table pipeline-table">
        <caption className="visually-hidden">{t("pipeline.table.caption", { page, pages })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("pipeline.table.contact")}</th>
            <th scope="col">{t("pipeline.table.organisation")}</th>
            <th scope="col">{t("pipeline.table.goal")}</th>
            <th scope="col">{t("pipeline.table.channels")}</th>
            <th scope="col">{t("pipeline.table.status")}</th>
            <th scope="col">{t("pipeline.table.assignee")}</th>
            <th scope="col">{t("pipeline.table.received")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((lead) => (
            <tr key={lead.id}>
              <th scope="row" data-label={t("pipeline.table.contact")}>
                <Link to={`/${locale}/owner/leads/${lead.id}${back}`} className="lead-link">
                  {lead.name}
                </Link>
                <span className="meta break">{lead.email}</span>
              </th>
              <td data-label={t("pipeline.table.organisation")}>
                {lead.organisation}
                {lead.sector ? <span className="meta">{t(`questionnaire.options.sectors.${lead.sector}`, { defaultValue: lead.sector })}</span> : null}
              </td>
              <td data-label={t("pipeline.table.goal")}>{t(`goals.${lead.goal}`, { defaultValue: lead.goal })}</td>
              <td data-label={t("pipeline.table.channels")}>
                {lead.channels.length ? lead.channels.map((c) => t(`questionnaire.fields.channel_${c}.label`, { defaultValue: c })).join(", ") : "—"}
              </td>
              <td data-label={t("pipeline.table.status")}>
                <span className={`badge badge-${lead.status}`}>{t(`status.${lead.status}`, { defaultValue: lead.status })}</span>
                {lead.opened ? <span className="meta">{t("pipeline.table.opened")}</span> : null}
                {lead.crisisOpen ? <span className="meta flag">{t("pipeline.table.crisisOpen")}</span> : lead.hasCrisis ? <span className="meta">{t("pipeline.table.crisis")}</span> : null}
              </td>
              <td data-label={t("pipeline.table.assignee")}>{lead.assignee ?? <span className="meta">{t("pipeline.table.nobody")}</span>}</td>
              <td data-label={t("pipeline.table.received")} className="nowrap">
                {formatDateTime(new Date(lead.createdAt), locale)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DraftTable({ rows, page, pages, view }: { rows: DraftRow[]; page: number; pages: number; view: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (rows.length === 0) return <p className="card empty">{t("pipeline.summary.noDrafts")}</p>;
  return (
    <div className="table-wrap">
      <table className="table stack-table pipeline-table">
        <caption className="visually-hidden">{t("pipeline.drafts.caption", { page, pages })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("pipeline.drafts.contact")}</th>
            <th scope="col">{t("pipeline.drafts.organisation")}</th>
            <th scope="col">{t("pipeline.drafts.step")}</th>
            <th scope="col">{t("pipeline.drafts.saved")}</th>
            <th scope="col">{t("pipeline.drafts.expires")}</th>
            <th scope="col">{t("pipeline.drafts.reminder")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id}>
              <th scope="row" data-label={t("pipeline.drafts.contact")}>
                {d.name ?? <span className="meta">{t("pipeline.drafts.unnamed")}</span>}
                {d.email ? <span className="meta break">{d.email}</span> : null}
              </th>
              <td data-label={t("pipeline.drafts.organisation")}>{d.organisation ?? "—"}</td>
              <td data-label={t("pipeline.drafts.step")}>{t(`questionnaire.steps.${d.currentStep as StepId}.title`, { defaultValue: d.currentStep })}</td>
              <td data-label={t("pipeline.drafts.saved")} className="nowrap">
                {formatDateTime(new Date(d.updatedAt), locale)}
              </td>
              <td data-label={t("pipeline.drafts.expires")} className="nowrap">
                {formatDate(new Date(d.expiresAt), locale, "medium")}
              </td>
              <td data-label={t("pipeline.drafts.reminder")}>
                {d.reminder.state === "ready" ? (
                  <Form method="post" preventScrollReset>
                    <input type="hidden" name="intent" value="remind" />
                    <input type="hidden" name="draftId" value={d.id} />
                    <input type="hidden" name="view" value={view} />
                    <button type="submit" className="button small" aria-label={t("pipeline.drafts.remindLabel", { email: d.email })}>
                      {t("pipeline.drafts.remind")}
                    </button>
                  </Form>
                ) : (
                  <span className="meta">
                    {d.reminder.state === "no_email"
                      ? t("pipeline.drafts.noEmail")
                      : d.reminder.state === "limit"
                        ? t("pipeline.drafts.limit", { max: MAX_REMINDERS })
                        : d.reminder.state === "wait"
                          ? t("pipeline.drafts.waitUntil", { date: formatDateTime(new Date(d.reminder.until), locale) })
                          : null}
                  </span>
                )}
                {d.remindedAt ? (
                  <span className="meta">{t("pipeline.drafts.reminded", { count: d.reminderCount, max: MAX_REMINDERS, date: formatDateTime(new Date(d.remindedAt), locale) })}</span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Pages({ page, pages, filters }: { page: number; pages: number; filters: PipelineFilters }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (pages <= 1) return null;
  const near = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const href = (p: number) => `/${locale}/owner${filtersToSearch(filters, { page: p })}`;
  return (
    <nav aria-label={t("pipeline.pages.label")} className="pages">
      <p className="meta">{t("pipeline.pages.page", { page: formatNumber(page, locale), pages: formatNumber(pages, locale) })}</p>
      <ul>
        <li>
          {page > 1 ? (
            <Link to={href(page - 1)} rel="prev">
              {t("pipeline.pages.previous")}
            </Link>
          ) : (
            <span aria-disabled="true" className="disabled">
              {t("pipeline.pages.previous")}
            </span>
          )}
        </li>
        {near.map((p, i) => (
          <li key={p}>
            {i > 0 && p - near[i - 1]! > 1 ? <span aria-hidden="true">… </span> : null}
            {p === page ? (
              <span aria-current="page" className="current">
                <span className="visually-hidden">{t("pipeline.pages.goTo", { page: p })}</span>
                <span aria-hidden="true">{formatNumber(p, locale)}</span>
              </span>
            ) : (
              <Link to={href(p)} aria-label={t("pipeline.pages.goTo", { page: formatNumber(p, locale) })}>
                {formatNumber(p, locale)}
              </Link>
            )}
          </li>
        ))}
        <li>
          {page < pages ? (
            <Link to={href(page + 1)} rel="next">
              {t("pipeline.pages.next")}
            </Link>
          ) : (
            <span aria-disabled="true" className="disabled">
              {t("pipeline.pages.next")}
            </span>
          )}
        </li>
      </ul>
    </nav>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
