// Optimistic concurrency for the one-row settings forms (proposal settings,
// email sender, public profile): each form carries, in a hidden field, the
// version of the stored row it was opened on; the save goes through only if the
// row still has that version, else nothing is saved and the form says why (409).

/** The hidden field's name. */
export const VERSION_FIELD = "version";

/** The form error (an i18n key) of a save refused because the settings changed since the page was opened. */
export const STALE_FORM = "settings.conflict";

/** The version a submitted form was opened on, or null when it carries none or a garbled one (treated as out of date). */
export function versionFrom(formData: FormData): number | null {
  const value = formData.get(VERSION_FIELD);
  return typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : null;
}

/**
 * The version a form on screen must carry: the one it was last submitted with
 * while it shows what was sent back (a refused or invalid save: those values are
 * still the ones the page was opened on), else the loader's (a fresh page, or
 * after a save: the fields then show what is stored).
 */
export function versionShown(echoed: Record<string, unknown> | null | undefined, loaded: number): string {
  const sent = echoed?.[VERSION_FIELD];
  return typeof sent === "string" && /^\d{1,9}$/.test(sent) ? sent : String(loaded);
}
