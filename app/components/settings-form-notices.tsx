import { useTranslation } from "react-i18next";

/**
 * What a one-row settings form says above itself: saved (after the redirect),
 * refused because the settings changed since the page was opened (with a
 * reload link), or the summary of the fields to fix.
 */
export function SettingsFormNotices({ saved, savedText, stale, hasErrors, errorId, reloadHref }: { saved: boolean; savedText?: string; stale: boolean; hasErrors: boolean; errorId: string; reloadHref: string }) {
  const { t } = useTranslation();
  return (
    <>
      {saved ? (
        <p className="notice" role="status">
          {savedText ?? t("settings.saved")}
        </p>
      ) : null}
      {stale ? (
        <p className="form-error" role="alert" id={errorId}>
          {t("settings.conflict")} <a href={reloadHref}>{t("settings.conflictReload")}</a>
        </p>
      ) : hasErrors ? (
        <p className="form-error" role="alert" id={errorId}>
          {t("settings.errorSummary")}
        </p>
      ) : null}
    </>
  );
}
