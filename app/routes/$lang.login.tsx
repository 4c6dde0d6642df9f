import { ErrorPage } from "~/components/error-page";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError, translateError } from "~/components/field";
import { LoginSchema } from "~/domain/login-schema";
import { attemptLogin } from "~/models/account.server";
import { createSessionCookie, deviceCookie, deviceTokenFrom, getAuth } from "~/utils/auth.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: ["account"] } satisfies I18nHandle;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await getAuth(request);
  if (user) throw redirect(`/${locale}/owner`);
  return null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const submission = parseWithZod(await request.formData(), { schema: LoginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const ip = request.headers.get("X-Client-IP");
  const login = await attemptLogin(email, password, {
    ip,
    deviceToken: deviceTokenFrom(request),
    // Too many failed logins from this address on any account (the server's limiter):
    // only a known device of the account still gets its password checked.
    ipLimited: request.headers.get("X-Login-Limited") === "1",
  });
  if (login.status !== "ok") {
    // A throttled address gets the same answer whatever the password was.
    // (until null: the server's per-address limiter, on every account.)
    const message = login.status === "invalid" ? "errors.invalidLogin" : login.until ? "account.errors.throttled" : "errors.tooManyRequests";
    return data({ result: submission.reply({ formErrors: [message], hideFields: ["password"] }) }, { status: login.status === "throttled" ? 429 : 400 });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await createSessionCookie(login.userId, { userAgent: request.headers.get("User-Agent"), ip }));
  if (login.deviceToken) headers.append("Set-Cookie", deviceCookie(login.deviceToken));
  return redirect(safeRedirect(redirectTo, `/${locale}/owner`), { headers });
}

export default function LoginPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const locale = useLocale();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  return (
    <main id="main" className="page narrow">
      <h1>{t("login.heading")}</h1>
      <Form method="post" className="card form" {...getFormProps(form)} noValidate>
        {form.errors?.length ? (
          <p className="form-error" role="alert" id={form.errorId}>
            {translateError(t, form.errors[0])}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <div className="field">
          <label htmlFor={fields.email.id}>{t("login.email")}</label>
          <input {...getInputProps(fields.email, { type: "email" })} autoComplete="username" />
          <FieldError id={fields.email.errorId} message={translateError(t, fields.email.errors?.[0])} />
        </div>
        <div className="field">
          <label htmlFor={fields.password.id}>{t("login.password")}</label>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" />
          <FieldError id={fields.password.errorId} message={translateError(t, fields.password.errors?.[0])} />
        </div>
        <button type="submit" className="button primary">
          {t("login.submit")}
        </button>
        <p className="hint">
          <Link to={`/${locale}/forgot`}>{t("account.login.forgot")}</Link>
        </p>
      </Form>
    </main>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
