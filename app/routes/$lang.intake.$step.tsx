import { skipAfterAutosave } from "~/utils/revalidate";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { field } from "~/utils/action-data";
import type { TFunction } from "i18next";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { IntakeChannelGrid } from "~/components/intake-channel-grid";
import { IntakeField } from "~/components/intake-field";
import { IntakeReview } from "~/components/intake-review";
import {
  isStepId,
  nextStep,
  pruneAnswers,
  PART_COUNT,
  previousStep,
  stepFields,
  stepIds,
  stepPart,
  visibleSteps,
  withDefaults,
  type FieldSpec,
  type RawAnswers,
  type RawStep,
  type StepId,
} from "~/domain/intake/definition";
import { normaliseEmail } from "~/domain/email-address";
import { sentIntent } from "~/domain/form-intent";
import { boundRaw, checkStep, romeToday, stepActionSchema, stepIntent, stepSchema } from "~/domain/intake/schema";
import { PRIVACY_NOTICE_VERSION } from "~/domain/privacy";
import { getEnv } from "~/utils/env.server";
import { intlTag } from "~/i18n/format";
import { createDraft, findDraftByBrowserKey, hasAnswer, saveStep, storageScope } from "~/models/intake-draft.server";
import { requestResumeLink, submitIntake } from "~/models/intake-submit.server";
import { prisma } from "~/utils/db.server";
import { intakeCookie, intakeSentCookie, readBrowserKey, readSent } from "~/utils/intake-cookie.server";
import { intakeStorageKey } from "~/utils/intake-storage";
import { useLocale } from "~/utils/locale";
import { requireLocaleParam } from "~/utils/locale.server";
import type { I18nHandle } from "~/i18n/parts";
import type { HydrateHandle } from "~/utils/hydrate";
import { loadAsDocument } from "~/utils/document-only";
import { zodConstraint } from "~/utils/zod-form";

// Not hydrated (app/utils/hydrate.ts): the page loads app/enhance/intake.ts alone; no Remix, React or words block.
export const handle = { i18n: ["questionnaire"], hydrate: false } satisfies I18nHandle & HydrateHandle;
export const clientLoader = loadAsDocument;

const HONEYPOT = "company_website";
const RESEND_AFTER_MS = 60_000;

function requireStep(step: string | undefined): StepId {
  if (!isStepId(step)) throw new Response("Not Found", { status: 404 });
  return step;
}

/** The first visible step at or after `step` (a hidden step sends you on). */
function visibleFrom(step: StepId, answers: RawAnswers): StepId {
  const visible = visibleSteps(answers);
  return stepIds.slice(stepIds.indexOf(step)).find((s) => visible.includes(s)) ?? "review";
}

async function submittedRedirect(leadId: string, locale: string) {
  const lead = await prisma.lead.findUnique({ where: { id: leadId }, select: { token: true } });
  return redirect(lead ? `/${locale}/p/${lead.token}?received=1` : `/${locale}`);
}

export const shouldRevalidate = skipAfterAutosave;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const step = requireStep(params.step);
  const url = new URL(request.url);
  const draft = await findDraftByBrowserKey(await readBrowserKey(request));
  if (draft?.submittedLeadId) throw await submittedRedirect(draft.submittedLeadId, locale);
  if (!draft && url.searchParams.has("new")) {
    // "Start a new questionnaire" from the "already sent" page: forget that this browser sent one.
    throw redirect(`/${locale}/intake/about`, { headers: { "Set-Cookie": await intakeSentCookie.serialize("", { maxAge: 0 }) } });
  }
  if (!draft && (await readSent(request))) {
    // Back after sending (or a tab left open): the answers went, nothing here starts a draft.
    return data({ sent: true as const, step }, { headers: { "Cache-Control": "private, no-store" } });
  }
  if (!draft && step !== "about") throw redirect(`/${locale}/intake/about`);
  const answers = draft?.answers ?? {};
  const shown = visibleFrom(step, answers);
  if (shown !== step) throw redirect(`/${locale}/intake/${shown}`);
  const check = url.searchParams.has("check") ? checkStep(step, answers, romeToday()) : null;
  return data(
    {
      sent: false as const,
      step,
      scope: storageScope(draft?.id),
      values: answers[step] ?? {},
      answers,
      today: romeToday(),
      steps: visibleSteps(answers),
      errors: check && !check.ok ? check.errors : null,
      fromReview: url.searchParams.get("from") === "review",
      email: draft?.email ?? null,
      resumeSent: Boolean(draft?.resumeSentAt),
      retentionDays: getEnv().DRAFT_RETENTION_DAYS,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

/** What was typed in a step's fields, valid or not (the draft keeps it): every value for checkboxes, the first one sent otherwise. */
function typedValues(payload: Record<string, unknown>, fields: FieldSpec[]): RawStep {
  const raw: RawStep = {};
  for (const field of fields) {
    const sent = payload[field.name];
    const values: unknown[] = Array.isArray(sent) ? sent : sent === undefined ? [] : [sent];
    if (field.kind === "checkboxes") raw[field.name] = values.filter((v): v is string => typeof v === "string");
    else if (typeof values[0] === "string") raw[field.name] = values[0];
  }
  return raw;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const step = requireStep(params.step);
  const formData = await request.formData();
  // Bots fill every field; people never see this one.
  if (formData.get(HONEYPOT)) throw redirect(`/${locale}`);

  let draft = await findDraftByBrowserKey(await readBrowserKey(request));
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (draft?.submittedLeadId) throw await submittedRedirect(draft.submittedLeadId, locale);
  if (!draft && (await readSent(request))) {
    // This browser has just sent its answers: a post from a page left open (an autosave, Back, Next) starts no new draft.
    if (sentIntent(Object.fromEntries(formData)) === "autosave") return data({ sent: true }, { headers });
    throw redirect(`/${locale}/intake/${step}`, { headers });
  }
  // Read with the draft's answers (they decide which fields show); a draft made below has none yet, like no draft.
  const submission = parseWithZod(formData, { schema: stepActionSchema(step, draft?.answers ?? {}, romeToday()) });
  const intent = submission.status === "success" ? submission.value.intent : stepIntent(sentIntent(submission.payload));
  if (!draft) {
    if (step !== "about") throw redirect(`/${locale}/intake/about`);
    const firstFields = stepFields(step, {});
    if (!hasAnswer(boundRaw(typedValues(submission.payload, firstFields), firstFields))) {
      // Nothing answered yet: no draft (an empty post must not fill the owner's list).
      if (intent === "autosave") return data({ saved: null }, { headers });
      if (intent === "next" && submission.status !== "success") return data({ result: submission.reply() }, { status: 400, headers });
      throw redirect(`/${locale}/intake/about`, { headers });
    }
    const created = await createDraft(locale);
    draft = created.draft;
    headers.append("Set-Cookie", await intakeCookie.serialize(created.browserKey));
  }

  if (intent === "resend") {
    // One send per RESEND_AFTER_MS, claimed with the job (a double click sends once).
    if (!draft.email) return data({ resend: "sent" }, { headers });
    if (!(await requestResumeLink(draft.id, { gapMs: RESEND_AFTER_MS }))) return data({ resend: "wait" }, { status: 429, headers });
    return data({ resend: "sent" }, { headers });
  }

  const fields = stepFields(step, draft.answers);
  const raw = boundRaw(typedValues(submission.payload, fields), fields);

  if (intent === "autosave") {
    // The person is on this step now: a resume link brings them back here.
    await saveStep(draft.id, draft.answers, step, raw, step);
    return data({ saved: new Date().toISOString() }, { headers });
  }
  if (intent === "back") {
    const saved = await saveStep(draft.id, draft.answers, step, raw, step);
    const previous = previousStep(step, saved) ?? "about";
    throw redirect(`/${locale}/intake/${previous}`, { headers });
  }

  // "next", or an intent the page never sends, checked the same way.
  if (submission.status !== "success") {
    // An invalid step keeps the resume point here (and what was typed).
    await saveStep(draft.id, draft.answers, step, raw, step);
    return data({ result: submission.reply() }, { status: 400, headers });
  }
  const input = submission.value;
  const goTo = "from" in input && input.from === "review" ? "review" : nextStep(step, pruneAnswers({ ...draft.answers, [step]: raw }));
  // A valid step moves the resume point on.
  const saved = await saveStep(draft.id, draft.answers, step, raw, step !== "review" ? goTo : step);
  // The first valid first step sends the resume link; so does a new address (the old link stopped working).
  const emailChanged = step === "about" && (draft.email ?? null) !== (typeof raw.email === "string" ? normaliseEmail(raw.email) : null);
  if (step === "about" && (!draft.resumeSentAt || emailChanged)) {
    await requestResumeLink(draft.id, { gapMs: null });
  }
  if (step === "review") {
    const outcome = await submitIntake({ id: draft.id, answers: saved }, locale);
    if (!outcome.ok) throw redirect(`/${locale}/intake/${outcome.step}?check=1`, { headers });
    headers.append("Set-Cookie", await intakeCookie.serialize("", { maxAge: 0 }));
    headers.append("Set-Cookie", await intakeSentCookie.serialize("1"));
    throw redirect(`/${locale}/p/${outcome.token}?received=1`, { headers });
  }
  throw redirect(`/${locale}/intake/${goTo}`, { headers });
}

interface LoaderData {
  step: StepId;
  scope: string;
  values: RawStep;
  answers: RawAnswers;
  today: string;
  steps: StepId[];
  errors: Record<string, string[]> | null;
  fromReview: boolean;
  email: string | null;
  resumeSent: boolean;
  retentionDays: number;
}


// Rendered on the server only (handle.hydrate is false): what JavaScript adds
// (counters, autosave, conditional fields, "send the link again" in place)
// is app/enhance/intake.ts, reading the data- attributes written here.
export default function IntakeStep() {
  const data = useLoaderData<typeof loader>();
  if (data.sent) return <AlreadySent />;
  return <StepForm key={data.step} {...data} />;
}

/** A step opened again after the answers went: nothing to fill in, a way to start afresh (the script clears the saved answers). */
function AlreadySent() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <main id="main" className="page narrow intake" data-intake-sent="">
      <h1>{t("questionnaire.sent.title")}</h1>
      <p className="lead">{t("questionnaire.sent.body")}</p>
      <p>
        <a className="button primary" href={`/${locale}/intake/about?new=1`}>
          {t("questionnaire.sent.startNew")}
        </a>
      </p>
    </main>
  );
}

/** The only words the enhancement script writes, in the page's language (JSON in data-words). */
function scriptWords(t: TFunction) {
  return JSON.stringify({
    saving: t("questionnaire.saving"),
    savedAt: t("questionnaire.savedAt", { time: "{{time}}" }),
    saveFailed: t("questionnaire.saveFailed"),
    restored: t("questionnaire.restored"),
    counterMax: t("questionnaire.counter.max", { max: "{{max}}" }),
    counterCount: t("questionnaire.counter.count", { count: "{{count}}", max: "{{max}}" }),
    counterLeftOne: t("questionnaire.counter.left", { count: 1, left: "{{left}}" }),
    counterLeftOther: t("questionnaire.counter.left", { count: 2, left: "{{left}}" }),
    counterOverOne: t("questionnaire.counter.over", { count: 1, over: "{{over}}" }),
    counterOverOther: t("questionnaire.counter.over", { count: 2, over: "{{over}}" }),
  });
}

function StepForm({ step, scope, values, answers, today, steps, errors, fromReview, email, resumeSent, retentionDays }: LoaderData) {
  const { t } = useTranslation();
  const locale = useLocale();
  const actionData = useActionData<typeof action>();
  const resend = field(actionData, "resend");

  const fields = stepFields(step, answers);
  const schema = stepSchema(step, answers, today);
  const startValues = withDefaults(values, fields);
  const serverResult: SubmissionResult<string[]> | undefined =
    field(actionData, "result") ?? (errors ? { status: "error", error: errors, initialValue: values as Record<string, string> } : undefined);
  const [form, fieldset] = useForm({
    id: `intake-${step}`,
    lastResult: serverResult,
    defaultValue: startValues,
    constraint: zodConstraint(schema),
  });
  const firstError = fields.find((f) => (fieldset[f.name]?.errors?.length ?? 0) > 0)?.name;

  const part = stepPart[step];
  const index = steps.indexOf(step);
  const isReview = step === "review";

  return (
    <main id="main" className="page narrow intake">
      <div className="intake-progress">
        <p className="meta">
          {t("questionnaire.progress", { part, total: PART_COUNT })} · {t(`questionnaire.steps.${step}.title`)}
        </p>
        <div className="progress-track" aria-hidden="true">
          <div className="progress-bar" style={{ width: `${Math.round(((index + 1) / steps.length) * 100)}%` }} />
        </div>
      </div>
      <h1>{t(`questionnaire.steps.${step}.title`)}</h1>
      <p className="lead">{t(`questionnaire.steps.${step}.intro`)}</p>
      {step === "about" ? (
        <p className="hint">
          {t("questionnaire.privacyStart", { days: retentionDays })} <a href={`/${locale}/privacy`}>{t("questionnaire.privacyLink")}</a>
        </p>
      ) : null}

      {isReview ? <IntakeReview answers={answers} steps={steps} /> : null}

      <form
        method="post"
        className="card form"
        {...getFormProps(form)}
        noValidate
        data-intake=""
        data-storage-key={intakeStorageKey(scope, step)}
        data-scope={scope}
        data-intl={intlTag(locale)}
        data-words={scriptWords(t)}
        data-final={isReview ? "" : undefined}
      >
        {serverResult?.error && Object.keys(serverResult.error).length ? (
          <p className="form-error" role="alert">
            {t("intake.errorSummary")}
          </p>
        ) : null}
        <div className="honeypot" aria-hidden="true">
          <label htmlFor={`${form.id}-hp`}>{t("questionnaire.honeypot")}</label>
          <input id={`${form.id}-hp`} type="text" name={HONEYPOT} tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        {fromReview ? <input type="hidden" name="from" value="review" /> : null}
        {renderFields(fields, (field) => (
          <IntakeField key={field.name} field={field} meta={fieldset[field.name]!} t={t} autoFocus={field.name === firstError} />
        ), (grid) => <IntakeChannelGrid fields={grid} metaOf={(name) => fieldset[name]!} t={t} />, t)}
        {isReview ? (
          <p className="hint">
            {t("questionnaire.privacySubmit", { version: PRIVACY_NOTICE_VERSION })} <a href={`/${locale}/privacy`}>{t("questionnaire.privacyLink")}</a>
          </p>
        ) : null}
        <div className="step-actions">
          {index > 0 ? (
            <button type="submit" name="intent" value="back" className="button" formNoValidate>
              {t("questionnaire.back")}
            </button>
          ) : null}
          <button type="submit" name="intent" value="next" className="button primary">
            {isReview ? t("questionnaire.submit") : fromReview ? t("questionnaire.backToReview") : t("questionnaire.next")}
          </button>
        </div>
        <p className="save-status" role="status" aria-live="polite" />
      </form>

      {email && step !== "about" ? (
        <aside className="resume-box" aria-labelledby="resume-heading">
          <h2 id="resume-heading">{t("questionnaire.resumeHeading")}</h2>
          {resumeSent ? <p>{t("questionnaire.resumeSent", { email })}</p> : null}
          <form
            method="post"
            data-resend=""
            data-words={JSON.stringify({ resent: t("questionnaire.resumeResent"), wait: t("questionnaire.resumeWait"), failed: t("questionnaire.saveFailed") })}
          >
            <input type="hidden" name="intent" value="resend" />
            <button type="submit" className="button">
              {t("questionnaire.resumeAgain")}
            </button>
            <p role="status" className="meta">
              {resend === "sent" ? t("questionnaire.resumeResent") : resend === "wait" ? t("questionnaire.resumeWait") : ""}
            </p>
          </form>
        </aside>
      ) : null}
    </main>
  );
}

/** Fields in order; channel details grouped per channel. Every field is rendered: the script hides those whose condition does not hold. */
function renderFields(
  fields: FieldSpec[],
  render: (field: FieldSpec) => React.ReactNode,
  renderGrid: (fields: FieldSpec[]) => React.ReactNode,
  t: (key: string, options?: Record<string, unknown>) => string,
) {
  const out: React.ReactNode[] = [];
  let group: string | undefined;
  let groupFields: FieldSpec[] = [];
  const flush = () => {
    if (group && groupFields.length) {
      out.push(
        <fieldset key={`group-${group}`} className="channel-group">
          <legend>{t("questionnaire.channelPresent", { channel: t(`questionnaire.fields.channel_${group}.label`) })}</legend>
          {groupFields.map(render)}
        </fieldset>,
      );
    }
    groupFields = [];
  };
  const grid = fields.filter((f) => f.options === "channelStatuses");
  for (const field of fields) {
    if (field.options === "channelStatuses") {
      if (field === grid[0]) out.push(<Fragment key="channel-grid">{renderGrid(grid)}</Fragment>);
      continue;
    }
    if (field.group !== group) {
      flush();
      group = field.group;
    }
    if (field.group) groupFields.push(field);
    else out.push(render(field));
  }
  flush();
  return out;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
