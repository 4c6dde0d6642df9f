import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { FieldError, translateError } from "~/components/field";
import { isStepId } from "~/domain/intake/definition";
import { emailSchema } from "~/domain/intake/schema";
import { formatDate } from "~/i18n/format";
import { draftForNewLink, resumeDraft, resumeRefusal } from "~/models/intake-draft.server";
import { requestResumeLink } from "~/models/intake-submit.server";
import { getEnv } from "~/utils/env.server";
import { intakeCookie } from "~/utils/intake-cookie.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";
import type { I18nHandle } from "~/i18n/parts";
import type { HydrateHandle } from "~/utils/hydrate";
import { loadAsDocument } from "~/utils/document-only";

// Not hydrated (app/utils/hydrate.ts): HTML and forms, and the intake's small enhancement script.
export const handle = { i18n: ["questionnaire"], hydrate: false } satisfies I18nHandle & HydrateHandle;
export const clientLoader = loadAsDocument;

const headers = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };
// As for "send the link again" on a step: one email a minute per draft, however often it is asked for.
const NEW_LINK_AFTER_MS = 60_000;

/** "Send me a new link": one click on an expired or replaced link (its token says which draft), or an address typed when the link is unknown. */
const newLinkSchema = z.discriminatedUnion("by", [z.object({ by: z.literal("token") }), z.object({ by: z.literal("email"), email: emailSchema })]);

/** The emailed link: this browser takes over the draft and goes back to where it stopped; otherwise why not, and a way on. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const token = params.token ?? "";
  const resumed = /^[\w-]{20,64}$/.test(token) ? await resumeDraft(token) : null;
  if (!resumed || resumed.draft.submittedLeadId) {
    const refusal = await resumeRefusal(token);
    return data(
      { state: refusal.state, sentAt: refusal.state === "used" ? refusal.sentAt.toISOString() : null, days: getEnv().DRAFT_RETENTION_DAYS },
      { status: 410, headers },
    );
  }
  const step = isStepId(resumed.draft.currentStep) ? resumed.draft.currentStep : "about";
  return redirect(`/${locale}/intake/${step}`, {
    headers: { "Set-Cookie": await intakeCookie.serialize(resumed.browserKey), "Referrer-Policy": "no-referrer" },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireLocaleParam(params.lang);
  const token = params.token ?? "";
  const submission = parseWithZod(await request.formData(), { schema: newLinkSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400, headers });
  const value = submission.value;
  const draftId =
    value.by === "email" ? await draftForNewLink({ email: value.email }) : /^[\w-]{20,64}$/.test(token) ? await draftForNewLink({ token }) : null;
  // The same answer whether or not a draft (or the address) exists: nobody learns who filled in the questionnaire.
  if (draftId) await requestResumeLink(draftId, { gapMs: NEW_LINK_AFTER_MS });
  return data({ result: submission.reply({ resetForm: true }), sent: true }, { headers });
}

export default function ResumeRefused() {
  const { state, sentAt, days } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "new-link",
    lastResult: actionData?.result,
    constraint: getZodConstraint(newLinkSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newLinkSchema }),
  });
  const email = fields.email;
  return (
    <main id="main" className="page narrow intake">
      <h1>{t(`questionnaire.resume.${state}Title`)}</h1>
      <p className="lead">
        {state === "used" && sentAt ? t("questionnaire.resume.used", { date: formatDate(new Date(sentAt), locale) }) : t(`questionnaire.resume.${state}`, { days })}
      </p>
      {actionData?.sent ? (
        <p role="status" className="notice">
          {t("questionnaire.resume.sentNew")}
        </p>
      ) : state === "used" || state === "gone" ? null : (
        <Form method="post" className="card form" {...getFormProps(form)} noValidate>
          {state === "expired" || state === "replaced" ? (
            <input type="hidden" name="by" value="token" />
          ) : (
            <>
              <input type="hidden" name="by" value="email" />
              <div className="field">
                <label htmlFor={email.id}>{t("questionnaire.resume.email")}</label>
                <input {...getInputProps(email, { type: "email" })} key={undefined} autoComplete="email" aria-describedby={email.errors ? email.errorId : undefined} />
                <FieldError id={email.errorId} message={translateError(t, email.errors?.[0], locale)} />
              </div>
            </>
          )}
          <p>
            <button type="submit" className="button primary">
              {t("questionnaire.resume.sendNew")}
            </button>
          </p>
        </Form>
      )}
      <p>
        <Link className="button" to={`/${locale}/intake/about?new=1`}>
          {t("questionnaire.resume.startNew")}
        </Link>
      </p>
    </main>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
