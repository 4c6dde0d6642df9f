import { getCollectionProps, type FieldMetadata } from "@conform-to/react";
import type { TFunction } from "i18next";
import { channelStatuses, type FieldSpec } from "~/domain/intake/definition";
import { FieldError, translateError } from "./field";
import { fieldLabel, optionLabel } from "./intake-field";

type Meta = FieldMetadata<unknown, Record<string, unknown>, string[]>;

/**
 * The channels step as one grid: a row per channel, a column per status, "none"
 * checked until the prospect picks another. Each row is a fieldset named by its
 * channel (so a screen reader hears "Facebook, Lo usiamo, radio 2 of 4"); the
 * column headings are drawn once and hidden from assistive technology, every
 * radio carries its own full label.
 */
export function IntakeChannelGrid({ fields, metaOf, t }: { fields: FieldSpec[]; metaOf: (name: string) => Meta; t: TFunction }) {
  return (
    <div className="field channel-grid">
      <div className="channel-grid-row channel-grid-head" aria-hidden="true">
        <span />
        {channelStatuses.map((status) => (
          <span key={status} className="channel-grid-status">
            {t(`questionnaire.channelGrid.${status}`)}
          </span>
        ))}
      </div>
      {fields.map((field) => {
        const meta = metaOf(field.name);
        const error = translateError(t, meta.errors?.[0]);
        const label = fieldLabel(t, field);
        return (
          <fieldset key={field.name} className="channel-grid-row" aria-invalid={error ? true : undefined} aria-describedby={error ? meta.errorId : undefined}>
            <legend className="visually-hidden">{label}</legend>
            <span className="channel-grid-name" aria-hidden="true">
              {label}
            </span>
            {getCollectionProps(meta, { type: "radio", options: [...channelStatuses], value: true }).map((props) => (
              <label key={props.key} className="channel-grid-cell">
                <input {...props} key={undefined} aria-describedby={undefined} />
                <span className="visually-hidden">{optionLabel(t, field, props.value)}</span>
              </label>
            ))}
            <FieldError id={meta.errorId} message={error} />
          </fieldset>
        );
      })}
    </div>
  );
}
