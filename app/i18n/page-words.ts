// The words a page brings to the browser (see ./parts.ts): the root renders them
// as a JSON data block in the HTML; the browser reads it before hydrating
// (app/entry.client.tsx) and fetches what a later page adds.
import { dictionaries } from "./dictionaries";
import { addParts, holdsEveryWord, isLocale, loadParts, missingParts, type Locale } from "./i18n";
import { pickParts } from "./parts";

export const WORDS_SCRIPT_ID = "sb-words";

type Payload = { locale: Locale; version: string; parts: string[]; messages: Record<string, unknown> };

let versionCache: string | undefined;
/** A hash of every word (FNV-1a over the JSON): changes whenever a dictionary does. */
export function dictionaryVersion(): string {
  if (versionCache === undefined) {
    const text = JSON.stringify(dictionaries);
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
    versionCache = hash.toString(36);
  }
  return versionCache;
}

/** JSON safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

const payloads = new Map<string, string>();
/** On the server: the data block for a page of `locale` that needs `parts` (made once per set). */
export function wordsPayload(locale: Locale, parts: readonly string[]): string {
  const key = `${locale}|${parts.join(",")}`;
  let json = payloads.get(key);
  if (json === undefined) {
    const payload: Payload = { locale, version: dictionaryVersion(), parts: [...parts], messages: pickParts(dictionaries[locale], parts) };
    json = scriptJson(payload);
    payloads.set(key, json);
  }
  return json;
}

// In the browser: the data block the server sent with the first page, kept so the
// root renders it unchanged while hydrating, and the version for later fetches.
let inlined = "";
let inlinedVersion = "";

/** In the browser, before hydrating: takes in the words the page brought. */
export function readInlinedWords(doc: Document): void {
  const text = doc.getElementById(WORDS_SCRIPT_ID)?.textContent ?? "";
  if (!text) return;
  try {
    const payload = JSON.parse(text) as Partial<Payload>;
    if (!isLocale(payload.locale) || !Array.isArray(payload.parts) || typeof payload.messages !== "object" || payload.messages === null) return;
    inlined = text;
    inlinedVersion = typeof payload.version === "string" ? payload.version : "";
    addParts(payload.locale, payload.parts, payload.messages as Parameters<typeof addParts>[2]);
  } catch {
    // A damaged block: the page fetches its words instead.
  }
}

/** The data block to render: the server's own, or in the browser the one it sent. */
export function pageWordsBlock(locale: Locale, parts: readonly string[]): string {
  return holdsEveryWord ? wordsPayload(locale, parts) : inlined;
}

/**
 * In the browser, during a render: suspends (throws the fetch's promise) until
 * the words of `parts` for `locale` are here. Remix renders navigations in a
 * transition, so the previous page stays on screen meanwhile.
 */
export function useWords(locale: Locale, parts: readonly string[]): void {
  const missing = missingParts(locale, parts);
  if (missing.length > 0) throw loadParts(locale, missing, inlinedVersion);
}
