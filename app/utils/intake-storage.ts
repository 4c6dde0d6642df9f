// What the questionnaire keeps in the browser (answers typed but not yet saved
// on the server), keyed by the draft they belong to: answers of a draft already
// sent, or of another draft, are never restored into a new one, and are removed.

const PREFIX = "socialbrief:intake:";

/** The key of one step's unsaved answers; `scope` names the draft ("new" before there is one). */
export function intakeStorageKey(scope: string, step: string): string {
  return `${PREFIX}${scope}:${step}`;
}

/** Removes the questionnaire's saved answers from this browser (local and session storage), except those of `keepScope`. */
export function clearIntakeStorage(keepScope?: string): void {
  try {
    for (const storage of [window.localStorage, window.sessionStorage]) {
      for (let i = storage.length - 1; i >= 0; i--) {
        const key = storage.key(i);
        if (key?.startsWith(PREFIX) && !(keepScope && key.startsWith(`${PREFIX}${keepScope}:`))) storage.removeItem(key);
      }
    }
  } catch {
    // Storage switched off (a private window, a strict setting): nothing is kept there either.
  }
}
