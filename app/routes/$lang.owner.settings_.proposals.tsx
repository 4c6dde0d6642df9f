import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountErrorPage } from "~/components/account-error-page";
import { translateError } from "~/components/field";
import { channels } from "~/domain/intake/definition";
import { settingsFromForm, settingsToForm, type FormErrors } from "~/domain/strategy/settings-form";
import { getBrandLogoVersion, logoPath } from "~/models/brand-logo.server";
import { getOwnerSettings, saveOwnerSettings } from "~/models/settings.server";
import { requireRole } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireRole(request, locale, "owner");
  const [settings, logo] = await Promise.all([getOwnerSettings(), getBrandLogoVersion()]);
  // The logo form redirects back here with what happened (only known words are shown).
  const url = new URL(request.url);
  const logoError = logoErrors.find((e) => e === url.searchParams.get("logoError")) ?? null;
  const logoDone = (["saved", "removed"] as const).find((e) => e === url.searchParams.get("logo")) ?? null;
  return data(
    { values: settingsToForm(settings, locale), packages: settings.packages.length, addOns: settings.addOns.length, studioName: settings.studioName, logoSrc: logo ? logoPath(logo) : null, logoError, logoDone },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

const logoErrors = ["logoType", "logoTooBig", "logoMissing"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await requireRole(request, locale, "owner");
  const form = Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v).slice(0, 4000)]));
  const current = await getOwnerSettings();
  const result = settingsFromForm(form, current, locale);
  if (!result.ok) return Response.json({ errors: result.errors, values: form }, { status: 400 });
  await saveOwnerSettings(result.settings, user.id);
  throw redirect(`/${locale}/owner/settings/proposals?saved=1`);
}

export default function ProposalSettings() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const locale = useLocale();
  const actionData = useActionData<{ errors: FormErrors; values: Record<string, string> }>();
  const [params] = useSearchParams();
  const values = actionData?.values ?? data.values;
  const errors = actionData?.errors ?? {};
  const field = (name: string, label: string, type = "text", extra: Record<string, string> = {}, hint?: string) => {
    const id = `s-${name.replace(/\./g, "-")}`;
    const error = errors[name];
    const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
    const common = { id, name, defaultValue: values[name] ?? "", "aria-invalid": error ? true : undefined, "aria-describedby": describedBy };
    return (
      <div className="field" key={name}>
        <label htmlFor={id}>{label}</label>
        {hint ? (
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        {type === "textarea" ? <textarea {...common} rows={4} /> : <input {...common} type={type} {...extra} />}
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
      <input type="checkbox" name={name} defaultChecked={values[name] === "on"} aria-invalid={errors[name] ? true : undefined} aria-describedby={errors[name] ? `s-${name.replace(/\./g, "-")}-error` : undefined} /> {label}
    </label>
  );
  const errorOf = (name: string) =>
    errors[name] ? (
      <p id={`s-${name.replace(/\./g, "-")}-error`} className="field-error" role="alert">
        {translateError(t, errors[name])}
      </p>
    ) : null;
  const featureChecks = (prefix: string) => (
    <div className="choices-grid">{(["everyday", "cover", "crisisFull", "monitoring", "reportCall"] as const).map((f) => check(`${prefix}.${f}`, t(`settings.proposals.feature.${f}`)))}</div>
  );
  const channelLabel = (c: string) => t(`questionnaire.fields.channel_${c}.label`);
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
      <section className="card form" id="logo" aria-labelledby="logo-heading">
        <h2 id="logo-heading">{t("settings.proposals.logoHeading")}</h2>
        <p className="hint">{t("settings.proposals.logoIntro")}</p>
        {data.logoDone ? (
          <p className="notice" role="status">
            {t(data.logoDone === "saved" ? "settings.proposals.logoSaved" : "settings.proposals.logoRemoved")}
          </p>
        ) : null}
        {data.logoSrc ? (
          <p className="logo-preview">
            <img src={data.logoSrc} alt={t("settings.proposals.logoAlt", { name: data.studioName })} />
          </p>
        ) : (
          <p className="hint">{t("settings.proposals.logoNone")}</p>
        )}
        <Form method="post" action={`/${locale}/owner/settings/logo`} encType="multipart/form-data" reloadDocument>
          <div className="field">
            <label htmlFor="s-logo">{t("settings.proposals.logoFile")}</label>
            <input id="s-logo" name="logo" type="file" accept="image/png,image/jpeg" aria-invalid={data.logoError ? true : undefined} aria-describedby={data.logoError ? "s-logo-error" : undefined} />
            {data.logoError ? (
              <p id="s-logo-error" className="field-error" role="alert">
                {t(`settings.proposals.${data.logoError}`)}
              </p>
            ) : null}
          </div>
          <p className="cta-row">
            <button type="submit" className="button primary">
              {t("settings.proposals.logoUpload")}
            </button>{" "}
            {data.logoSrc ? (
              <button type="submit" name="intent" value="remove" className="button">
                {t("settings.proposals.logoRemove")}
              </button>
            ) : null}
          </p>
        </Form>
      </section>
      <Form method="post" className="stacked" noValidate>
        <fieldset className="card form">
          <legend>{t("settings.proposals.studio")}</legend>
          {field("studioName", t("settings.proposals.studioName"))}
          <p className="hint">{t("settings.proposals.colorHint")}</p>
          <div className="color-fields">
            {field("primaryColor", t("settings.proposals.primaryColor"), "text", { pattern: "#[0-9a-fA-F]{6}", autoComplete: "off" })}
            <span className="swatch" aria-hidden="true" style={{ background: /^#[0-9a-fA-F]{6}$/.test(values.primaryColor ?? "") ? values.primaryColor : "transparent" }}>
              <span style={{ color: /^#[0-9a-fA-F]{6}$/.test(values.accentColor ?? "") ? values.accentColor : "#fff" }}>Aa</span> <span>Aa</span>
            </span>
            {field("accentColor", t("settings.proposals.accentColor"), "text", { pattern: "#[0-9a-fA-F]{6}", autoComplete: "off" })}
          </div>
        </fieldset>
        <fieldset className="card form" aria-describedby="channels-hint">
          <legend>{t("settings.proposals.channelsHeading")}</legend>
          <p className="hint" id="channels-hint">
            {t("settings.proposals.channelsHint")}
          </p>
          <fieldset className="subgroup">
            <legend>{t("settings.proposals.offered")}</legend>
            <div className="choices-grid">{channels.map((c) => check(`channel.${c}`, channelLabel(c)))}</div>
            {errorOf("channelsOffered")}
          </fieldset>
          <fieldset className="subgroup">
            <legend>{t("settings.proposals.cadence")}</legend>
            <div className="cadence-grid">{channels.map((c) => field(`cadence.${c}`, channelLabel(c), "text", { inputMode: "numeric" }))}</div>
          </fieldset>
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
        <fieldset className="card form">
          <legend>{t("settings.proposals.reviewHeading")}</legend>
          {field("proposalWithinWorkingDays", t("settings.proposals.proposalWithinWorkingDays"), "text", { inputMode: "numeric" }, t("settings.proposals.proposalWithinWorkingDaysHint"))}
          {check("autoSendOnSubmit", t("settings.proposals.autoSendOnSubmit"))}
          <p className="hint">{t("settings.proposals.autoSendOnSubmitHint")}</p>
        </fieldset>
        {Array.from({ length: data.packages }, (_, i) => (
          <fieldset className="card form" key={`p${i}`}>
            <legend>{t("settings.proposals.package", { n: i + 1 })}</legend>
            {field(`package.${i}.nameIt`, t("settings.proposals.nameIt"))}
            {field(`package.${i}.nameEn`, t("settings.proposals.nameEn"))}
            {field(`package.${i}.price`, t("settings.proposals.monthlyPrice"), "text", { inputMode: "decimal" })}
            {field(`package.${i}.channels`, t("settings.proposals.channels"), "text", { inputMode: "numeric" })}
            {field(`package.${i}.posts`, t("settings.proposals.posts"), "text", { inputMode: "numeric" })}
            <fieldset className="subgroup">
              <legend>{t("settings.proposals.features")}</legend>
              {featureChecks(`package.${i}`)}
              {field(`package.${i}.shoots`, t("settings.proposals.shoots"), "text", { inputMode: "numeric" })}
            </fieldset>
            {field(`package.${i}.includesIt`, t("settings.proposals.includesIt"), "textarea")}
            {field(`package.${i}.includesEn`, t("settings.proposals.includesEn"), "textarea")}
            {data.packages > 1 ? check(`package.${i}.remove`, t("settings.proposals.removePackage")) : null}
            {errorOf(`package.${i}.remove`)}
          </fieldset>
        ))}
        <fieldset className="card form">
          <legend>{t("settings.proposals.newPackage")}</legend>
          {field("package.new.nameIt", t("settings.proposals.nameIt"))}
          {field("package.new.nameEn", t("settings.proposals.nameEn"))}
          {field("package.new.price", t("settings.proposals.monthlyPrice"), "text", { inputMode: "decimal" })}
          {field("package.new.channels", t("settings.proposals.channels"), "text", { inputMode: "numeric" })}
          {field("package.new.posts", t("settings.proposals.posts"), "text", { inputMode: "numeric" })}
          <fieldset className="subgroup">
            <legend>{t("settings.proposals.features")}</legend>
            {featureChecks("package.new")}
            {field("package.new.shoots", t("settings.proposals.shoots"), "text", { inputMode: "numeric" })}
          </fieldset>
          {field("package.new.includesIt", t("settings.proposals.includesIt"), "textarea")}
          {field("package.new.includesEn", t("settings.proposals.includesEn"), "textarea")}
        </fieldset>
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
