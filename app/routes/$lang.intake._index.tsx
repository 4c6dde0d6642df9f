import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { isStepId } from "~/domain/intake/definition";
import { findDraftByBrowserKey } from "~/models/intake-draft.server";
import { readBrowserKey } from "~/utils/intake-cookie.server";
import { requireLocaleParam } from "~/utils/locale.server";
import type { I18nHandle } from "~/i18n/parts";
import type { HydrateHandle } from "~/utils/hydrate";
import { loadAsDocument } from "~/utils/document-only";

// Not hydrated (app/utils/hydrate.ts): HTML and forms, and the intake's small enhancement script.
export const handle = { i18n: ["questionnaire"], hydrate: false } satisfies I18nHandle & HydrateHandle;
export const clientLoader = loadAsDocument;

/** /it/intake: back to where this browser left off, or the first step. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const draft = await findDraftByBrowserKey(await readBrowserKey(request));
  const step = draft && isStepId(draft.currentStep) ? draft.currentStep : "about";
  return redirect(`/${locale}/intake/${step}`);
}
