import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useHydrated } from "remix-utils/use-hydrated";
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

/** How much is left: as plain text "max 5.000 caratteri" (also without JavaScript); once hydrated a live "1.234 / 5.000" that warns near and past the limit. */
function CharCounter({ id, max, length, t, locale }: { id: string; max: number; length: number; t: TFunction; locale: Locale }) {
  const hydrated = useHydrated();
  const limit = formatNumber(max, locale);
  if (!hydrated) {
    return (
      <p className="hint char-count" id={id}>
        {t("questionnaire.counter.max", { max: limit })}
      </p>
    );
  }
  const left = max - length;
  const state = left < 0 ? "over" : left <= Math.max(20, Math.round(max / 10)) ? "near" : "ok";
  return (
    <p className={`hint char-count char-count-${state}`} id={id}>
      <span aria-hidden="true">{t("questionnaire.counter.count", { count: formatNumber(length, locale), max: limit })}</span>
      {/* Read out only near and past the limit, not at every key. */}
      <span className="visually-hidden" aria-live="polite">
        {state === "ok"
          ? t("questionnaire.counter.max", { max: limit })
          : state === "near"
            ? t("questionnaire.counter.left", { count: left, left: formatNumber(left, locale) })
            : t("questionnaire.counter.over", { count: -left, over: formatNumber(-left, locale) })}
      </span>
    </p>
  );
}

const lengthOf = (value: unknown) => (typeof value === "string" ? value.length : Array.isArray(value) && typeof value[0] === "string" ? value[0].length : 0);

/** One questionnaire field: label, hint, control and error, tied together for screen readers. */
export function IntakeField({ field, meta, t, autoFocus }: { field: FieldSpec; meta: Meta; t: TFunction; autoFocus?: boolean }) {
  const locale = useLocale();
  const [length, setLength] = useState(() => lengthOf(meta.initialValue));
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
      <fieldset className="field choice-group" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
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
      <div className="field">
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
        onInput={(event) => setLength(event.currentTarget.value.length)}
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
        onInput={counter ? (event) => setLength(event.currentTarget.value.length) : undefined}
        autoComplete={field.autoComplete ?? "off"}
        aria-describedby={describedBy}
        autoFocus={autoFocus}
      />
    );
  }
  return (
    <div className="field">
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
      {counter ? <CharCounter id={counterId} max={fieldLimit(field)} length={length} t={t} locale={locale} /> : null}
      <FieldError id={meta.errorId} message={error} />
    </div>
  );
}
