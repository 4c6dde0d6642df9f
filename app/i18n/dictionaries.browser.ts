// The browser's stand-in for ./dictionaries (swapped in by vite.config.ts for the
// client build): no words. The page's own parts arrive inlined in the HTML and,
// on later navigations, from /i18n/:lang (app/i18n/parts.ts).
import type { Messages } from "./dictionaries";

export type { Messages };
export const dictionaries: Record<"it" | "en", Messages> = { it: {}, en: {} };
