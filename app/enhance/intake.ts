// What JavaScript adds to the intake pages, without React (issue 14, "only
// what the page needs"): the intake routes are not hydrated (app/utils/hydrate.ts)
// and load this module alone, built by Vite as its own file (app/root.tsx
// imports it with `?worker&url`). Everything here is an addition: the pages
// work the same with JavaScript off, through plain form posts checked on the
// server.
//
// What the server renders for it (app/routes/$lang.intake.$step.tsx and
// app/components/intake-field.tsx):
// - form[data-intake]: a step's form, with data-storage-key, data-scope,
//   data-intl (the number and time locale) and data-words (JSON: the only words
//   this script writes, already in the page's language);
// - [data-counter-for][data-max]: a field's character counter;
// - [data-show-field] (and data-show-equals): a field shown only when another
//   field of the step has that value (any value without data-show-equals);
// - form[data-resend]: "send the link again", answered in place;
// - [data-intake-sent]: the "already sent" page: the browser's saved answers go.
//
// Autosave posts to the route's action through Remix's single-fetch URL
// (`<path>.data`), which runs the action and renders no page.
// Relative: Vite builds this file with its worker pipeline, which has no path aliases.
import { clearIntakeStorage } from "../utils/intake-storage";

type Words = {
  saving: string;
  savedAt: string;
  saveFailed: string;
  restored: string;
  counterMax: string;
  counterCount: string;
  counterLeftOne: string;
  counterLeftOther: string;
  counterOverOne: string;
  counterOverOther: string;
};

type ResendWords = { resent: string; wait: string; failed: string };

const AUTOSAVE_AFTER_MS = 1200;

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

function readWords<T>(el: HTMLElement): T | null {
  try {
    return JSON.parse(el.dataset.words ?? "") as T;
  } catch {
    return null;
  }
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // switched off: nothing is kept on the device
  }
}

/** The action's URL for a post that renders no page (Remix single fetch). */
function dataUrl(form: HTMLFormElement): string {
  const url = new URL(form.action || window.location.href, window.location.href);
  url.pathname = `${url.pathname.replace(/\/$/, "")}.data`;
  url.search = "";
  return url.toString();
}

function post(form: HTMLFormElement, body: FormData): Promise<Response> {
  const params = new URLSearchParams();
  for (const [name, value] of body) if (typeof value === "string") params.append(name, value);
  return fetch(dataUrl(form), { method: "POST", body: params, credentials: "same-origin" });
}

function enhanceCounters(form: HTMLFormElement, words: Words, intl: string) {
  const numbers = new Intl.NumberFormat(intl, { useGrouping: "always" });
  const plural = new Intl.PluralRules(intl);
  for (const counter of form.querySelectorAll<HTMLElement>("[data-counter-for]")) {
    const input = document.getElementById(counter.dataset.counterFor ?? "");
    const max = Number(counter.dataset.max);
    if (!(input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement) || !Number.isFinite(max)) continue;
    const visible = document.createElement("span");
    visible.setAttribute("aria-hidden", "true");
    // Read out only near and past the limit, not at every key.
    const spoken = document.createElement("span");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    counter.replaceChildren(visible, spoken);
    const limit = numbers.format(max);
    const update = () => {
      const length = input.value.length;
      const left = max - length;
      const state = left < 0 ? "over" : left <= Math.max(20, Math.round(max / 10)) ? "near" : "ok";
      counter.classList.remove("char-count-ok", "char-count-near", "char-count-over");
      counter.classList.add(`char-count-${state}`);
      visible.textContent = fill(words.counterCount, { count: numbers.format(length), max: limit });
      const one = (n: number) => plural.select(n) === "one";
      spoken.textContent =
        state === "ok"
          ? fill(words.counterMax, { max: limit })
          : state === "near"
            ? fill(one(left) ? words.counterLeftOne : words.counterLeftOther, { left: numbers.format(left) })
            : fill(one(-left) ? words.counterOverOne : words.counterOverOther, { over: numbers.format(-left) });
    };
    input.addEventListener("input", update);
    update();
  }
}

/** The value a condition looks at: the field's first value in the form, or "". */
function firstValue(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === "string" ? value : "";
}

/** Fields shown only for some answers: hidden (and not sent) otherwise, as the server prunes them. */
function applyConditions(form: HTMLFormElement) {
  for (const el of form.querySelectorAll<HTMLElement>("[data-show-field]")) {
    const value = firstValue(form, el.dataset.showField ?? "");
    const equals = el.dataset.showEquals;
    const shown = equals === undefined ? value !== "" : value === equals;
    el.hidden = !shown;
    for (const control of el.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("input, select, textarea")) control.disabled = !shown;
  }
}

function enhanceStep(form: HTMLFormElement) {
  const words = readWords<Words>(form);
  const intl = form.dataset.intl ?? document.documentElement.lang;
  const key = form.dataset.storageKey ?? "";
  const scope = form.dataset.scope ?? "";
  const status = form.querySelector<HTMLElement>(".save-status");
  const store = storage();
  if (!words || !key) return;
  const say = (text: string) => {
    if (status) status.textContent = text;
  };
  const time = new Intl.DateTimeFormat(intl, { timeStyle: "short", timeZone: "Europe/Rome" });

  // Answers kept for another draft (one already sent, or replaced) are never restored here.
  clearIntakeStorage(scope);
  enhanceCounters(form, words, intl);
  applyConditions(form);

  const names = () => [...new Set([...form.elements].map((el) => (el as HTMLInputElement).name).filter((name) => name && name !== "intent"))];
  const snapshot = () => {
    const data = new FormData(form);
    const kept: Record<string, string[]> = {};
    for (const name of names()) kept[name] = data.getAll(name).filter((v): v is string => typeof v === "string");
    return kept;
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  let submitting = false;
  const autosave = async () => {
    clearTimeout(timer);
    if (submitting) return;
    const body = new FormData(form);
    body.set("intent", "autosave");
    say(words.saving);
    try {
      const response = await post(form, body);
      if (!response.ok) throw new Error(`autosave answered ${response.status}`);
      if (submitting) return;
      store?.removeItem(key);
      say(fill(words.savedAt, { time: time.format(new Date()) }));
    } catch {
      say(words.saveFailed);
    }
  };

  // Restore answers kept on this device when the last save did not reach the server.
  const stored = store?.getItem(key);
  if (stored) {
    try {
      const entries = JSON.parse(stored) as Record<string, string | string[]>;
      for (const [name, value] of Object.entries(entries)) {
        const list = Array.isArray(value) ? value : [value];
        for (const el of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`[name="${CSS.escape(name)}"]`)) {
          if (el instanceof HTMLInputElement && el.type === "hidden") continue;
          if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) el.checked = list.includes(el.value);
          else el.value = list[0] ?? "";
          el.dispatchEvent(new Event("input", { bubbles: true }));
        }
      }
      applyConditions(form);
      void autosave().then(() => say(words.restored));
    } catch {
      store?.removeItem(key);
    }
  }

  // Autosave while typing: kept on the device at once, sent to the server after a pause.
  const changed = () => {
    applyConditions(form);
    try {
      store?.setItem(key, JSON.stringify(snapshot()));
    } catch {
      // Storage full or refused: the server save below still runs.
    }
    clearTimeout(timer);
    timer = setTimeout(() => void autosave(), AUTOSAVE_AFTER_MS);
  };
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);

  form.addEventListener("submit", (event) => {
    // One submit at a time (a double tap posts once); the page that comes next is a full load.
    if (submitting) {
      event.preventDefault();
      return;
    }
    submitting = true;
    clearTimeout(timer);
    // Sending the answers: what this browser kept of them goes (the proposal page comes next).
    if (form.dataset.final !== undefined && event.submitter?.getAttribute("value") === "next") clearIntakeStorage();
  });
  // Back to this page from the browser's cache: it can be sent again.
  window.addEventListener("pageshow", () => {
    submitting = false;
  });
  window.addEventListener("online", () => {
    if (store?.getItem(key)) void autosave();
  });
  window.addEventListener("offline", () => say(words.saveFailed));

  // After a server answer with errors: focus the first field with one (the browser may keep it on the button).
  if (form.querySelector(".form-error")) form.querySelector<HTMLElement>('[aria-invalid="true"] input, [aria-invalid="true"], .field-error')?.focus();
}

/** "Send the link again": posted in place, the answer written under the button. */
function enhanceResend(form: HTMLFormElement) {
  const words = readWords<ResendWords>(form);
  const status = form.querySelector<HTMLElement>('[role="status"]');
  if (!words || !status) return;
  let busy = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    post(form, new FormData(form))
      .then((response) => {
        status.textContent = response.status === 429 ? words.wait : response.ok ? words.resent : "";
      })
      .catch(() => {
        status.textContent = words.failed;
      })
      .finally(() => {
        busy = false;
      });
  });
}

if (document.querySelector("[data-intake-sent]")) clearIntakeStorage();
for (const form of document.querySelectorAll<HTMLFormElement>("form[data-intake]")) enhanceStep(form);
for (const form of document.querySelectorAll<HTMLFormElement>("form[data-resend]")) enhanceResend(form);
