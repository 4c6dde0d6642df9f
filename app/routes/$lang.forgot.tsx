import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { FieldError, translateError } from "~/components/field";
import { ForgotSchema } from "~/domain/account-schemas";
import { requestPasswordReset } from "~/models/account.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: ["account"] } satisfies I18nHandle;

export const meta: MetaFunction = () => [{ title: "Socialbrief" }];

export async function loader({ params }: LoaderFunctionArgs) {
  requireLocaleParam(params.lang);
  return null;
}

// Always the same answer, whether or not the address has an account
// (POSTs are rate limited per IP in server/app.ts).
export async function action({ request, params }: ActionFunctionArgs) {
  requireLocaleParam(params.lang);
  const submission = parseWithZod(await request.formData(), { schema: ForgotSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), sent: false }, { status: 400 });
  }
  // The email goes in the account's own language, not necessarily this page's.
  await requestPasswordReset({ email: submission.value.email });
  return data({ result: submission.reply({ resetForm: true }), sent: true });
}

export default function ForgotPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "forgot",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ForgotSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotSchema }),
  });
  return (
    <main id="main" className="page narrow stacked">
      <h1>{t("account.forgot.title")}</h1>
      {actionData?.sent ? (
        <p className="notice" role="status">
          {t("account.forgot.sent")}
        </p>
      ) : null}
      <Form method="post" className="card form" {...getFormProps(form)} noValidate>
        <p className="hint">{t("account.forgot.intro")}</p>
        <div className="field">
          <label htmlFor={fields.email.id}>{t("account.forgot.email")}</label>
          <input {...getInputProps(fields.email, { type: "email" })} key={fields.email.key} autoComplete="username" />
          <FieldError id={fields.email.errorId} message={translateError(t, fields.email.errors?.[0])} />
        </div>
        <button type="submit" className="button primary">
          {t("account.forgot.submit")}
        </button>
      </Form>
      <p>
        <Link to={`/${locale}/login`}>{t("account.forgot.back")}</Link>
      </p>
    </main>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
