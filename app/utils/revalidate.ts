import type { ShouldRevalidateFunction } from "@remix-run/react";

/**
 * An intake autosave changes nothing any loader shows, so no loader runs again
 * after one. Besides saving requests, this keeps a revalidation from racing
 * the step's own submit: in CI a revalidation that landed while "Next" was
 * redirecting cancelled the next step's route discovery and left the prospect
 * on the same step.
 */
export const skipAfterAutosave: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "autosave" ? false : defaultShouldRevalidate;
