import { getFormProps, getInputProps, getTextareaProps, useForm, type FieldMetadata } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { AccountErrorPage } from "~/components/account-error-page";
import { FieldError, translateError } from "~/components/field";
import { SettingsFormNotices } from "~/components/settings-form-notices";
import { STALE_FORM, VERSION_FIELD, versionFrom, versionShown } from "~/domain/edit-version";
import { channels } from "~/domain/intake/definition";
import type { OwnerSettings } from "~/domain/strategy/settings";
import { settingsFormSchema, settingsToForm, type SettingsForm } from "~/domain/strategy/settings-form";
import { getBrandLogoVersion, logoPath } from "~/models/brand-logo.server";
import { getOwnerSettings, getOwnerSettingsForEdit, saveOwnerSettingsIfUnchanged } from "~/models/settings.server";
import { requireRole } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireRole(request, locale, "owner");
  const [{ settings, version }, logo] = await Promise.all([getOwnerSettingsForEdit(), getBrandLogoVersion()]);
  // The logo form redirects back here with what happened (only known words are shown).
  const url = new URL(request.url);
  const logoError = logoErrors.find((e) => e === url.searchParams.get("logoError")) ?? null;
  const logoDone = (["saved", "removed"] as const).find((e) => e === url.searchParams.get("logo")) ?? null;
  return data(
    // The settings themselves too: the browser checks the form with the same schema.
    { settings, version, defaultValue: settingsToForm(settings, locale), studioName: settings.studioName, logoSrc: logo ? logoPath(logo) : null, logoError, logoDone },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

const logoErrors = ["logoType", "logoTooBig", "logoMissing"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await requireRole(request, locale, "owner");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: settingsFormSchema(await getOwnerSettings(), locale) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  // Saved only if nobody saved the settings since this page was opened (another tab, another owner).
  if (!(await saveOwnerSettingsIfUnchanged(submission.value, user.id, versionFrom(formData)))) {
    return data({ result: submission.reply({ formErrors: [STALE_FORM] }) }, { status: 409 });
  }
  throw redirect(`/${locale}/owner/settings/proposals?saved=1`);
}

type Field = FieldMetadata<string | boolean | undefined, SettingsForm>;

export default function ProposalSettings() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const locale = useLocale();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const schema = useMemo(() => settingsFormSchema(data.settings as OwnerSettings, locale), [data.settings, locale]);
  const [form, fields] = useForm<SettingsForm, OwnerSettings>({
    id: "proposal-settings",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    defaultValue: data.defaultValue as SettingsForm,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const hasErrors = Object.values(form.allErrors).some((e) => e.length > 0);
  const stale = form.errors?.includes(STALE_FORM) ?? false;
  const errorOf = (field: { errorId: string; errors?: string[] }) => <FieldError id={field.errorId} message={translateError(t, field.errors?.[0])} />;
  const field = (f: Field, label: string, options: { inputMode?: "numeric" | "decimal"; type?: "text" | "url"; textarea?: boolean; hint?: string; pattern?: string } = {}) => {
    const hintId = `${f.id}-hint`;
    const describedBy = [options.hint ? hintId : null, f.errors?.length ? f.errorId : null].filter(Boolean).join(" ") || undefined;
    return (
      <div className="field" key={f.key ?? f.name}>
        <label htmlFor={f.id}>{label}</label>
        {options.hint ? (
          <p className="hint" id={hintId}>
            {options.hint}
          </p>
        ) : null}
        {options.textarea ? (
          <textarea {...getTextareaProps(f as FieldMetadata<string | undefined>, { ariaDescribedBy: describedBy })} key={f.key} rows={4} />
        ) : (
          <input
            {...getInputProps(f as FieldMetadata<string | undefined>, { type: options.type ?? "text", ariaDescribedBy: describedBy })}
            key={f.key}
            inputMode={options.inputMode}
            pattern={options.pattern}
            autoComplete={options.pattern ? "off" : undefined}
          />
        )}
        {errorOf(f)}
      </div>
    );
  };
  const check = (f: Field, label: string) => (
    <label className="choice" key={f.name}>
      <input {...getInputProps(f as FieldMetadata<boolean | undefined>, { type: "checkbox" })} key={f.key} /> {label}
    </label>
  );
  const packageFields = (pkg: FieldMetadata<SettingsForm["newPackage"], SettingsForm>) => {
    const p = pkg.getFieldset();
    return (
      <>
        {field(p.nameIt, t("settings.proposals.nameIt"))}
        {field(p.nameEn, t("settings.proposals.nameEn"))}
        {field(p.price, t("settings.proposals.monthlyPrice"), { inputMode: "decimal" })}
        {field(p.channels, t("settings.proposals.channels"), { inputMode: "numeric" })}
        {field(p.posts, t("settings.proposals.posts"), { inputMode: "numeric" })}
        <fieldset className="subgroup">
          <legend>{t("settings.proposals.features")}</legend>
          <div className="choices-grid">{(["everyday", "cover", "crisisFull", "monitoring", "reportCall"] as const).map((f) => check(p[f], t(`settings.proposals.feature.${f}`)))}</div>
          {field(p.shoots, t("settings.proposals.shoots"), { inputMode: "numeric" })}
        </fieldset>
        {field(p.includesIt, t("settings.proposals.includesIt"), { textarea: true })}
        {field(p.includesEn, t("settings.proposals.includesEn"), { textarea: true })}
      </>
    );
  };
  const branding = fields.branding.getFieldset();
  const offered = fields.channelsOffered.getFieldset();
  const cadence = fields.cadence.getFieldset();
  const packages = fields.packages.getFieldList();
  const addOns = fields.addOns.getFieldList();
  const newAddOn = fields.newAddOn.getFieldset();
  const hex = (value: unknown) => (typeof value === "string" && /^#[0-9a-fA-F]{6}$/.test(value) ? value : null);
  const channelLabel = (c: string) => t(`questionnaire.fields.channel_${c}.label`);
  return (
    <main id="main" className="page narrow stacked">
      <h1>{t("settings.proposals.heading")}</h1>
      <p className="lead">{t("settings.proposals.intro")}</p>
      <SettingsFormNotices saved={Boolean(params.get("saved"))} stale={stale} hasErrors={hasErrors} errorId={form.errorId} reloadHref={`/${locale}/owner/settings/proposals`} />
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
      <Form method="post" className="stacked" {...getFormProps(form)} noValidate>
        <input type="hidden" name={VERSION_FIELD} value={versionShown(actionData?.result?.initialValue, data.version)} />
        <fieldset className="card form">
          <legend>{t("settings.proposals.studio")}</legend>
          {field(fields.studioName, t("settings.proposals.studioName"))}
          <p className="hint">{t("settings.proposals.colorHint")}</p>
          <div className="color-fields">
            {field(branding.primaryColor, t("settings.proposals.primaryColor"), { pattern: "#[0-9a-fA-F]{6}" })}
            <span className="swatch" aria-hidden="true" style={{ background: hex(branding.primaryColor.value) ?? "transparent" }}>
              <span style={{ color: hex(branding.accentColor.value) ?? "#fff" }}>Aa</span> <span>Aa</span>
            </span>
            {field(branding.accentColor, t("settings.proposals.accentColor"), { pattern: "#[0-9a-fA-F]{6}" })}
          </div>
        </fieldset>
        <fieldset className="card form" aria-describedby="channels-hint">
          <legend>{t("settings.proposals.channelsHeading")}</legend>
          <p className="hint" id="channels-hint">
            {t("settings.proposals.channelsHint")}
          </p>
          <fieldset className="subgroup" aria-describedby={fields.channelsOffered.errors?.length ? fields.channelsOffered.errorId : undefined}>
            <legend>{t("settings.proposals.offered")}</legend>
            <div className="choices-grid">{channels.map((c) => check(offered[c], channelLabel(c)))}</div>
            {errorOf(fields.channelsOffered)}
          </fieldset>
          <fieldset className="subgroup">
            <legend>{t("settings.proposals.cadence")}</legend>
            <div className="cadence-grid">{channels.map((c) => field(cadence[c], channelLabel(c), { inputMode: "numeric" }))}</div>
          </fieldset>
        </fieldset>
        <fieldset className="card form">
          <legend>{t("settings.proposals.money")}</legend>
          {field(fields.onboardingFee, t("settings.proposals.onboardingFee"), { inputMode: "decimal" })}
          {field(fields.vatRatePercent, t("settings.proposals.vatRatePercent"), { inputMode: "decimal" })}
          <fieldset className="subgroup" aria-describedby="tax-regime-hint">
            <legend>{t("settings.proposals.taxRegime")}</legend>
            <p className="hint" id="tax-regime-hint">
              {t("settings.proposals.taxRegimeHint")}
            </p>
            <div className="choices">
              {(["ordinary", "forfettario"] as const).map((regime) => (
                <label className="choice" key={regime}>
                  <input type="radio" name={fields.taxRegime.name} value={regime} defaultChecked={fields.taxRegime.initialValue === regime} /> {t(`settings.proposals.taxRegimes.${regime}`)}
                </label>
              ))}
            </div>
            {errorOf(fields.taxRegime)}
            <p className="hint">{t("settings.proposals.forfettarioHint")}</p>
            {check(fields.stampDutyToClient, t("settings.proposals.stampDutyToClient"))}
            {check(fields.rivalsaInps, t("settings.proposals.rivalsaInps"))}
          </fieldset>
          {field(fields.retainerMinimumTermMonths, t("settings.proposals.retainerMinimumTermMonths"), { inputMode: "numeric", hint: t("settings.proposals.retainerMinimumTermMonthsHint") })}
          {field(fields.validityDays, t("settings.proposals.validityDays"), { inputMode: "numeric" })}
          {field(fields.responseBusiness, t("settings.proposals.responseBusiness"), { inputMode: "decimal" })}
          {field(fields.responseOutside, t("settings.proposals.responseOutside"), { inputMode: "decimal" })}
          {field(fields.kickoffUrl, t("settings.proposals.kickoffUrl"), { type: "url" })}
        </fieldset>
        <fieldset className="card form">
          <legend>{t("settings.proposals.reviewHeading")}</legend>
          {field(fields.proposalWithinWorkingDays, t("settings.proposals.proposalWithinWorkingDays"), { inputMode: "numeric", hint: t("settings.proposals.proposalWithinWorkingDaysHint") })}
          {check(fields.autoSendOnSubmit, t("settings.proposals.autoSendOnSubmit"))}
          <p className="hint">{t("settings.proposals.autoSendOnSubmitHint")}</p>
        </fieldset>
        {packages.map((pkg, i) => {
          const remove = pkg.getFieldset().remove;
          return (
            <fieldset className="card form" key={pkg.key}>
              <legend>{t("settings.proposals.package", { n: i + 1 })}</legend>
              {packageFields(pkg)}
              {packages.length > 1 ? check(remove, t("settings.proposals.removePackage")) : null}
              {errorOf(remove)}
            </fieldset>
          );
        })}
        <fieldset className="card form">
          <legend>{t("settings.proposals.newPackage")}</legend>
          {packageFields(fields.newPackage)}
        </fieldset>
        {addOns.map((addOn) => {
          const a = addOn.getFieldset();
          return (
            <fieldset className="card form" key={addOn.key}>
              <legend>{(typeof a.nameIt.initialValue === "string" && a.nameIt.initialValue) || t("settings.proposals.addOns")}</legend>
              {field(a.nameIt, t("settings.proposals.nameIt"))}
              {field(a.nameEn, t("settings.proposals.nameEn"))}
              {field(a.price, t("settings.proposals.price"), { inputMode: "decimal" })}
              {check(a.recurring, t("settings.proposals.recurring"))}
              {check(a.remove, t("settings.proposals.remove"))}
            </fieldset>
          );
        })}
        <fieldset className="card form">
          <legend>{t("settings.proposals.newAddOn")}</legend>
          {field(newAddOn.nameIt, t("settings.proposals.nameIt"))}
          {field(newAddOn.nameEn, t("settings.proposals.nameEn"))}
          {field(newAddOn.price, t("settings.proposals.price"), { inputMode: "decimal" })}
          {check(newAddOn.recurring, t("settings.proposals.recurring"))}
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
