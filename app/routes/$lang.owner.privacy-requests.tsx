import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AccountErrorPage } from "~/components/account-error-page";
import { FieldError, translateError } from "~/components/field";
import { erasePerson, summarisePerson } from "~/models/gdpr.server";
import { requireRole } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: ["account", "settings"] } satisfies I18nHandle;

const Email = z.string().trim().toLowerCase().max(254).email();
const mismatch = "settings.gdpr.confirmMismatch";
/** Erasing: the address found (hidden) typed again to confirm. Any mistake is the same message: nothing was erased. */
const EraseSchema = z
  .object({
    email: z.string({ required_error: mismatch }).trim().toLowerCase().max(254, mismatch).email(mismatch),
    confirm: z.string({ required_error: mismatch }).trim().toLowerCase(),
  })
  .refine((v) => v.email === v.confirm, { message: mismatch, path: ["confirm"] });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireRole(request, locale, "owner");
  const email = Email.safeParse(new URL(request.url).searchParams.get("email") ?? "");
  const summary = email.success ? await summarisePerson(email.data) : null;
  return data({ summary }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await requireRole(request, locale, "owner");
  const submission = parseWithZod(await request.formData(), { schema: EraseSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["confirm"] }) }, { status: 400 });
  const { email } = submission.value;
  const result = await erasePerson(email, user.id);
  const query = new URLSearchParams({ erased: email, leads: String(result.leads), drafts: String(result.drafts), emails: String(result.emails) });
  throw redirect(`/${locale}/owner/privacy-requests?${query}`);
}

export default function PrivacyRequests() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { summary } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "gdpr-erase",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    constraint: getZodConstraint(EraseSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EraseSchema }),
  });
  const eraseError = translateError(t, fields.confirm.errors?.[0] ?? fields.email.errors?.[0]);
  const [params] = useSearchParams();
  const erased = params.get("erased");
  return (
    <main id="main" className="page narrow stacked">
      <h1>{t("settings.gdpr.title")}</h1>
      <p className="lead">{t("settings.gdpr.intro")}</p>
      {erased ? (
        <p className="notice" role="status">
          {t("settings.gdpr.erased", { email: erased, leads: params.get("leads"), drafts: params.get("drafts"), emails: params.get("emails") })}
        </p>
      ) : null}
      <Form method="get" className="card form">
        <div className="field">
          <label htmlFor="gdpr-email">{t("settings.gdpr.email")}</label>
          <input id="gdpr-email" name="email" type="email" required defaultValue={summary?.email ?? ""} autoComplete="off" />
        </div>
        <button type="submit" className="button">
          {t("settings.gdpr.search")}
        </button>
      </Form>
      {summary ? (
        <section className="card form" aria-labelledby="gdpr-result">
          <h2 id="gdpr-result">
            {summary.leads.length + summary.drafts + summary.emails > 0
              ? t("settings.gdpr.found", {
                  email: summary.email,
                  leads: t("settings.gdpr.leads", { count: summary.leads.length }),
                  drafts: t("settings.gdpr.drafts", { count: summary.drafts }),
                  emails: t("settings.gdpr.emails", { count: summary.emails }),
                })
              : t("settings.gdpr.nothing", { email: summary.email })}
          </h2>
          {summary.leads.length + summary.drafts + summary.emails > 0 ? (
            <>
              <p>
                <a className="button" href={`/${locale}/owner/privacy-requests/export?email=${encodeURIComponent(summary.email)}`} download>
                  {t("settings.gdpr.export")}
                </a>
              </p>
              <h3>{t("settings.gdpr.eraseHeading")}</h3>
              <p className="hint">{t("settings.gdpr.eraseHelp")}</p>
              <Form method="post" className="form" {...getFormProps(form)} noValidate>
                <input type="hidden" name={fields.email.name} value={summary.email} />
                <div className="field">
                  <label htmlFor={fields.confirm.id}>{t("settings.gdpr.confirm")}</label>
                  <input {...getInputProps(fields.confirm, { type: "email" })} key={fields.confirm.key} aria-invalid={eraseError ? true : undefined} aria-describedby={eraseError ? fields.confirm.errorId : undefined} autoComplete="off" />
                  <FieldError id={fields.confirm.errorId} message={eraseError} />
                </div>
                <button type="submit" className="button danger">
                  {t("settings.gdpr.erase")}
                </button>
              </Form>
            </>
          ) : null}
        </section>
      ) : null}
    </main>
  );
}

// A member gets the translated "owners only" page (403), not a generic error.
export function ErrorBoundary() {
  return <AccountErrorPage />;
}
