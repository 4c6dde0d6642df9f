import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { field } from "~/utils/action-data";
import { useTranslation } from "react-i18next";
import { AccountErrorPage } from "~/components/account-error-page";
import { FieldError, translateError } from "~/components/field";
import { InviteSchema, roles, TeamActionSchema } from "~/domain/account-schemas";
import { sentIntent } from "~/domain/form-intent";
import { userLocale } from "~/domain/user-locale";
import { formatDate } from "~/i18n/format";
import { cancelInvite, changeRole, createInvite, listTeam, setDisabled } from "~/models/account.server";
import { requireRole } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: ["account"] } satisfies I18nHandle;

export const meta: MetaFunction = () => [{ title: "Socialbrief" }];

// The team (owners only, checked in the loader and the action): who has an
// account and with which role, pending invitations, and inviting someone new.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user, headers } = await requireRole(request, locale, "owner");
  const { users, invites } = await listTeam();
  headers.set("Cache-Control", "private, no-store");
  return data(
    {
      me: user.id,
      users: users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString(), disabledAt: u.disabledAt?.toISOString() ?? null })),
      invites: invites.map((i) => ({ ...i, createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString() })),
    },
    { headers },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await requireRole(request, locale, "owner");
  const submission = parseWithZod(await request.formData(), { schema: TeamActionSchema });
  const here = `/${locale}/owner/team`;

  if (submission.status !== "success") {
    const intent = sentIntent(submission.payload);
    if (intent === "invite") return data({ result: submission.reply() }, { status: 400 });
    if (intent === "cancel-invite") return data({ error: "account.errors.inviteNotFound" }, { status: 404 });
    return data({ error: "errors.choose" }, { status: 400 });
  }
  const input = submission.value;

  if (input.intent === "invite") {
    const result = await createInvite({ ...input, invitedBy: { id: user.id, name: user.name }, locale });
    if (result.status === "exists") {
      return data({ result: submission.reply({ fieldErrors: { email: ["account.errors.alreadyMember"] } }) }, { status: 409 });
    }
    return redirect(`${here}?done=invited`);
  }

  if (input.intent === "cancel-invite") {
    if (!(await cancelInvite(user.id, input.inviteId))) return data({ error: "account.errors.inviteNotFound" }, { status: 404 });
    return redirect(`${here}?done=cancelled`);
  }

  const change = input.intent === "role" ? await changeRole(user.id, input.userId, input.role) : await setDisabled(user.id, input.userId, input.intent === "disable");
  if (change === "not_found") return data({ error: "account.errors.userNotFound" }, { status: 404 });
  if (change === "last_owner") return data({ error: "account.errors.lastOwner" }, { status: 409 });
  return redirect(`${here}?done=updated`);
}

export default function TeamPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { me, users, invites } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const actionError = field(actionData, "error");
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const [form, fields] = useForm({
    id: "invite",
    lastResult: field(actionData, "result"),
    defaultValue: { role: "member" },
    constraint: getZodConstraint(InviteSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
  });
  const roleName = (role: string) => t(`account.roles.${role === "owner" ? "owner" : "member"}`);

  return (
    <main id="main" className="page stacked">
      <h1>{t("account.team.title")}</h1>
      <p className="hint">{t("account.team.intro")}</p>
      {done ? (
        <p className="notice" role="status">
          {done === "invited" ? t("account.team.invited") : done === "cancelled" ? t("account.team.inviteCancelled") : t("account.team.updated")}
        </p>
      ) : null}
      {actionError ? (
        <p className="form-error" role="alert">
          {t(actionError)}
        </p>
      ) : null}

      <div className="table-wrap">
        <table className="table team-table">
          <thead>
            <tr>
              <th scope="col">{t("account.team.name")}</th>
              <th scope="col">{t("account.team.email")}</th>
              <th scope="col">{t("account.team.role")}</th>
              <th scope="col">{t("account.team.language")}</th>
              <th scope="col">{t("account.team.status")}</th>
              <th scope="col">{t("account.team.since")}</th>
              <th scope="col">{t("account.team.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row">
                  {u.name} {u.id === me ? <span className="hint">{t("account.team.you")}</span> : null}
                </th>
                <td className="break">{u.email}</td>
                <td>
                  <span className="badge">{roleName(u.role)}</span>
                </td>
                <td>{t(`account.account.languages.${userLocale(u.locale)}`)}</td>
                <td>
                  <span className={u.disabledAt ? "badge badge-disabled" : "badge badge-active"}>
                    {u.disabledAt ? t("account.team.disabled") : t("account.team.active")}
                  </span>
                </td>
                <td className="nowrap">{formatDate(new Date(u.createdAt), locale, "medium")}</td>
                <td>
                  <div className="team-actions">
                    <Form method="post" className="team-role">
                      <input type="hidden" name="userId" value={u.id} />
                      <label htmlFor={`role-${u.id}`} className="visually-hidden">
                        {t("account.team.roleFor", { name: u.name })}
                      </label>
                      <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                        {roles.map((role) => (
                          <option key={role} value={role}>
                            {roleName(role)}
                          </option>
                        ))}
                      </select>
                      <button type="submit" name="intent" value="role" className="button">
                        {t("account.team.changeRole")}
                      </button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="userId" value={u.id} />
                      {u.disabledAt ? (
                        <button type="submit" name="intent" value="enable" className="button" aria-label={t("account.team.enableLabel", { name: u.name })}>
                          {t("account.team.enable")}
                        </button>
                      ) : (
                        <button
                          type="submit"
                          name="intent"
                          value="disable"
                          className="button danger"
                          aria-label={t("account.team.disableLabel", { name: u.name })}
                        >
                          {t("account.team.disable")}
                        </button>
                      )}
                    </Form>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="pending-heading" className="stacked">
        <h2 id="pending-heading">{t("account.team.pendingHeading")}</h2>
        {invites.length === 0 ? (
          <p className="hint">{t("account.team.pendingNone")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("account.team.name")}</th>
                  <th scope="col">{t("account.team.email")}</th>
                  <th scope="col">{t("account.team.role")}</th>
                  <th scope="col">{t("account.team.expires")}</th>
                  <th scope="col">{t("account.team.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {invites.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">{i.name}</th>
                    <td className="break">{i.email}</td>
                    <td>{roleName(i.role)}</td>
                    <td className="nowrap">{formatDate(new Date(i.expiresAt), locale, "medium")}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="inviteId" value={i.id} />
                        <button type="submit" name="intent" value="cancel-invite" className="button danger" aria-label={t("account.team.cancelInviteLabel", { email: i.email })}>
                          {t("account.team.cancelInvite")}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <Form method="post" className="card form" {...getFormProps(form)} noValidate>
        <h2>{t("account.team.inviteHeading")}</h2>
        <p className="hint">{t("account.team.inviteIntro")}</p>
        <input type="hidden" name="intent" value="invite" />
        <div className="field">
          <label htmlFor={fields.email.id}>{t("account.team.inviteEmail")}</label>
          <input {...getInputProps(fields.email, { type: "email" })} key={fields.email.key} autoComplete="off" />
          <FieldError id={fields.email.errorId} message={translateError(t, fields.email.errors?.[0])} />
        </div>
        <div className="field">
          <label htmlFor={fields.name.id}>{t("account.team.inviteName")}</label>
          <input {...getInputProps(fields.name, { type: "text" })} key={fields.name.key} autoComplete="off" />
          <FieldError id={fields.name.errorId} message={translateError(t, fields.name.errors?.[0])} />
        </div>
        <div className="field">
          <label htmlFor={fields.role.id}>{t("account.team.inviteRole")}</label>
          <select {...getSelectProps(fields.role)} key={fields.role.key}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {roleName(role)}
              </option>
            ))}
          </select>
          <FieldError id={fields.role.errorId} message={translateError(t, fields.role.errors?.[0])} />
        </div>
        <button type="submit" className="button primary">
          {t("account.team.inviteSubmit")}
        </button>
      </Form>
    </main>
  );
}

export function ErrorBoundary() {
  return <AccountErrorPage />;
}
