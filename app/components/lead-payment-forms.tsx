// The payments panel's two forms (components/lead-payments.tsx): a bank
// transfer received, and the owner accepting a differing amount. Conform +
// zod with the schemas the action parses (domain/payment-forms.ts); with
// JavaScript they post through the panel's fetchers and show the action's
// result, without it they post and the page comes back with a status.
import { getFormProps, getInputProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { useFetcher } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { manualPaymentSchema, reviewPaymentSchema } from "~/domain/payment-forms";
import { useLocale } from "~/utils/locale";
import { FieldError, translateError } from "./field";

// Forms leave the browser's own checks (required, maxLength from the schema) on
// until a script runs Conform's (`js`: hydrated): Conform sets noValidate from the start.

/** What the action answers a fetcher: Conform's result, and what was done when it worked. */
export type FetcherData = { result: SubmissionResult<string[]>; ok?: "saved" | "reviewed" };

export const isPanelKey = (key: string | null | undefined): key is string => Boolean(key && /^payment\.panel\.errors\.\w+$/.test(key));

function Hidden({ redirectTo, js }: { redirectTo: string; js: boolean }) {
  return (
    <>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      {js ? <input type="hidden" name="js" value="1" /> : null}
    </>
  );
}

/** A labelled input with its (translated) message. */
function Field({ field, label, children }: { field: FieldMetadata<string | undefined>; label: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {children}
      <FieldError id={field.errorId} message={translateError(t, field.errors?.[0])} />
    </div>
  );
}

type PanelFetcher = ReturnType<typeof useFetcher<FetcherData>>;

const romeDay = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome" }).format(new Date());

/** The form's message (a panel i18n key; nothing for anything else) and its button, off while the fetcher is busy. */
function Submit({ id, errors, busy, label }: { id: string; errors: string[] | undefined; busy: boolean; label: string }) {
  const { t } = useTranslation();
  const key = errors?.[0];
  return (
    <>
      {isPanelKey(key) ? (
        <p id={id} className="form-error" role="alert">
          {t(key)}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy}>
        {label}
      </button>
    </>
  );
}

/** A bank transfer received (any team member; another amount than the accepted fee is the owner's). */
export function ManualForm(props: { leadId: string; fetcher: PanelFetcher; action: string; redirectTo: string; js: boolean; defaultAmount: string; hint: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const today = romeDay();
  const schema = manualPaymentSchema(locale, today);
  const { fetcher } = props;
  const [form, fields] = useForm({
    id: `manual-${props.leadId}`,
    lastResult: fetcher.data?.result,
    defaultValue: { amount: props.defaultAmount, paidOn: today },
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const hintId = `${form.id}-hint`;
  return (
    <fetcher.Form method="post" action={props.action} className="form" {...getFormProps(form)} noValidate={props.js} aria-describedby={form.errors?.length ? `${hintId} ${form.errorId}` : hintId}>
      <p className="hint" id={hintId}>
        {props.hint}
      </p>
      <Hidden redirectTo={props.redirectTo} js={props.js} />
      <input type="hidden" name="intent" value="manual" />
      <div className="address-row">
        <Field field={fields.amount} label={t("payment.panel.manualAmount")}>
          <input {...getInputProps(fields.amount, { type: "text" })} inputMode="decimal" />
        </Field>
        <Field field={fields.paidOn} label={t("payment.panel.manualDate")}>
          <input {...getInputProps(fields.paidOn, { type: "date" })} max={today} />
        </Field>
      </div>
      <Field field={fields.note} label={t("payment.panel.manualNote")}>
        <textarea {...getTextareaProps(fields.note)} rows={2} />
      </Field>
      <Submit id={form.errorId} errors={form.errors} busy={fetcher.state !== "idle"} label={t("payment.panel.manualSubmit")} />
    </fetcher.Form>
  );
}

/** The owner takes a differing amount as received, with a note. One fetcher for the panel: a result is this row's when it names this payment. */
export function ReviewForm(props: { paymentId: string; fetcher: PanelFetcher; action: string; redirectTo: string; js: boolean }) {
  const { t } = useTranslation();
  const { fetcher } = props;
  const result = fetcher.state === "idle" ? fetcher.data?.result : undefined;
  const [form, fields] = useForm({
    id: `review-${props.paymentId}`,
    lastResult: result?.initialValue?.paymentId === props.paymentId ? result : undefined,
    constraint: getZodConstraint(reviewPaymentSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reviewPaymentSchema }),
  });
  return (
    <fetcher.Form method="post" action={props.action} className="form inline-form" {...getFormProps(form)} noValidate={props.js}>
      <Hidden redirectTo={props.redirectTo} js={props.js} />
      <input type="hidden" name="intent" value="review" />
      <input type="hidden" name="paymentId" value={props.paymentId} />
      <Field field={fields.note} label={t("payment.panel.reviewNote")}>
        <input {...getInputProps(fields.note, { type: "text" })} />
      </Field>
      <Submit id={form.errorId} errors={form.errors} busy={fetcher.state !== "idle"} label={t("payment.panel.reviewSubmit")} />
    </fetcher.Form>
  );
}
