import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { TFunction } from "i18next";
import { fieldLimit, optionSets, type FieldSpec } from "~/domain/intake/definition";
import { formatNumber } from "~/i18n/format";
import type { Locale } from "~/i18n/i18n";
import { useLocale } from "~/utils/locale";
import { FieldError, translateError } from "./field";

type Meta = FieldMetadata<unknown, Record<string, unknown>, string[]>;

function hintKey(field: FieldSpec) {
  return `questionnaire.fields.${field.label ?? field.name}.hint`;
}

export function fieldLabel(t: TFunction, field: FieldSpec): string {
  return t(`questionnaire.fields.${field.label ?? field.name}.label`);
}

export function optionLabel(t: TFunction, field: FieldSpec, value: string): string {
  return t(`questionnaire.options.${field.options}.${value}`, { defaultValue: value });
}

/** Free text long enough to count: every textarea, and lines of 200 characters or more. */
function hasCounter(field: FieldSpec): boolean {
  return field.kind === "textarea" || (field.kind === "text" && fieldLimit(field) >= 200);
}

/**
 * How much is left: as plain text "max 5.000 caratteri" (also without
 * JavaScript); the intake's enhancement script (app/enhance/intake.ts) turns it
 * into a live "1.234 / 5.000" that warns near and past the limit.
 */
function CharCounter({ id, inputId, max, t, locale }: { id: string; inputId: string; max: number; t: TFunction; locale: Locale }) {
  return (
    <p className="hint char-count" id={id} data-counter-for={inputId} data-max={max}>
      {t("questionnaire.counter.max", { max: formatNumber(max, locale) })}
    </p>
  );
}

/** The attributes that tell the enhancement script when a field shows (FieldSpec.showWhen). */
function showWhenProps(field: FieldSpec): Record<string, string> {
  if (!field.showWhen) return {};
  return { "data-show-field": field.showWhen.field, ...(field.showWhen.equals === undefined ? {} : { "data-show-equals": field.showWhen.equals }) };
}

/** One questionnaire field: label, hint, control and error, tied together for screen readers. */
export function IntakeField({ field, meta, t, autoFocus }: { field: FieldSpec; meta: Meta; t: TFunction; autoFocus?: boolean }) {
  const locale = useLocale();
  const show = showWhenProps(field);
  const hint = t(hintKey(field), { defaultValue: "" });
  const error = translateError(t, meta.errors?.[0], locale);
  const counter = hasCounter(field);
  const counterId = `${meta.id}-count`;
  const describedBy = [hint ? meta.descriptionId : null, counter ? counterId : null, error ? meta.errorId : null].filter(Boolean).join(" ") || undefined;
  const label = fieldLabel(t, field);
  const marker = field.required ? null : <span className="optional"> ({t("questionnaire.optional")})</span>;
  const options = field.options ? (optionSets[field.options] as readonly string[]) : [];

  if (field.kind === "radio" || field.kind === "checkboxes") {
    const type = field.kind === "radio" ? "radio" : "checkbox";
    return (
      <fieldset className="field choice-group" {...show} aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
        <legend>
          {label}
          {marker}
        </legend>
        {hint ? (
          <p className="hint" id={meta.descriptionId}>
            {hint}
          </p>
        ) : null}
        <div className={`choices choices-${options.length > 4 ? "many" : "few"}`}>
          {getCollectionProps(meta, { type, options: [...options], value: true }).map((props, index) => (
            <label key={props.key} className="choice">
              <input {...props} key={undefined} autoFocus={autoFocus && index === 0} aria-describedby={undefined} />
              <span>{optionLabel(t, field, props.value)}</span>
            </label>
          ))}
        </div>
        <FieldError id={meta.errorId} message={error} />
      </fieldset>
    );
  }

  if (field.kind === "checkbox") {
    return (
      <div className="field" {...show}>
        <label className="choice consent">
          <input {...getInputProps(meta, { type: "checkbox", value: "on" })} key={undefined} aria-describedby={describedBy} />
          <span>{label}</span>
        </label>
        <FieldError id={meta.errorId} message={error} />
      </div>
    );
  }

  let control: React.ReactNode;
  if (field.kind === "select") {
    const props = getSelectProps(meta);
    // A field posted twice comes back as a list: the select shows the first value.
    const defaultValue = Array.isArray(props.defaultValue) ? props.defaultValue[0] : props.defaultValue;
    control = (
      <select {...props} defaultValue={defaultValue} key={undefined} aria-describedby={describedBy} autoFocus={autoFocus}>
        <option value="">{t("questionnaire.choose")}</option>
        {options.map((value) => (
          <option key={value} value={value}>
            {optionLabel(t, field, value)}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === "textarea") {
    // No maxLength: the browser would cut a long paste without a word; the schema's message says what is too long instead.
    control = (
      <textarea
        {...getTextareaProps(meta)}
        key={undefined}
        maxLength={undefined}
        rows={fieldLimit(field) > 2000 ? 8 : 4}
        aria-describedby={describedBy}
        autoFocus={autoFocus}
      />
    );
  } else {
    // Counts are typed as text: "12k" and "1,2 mila" are counts too (domain/intake/count.ts), and a numeric keypad has no letters.
    const type = field.kind === "number" ? "text" : field.kind;
    control = (
      <input
        {...getInputProps(meta, { type })}
        key={undefined}
        maxLength={undefined}
        autoComplete={field.autoComplete ?? "off"}
        aria-describedby={describedBy}
        autoFocus={autoFocus}
      />
    );
  }
  return (
    <div className="field" {...show}>
      <label htmlFor={meta.id}>
        {label}
        {marker}
      </label>
      {hint ? (
        <p className="hint" id={meta.descriptionId}>
          {hint}
        </p>
      ) : null}
      {control}
      {counter ? <CharCounter id={counterId} inputId={meta.id} max={fieldLimit(field)} t={t} locale={locale} /> : null}
      <FieldError id={meta.errorId} message={error} />
    </div>
  );
}
