import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { TFunction } from "i18next";
import { optionSets, type FieldSpec } from "~/domain/intake/definition";
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

/** One questionnaire field: label, hint, control and error, tied together for screen readers. */
export function IntakeField({ field, meta, t, autoFocus }: { field: FieldSpec; meta: Meta; t: TFunction; autoFocus?: boolean }) {
  const hint = t(hintKey(field), { defaultValue: "" });
  const error = translateError(t, meta.errors?.[0]);
  const describedBy = [hint ? meta.descriptionId : null, error ? meta.errorId : null].filter(Boolean).join(" ") || undefined;
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
    control = <textarea {...getTextareaProps(meta)} key={undefined} rows={4} aria-describedby={describedBy} autoFocus={autoFocus} />;
  } else {
    // Counts are typed as text: "12k" and "1,2 mila" are counts too (domain/intake/count.ts), and a numeric keypad has no letters.
    const type = field.kind === "number" ? "text" : field.kind;
    control = (
      <input
        {...getInputProps(meta, { type })}
        key={undefined}
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
      <FieldError id={meta.errorId} message={error} />
    </div>
  );
}
