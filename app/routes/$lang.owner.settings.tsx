import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { field } from "~/utils/action-data";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AccountErrorPage } from "~/components/account-error-page";
import { FieldError, translateError } from "~/components/field";
import { STALE_FORM, VERSION_FIELD, versionFrom, versionShown } from "~/domain/edit-version";
import { channels } from "~/domain/intake/definition";
import { byIntent, sentIntent } from "~/domain/form-intent";
import { ProfileSchema } from "~/domain/profile-schema";
import { EmailSettingsFormSchema, emailSettingsFromForm, emailSettingsToForm } from "~/domain/strategy/settings-email";
import { getProfileForEdit, saveProfile } from "~/models/profile.server";
import { getOwnerSettingsForEdit, saveEmailSettings } from "~/models/settings.server";
import { settingsTestEmail } from "~/emails/templates";
import { getT } from "~/i18n/i18n";
import { requireRole } from "~/utils/auth.server";
import { sendEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";

export const meta: MetaFunction = () => [{ title: "Socialbrief" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { headers, user } = await requireRole(request, locale, "owner");
  const profile = await getProfileForEdit();
  const defaults: Record<string, string> = profile
    ? {
        displayName: profile.displayName,
        headlineIt: profile.headlineIt,
        headlineEn: profile.headlineEn,
        bioIt: profile.bioIt,
        bioEn: profile.bioEn,
        photoUrl: profile.photoUrl ?? "",
        email: profile.email ?? "",
        phone: profile.phone ?? "",
        city: profile.city ?? "",
        vatNumber: profile.vatNumber ?? "",
        ...Object.fromEntries(profile.audience.map((a) => [`audience_${a.channel}`, String(a.followers)])),
      }
    : {};
  const { settings, version: settingsVersion } = await getOwnerSettingsForEdit();
  const emailDefaults = emailSettingsToForm(settings.email);
  return data(
    // The version of each stored row its form was opened on (two tabs: the later save is refused).
    { defaults, profileVersion: profile?.version ?? 0, emailDefaults, settingsVersion, senderFallback: senderFallback(), userEmail: user.email, transport: smtpHost() },
    { headers: { ...Object.fromEntries(headers), "Cache-Control": "no-store" } },
  );
}

/** The profile form sends no intent: anything but the email forms' is taken as it. */
const formOf = (intent: unknown) => (intent === "test-email" || intent === "email-settings" ? intent : "profile");
const SettingsActionSchema = byIntent(
  z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("test-email") }),
    EmailSettingsFormSchema.extend({ intent: z.literal("email-settings") }),
    ProfileSchema.extend({ intent: z.literal("profile") }),
  ]),
  formOf,
);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await requireRole(request, locale, "owner");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: SettingsActionSchema });
  if (submission.status !== "success") {
    const reply = submission.reply();
    return formOf(sentIntent(submission.payload)) === "email-settings" ? data({ emailResult: reply }, { status: 400 }) : data({ result: reply }, { status: 400 });
  }
  const input = submission.value;
  if (input.intent === "test-email") {
    const host = smtpHost();
    const result = await sendEmail({
      kind: "settings_test",
      to: user.email,
      locale,
      ...settingsTestEmail({ locale, transport: host ?? getT(locale)("settings.email.outboxTransport") }),
    });
    return data({ emailTest: result.status }, { status: result.status === "failed" ? 502 : 200 });
  }
  if (input.intent === "email-settings") {
    if (!(await saveEmailSettings(emailSettingsFromForm(input), user.id, versionFrom(formData)))) {
      return data({ emailResult: submission.reply({ formErrors: [STALE_FORM] }) }, { status: 409 });
    }
    throw redirect(`/${locale}/owner/settings?saved=email#settings-email`);
  }
  if (!(await saveProfile(input, user.id, versionFrom(formData)))) {
    return data({ result: submission.reply({ formErrors: [STALE_FORM] }) }, { status: 409 });
  }
  throw redirect(`/${locale}/owner/settings?saved=profile`);
}

/** The name part of EMAIL_FROM (what goes out when no sender name is set). */
function senderFallback(): string {
  const from = getEnv().EMAIL_FROM;
  return /^\s*([^<]*?)\s*</.exec(from)?.[1]?.replace(/^"|"$/g, "") || from;
}

/** The SMTP server's host (never its credentials), or null when mail goes to the outbox. */
function smtpHost(): string | null {
  const url = getEnv().SMTP_URL;
  return url ? new URL(url).host : null;
}

const textFields = ["displayName", "headlineIt", "headlineEn", "photoUrl", "email", "phone", "city", "vatNumber"] as const;
const areaFields = ["bioIt", "bioEn"] as const;

export default function SettingsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { defaults, profileVersion, emailDefaults, settingsVersion, senderFallback, userEmail, transport } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm<z.infer<typeof ProfileSchema>>({
    id: "settings-profile",
    lastResult: navigation.state === "idle" ? field(actionData, "result") : undefined,
    // Strings as typed (the form shows them); the schema turns figures into numbers.
    defaultValue: defaults as unknown as Partial<z.infer<typeof ProfileSchema>>,
    constraint: getZodConstraint(ProfileSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
  });
  const [emailForm, emailFields] = useForm<z.infer<typeof EmailSettingsFormSchema>>({
    id: "settings-email-sender",
    lastResult: navigation.state === "idle" ? field(actionData, "emailResult") : undefined,
    defaultValue: emailDefaults,
    constraint: getZodConstraint(EmailSettingsFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EmailSettingsFormSchema }),
  });
  const emailHasErrors = Object.values(emailForm.allErrors).some((e) => e.length > 0);
  const hasErrors = Object.values(form.allErrors).some((e) => e.length > 0);
  const reload = (
    <a href={`/${locale}/owner/settings`}>{t("settings.conflictReload")}</a>
  );
  const number = new Intl.NumberFormat(locale === "it" ? "it-IT" : "en-GB");

  return (
    <main id="main" className="page narrow stacked">
      <h1>{t("settings.title")}</h1>
      <p>
        <Link to={`/${locale}/owner/settings/proposals`}>{t("settings.proposals.link")}</Link>
        {" · "}
        <Link to={`/${locale}/owner/settings/invoicing`}>{t("invoice.settings.link")}</Link>
      </p>
      {searchParams.get("saved") ? (
        <p className="notice" role="status">
          {t("settings.saved")}
        </p>
      ) : null}
      <Form method="post" className="card form" {...getFormProps(form)} noValidate>
        <h2>{t("settings.profile.heading")}</h2>
        <p className="hint">{t("settings.profile.intro")}</p>
        <input type="hidden" name={VERSION_FIELD} value={versionShown(field(actionData, "result")?.initialValue, profileVersion)} />
        {form.errors?.includes(STALE_FORM) ? (
          <p className="form-error" role="alert" id={form.errorId}>
            {t("settings.conflict")} {reload}
          </p>
        ) : hasErrors ? (
          <p className="form-error" role="alert">
            {t("settings.errorSummary")}
          </p>
        ) : null}
        {textFields.map((name) => {
          const field = fields[name];
          return (
            <div className="field" key={name}>
              <label htmlFor={field.id}>{t(`settings.profile.${name}`)}</label>
              <input {...getInputProps(field, { type: name === "email" ? "email" : name === "phone" ? "tel" : "text" })} key={field.key} />
              <FieldError id={field.errorId} message={translateError(t, field.errors?.[0])} />
            </div>
          );
        })}
        {areaFields.map((name) => {
          const field = fields[name];
          return (
            <div className="field" key={name}>
              <label htmlFor={field.id}>{t(`settings.profile.${name}`)}</label>
              <textarea {...getTextareaProps(field)} key={field.key} rows={5} />
              <FieldError id={field.errorId} message={translateError(t, field.errors?.[0])} />
            </div>
          );
        })}
        <fieldset className="field">
          <legend>{t("settings.profile.audienceHeading")}</legend>
          <p className="hint">{t("settings.profile.audienceHint")}</p>
          <div className="audience-inputs">
            {channels.map((channel) => {
              const field = fields[`audience_${channel}`];
              return (
                <div className="field" key={channel}>
                  <label htmlFor={field.id}>{t(`questionnaire.fields.channel_${channel}.label`)}</label>
                  <input {...getInputProps(field, { type: "text" })} key={field.key} inputMode="numeric" placeholder={number.format(0)} />
                  <FieldError id={field.errorId} message={translateError(t, field.errors?.[0])} />
                </div>
              );
            })}
          </div>
        </fieldset>
        <button type="submit" className="button primary">
          {t("settings.save")}
        </button>
      </Form>
      <section className="card form settings-email" aria-labelledby="settings-email">
        <h2 id="settings-email">{t("settings.email.heading")}</h2>
        <p className="hint">{t("settings.email.intro", { transport: transport ?? t("settings.email.outboxTransport") })}</p>
        {field(actionData, "emailTest") ? (
          <p className={field(actionData, "emailTest") === "failed" ? "form-error" : "notice"} role={field(actionData, "emailTest") === "failed" ? "alert" : "status"}>
            {t(`settings.email.${field(actionData, "emailTest")}`, { email: userEmail })}
          </p>
        ) : null}
        <h3>{t("settings.email.senderHeading")}</h3>
        <p className="hint">{t("settings.email.senderIntro")}</p>
        {searchParams.get("saved") === "email" ? (
          <p className="notice" role="status">
            {t("settings.email.savedSender")}
          </p>
        ) : null}
        {emailForm.errors?.includes(STALE_FORM) ? (
          <p className="form-error" role="alert" id={emailForm.errorId}>
            {t("settings.conflict")} {reload}
          </p>
        ) : emailHasErrors ? (
          <p className="form-error" role="alert">
            {t("settings.errorSummary")}
          </p>
        ) : null}
        <Form method="post" className="form" {...getFormProps(emailForm)} noValidate>
          <input type="hidden" name="intent" value="email-settings" />
          <input type="hidden" name={VERSION_FIELD} value={versionShown(field(actionData, "emailResult")?.initialValue, settingsVersion)} />
          {(["senderName", "replyTo"] as const).map((name) => {
            const field = emailFields[name];
            return (
              <div className="field" key={name}>
                <label htmlFor={field.id}>{t(`settings.email.${name}`, { fallback: senderFallback })}</label>
                <input {...getInputProps(field, { type: name === "replyTo" ? "email" : "text" })} key={field.key} />
                <FieldError id={field.errorId} message={translateError(t, field.errors?.[0])} />
              </div>
            );
          })}
          {(["signatureIt", "signatureEn"] as const).map((name) => {
            const field = emailFields[name];
            return (
              <div className="field" key={name}>
                <label htmlFor={field.id}>{t(`settings.email.${name}`)}</label>
                <textarea {...getTextareaProps(field)} key={field.key} rows={3} />
                <FieldError id={field.errorId} message={translateError(t, field.errors?.[0])} />
              </div>
            );
          })}
          <button type="submit" className="button primary">
            {t("settings.email.save")}
          </button>
        </Form>
        <Form method="post">
          <button type="submit" name="intent" value="test-email" className="button">
            {t("settings.email.button", { email: userEmail })}
          </button>
        </Form>
      </section>
    </main>
  );
}

// A member gets the translated "owners only" page (403), not a generic error.
export function ErrorBoundary() {
  return <AccountErrorPage />;
}
