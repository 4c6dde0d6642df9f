import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountErrorPage } from "~/components/account-error-page";
import { FieldError, translateError } from "~/components/field";
import { NewPasswordFields } from "~/components/new-password-fields";
import { AcceptInviteSchema } from "~/domain/account-schemas";
import { acceptInvite, checkInvite } from "~/models/account.server";
import { requireLocaleParam } from "~/utils/locale.server";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: ["account"] } satisfies I18nHandle;

export const meta: MetaFunction = () => [{ title: "Socialbrief" }, { name: "referrer", content: "same-origin" }];

const noStore = { "Cache-Control": "private, no-store", "Referrer-Policy": "same-origin" };

/** 404 for an invitation that never existed, 410 for one that is accepted or expired. */
async function requireUsableInvite(token: string | undefined) {
  const check = await checkInvite(token ?? "");
  if (check.status === "unknown") throw new Response("Not Found", { status: 404, headers: noStore });
  if (check.status === "gone") throw new Response("Gone", { status: 410, headers: noStore });
  return check.value;
}

export async function loader({ params }: LoaderFunctionArgs) {
  requireLocaleParam(params.lang);
  const invite = await requireUsableInvite(params.token);
  return data({ invite }, { headers: noStore });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireUsableInvite(params.token);
  const submission = parseWithZod(await request.formData(), { schema: AcceptInviteSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password", "confirm"] }) }, { status: 400, headers: noStore });
  }
  // The new account reads its emails in the language it accepted in (changed later on the account page).
  const result = await acceptInvite(params.token ?? "", { ...submission.value, locale }, {
    userAgent: request.headers.get("User-Agent"),
    ip: request.headers.get("X-Client-IP"),
  });
  if (result.status === "gone") throw new Response("Gone", { status: 410, headers: noStore });
  if (result.status === "exists") {
    return data(
      { result: submission.reply({ formErrors: ["account.errors.alreadyMember"], hideFields: ["password", "confirm"] }) },
      { status: 409, headers: noStore },
    );
  }
  return redirect(`/${locale}/owner`, { headers: { "Set-Cookie": result.cookie } });
}

export default function InvitePage() {
  const { t } = useTranslation();
  const { invite } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "invite-accept",
    lastResult: actionData?.result,
    defaultValue: { name: invite.name },
    constraint: getZodConstraint(AcceptInviteSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptInviteSchema }),
  });
  const role = t(`account.roles.${invite.role === "owner" ? "owner" : "member"}`);
  return (
    <main id="main" className="page narrow">
      <h1>{t("account.invite.title")}</h1>
      <Form method="post" className="card form" {...getFormProps(form)} noValidate>
        <p className="hint">{t("account.invite.intro", { role, email: invite.email })}</p>
        {form.errors?.length ? (
          <p className="form-error" role="alert" id={form.errorId}>
            {translateError(t, form.errors[0])}
          </p>
        ) : null}
        <input type="email" name="username" value={invite.email} autoComplete="username" readOnly hidden />
        <div className="field">
          <label htmlFor={fields.name.id}>{t("account.invite.name")}</label>
          <input {...getInputProps(fields.name, { type: "text" })} key={fields.name.key} autoComplete="name" />
          <FieldError id={fields.name.errorId} message={translateError(t, fields.name.errors?.[0])} />
        </div>
        <NewPasswordFields
          password={fields.password}
          confirm={fields.confirm}
          labels={{ password: t("account.invite.password"), confirm: t("account.invite.confirm"), hint: t("account.reset.hint") }}
        />
        <button type="submit" className="button primary">
          {t("account.invite.submit")}
        </button>
      </Form>
    </main>
  );
}

export function ErrorBoundary() {
  return <AccountErrorPage />;
}
