import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountErrorPage } from "~/components/account-error-page";
import { translateError } from "~/components/field";
import { settingsFromForm, settingsToForm, type FormErrors } from "~/domain/strategy/settings-form";
import { getOwnerSettings, saveOwnerSettings } from "~/models/settings.server";
import { requireRole } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireRole(request, locale, "owner");
  const settings = await getOwnerSettings();
  return Response.json({ values: settingsToForm(settings, locale), packages: settings.packages.length, addOns: settings.addOns.length }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await requireRole(request, locale, "owner");
  const form = Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v).slice(0, 500)]));
  const current = await getOwnerSettings();
  const result = settingsFromForm(form, current, locale);
  if (!result.ok) return Response.json({ errors: result.errors, values: form }, { status: 400 });
  await saveOwnerSettings(result.settings, user.id);
  throw redirect(`/${locale}/owner/settings/proposals?saved=1`);
}

export default function ProposalSettings() {
  const { t } = useTranslation();
  const data = useLoaderData<{ values: Record<string, string>; packages: number; addOns: number }>();
  const actionData = useActionData<{ errors: FormErrors; values: Record<string, string> }>();
  const [params] = useSearchParams();
  const values = actionData?.values ?? data.values;
  const errors = actionData?.errors ?? {};
  const field = (name: string, label: string, type = "text", extra: Record<string, string> = {}) => {
    const id = `s-${name.replace(/\./g, "-")}`;
    const error = errors[name];
    return (
      <div className="field" key={name}>
        <label htmlFor={id}>{label}</label>
        <input id={id} name={name} type={type} defaultValue={values[name] ?? ""} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...extra} />
        {error ? (
          <p id={`${id}-error`} className="field-error" role="alert">
            {translateError(t, error)}
          </p>
        ) : null}
      </div>
    );
  };
  const check = (name: string, label: string) => (
    <label className="choice" key={name}>
      <input type="checkbox" name={name} defaultChecked={values[name] === "on"} /> {label}
    </label>
  );
  return (
    <main id="main" className="page narrow stacked">
      <h1>{t("settings.proposals.heading")}</h1>
      <p className="lead">{t("settings.proposals.intro")}</p>
      {params.get("saved") ? (
        <p className="notice" role="status">
          {t("settings.saved")}
        </p>
      ) : null}
      {Object.keys(errors).length ? (
        <p className="form-error" role="alert">
          {t("settings.errorSummary")}
        </p>
      ) : null}
      <Form method="post" className="stacked" noValidate>
        <fieldset className="card form">
          <legend>{t("settings.proposals.studio")}</legend>
          {field("studioName", t("settings.proposals.studioName"))}
          {field("primaryColor", t("settings.proposals.primaryColor"), "text", { pattern: "#[0-9a-fA-F]{6}" })}
          {field("accentColor", t("settings.proposals.accentColor"), "text", { pattern: "#[0-9a-fA-F]{6}" })}
        </fieldset>
        <fieldset className="card form">
          <legend>{t("settings.proposals.money")}</legend>
          {field("onboardingFee", t("settings.proposals.onboardingFee"), "text", { inputMode: "decimal" })}
          {field("vatRatePercent", t("settings.proposals.vatRatePercent"), "text", { inputMode: "decimal" })}
          {field("validityDays", t("settings.proposals.validityDays"), "text", { inputMode: "numeric" })}
          {field("responseBusiness", t("settings.proposals.responseBusiness"), "text", { inputMode: "decimal" })}
          {field("responseOutside", t("settings.proposals.responseOutside"), "text", { inputMode: "decimal" })}
          {field("kickoffUrl", t("settings.proposals.kickoffUrl"), "url")}
        </fieldset>
        {Array.from({ length: data.packages }, (_, i) => (
          <fieldset className="card form" key={`p${i}`}>
            <legend>{t("settings.proposals.package", { n: i + 1 })}</legend>
            {field(`package.${i}.nameIt`, t("settings.proposals.nameIt"))}
            {field(`package.${i}.nameEn`, t("settings.proposals.nameEn"))}
            {field(`package.${i}.price`, t("settings.proposals.monthlyPrice"), "text", { inputMode: "decimal" })}
            {field(`package.${i}.channels`, t("settings.proposals.channels"), "text", { inputMode: "numeric" })}
            {field(`package.${i}.posts`, t("settings.proposals.posts"), "text", { inputMode: "numeric" })}
          </fieldset>
        ))}
        {Array.from({ length: data.addOns }, (_, i) => (
          <fieldset className="card form" key={`a${i}`}>
            <legend>{values[`addon.${i}.nameIt`] || t("settings.proposals.addOns")}</legend>
            {field(`addon.${i}.nameIt`, t("settings.proposals.nameIt"))}
            {field(`addon.${i}.nameEn`, t("settings.proposals.nameEn"))}
            {field(`addon.${i}.price`, t("settings.proposals.price"), "text", { inputMode: "decimal" })}
            {check(`addon.${i}.recurring`, t("settings.proposals.recurring"))}
            {check(`addon.${i}.remove`, t("settings.proposals.remove"))}
          </fieldset>
        ))}
        <fieldset className="card form">
          <legend>{t("settings.proposals.newAddOn")}</legend>
          {field("addon.new.nameIt", t("settings.proposals.nameIt"))}
          {field("addon.new.nameEn", t("settings.proposals.nameEn"))}
          {field("addon.new.price", t("settings.proposals.price"), "text", { inputMode: "decimal" })}
          {check("addon.new.recurring", t("settings.proposals.recurring"))}
        </fieldset>
        <button type="submit" className="button primary">
          {t("settings.save")}
        </button>
      </Form>
    </main>
  );
}

// A member gets the translated "owners only" page (403), not a generic error.
export function ErrorBoundary() {
  return <AccountErrorPage />;
}
