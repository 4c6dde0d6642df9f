// Every word of both languages. The server, the PDF worker, tests and scripts read
// it whole; the browser bundle never contains it: vite.config.ts swaps in
// ./dictionaries.browser.ts for the client build, and a page gets only the parts
// of its own language that its routes name (app/i18n/parts.ts).
import { it } from "./locales/it";
import { en } from "./locales/en";

export type Messages = { readonly [key: string]: string | Messages };

export const dictionaries: Record<"it" | "en", Messages> = { it, en };
