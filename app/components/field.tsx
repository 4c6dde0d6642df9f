import type { TFunction } from "i18next";
import { formatNumber } from "~/i18n/format";
import type { Locale } from "~/i18n/i18n";

/** Zod messages are i18n keys, optionally with one argument: "errors.tooLong|120" (a number, written the locale's way when one is given). */
export function translateError(t: TFunction, message: string | undefined, locale?: Locale): string | undefined {
  if (!message) return undefined;
  const [key = "", max] = message.split("|");
  return t(key, { max: locale && max && /^\d+$/.test(max) ? formatNumber(Number(max), locale) : max });
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}
