import type { TFunction } from "i18next";

/** Zod messages are i18n keys, optionally with one argument: "errors.tooLong|120". */
export function translateError(t: TFunction, message: string | undefined): string | undefined {
  if (!message) return undefined;
  const [key = "", max] = message.split("|");
  return t(key, { max });
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}
