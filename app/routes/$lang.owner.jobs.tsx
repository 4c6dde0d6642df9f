import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { formatDateTime } from "~/i18n/format";
import { listFailedJobs, retryJob } from "~/jobs/runner.server";
import { requireRole } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: ["email"] } satisfies I18nHandle;

export const meta: MetaFunction = () => [{ title: "Socialbrief" }];

// The dead-letter view (owners only, checked in the loader and the action): the
// jobs of app/jobs that failed (the emails after a submit), retrying later by
// themselves or dead after their last attempt, with the error they got (its
// first line, no stack, credentials masked) and "retry now".
const RetryJobSchema = z.object({ intent: z.literal("retry-job"), jobId: z.string().min(1).max(100) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { headers } = await requireRole(request, locale, "owner");
  const jobs = await listFailedJobs();
  headers.set("Cache-Control", "private, no-store");
  return data({ jobs: jobs.map((j) => ({ ...j, nextRunAt: j.nextRunAt?.toISOString() ?? null })) }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireRole(request, locale, "owner");
  const submission = parseWithZod(await request.formData(), { schema: RetryJobSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  if (!(await retryJob(submission.value.jobId))) {
    return data({ result: submission.reply({ formErrors: ["email.outbox.jobs.notFound"] }) }, { status: 404 });
  }
  return redirect(`/${locale}/owner/jobs?retried=1`);
}

type FailedJobRow = ReturnType<typeof useLoaderData<typeof loader>>["jobs"][number];

function RetryJobForm({ job, lastResult }: { job: FailedJobRow; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form] = useForm({ id: `retry-${job.id}`, lastResult, constraint: getZodConstraint(RetryJobSchema), onValidate: ({ formData }) => parseWithZod(formData, { schema: RetryJobSchema }) });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="jobId" value={job.id} />
      <button type="submit" name="intent" value="retry-job" className="button" aria-label={t("email.outbox.jobs.retryLabel", { kind: t(`email.outbox.jobs.kinds.${job.kind}`, { defaultValue: job.kind }) })}>
        {t("email.outbox.jobs.retry")}
      </button>
    </Form>
  );
}

const jobColumns = ["kind", "attempts", "lastError", "nextRetry", "actions"] as const;

export default function FailedJobsPage() {
  const { jobs } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const [searchParams] = useSearchParams();
  const actionData = useActionData<typeof action>();
  const formError = actionData?.result?.error?.[""]?.[0];
  return (
    <main id="main" className="page stacked">
      <div className="page-head">
        <h1>{t("email.outbox.jobs.heading")}</h1>
        <p className="meta">{t("email.outbox.jobs.intro")}</p>
        <Link to={`/${locale}/owner/outbox`}>{t("email.outbox.back")}</Link>
      </div>
      {searchParams.get("retried") ? (
        <p className="notice" role="status">
          {t("email.outbox.jobs.retried")}
        </p>
      ) : null}
      {formError ? (
        <p className="form-error" role="alert">
          {t(formError)}
        </p>
      ) : null}
      {jobs.length === 0 ? (
        <p>{t("email.outbox.jobs.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table stack-table">
            <thead>
              <tr>
                {jobColumns.map((column) => (
                  <th key={column} scope="col">
                    {t(`email.outbox.jobs.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id}>
                  <th scope="row">{t(`email.outbox.jobs.kinds.${job.kind}`, { defaultValue: job.kind })}</th>
                  <td data-label={t("email.outbox.jobs.attempts")} className="nowrap">{t("email.outbox.jobs.attemptsOf", { attempts: job.attempts, max: job.maxAttempts })}</td>
                  <td data-label={t("email.outbox.jobs.lastError")} className="break">{job.lastError}</td>
                  <td data-label={t("email.outbox.jobs.nextRetry")} className="nowrap">{job.nextRunAt ? formatDateTime(new Date(job.nextRunAt), locale) : t("email.outbox.jobs.stopped")}</td>
                  <td data-label={t("email.outbox.jobs.actions")}>
                    <RetryJobForm job={job} lastResult={actionData?.result} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}


export function ErrorBoundary() {
  return <ErrorPage />;
}
