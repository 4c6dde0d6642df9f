import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { field } from "~/utils/action-data";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { FieldError, translateError } from "~/components/field";
import { IntakeReview } from "~/components/intake-review";
import { InvoiceList } from "~/components/invoice-list";
import { LeadPayments } from "~/components/lead-payments";
import { LeadRetainer } from "~/components/lead-retainer";
import { filtersToSearch, leadStatuses, manualLeadStatuses, NOTE_MAX, parseFilters } from "~/domain/pipeline";
import { formatDate, formatDateTime } from "~/i18n/format";
import { addNote, assignLead, getLeadPage, LeadNotFound, leadTimeline, listAssignees, setLeadStatus, StatusRefused, type TimelineEntry } from "~/models/lead-page.server";
import { getT } from "~/i18n/i18n";
import { leadInvoices } from "~/models/invoice-copies.server";
import { getLeadPayments } from "~/models/payments.server";
import { leadRetainerPanel } from "~/models/retainer.server";
import { requireUser } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";

// One lead, for the owner and the team: every answer, the status, who works
// it, the team's notes and everything that happened (from the audit log).

export const meta: MetaFunction = () => [{ title: "Socialbrief" }];

/** The pipeline view the person came from (only our own filter parameters survive). */
function backSearch(value: string | null): string {
  return value ? filtersToSearch(parseFilters(new URLSearchParams(value.replace(/^\?/, "")))) : "";
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user, headers } = await requireUser(request, locale);
  const lead = await getLeadPage(params.leadId ?? "", locale);
  if (!lead) throw new Response("Not Found", { status: 404 });
  const [team, timeline, payments, retainer, invoices] = await Promise.all([listAssignees(), leadTimeline(lead), getLeadPayments(lead.id, locale, user), leadRetainerPanel(lead.id, locale), leadInvoices(lead.id)]);
  headers.set("Cache-Control", "private, no-store");
  return data(
    {
      lead: {
        ...lead,
        createdAt: lead.createdAt.toISOString(),
        marketingConsentAt: lead.marketingConsentAt?.toISOString() ?? null,
        erasedAt: lead.erasedAt?.toISOString() ?? null,
        notes: lead.notes.map((n) => ({ id: n.id, body: n.body, createdAt: n.createdAt.toISOString(), author: n.author?.name ?? null })),
        proposal: lead.proposal
          ? {
              firstOpenedAt: lead.proposal.firstOpenedAt?.toISOString() ?? null,
              latest: lead.proposal.versions[0] ? { number: lead.proposal.versions[0].number, sentAt: lead.proposal.versions[0].sentAt.toISOString() } : null,
            }
          : null,
      },
      team: team.map((u) => ({ id: u.id, name: u.name })),
      timeline,
      payments,
      retainer,
      invoices,
      // The FatturaPA files are the owner's (as the invoices page); the courtesy copies are the whole team's.
      canDownloadXml: user.role === "owner",
      back: backSearch(new URL(request.url).searchParams.get("back")),
    },
    { headers },
  );
}

const back = z.string().max(2000).optional();
/** The three forms of this page, told apart by their `intent` (each answers under its own key). */
const LeadActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("status"), status: z.enum(leadStatuses), back }),
  z.object({ intent: z.literal("assign"), assignee: z.string().max(40).optional(), back }),
  z.object({
    intent: z.literal("note"),
    body: z
      .string({ required_error: "pipeline.lead.noteEmpty" })
      .transform((v) => v.replace(/\r\n/g, "\n").trim())
      .refine((v) => v.length > 0, "pipeline.lead.noteEmpty")
      .refine((v) => v.length <= NOTE_MAX, `pipeline.lead.noteTooLong|${NOTE_MAX}`),
    back,
  }),
]);
const StatusFormSchema = LeadActionSchema.options[0];
const AssignFormSchema = LeadActionSchema.options[1];
const NoteFormSchema = LeadActionSchema.options[2];

type LeadActionData = { status?: SubmissionResult<string[]>; assign?: SubmissionResult<string[]>; note?: SubmissionResult<string[]>; message?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await requireUser(request, locale);
  const leadId = params.leadId ?? "";
  const submission = parseWithZod(await request.formData(), { schema: LeadActionSchema });
  if (submission.status !== "success") {
    // A note the person can fix comes back with its message; anything else is not from this page.
    if (submission.payload.intent === "note" && submission.error?.body) return data({ note: submission.reply() } satisfies LeadActionData, { status: 400 });
    throw new Response("Bad Request", { status: 400 });
  }
  const input = submission.value;
  const backTo = backSearch(input.back ?? "");
  const done = (saved: string) => redirect(`/${locale}/owner/leads/${leadId}?saved=${saved}${backTo ? `&back=${encodeURIComponent(backTo)}` : ""}`);
  try {
    if (input.intent === "status") {
      await setLeadStatus(leadId, input.status, user.id);
      return done("status");
    }
    if (input.intent === "assign") {
      const ok = await assignLead(leadId, input.assignee || null, user.id);
      if (!ok) return data({ assign: submission.reply({ fieldErrors: { assignee: ["pipeline.lead.badAssignee"] } }) } satisfies LeadActionData, { status: 400 });
      return done("assigned");
    }
    await addNote(leadId, user.id, input.body);
    return done("note");
  } catch (error) {
    if (error instanceof LeadNotFound) throw new Response("Not Found", { status: 404 });
    // Nothing changed: the reason, translated (also for a POST that did not come from the page).
    if (error instanceof StatusRefused) {
      const key = `pipeline.lead.${error.code}`;
      return data({ status: submission.reply({ fieldErrors: { status: [key] } }), message: getT(locale)(key) } satisfies LeadActionData, { status: 400 });
    }
    throw error;
  }
}

const prospectActions = new Set(["lead.submitted", "proposal.opened", "proposal.renewal_requested", "proposal.accepted"]);

export default function LeadPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { lead, team, timeline, payments, retainer, invoices, canDownloadXml, back } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const statusLabel = (s: string) => t(`status.${s}`, { defaultValue: s });
  const erased = Boolean(lead.erasedAt);

  const describe = (entry: TimelineEntry): string => {
    const d = entry.data;
    const key = `pipeline.timeline.actions.${entry.action}`;
    if (entry.action === "lead.status") return t(key, { from: statusLabel(String(d.from ?? "")), to: statusLabel(String(d.to ?? "")) });
    if (entry.action === "lead.assigned") return d.to ? t(key, { name: String(d.toName ?? "—") }) : t("pipeline.timeline.actions.lead.unassigned");
    if (entry.action === "proposal.sent") return t(key, { version: String(d.version ?? "") });
    return t(key, { defaultValue: entry.action });
  };
  const who = (entry: TimelineEntry): string =>
    entry.actorName ? t("pipeline.timeline.by", { name: entry.actorName }) : prospectActions.has(entry.action) ? t("pipeline.timeline.prospect") : t("pipeline.timeline.system");

  return (
    <main id="main" className="page lead-page">
      <p className="back-link">
        <Link to={`/${locale}/owner${back}`}>← {t("pipeline.lead.back")}</Link>
      </p>
      <div className="page-head">
        <h1>{lead.organisation}</h1>
        <span className={`badge badge-${lead.status}`}>{statusLabel(lead.status)}</span>
      </div>
      <p className="meta">
        {lead.name} · {t("pipeline.lead.received", { date: formatDateTime(new Date(lead.createdAt), locale) })}
        {lead.assignedTo ? ` · ${t("pipeline.lead.assignLabel")}: ${lead.assignedTo.name}` : ""}
      </p>
      {saved === "status" || saved === "assigned" || saved === "note" ? (
        <p className="notice" role="status">
          {t(`pipeline.lead.notices.${saved}`)}
        </p>
      ) : null}
      {erased ? (
        <p className="form-error" role="note">
          {t("pipeline.lead.erased", { date: formatDate(new Date(lead.erasedAt!), locale, "long") })}
        </p>
      ) : null}

      <div className="lead-layout">
        <div className="lead-side stacked">
          <section className="card" aria-labelledby="contact-heading">
            <h2 id="contact-heading">{t("pipeline.lead.contactHeading")}</h2>
            <dl className="lead-facts">
              <dt>{t("pipeline.lead.name")}</dt>
              <dd>{lead.name}</dd>
              <dt>{t("pipeline.lead.email")}</dt>
              <dd>{erased ? lead.email : <a href={`mailto:${lead.email}`}>{lead.email}</a>}</dd>
              {lead.phone ? (
                <>
                  <dt>{t("pipeline.lead.phone")}</dt>
                  <dd>
                    <a href={`tel:${lead.phone.replace(/[^\d+]/g, "")}`}>{lead.phone}</a>
                  </dd>
                </>
              ) : null}
              <dt>{t("pipeline.lead.language")}</dt>
              <dd>{t(`pipeline.lead.languages.${lead.locale}`, { defaultValue: lead.locale })}</dd>
              <dt>{t("pipeline.lead.marketing")}</dt>
              <dd>
                {lead.marketingConsent && lead.marketingConsentAt
                  ? t("pipeline.lead.marketingYes", { date: formatDate(new Date(lead.marketingConsentAt), locale, "medium") })
                  : t("pipeline.lead.marketingNo")}
              </dd>
            </dl>
          </section>

          <section className="card" aria-labelledby="work-heading">
            <h2 id="work-heading">{t("pipeline.lead.workHeading")}</h2>
            <ChoiceForm
              key={lead.status}
              intent="status"
              value={lead.status}
              // Accepted and paid come from the client's acceptance and payments: shown, never chosen.
              choices={leadStatuses.map((s) => ({ value: s, label: statusLabel(s), disabled: !(manualLeadStatuses as readonly string[]).includes(s) }))}
              label={t("pipeline.lead.statusLabel")}
              hint={t("pipeline.lead.statusHint")}
              save={t("pipeline.lead.statusSave")}
              back={back}
              erased={erased}
            />
            <ChoiceForm
              key={lead.assignedTo?.id ?? "nobody"}
              intent="assign"
              value={lead.assignedTo?.id ?? ""}
              choices={[{ value: "", label: t("pipeline.lead.nobody") }, ...team.map((u) => ({ value: u.id, label: u.name }))]}
              label={t("pipeline.lead.assignLabel")}
              save={t("pipeline.lead.assignSave")}
              back={back}
              erased={erased}
            />
          </section>

          <section className="card" aria-labelledby="proposal-heading">
            <h2 id="proposal-heading">{t("pipeline.lead.proposalHeading")}</h2>
            <p>
              {lead.proposal?.latest
                ? t("pipeline.lead.proposalSent", { number: lead.proposal.latest.number, date: formatDate(new Date(lead.proposal.latest.sentAt), locale, "medium") })
                : t("pipeline.lead.proposalNotSent")}
              {lead.proposal?.latest ? (
                <>
                  {" "}
                  {lead.proposal.firstOpenedAt
                    ? t("pipeline.lead.proposalOpened", { date: formatDateTime(new Date(lead.proposal.firstOpenedAt), locale) })
                    : t("pipeline.lead.proposalNotOpened")}
                </>
              ) : null}
            </p>
            {erased ? null : (
              <ul className="link-list">
                <li>
                  <Link to={`/${locale}/owner/proposals/${lead.id}`}>{t("pipeline.lead.proposalOpen")}</Link>
                </li>
                <li>
                  <Link to={`/${lead.locale === "en" ? "en" : "it"}/p/${lead.token}`}>{t("pipeline.lead.prospectLink")}</Link>
                </li>
              </ul>
            )}
          </section>

          {payments ? <LeadPayments data={payments} /> : null}
          {retainer ? <LeadRetainer retainer={retainer.view} subscriptionId={retainer.subscriptionId} /> : null}
          {invoices.length ? (
            <InvoiceList
              invoices={invoices}
              headingId="lead-invoices"
              hrefOf={(id) => `/${locale}/owner/invoices/${id}/pdf`}
              xmlHrefOf={canDownloadXml ? (id) => `/${locale}/owner/invoices/${id}/xml` : undefined}
            />
          ) : null}

          <section className="card" aria-labelledby="notes-heading">
            <h2 id="notes-heading">{t("pipeline.lead.notesHeading")}</h2>
            {erased ? null : <NoteForm key={lead.notes.length} back={back} />}
            {lead.notes.length === 0 ? (
              <p className="hint">{t("pipeline.lead.noNotes")}</p>
            ) : (
              <ul className="notes">
                {lead.notes.map((n) => (
                  <li key={n.id}>
                    <p className="note-body">{n.body}</p>
                    <p className="meta">{t("pipeline.lead.noteBy", { name: n.author ?? t("pipeline.lead.formerMember"), date: formatDateTime(new Date(n.createdAt), locale) })}</p>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="card" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t("pipeline.lead.timelineHeading")}</h2>
            <ol className="timeline">
              {timeline.map((entry) => (
                <li key={entry.id}>
                  <time dateTime={entry.at}>{formatDateTime(new Date(entry.at), locale)}</time>
                  <span className="timeline-what">{describe(entry)}</span>
                  <span className="meta">{who(entry)}</span>
                </li>
              ))}
            </ol>
          </section>
        </div>
        <div className="lead-main stacked">
          <section aria-labelledby="answers-heading" className="lead-answers">
            <h2 id="answers-heading">{t("pipeline.lead.answersHeading")}</h2>
            {lead.answers ? <IntakeReview answers={lead.answers} steps={lead.steps} editable={false} level={3} /> : <p className="card">{t("pipeline.lead.shortForm")}</p>}
          </section>
        </div>

      </div>
    </main>
  );
}

/** The last answer of this page's action for the form `key`, once nothing is on its way. */
function useLastResult(key: "status" | "assign" | "note") {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return { lastResult: navigation.state === "idle" ? field(actionData, key) : undefined, busy: navigation.state === "submitting" };
}

interface Choice {
  value: string;
  label: string;
  disabled?: boolean;
}

/** The status and the assignee: one choice each, saved on its own. */
function ChoiceForm(props: { intent: "status" | "assign"; value: string; choices: Choice[]; label: string; hint?: string; save: string; back: string; erased: boolean }) {
  const { t } = useTranslation();
  const { lastResult, busy } = useLastResult(props.intent);
  const schema = props.intent === "status" ? StatusFormSchema : AssignFormSchema;
  const name = props.intent === "status" ? "status" : "assignee";
  const [form, fields] = useForm<{ status?: string; assignee?: string }>({ id: `lead-${props.intent}-form`, lastResult, defaultValue: { [name]: props.value }, constraint: getZodConstraint(schema) });
  const field = fields[name];
  const hintId = `${field.id}-hint`;
  return (
    <Form method="post" className="work-form" preventScrollReset {...getFormProps(form)}>
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="back" value={props.back} />
      <div className="field">
        <label htmlFor={field.id}>{props.label}</label>
        <select {...getSelectProps(field, { ariaDescribedBy: props.hint ? hintId : undefined })} key={field.key} disabled={props.erased}>
          {props.choices.map((c) => (
            <option key={c.value} value={c.value} disabled={c.disabled}>
              {c.label}
            </option>
          ))}
        </select>
        {props.hint ? (
          <p id={hintId} className="hint">
            {props.hint}
          </p>
        ) : null}
        <FieldError id={field.errorId} message={translateError(t, field.errors?.[0])} />
      </div>
      <button type="submit" className="button" disabled={busy || props.erased}>
        {props.save}
      </button>
    </Form>
  );
}

function NoteForm({ back }: { back: string }) {
  const { t } = useTranslation();
  const { lastResult, busy } = useLastResult("note");
  const [form, fields] = useForm({
    id: "lead-note-form",
    lastResult,
    constraint: getZodConstraint(NoteFormSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NoteFormSchema }),
  });
  const hintId = `${fields.body.id}-hint`;
  return (
    <Form method="post" className="form" preventScrollReset {...getFormProps(form)}>
      <input type="hidden" name="intent" value="note" />
      <input type="hidden" name="back" value={back} />
      <div className="field">
        <label htmlFor={fields.body.id}>{t("pipeline.lead.noteLabel")}</label>
        <p id={hintId} className="hint">
          {t("pipeline.lead.noteHint")}
        </p>
        <textarea {...getTextareaProps(fields.body, { ariaDescribedBy: hintId })} key={fields.body.key} rows={3} maxLength={NOTE_MAX} />
        <FieldError id={fields.body.errorId} message={translateError(t, fields.body.errors?.[0])} />
      </div>
      <button type="submit" className="button" disabled={busy}>
        {t("pipeline.lead.noteAdd")}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
