import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountErrorPage } from "~/components/account-error-page";
import { NewPasswordFields } from "~/components/new-password-fields";
import { ResetSchema } from "~/domain/account-schemas";
import { checkResetToken, resetPassword } from "~/models/account.server";
import { requireLocaleParam } from "~/utils/locale.server";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: ["account"] } satisfies I18nHandle;

export const meta: MetaFunction = () => [{ title: "Socialbrief" }, { name: "referrer", content: "same-origin" }];

const noStore = { "Cache-Control": "private, no-store", "Referrer-Policy": "same-origin" };

/** 404 for a link that never existed, 410 for one that is used or expired. */
async function requireUsableToken(token: string | undefined) {
  const check = await checkResetToken(token ?? "");
  if (check.status === "unknown") throw new Response("Not Found", { status: 404, headers: noStore });
  if (check.status === "gone") throw new Response("Gone", { status: 410, headers: noStore });
  return check.value;
}

export async function loader({ params }: LoaderFunctionArgs) {
  requireLocaleParam(params.lang);
  const { email } = await requireUsableToken(params.token);
  return data({ email }, { headers: noStore });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireUsableToken(params.token);
  const submission = parseWithZod(await request.formData(), { schema: ResetSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password", "confirm"] }) }, { status: 400, headers: noStore });
  }
  const result = await resetPassword(params.token ?? "", submission.value.password, {
    userAgent: request.headers.get("User-Agent"),
    ip: request.headers.get("X-Client-IP"),
  });
  if (result.status === "gone") throw new Response("Gone", { status: 410, headers: noStore });
  return redirect(`/${locale}/owner/account?done=reset`, { headers: { "Set-Cookie": result.cookie } });
}

export default function ResetPage() {
  const { t } = useTranslation();
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reset",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ResetSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetSchema }),
  });
  return (
    <main id="main" className="page narrow">
      <h1>{t("account.reset.title")}</h1>
      <Form method="post" className="card form" {...getFormProps(form)} noValidate>
        <p className="hint">{t("account.reset.intro")}</p>
        {/* For password managers: the account the new password belongs to. */}
        <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
        <NewPasswordFields
          password={fields.password}
          confirm={fields.confirm}
          labels={{ password: t("account.reset.password"), confirm: t("account.reset.confirm"), hint: t("account.reset.hint") }}
        />
        <button type="submit" className="button primary">
          {t("account.reset.submit")}
        </button>
      </Form>
    </main>
  );
}

export function ErrorBoundary() {
  return <AccountErrorPage />;
}
