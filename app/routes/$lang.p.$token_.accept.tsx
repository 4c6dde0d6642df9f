// The prospect accepts the newest sent version of their proposal: package,
// add-ons, invoicing data, full name and terms. One zod schema for browser and
// server (Conform); works without JavaScript (both invoicing groups show, the
// server picks the one that applies). The version accepted is pinned by its hash.
import { getCollectionProps, getFormProps, getInputProps, useForm, type FieldMetadata } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { field } from "~/utils/action-data";
import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { FieldError, translateError } from "~/components/field";
import { VatLines } from "~/components/vat-lines";
import { acceptanceSchema, clientKinds } from "~/domain/acceptance-schema";
import { onboardingDocument } from "~/domain/acceptable-proposal";
import { euCountries } from "~/domain/eu-vat";
import { quote } from "~/domain/strategy/pricing";
import { isClientKind, vatTreatmentOf, type ClientKind } from "~/domain/tax/treatment";
import { formatDate, formatMoney } from "~/i18n/format";
import { acceptProposal, findAcceptance, isExpired } from "~/models/acceptance.server";
import { getAcceptableProposal, getProposalView } from "~/models/proposal.server";
import { useLocale } from "~/utils/locale";
import { requireLocaleParam } from "~/utils/locale.server";
import { requireLiveLink } from "~/models/gdpr.server";
import { useHydrated } from "remix-utils/use-hydrated";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: ["payment"] } satisfies I18nHandle;

const noStore = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" };

async function acceptable(token: string, locale: "it" | "en") {
  await requireLiveLink(token, locale);
  const proposal = await getAcceptableProposal(token);
  if (!proposal) throw new Response("Not Found", { status: 404 });
  // Already accepted, or past its validity: the proposal page says what happens next.
  if ((await findAcceptance(proposal.leadId)) || isExpired(proposal)) throw redirect(`/${locale}/p/${token}`);
  return proposal;
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const token = params.token ?? "";
  const proposal = await acceptable(token, locale);
  const { view, version } = await getProposalView(token, locale);
  const names = new Map([...(view?.investment.packages ?? []), ...(view?.investment.addOns ?? [])].map((x) => [x.id, x.name]));
  const url = new URL(request.url);
  const choice = quote(proposal, url.searchParams.get("package"), url.searchParams.getAll("addon"));
  return data(
    {
      token,
      organisation: proposal.organisation,
      email: proposal.email,
      contactName: proposal.contactName,
      versionHash: proposal.versionHash,
      versionNumber: version?.number ?? 1,
      sentAt: version?.sentAt ?? null,
      validUntil: proposal.validUntil,
      vatRatePercent: proposal.vatRatePercent,
      taxRegime: proposal.taxRegime,
      onboardingNetCents: proposal.onboardingNetCents,
      packages: proposal.packages.map((p) => ({ ...p, name: names.get(p.id) ?? p.name })),
      addOns: proposal.addOns.map((a) => ({ ...a, name: names.get(a.id) ?? a.name })),
      defaults: { packageId: choice.packageId, addOnIds: choice.addOnIds, kind: "business", fullName: proposal.contactName },
    },
    { headers: noStore },
  );
}

export async function action({ params, request }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const token = params.token ?? "";
  const proposal = await acceptable(token, locale);
  const schema = acceptanceSchema({ packageIds: proposal.packages.map((p) => p.id), addOnIds: proposal.addOns.map((a) => a.id) });
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data({ result: submission.reply(), reason: null }, { status: 400, headers: noStore });
  const outcome = await acceptProposal(proposal, submission.value, { ip: request.headers.get("X-Client-IP"), userAgent: request.headers.get("User-Agent"), locale });
  if (!outcome.ok) {
    if (outcome.reason === "accepted") throw redirect(`/${locale}/p/${token}`);
    return data({ result: submission.reply({ formErrors: [`payment.errors.${outcome.reason}`] }), reason: outcome.reason }, { status: 409, headers: noStore });
  }
  throw redirect(`/${locale}/p/${token}?accepted=1`);
}

type Meta = FieldMetadata<string | undefined>;


function TextField({ meta, label, hint, autoComplete, inputMode, upper }: { meta: Meta; label: string; hint?: string; autoComplete?: string; inputMode?: "numeric" | "email"; upper?: boolean }) {
  const { t } = useTranslation();
  const error = translateError(t, meta.errors?.[0]);
  const describedBy = [hint ? meta.descriptionId : null, error ? meta.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p className="hint" id={meta.descriptionId}>
          {hint}
        </p>
      ) : null}
      <input
        {...getInputProps(meta, { type: inputMode === "email" ? "email" : "text" })}
        key={undefined}
        autoComplete={autoComplete ?? "off"}
        inputMode={inputMode}
        autoCapitalize={upper ? "characters" : undefined}
        spellCheck={upper ? false : undefined}
        aria-describedby={describedBy}
      />
      <FieldError id={meta.errorId} message={error} />
    </div>
  );
}

export default function AcceptPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);
  const schema = useMemo(() => acceptanceSchema({ packageIds: data.packages.map((p) => p.id), addOnIds: data.addOns.map((a) => a.id) }), [data.packages, data.addOns]);
  const [form, fields] = useForm({
    id: "accept",
    lastResult: field(actionData, "result"),
    defaultValue: { ...data.defaults, versionHash: data.versionHash },
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const money = (cents: number) => formatMoney(cents, locale);
  const day = (d: string | Date) => formatDate(typeof d === "string" && d.length === 10 ? new Date(`${d}T12:00:00Z`) : new Date(d), locale, "long");

  // After a server answer with errors, focus the first field in error (or the form's message).
  useEffect(() => {
    if (!field(actionData, "result")?.error && !field(actionData, "result")?.status) return;
    formRef.current?.querySelector<HTMLElement>('.form-error, [aria-invalid="true"]')?.focus();
  }, [actionData]);

  const typedKind = (fields.kind.value as string | undefined) ?? data.defaults.kind;
  const kind: ClientKind = isClientKind(typedKind) ? typedKind : "business";
  const treatment = vatTreatmentOf(kind);
  /** With JavaScript only the fields of the kind chosen show (the others are disabled, so not sent). */
  const hiddenUnless = (...kinds: ClientKind[]) => ({ hidden: hydrated && !kinds.includes(kind), disabled: hydrated && !kinds.includes(kind) });
  const chosenPackage = (fields.packageId.value as string | undefined) ?? data.defaults.packageId;
  const rawAddOns = fields.addOnIds.value as string | string[] | undefined;
  const chosenAddOns = rawAddOns === undefined ? (hydrated ? [] : data.defaults.addOnIds) : Array.isArray(rawAddOns) ? rawAddOns : [rawAddOns];
  const prices = { vatRatePercent: data.vatRatePercent, taxRegime: data.taxRegime, onboardingNetCents: data.onboardingNetCents, packages: data.packages, addOns: data.addOns };
  // The amounts follow who the client is (split payment, reverse charge, out of scope).
  const totals = quote(prices, chosenPackage, chosenAddOns, treatment);
  const oneOffAddOns = data.addOns.filter((a) => !a.recurring && totals.addOnIds.includes(a.id)).reduce((sum, a) => sum + a.priceNetCents, 0);
  // The regime forfettario charges no VAT: prices are not "+ IVA".
  const noVat = data.taxRegime?.kind === "forfettario";
  const formError = form.errors?.[0];
  const hash = data.versionHash.slice(0, 12);
  const busy = navigation.state === "submitting";

  return (
    <main id="main" className="page narrow accept-page">
      <p>
        <Link to={`/${locale}/p/${data.token}`}>← {t("payment.accept.back")}</Link>
      </p>
      <h1>{t("payment.accept.title")}</h1>
      <p className="lead">
        {t("payment.accept.intro", { organisation: data.organisation, version: data.versionNumber, date: data.sentAt ? day(data.sentAt) : "—", validUntil: day(data.validUntil) })}
      </p>
      <Form method="post" className="form" {...getFormProps(form)} ref={formRef} noValidate>
        {formError ? (
          <p className="form-error" role="alert" id={form.errorId} tabIndex={-1}>
            {translateError(t, formError)}
            {field(actionData, "reason") === "changed" ? (
              <>
                {" "}
                <a href={`/${locale}/p/${data.token}`}>{t("payment.accept.back")}</a>
              </>
            ) : null}
          </p>
        ) : null}
        <input {...getInputProps(fields.versionHash, { type: "hidden" })} key={undefined} />

        <fieldset className="card field choice-group" aria-invalid={fields.packageId.errors ? true : undefined} aria-describedby={fields.packageId.errors ? fields.packageId.errorId : undefined}>
          <legend>{t("payment.accept.package")}</legend>
          <div className="choices">
            {getCollectionProps(fields.packageId, { type: "radio", options: data.packages.map((p) => p.id) }).map((props) => {
              const pkg = data.packages.find((p) => p.id === props.value)!;
              return (
                <label key={props.key} className="choice">
                  <input {...props} key={undefined} aria-describedby={undefined} />
                  <span>
                    <strong>{pkg.name}</strong> · {t(noVat ? "payment.accept.perMonthNoVat" : "payment.accept.perMonth", { price: money(pkg.monthlyNetCents) })}
                    {pkg.recommended ? <span className="badge badge-recommended">{t("payment.accept.recommended")}</span> : null}
                  </span>
                </label>
              );
            })}
          </div>
          <FieldError id={fields.packageId.errorId} message={translateError(t, fields.packageId.errors?.[0])} />
        </fieldset>

        {data.addOns.length ? (
          <fieldset className="card field choice-group" aria-describedby={fields.addOnIds.descriptionId}>
            <legend>{t("payment.accept.addOns")}</legend>
            <p className="hint" id={fields.addOnIds.descriptionId}>
              {t("payment.accept.addOnsHint")}
            </p>
            <div className="choices">
              {getCollectionProps(fields.addOnIds, { type: "checkbox", options: data.addOns.map((a) => a.id) }).map((props) => {
                const addOn = data.addOns.find((a) => a.id === props.value)!;
                return (
                  <label key={props.key} className="choice">
                    <input {...props} key={undefined} aria-describedby={undefined} />
                    <span>
                      {addOn.name} · {t(`payment.accept.${addOn.recurring ? "addOnMonthly" : "addOnOneOff"}${noVat ? "NoVat" : ""}`, { price: money(addOn.priceNetCents) })}
                    </span>
                  </label>
                );
              })}
            </div>
            <FieldError id={fields.addOnIds.errorId} message={translateError(t, fields.addOnIds.errors?.[0])} />
          </fieldset>
        ) : null}

        <section className="card accept-summary" aria-labelledby="summary-heading">
          <h2 id="summary-heading">{t("payment.accept.summary")}</h2>
          <div className="totals" aria-live="polite">
            <VatLines amount={totals.monthly.document} heading={t("payment.accept.monthly")} testId="accept-monthly" />
            <VatLines amount={onboardingDocument(prices, treatment)} heading={t(treatment === "splitPayment" ? "payment.accept.dueByTransfer" : "payment.accept.dueNow")} testId="accept-due-now" />
          </div>
          <p className="hint">{t("payment.accept.monthlyLater")}</p>
          {oneOffAddOns > 0 ? <p className="hint">{t(noVat ? "payment.accept.oneOffLaterNoVat" : "payment.accept.oneOffLater", { amount: money(oneOffAddOns) })}</p> : null}
          {hydrated ? null : <p className="hint">{t("payment.accept.noJsTotals")}</p>}
        </section>

        <fieldset className="card field">
          <legend>{t("payment.accept.invoicing")}</legend>
          <p className="hint">{t("payment.accept.invoicingHint")}</p>
          <fieldset className="choice-group kind-group" aria-invalid={fields.kind.errors ? true : undefined} aria-describedby={fields.kind.errors ? fields.kind.errorId : undefined}>
            <legend>{t("payment.accept.kind")}</legend>
            <div className="choices">
              {getCollectionProps(fields.kind, { type: "radio", options: [...clientKinds] }).map((props) => (
                <label key={props.key} className="choice">
                  <input {...props} key={undefined} aria-describedby={undefined} />
                  <span>{t(`payment.accept.kinds.${props.value}`)}</span>
                </label>
              ))}
            </div>
            <FieldError id={fields.kind.errorId} message={translateError(t, fields.kind.errors?.[0])} />
          </fieldset>
          {/* Without JavaScript every group shows; with it, only the fields of the kind chosen (the server keeps only those). */}
          <fieldset className="field subgroup" {...hiddenUnless("business", "association", "public", "eu", "nonEu")}>
            <legend>{t(`payment.accept.kinds.${kind}`)}</legend>
            <TextField meta={fields.legalName} label={t("payment.accept.legalName")} autoComplete="organization" />
          </fieldset>
          <fieldset className="field subgroup" {...hiddenUnless("business", "association")}>
            <TextField meta={fields.partitaIva} label={t("payment.accept.partitaIva")} hint={t(kind === "association" ? "payment.accept.partitaIvaOptional" : "payment.accept.partitaIvaHint")} upper />
            <TextField meta={fields.codiceDestinatario} label={t("payment.accept.codiceDestinatario")} hint={t("payment.accept.codiceDestinatarioHint")} upper />
            <TextField meta={fields.pec} label={t("payment.accept.pec")} hint={t("payment.accept.pecHint")} inputMode="email" />
          </fieldset>
          <fieldset className="field subgroup" {...hiddenUnless("person", "association", "public")}>
            <TextField
              meta={fields.codiceFiscale}
              label={t(kind === "person" || !hydrated ? "payment.accept.codiceFiscale" : "payment.accept.numericCodiceFiscale")}
              hint={t(!hydrated ? "payment.accept.codiceFiscaleAnyHint" : kind === "person" ? "payment.accept.codiceFiscaleHint" : "payment.accept.numericCodiceFiscaleHint")}
              upper
            />
          </fieldset>
          <fieldset className="field subgroup" {...hiddenUnless("public")}>
            <TextField meta={fields.codiceUfficio} label={t("payment.accept.codiceUfficio")} hint={t("payment.accept.codiceUfficioHint")} upper />
            <TextField meta={fields.cig} label={t("payment.accept.cig")} upper />
            <TextField meta={fields.cup} label={t("payment.accept.cup")} upper />
          </fieldset>
          <fieldset className="field subgroup" {...hiddenUnless("eu", "nonEu")}>
            <TextField meta={fields.country} label={t("payment.accept.country")} hint={t(kind === "eu" ? "payment.accept.countryEuHint" : "payment.accept.countryHint", { countries: euCountries.join(", ") })} upper />
            <TextField meta={fields.vatNumber} label={t(kind === "eu" ? "payment.accept.euVatNumber" : "payment.accept.foreignTaxNumber")} upper />
          </fieldset>
          <TextField meta={fields.address} label={t("payment.accept.address")} autoComplete="street-address" />
          <div className="address-row">
            <TextField meta={fields.postalCode} label={t("payment.accept.postalCode")} autoComplete="postal-code" inputMode={kind === "eu" || kind === "nonEu" ? undefined : "numeric"} />
            <TextField meta={fields.city} label={t("payment.accept.city")} autoComplete="address-level2" />
            <fieldset className="bare" {...hiddenUnless("business", "person", "association", "public")}>
              <TextField meta={fields.province} label={t("payment.accept.province")} upper />
            </fieldset>
          </div>
        </fieldset>

        <fieldset className="card field">
          <legend>{t("payment.accept.confirm")}</legend>
          <TextField meta={fields.fullName} label={t("payment.accept.fullName")} hint={t("payment.accept.fullNameHint", { organisation: data.organisation })} autoComplete="name" />
          <div className="field">
            <label className="choice consent">
              <input
                {...getInputProps(fields.terms, { type: "checkbox" })}
                key={undefined}
                aria-describedby={fields.terms.errors ? fields.terms.errorId : undefined}
              />
              <span>{t("payment.accept.terms", { version: data.versionNumber, hash })}</span>
            </label>
            <p className="hint">
              <a href={`/${locale}/p/${data.token}#part-terms`} target="_blank" rel="noreferrer">
                {t("payment.accept.termsLink")}
              </a>
            </p>
            <FieldError id={fields.terms.errorId} message={translateError(t, fields.terms.errors?.[0])} />
          </div>
          <p className="hint">{t("payment.accept.receiptTo", { email: data.email })}</p>
        </fieldset>
        <button type="submit" className="button primary button-large" disabled={busy}>
          {busy ? t("payment.accept.submitting") : t("payment.accept.submit")}
        </button>
      </Form>
    </main>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
