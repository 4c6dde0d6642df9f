import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { FieldError, translateError } from "./field";

/**
 * The "new password" and "repeat it" pair of the reset, invitation and account
 * forms (Conform fields named `password` and `confirm`), with the length hint
 * tied to the first input and `autoComplete="new-password"` for password managers.
 */
export function NewPasswordFields({
  password,
  confirm,
  labels,
}: {
  password: FieldMetadata<string>;
  confirm: FieldMetadata<string>;
  labels: { password: string; confirm: string; hint: string };
}) {
  const { t } = useTranslation();
  const hintId = `${password.id}-hint`;
  return (
    <>
      <div className="field">
        <label htmlFor={password.id}>{labels.password}</label>
        <input
          {...getInputProps(password, { type: "password" })}
          key={password.key}
          autoComplete="new-password"
          aria-describedby={[hintId, password.errors ? password.errorId : null].filter(Boolean).join(" ")}
        />
        <p className="hint" id={hintId}>
          {labels.hint}
        </p>
        <FieldError id={password.errorId} message={translateError(t, password.errors?.[0])} />
      </div>
      <div className="field">
        <label htmlFor={confirm.id}>{labels.confirm}</label>
        <input {...getInputProps(confirm, { type: "password" })} key={confirm.key} autoComplete="new-password" />
        <FieldError id={confirm.errorId} message={translateError(t, confirm.errors?.[0])} />
      </div>
    </>
  );
}
