// Pages that React does not hydrate (issue 14, "only what the page needs"): a
// route says so in its handle,
//
//   export const handle = { i18n: ["questionnaire"], hydrate: false } satisfies I18nHandle & HydrateHandle;
//
// and the root then renders no Remix scripts, no loader data and no words
// block, only the small enhancement script of app/enhance/intake.ts. The
// deepest matched route that names `hydrate` decides (the layouts say nothing,
// so a page hydrates unless its own route opts out). Pure: no Remix, no React.

export type HydrateHandle = { hydrate: boolean };

function hydrateFlag(handle: unknown): boolean | undefined {
  if (typeof handle !== "object" || handle === null) return undefined;
  const flag = (handle as { hydrate?: unknown }).hydrate;
  return typeof flag === "boolean" ? flag : undefined;
}

/** Whether the page made of these matched routes' handles (outermost first) is hydrated by React. */
export function pageHydrates(handles: readonly unknown[]): boolean {
  for (let i = handles.length - 1; i >= 0; i--) {
    const flag = hydrateFlag(handles[i]);
    if (flag !== undefined) return flag;
  }
  return true;
}
