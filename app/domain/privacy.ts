// The privacy notice the questionnaire shows and records with every draft and lead.
// Bump the version whenever the notice's text (app/i18n/locales/landing.*.ts, "privacy")
// changes: each lead keeps the version it was shown.
export const PRIVACY_NOTICE_VERSION = "2026-11-25";

/**
 * Unfinished drafts (and the browser cookie that points at them) are kept this
 * long by default; DRAFT_RETENTION_DAYS in the environment changes it, and the
 * privacy notice shows the value in force.
 */
export const DEFAULT_DRAFT_RETENTION_DAYS = 30;
