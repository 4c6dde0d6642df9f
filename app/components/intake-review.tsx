import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isShown, stepFields, type RawAnswers, type StepId, type FieldSpec } from "~/domain/intake/definition";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/utils/locale";
import { fieldLabel, optionLabel } from "./intake-field";

/**
 * Every answer so far, part by part, each with a link to edit it (the
 * prospect's review step), or read-only for the team (`editable={false}`,
 * parts as `level` headings under the page's own section heading).
 */
export function IntakeReview({ answers, steps, editable = true, level = 2 }: { answers: RawAnswers; steps: StepId[]; editable?: boolean; level?: 2 | 3 }) {
  const Heading = level === 3 ? "h3" : "h2";
  const { t } = useTranslation();
  const locale = useLocale();
  const display = (field: FieldSpec, value: string | string[] | undefined): string | null => {
    const list = (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v) => v !== "");
    if (!list.length) return null;
    if (field.options) return list.map((v) => optionLabel(t, field, v)).join(", ");
    // A draft keeps what was typed, valid or not ("2026-13-01"): that is shown as typed.
    const date = field.kind === "date" && /^\d{4}-\d{2}-\d{2}$/.test(list[0]!) ? new Date(`${list[0]}T12:00:00Z`) : null;
    if (date && !Number.isNaN(date.getTime())) return formatDate(date, locale);
    if (field.kind === "checkbox") return t("questionnaire.options.yesNo.yes");
    return list.join(", ");
  };
  return (
    <div className="review">
      {steps
        .filter((s) => s !== "review")
        .map((step) => {
          const values = answers[step] ?? {};
          const rows = stepFields(step, answers)
            .filter((f) => isShown(f, values))
            .map((f) => ({ field: f, text: display(f, values[f.name]) }));
          return (
            <section key={step} className="review-part" aria-labelledby={`review-${step}`}>
              <div className="review-head">
                <Heading id={`review-${step}`}>{t(`questionnaire.steps.${step}.title`)}</Heading>
                {editable ? (
                  <Link to={`/${locale}/intake/${step}?from=review`} aria-label={`${t("questionnaire.edit")}: ${t(`questionnaire.steps.${step}.title`)}`}>
                    {t("questionnaire.edit")}
                  </Link>
                ) : null}
              </div>
              <dl>
                {rows.map(({ field, text }) => (
                  <div key={field.name} className="review-row">
                    <dt>
                      {field.group ? `${t(`questionnaire.fields.channel_${field.group}.label`)} · ` : ""}
                      {fieldLabel(t, field)}
                      {/* Staff see which answers the proposal does not use (they are for the team). */}
                      {!editable && field.teamOnly ? <span className="hint"> ({t("questionnaire.teamOnly")})</span> : null}
                    </dt>
                    <dd className={text ? undefined : "meta"}>{text ?? t("questionnaire.notAnswered")}</dd>
                  </div>
                ))}
              </dl>
            </section>
          );
        })}
    </div>
  );
}
