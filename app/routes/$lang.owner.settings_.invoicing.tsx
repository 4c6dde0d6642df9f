// The owner's fiscal identity (cedente prestatore on every invoice): legal
// name, Partita IVA, codice fiscale, address, IBAN, PEC. Owner only; saved only
// if the settings are still the version the page was opened on (two tabs).
import { getFormProps, getInputProps, useForm, type FieldMetadata } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountErrorPage } from "~/components/account-error-page";
import { FieldError, translateError } from "~/components/field";
import { SettingsFormNotices } from "~/components/settings-form-notices";
import { STALE_FORM, VERSION_FIELD, versionFrom, versionShown } from "~/domain/edit-version";
import { fiscalIdentityFromForm, fiscalIdentityToForm, FiscalIdentityFormSchema, regimeFiscaleOf, type FiscalIdentityForm } from "~/domain/invoice/fiscal-identity";
import { taxRegimeOf } from "~/domain/tax/regime";
import { getOwnerSettingsForEdit, saveFiscalIdentity } from "~/models/settings.server";
import { requireRole } from "~/utils/auth.server";
import { useLocale } from "~/utils/locale";
import { requireLocaleParam } from "~/utils/locale.server";

export const meta: MetaFunction = () => [{ title: "Socialbrief" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { headers } = await requireRole(request, locale, "owner");
  const { settings, version } = await getOwnerSettingsForEdit();
  return data(
    { defaultValue: fiscalIdentityToForm(settings.fiscal), version, regimeFiscale: regimeFiscaleOf(taxRegimeOf(settings)) },
    { headers: { ...Object.fromEntries(headers), "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await requireRole(request, locale, "owner");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: FiscalIdentityFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  if (!(await saveFiscalIdentity(fiscalIdentityFromForm(submission.value), user.id, versionFrom(formData)))) {
    return data({ result: submission.reply({ formErrors: [STALE_FORM] }) }, { status: 409 });
  }
  throw redirect(`/${locale}/owner/settings/invoicing?saved=1`);
}

type Field = FieldMetadata<string | undefined, FiscalIdentityForm>;

export default function InvoicingSettings() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const locale = useLocale();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const [form, fields] = useForm<FiscalIdentityForm>({
    // A new id after each save: the fields then show what was stored (normalised), not what was typed.
    id: `invoicing-settings-${loaded.version}`,
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    defaultValue: loaded.defaultValue,
    constraint: getZodConstraint(FiscalIdentityFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FiscalIdentityFormSchema }),
  });
  const stale = form.errors?.includes(STALE_FORM) ?? false;
  const hasErrors = Object.values(form.allErrors).some((e) => e.length > 0);
  const field = (f: Field, label: string, options: { hint?: string; autoComplete?: string; inputMode?: "numeric" } = {}) => {
    const hintId = `${f.id}-hint`;
    const describedBy = [options.hint ? hintId : null, f.errors?.length ? f.errorId : null].filter(Boolean).join(" ") || undefined;
    return (
      <div className="field">
        <label htmlFor={f.id}>{label}</label>
        {options.hint ? (
          <p className="hint" id={hintId}>
            {options.hint}
          </p>
        ) : null}
        <input {...getInputProps(f, { type: "text", ariaDescribedBy: describedBy })} key={f.key} autoComplete={options.autoComplete ?? "off"} inputMode={options.inputMode} />
        <FieldError id={f.errorId} message={translateError(t, f.errors?.[0])} />
      </div>
    );
  };
  return (
    <main id="main" className="page narrow stacked">
      <p>
        <Link to={`/${locale}/owner/settings`}>← {t("settings.title")}</Link>
      </p>
      <h1>{t("invoice.settings.heading")}</h1>
      <p className="lead">{t("invoice.settings.intro")}</p>
      <p>{t("invoice.settings.regime", { code: loaded.regimeFiscale })}</p>
      <SettingsFormNotices saved={Boolean(params.get("saved"))} savedText={t("invoice.settings.saved")} stale={stale} hasErrors={hasErrors} errorId={form.errorId} reloadHref={`/${locale}/owner/settings/invoicing`} />
      <Form method="post" className="card form" {...getFormProps(form)} noValidate>
        <input type="hidden" name={VERSION_FIELD} value={versionShown(actionData?.result?.initialValue, loaded.version)} />
        {field(fields.firstName, t("invoice.settings.firstName"), { autoComplete: "given-name" })}
        {field(fields.lastName, t("invoice.settings.lastName"), { autoComplete: "family-name" })}
        {field(fields.companyName, t("invoice.settings.companyName"), { hint: t("invoice.settings.companyNameHint"), autoComplete: "organization" })}
        {field(fields.partitaIva, t("invoice.settings.partitaIva"), { inputMode: "numeric" })}
        {field(fields.codiceFiscale, t("invoice.settings.codiceFiscale"))}
        {field(fields.address, t("invoice.settings.address"), { autoComplete: "street-address" })}
        {field(fields.postalCode, t("invoice.settings.postalCode"), { autoComplete: "postal-code", inputMode: "numeric" })}
        {field(fields.city, t("invoice.settings.city"), { autoComplete: "address-level2" })}
        {field(fields.province, t("invoice.settings.province"))}
        {field(fields.iban, t("invoice.settings.iban"), { hint: t("invoice.settings.ibanHint") })}
        {field(fields.pec, t("invoice.settings.pec"), { autoComplete: "email" })}
        <button type="submit" className="button primary">
          {t("invoice.settings.save")}
        </button>
      </Form>
    </main>
  );
}

export function ErrorBoundary() {
  return <AccountErrorPage />;
}
