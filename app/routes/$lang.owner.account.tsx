import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { field } from "~/utils/action-data";
import { useTranslation } from "react-i18next";
import { AccountErrorPage } from "~/components/account-error-page";
import { FieldError, translateError } from "~/components/field";
import { NewPasswordFields } from "~/components/new-password-fields";
import { AccountActionSchema, ChangePasswordSchema, LanguageSchema } from "~/domain/account-schemas";
import { sentIntent } from "~/domain/form-intent";
import type { DeviceLabel } from "~/domain/user-agent";
import { formatDateTime } from "~/i18n/format";
import { locales } from "~/i18n/i18n";
import { changePassword, listSessions, revokeOtherSessions, revokeSession, setUserLocale } from "~/models/account.server";
import { blankCookie, requireUser } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: ["account"] } satisfies I18nHandle;

export const meta: MetaFunction = () => [{ title: "Socialbrief" }];

// The signed-in user's own account: their open sessions (each can be ended,
// or all but this one), a change-password form and the language of their
// emails. Everything here acts only on the signed-in user's own rows.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user, session, headers } = await requireUser(request, locale);
  const sessions = await listSessions(user.id, session.id);
  headers.set("Cache-Control", "private, no-store");
  return data(
    {
      user: { name: user.name, email: user.email, role: user.role, locale: user.locale },
      sessions: sessions.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString() })),
    },
    { headers },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user, session } = await requireUser(request, locale);
  const submission = parseWithZod(await request.formData(), { schema: AccountActionSchema });
  const here = `/${locale}/owner/account`;
  const hideFields = ["current", "password", "confirm"];

  if (submission.status !== "success") {
    const intent = sentIntent(submission.payload);
    if (intent === "password") return data({ result: submission.reply({ hideFields }) }, { status: 400 });
    if (intent === "revoke") return data({ error: "account.errors.sessionNotFound" }, { status: 404 });
    if (intent === "language") return data({ languageResult: submission.reply() }, { status: 400 });
    return data({ error: "errors.choose" }, { status: 400 });
  }
  const input = submission.value;

  if (input.intent === "revoke") {
    const result = await revokeSession(user.id, input.session);
    if (!result.revoked) return data({ error: "account.errors.sessionNotFound" }, { status: 404 });
    if (result.sessionId === session.id) {
      return redirect(`/${locale}/login`, { headers: { "Set-Cookie": blankCookie() } });
    }
    return redirect(`${here}?done=revoked`);
  }

  if (input.intent === "language") {
    // The account was there when requireUser read the session; gone since, it is signed out anyway.
    if (!(await setUserLocale(user.id, input.locale))) return redirect(`/${locale}/login`, { headers: { "Set-Cookie": blankCookie() } });
    return redirect(`${here}?done=language`);
  }

  if (input.intent === "revoke-others") {
    const count = await revokeOtherSessions(user.id, session.id);
    return redirect(`${here}?done=others&count=${count}`);
  }

  const changed = await changePassword(user.id, session.id, input.current, input.password);
  if (!changed) {
    return data({ result: submission.reply({ fieldErrors: { current: ["account.errors.currentWrong"] }, hideFields }) }, { status: 400 });
  }
  return redirect(`${here}?done=password`);
}

export default function AccountPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { user, sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const actionError = field(actionData, "error");
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: field(actionData, "result"),
    constraint: getZodConstraint(ChangePasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  const [languageForm, languageFields] = useForm({
    id: "email-language",
    lastResult: field(actionData, "languageResult"),
    defaultValue: { locale: user.locale },
    constraint: getZodConstraint(LanguageSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LanguageSchema }),
  });
  const deviceName = (device: DeviceLabel) =>
    t("account.account.deviceOn", { browser: device.browser ?? t("account.account.unknownBrowser"), os: device.os ?? t("account.account.unknownOs") });
  const others = sessions.filter((s) => !s.current).length;
  const notice =
    done === "revoked"
      ? t("account.account.revoked")
      : done === "others"
        ? t("account.account.revokedOthers", { count: Number(searchParams.get("count") ?? 0) })
        : done === "password"
          ? t("account.account.passwordChanged")
          : done === "reset"
            ? t("account.account.passwordReset")
            : done === "language"
              ? t(`account.account.languageSaved.${user.locale}`)
              : null;

  return (
    <main id="main" className="page stacked">
      <h1>{t("account.account.title")}</h1>
      <p>{t("account.account.signedInAs", { name: user.name, email: user.email, role: t(`account.roles.${user.role === "owner" ? "owner" : "member"}`) })}</p>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {actionError ? (
        <p className="form-error" role="alert">
          {t(actionError)}
        </p>
      ) : null}

      <section aria-labelledby="sessions-heading" className="stacked">
        <h2 id="sessions-heading">{t("account.account.sessionsHeading")}</h2>
        <p className="hint">{t("account.account.sessionsIntro")}</p>
        <div className="table-wrap">
          <table className="table stack-table">
            <thead>
              <tr>
                <th scope="col">{t("account.account.device")}</th>
                <th scope="col">{t("account.account.ip")}</th>
                <th scope="col">{t("account.account.created")}</th>
                <th scope="col">{t("account.account.lastSeen")}</th>
                <th scope="col">{t("account.account.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => {
                const created = formatDateTime(new Date(s.createdAt), locale);
                return (
                  <tr key={s.id} className={s.current ? "session-current" : undefined}>
                    <th scope="row">{deviceName(s.device)}</th>
                    <td data-label={t("account.account.ip")}>{s.ip ?? t("account.account.unknownIp")}</td>
                    <td data-label={t("account.account.created")} className="nowrap">
                      {created}
                    </td>
                    <td data-label={t("account.account.lastSeen")} className="nowrap">
                      {formatDateTime(new Date(s.lastSeenAt), locale)}
                    </td>
                    <td data-label={t("account.account.actions")}>
                      {s.current ? (
                        <span className="badge">{t("account.account.current")}</span>
                      ) : (
                        <Form method="post">
                          <input type="hidden" name="session" value={s.id} />
                          <button
                            type="submit"
                            name="intent"
                            value="revoke"
                            className="button danger"
                            aria-label={t("account.account.revokeLabel", { device: deviceName(s.device), date: created })}
                          >
                            {t("account.account.revoke")}
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {others > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="revoke-others" className="button">
              {t("account.account.revokeOthers")}
            </button>
          </Form>
        ) : (
          <p className="hint">{t("account.account.onlyThis")}</p>
        )}
      </section>

      <Form method="post" className="card form account-password" {...getFormProps(form)} noValidate>
        <h2>{t("account.account.passwordHeading")}</h2>
        <input type="hidden" name="intent" value="password" />
        <input type="email" name="username" value={user.email} autoComplete="username" readOnly hidden />
        <div className="field">
          <label htmlFor={fields.current.id}>{t("account.account.currentPassword")}</label>
          <input {...getInputProps(fields.current, { type: "password" })} key={fields.current.key} autoComplete="current-password" />
          <FieldError id={fields.current.errorId} message={translateError(t, fields.current.errors?.[0])} />
        </div>
        <NewPasswordFields
          password={fields.password}
          confirm={fields.confirm}
          labels={{ password: t("account.account.newPassword"), confirm: t("account.account.confirmPassword"), hint: t("account.account.passwordHint") }}
        />
        <button type="submit" className="button primary">
          {t("account.account.passwordSubmit")}
        </button>
      </Form>

      <Form method="post" className="card form account-language" {...getFormProps(languageForm)} noValidate>
        <h2>{t("account.account.languageHeading")}</h2>
        <p className="hint">{t("account.account.languageIntro")}</p>
        <input type="hidden" name="intent" value="language" />
        <div className="field">
          <label htmlFor={languageFields.locale.id}>{t("account.account.languageLabel")}</label>
          <select {...getSelectProps(languageFields.locale)} key={languageFields.locale.key}>
            {locales.map((l) => (
              <option key={l} value={l}>
                {t(`account.account.languages.${l}`)}
              </option>
            ))}
          </select>
          <FieldError id={languageFields.locale.errorId} message={translateError(t, languageFields.locale.errors?.[0])} />
        </div>
        <button type="submit" className="button primary">
          {t("account.account.languageSubmit")}
        </button>
      </Form>
    </main>
  );
}

export function ErrorBoundary() {
  return <AccountErrorPage />;
}
