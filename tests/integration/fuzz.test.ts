// Issue 11: every public action and the Stripe webhook under generated hostile
// traffic, on the real database. Seeded and deterministic: FUZZ_SEED picks the
// seed (printed; the default is fixed, so CI sends the same payloads every run,
// and it differs between SQLite and PostgreSQL, so a run sends 6,000 different
// payloads), FUZZ_PAYLOADS how many (3,000 by default on each database: the
// database's own part, its types, constraints and errors, is met within the
// first thousands). A longer campaign: `npm run test:fuzz` (30,000 on SQLite).
//
// Payloads: random, long, unicode, NUL and control characters, emoji, RTL,
// wrong and duplicated field names, values near the size limit, wrong content
// types (JSON, text, broken multipart), `.data` and `?_data=` probes, odd
// methods, bad cookies, tokens that look right but do not exist, real tokens
// (a sent proposal, an accepted one, an erased lead, an invitation, a reset
// link, questionnaire drafts), and for the webhook unsigned garbage and
// correctly signed malformed events.
//
// A part goes through HTTP to the real Express app (server/app.js with all its
// middleware, rate limits raised so the limiter does not mask the app), the
// rest straight to the same Remix build behind the same form hygiene
// (server/forms.js) in process, which is several times faster: see the
// timings printed at the end.
//
// Asserted: no 5xx ever; no stack trace, file path, database or Prisma error
// text in any body; afterwards every row follows the data model's rules
// (tests/integration/db-rules.ts).
import { randomBytes, randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shareRowsBetweenTests } from "./db-isolation";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import Stripe from "stripe";
import { startStripeStandin, type StripeStandin } from "../../server/stripe-standin.js";
import { withCleanForms } from "../../server/forms.js";
import { optionSets, stepFields, stepIds, type RawAnswers } from "~/domain/intake/definition";
import { complete } from "~/domain/intake/fixtures";
import { findAcceptance } from "~/models/acceptance.server";
import { createInvite, requestPasswordReset } from "~/models/account.server";
import { createDraft, saveStep } from "~/models/intake-draft.server";
import { getAcceptableProposal } from "~/models/proposal.server";
import { sendProposal } from "~/models/proposal-versions.server";
import { upsertOwner } from "~/models/user.server";
import { prisma } from "~/utils/db.server";
import { resetEnvForTests } from "~/utils/env.server";
import { intakeCookie } from "~/utils/intake-cookie.server";
import { problems, snapshot } from "./db-rules";
import { runJobs, submittedLead } from "./helpers";
import { loadBuild, startApp, stopApps, type RunningApp } from "./server-app";

// One scenario over shared fixtures: the rows made in beforeAll serve every test, and the
// fuzz run's rows are checked against the schema afterwards.
shareRowsBetweenTests();

const SECRET = `whsec_${randomBytes(16).toString("hex")}`;
process.env.STRIPE_WEBHOOK_SECRET = SECRET;
delete process.env.STRIPE_SECRET_KEY;

// FUZZ_SEED=random (what `npm run test:fuzz` passes unless given one) draws a seed, printed to repeat the run.
const SEED = process.env.FUZZ_SEED === "random" ? randomInt(1, 2 ** 31) : Number(process.env.FUZZ_SEED ?? (process.env.TEST_DB === "postgres" ? 20261202 : 20261201));
const PAYLOADS = Number(process.env.FUZZ_PAYLOADS ?? 3_000);
/** Share of payloads sent over HTTP (the rest in process); probes only the Express layer handles always go over HTTP. */
const HTTP_SHARE = 0.3;
const MAX_BODY_BYTES = 64 * 1024;

// ---------------------------------------------------------------- seeded randomness

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  weighted<T>(items: ReadonlyArray<readonly [number, T]>): T {
    let r = this.next() * items.reduce((sum, [w]) => sum + w, 0);
    for (const [w, item] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1]![1];
  }
}

// ---------------------------------------------------------------- what must never be in an answer

const LEAKS: Array<[string, RegExp]> = [
  ["stack frame", /\n\s*at \S|\bat [^\n]{0,200}\((?:\/|file:|node:)[^)]*:\d+:\d+\)/],
  ["source file and line", /\.(?:ts|tsx|js|mjs|cjs):\d+:\d+/],
  ["file path", new RegExp(`${process.cwd().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}|node_modules/|file:///`)],
  ["Prisma", /Prisma|prisma\.|PrismaClient|\bP[1-3]\d{3}\b/],
  ["database error", /SQLITE|Sqlite|sqlite3|PostgresError|SqliteError|duplicate key value|violates [\w ]*constraint|syntax error at or near|invalid byte sequence|UNIQUE constraint|FOREIGN KEY|no such table/],
  ["SQL", /\b(?:SELECT\b[^<\n]{0,120}\bFROM|INSERT INTO|DELETE FROM|UPDATE\s+"\w+"\s+SET)\b/],
  ["JavaScript error", /\b(?:TypeError|ReferenceError|RangeError|SyntaxError|ZodError)\b|Unexpected Server Error|Cannot read properties/],
  ["secret", new RegExp(SECRET)],
];

const leakIn = (text: string) => LEAKS.find(([, pattern]) => pattern.test(text))?.[0] ?? null;

/**
 * Found by this suite where the fix was not the suite's to make, counted and
 * printed apart while they were open. Both are fixed now (server/app.ts answers
 * methods the app does not take, server/forms.ts gives routes without an action a
 * plain 405); an entry goes here only while a finding waits for its fix.
 */
const KNOWN_UNFIXED: Array<[string, (p: Payload, status: number, text: string) => boolean]> = [];
const knownUnfixed = (p: Payload, status: number, text: string) => KNOWN_UNFIXED.find(([, test]) => test(p, status, text))?.[0] ?? null;

// ---------------------------------------------------------------- hostile strings

const UNICODE = ["àèìòù ÄÖÜß ñ ç", "日本語のテキスト", "Ελληνικά", "Кириллица", "e\u0301\u0302\u0303", "ﬁ ﬂ Ⅻ ㎏", "𝕳𝖊𝖑𝖑𝖔", "\u00a0\u2003\u3000", "İıŞş"];
const EMOJI = ["😀", "👩‍👩‍👧‍👦", "🇮🇹", "🏳️‍🌈", "👍🏽", "🧑🏿‍💻", "❤️‍🔥", "\u{1f600}".repeat(50)];
const RTL = ["مرحبا بالعالم", "שלום עולם", "\u202eevil\u202c", "\u200fx\u200e", "\u061c٣٤٥", "a\u2067b\u2069c"];
const CONTROL = ["\u0000", "\u0001", "\u0007", "\b", "\u000b", "\f", "\u001b[31m", "\u007f", "\u0085", "\u009b", "\u2028", "\u2029", "\ufeff", "\u200b", "\r\n", "\t", "\n\n\n"];
const SURROGATES = ["\ud800", "\udfff", "a\ud83dz", "\udc00\ud800"];
const INJECTION = ["' OR '1'='1", '"; DROP TABLE "Lead"; --', "<script>alert(1)</script>", "{{7*7}}", "${7*7}", "__proto__", "constructor", "[object Object]", "%00", "%ZZ", "..\\..\\x", "\\", "null", "undefined", "true", "[]", "{}", "0", "-1"];
const NUMBERS = ["-1", "0", "1e309", "NaN", "Infinity", "99999999999999999999", "0x10", "1,5", "1.000.000,00", "٣", "12abc", " 42 ", "-0", "5e-324"];
const DATES = ["2026-02-30", "0000-00-00", "9999-12-31", "2026-13-01", "yesterday", "2026-12-01T00:00:00Z", "1970-01-01", "01/12/2026", "+275760-09-13"];
const EMAILS = ["a@b.co", " A@B.CO ", "x@y", "@", "a@b@c.it", "ünïcode@exämple.it", "a+b@example.com", `${"l".repeat(70)}@example.com`, `a@${"d".repeat(250)}.it`, "a@b.co\u0000", "\u202ea@b.co", "owner@studio.example"];

/** A hostile or odd string; `max` hints at the field's size. */
function hostile(rng: Random, max = 200): string {
  const kind = rng.int(12);
  switch (kind) {
    case 0:
      return "";
    case 1:
      return Array.from({ length: 1 + rng.int(40) }, () => String.fromCharCode(32 + rng.int(95))).join("");
    case 2: {
      // Long: around the field's limit, or far past it.
      const length = rng.chance(0.5) ? max + rng.int(5) - 2 : max * (2 + rng.int(20));
      const unit = rng.pick(["a", "é", "😀", "日", " ", "ab\u0000"]);
      return unit.repeat(Math.ceil(Math.max(length, 1) / unit.length)).slice(0, Math.min(length, 20_000));
    }
    case 3:
      return rng.pick(UNICODE);
    case 4:
      return rng.pick(EMOJI);
    case 5:
      return rng.pick(RTL);
    case 6:
      return `x${rng.pick(CONTROL)}y${rng.pick(CONTROL)}`;
    case 7:
      return rng.pick(SURROGATES);
    case 8:
      return rng.pick(INJECTION);
    case 9:
      return rng.pick(NUMBERS);
    case 10:
      return rng.pick(DATES);
    default:
      return Array.from({ length: 2 + rng.int(4) }, () => hostile(rng, 20)).join(rng.pick(["", " ", "\u0000", "\n"]));
  }
}

/** A field name nobody expects. */
function oddName(rng: Random): string {
  return rng.pick(["", "__proto__", "constructor", "prototype", "a[b]", "a.b", "0", "intent", "_action", "$ACTION_ID", "x".repeat(300), "\u0000name", "email\u0000", "名前", "🙂", "email ", "EMAIL", hostile(rng, 20)]);
}

type Fields = Array<[string, string]>;

/**
 * Known fields with realistic or hostile values, some dropped, some sent twice, some
 * strangers added; or (a third of the time) a form that is right but for one or two
 * values, so hostile text gets past the checks as far as the database.
 */
function formFields(rng: Random, known: Record<string, () => string>): Fields {
  const fields: Fields = [];
  const names = Object.keys(known);
  const near = rng.chance(0.33);
  const odd = new Set(near ? [rng.pick(names), rng.pick(names)] : []);
  for (const [name, realistic] of Object.entries(known)) {
    if (!near && rng.chance(0.1)) continue;
    const value = near ? (odd.has(name) ? rng.pick([...UNICODE, ...EMOJI, ...RTL, `a${rng.pick(CONTROL)}b`, hostile(rng)]) : realistic()) : rng.chance(0.55) ? realistic() : hostile(rng);
    fields.push([name, value]);
    if (rng.chance(0.08)) fields.push([name, rng.chance(0.5) ? value : hostile(rng)]);
  }
  if (rng.chance(0.25)) for (let i = rng.int(4); i >= 0; i--) fields.push([oddName(rng), hostile(rng)]);
  if (rng.chance(0.05)) fields.reverse();
  return fields;
}

// ---------------------------------------------------------------- requests

interface Payload {
  index: number;
  target: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | Uint8Array | FormData | null;
  http: boolean;
}

/** Headers carry bytes: unicode goes as its UTF-8 bytes, the way a raw client sends it (no control characters but tab: HTTP parsers refuse them there). */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const byteString = (text: string) => Buffer.from(text.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, ""), "utf8").toString("latin1").trim();

/** Percent-encoded; a lone surrogate (which has no UTF-8) goes as U+FFFD, as browsers send it. */
const uri = (text: string) => encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));

function encodeForm(fields: Fields): string {
  return fields.map(([n, v]) => `${uri(n)}=${uri(v)}`).join("&");
}

/** The body in one of many shapes, form or not, and the Content-Type sent with it. */
function body(rng: Random, fields: Fields, http: boolean): { body: Payload["body"]; type: string | null } {
  const shape = rng.weighted([
    [50, "urlencoded"],
    [6, "raw-urlencoded"],
    [12, "multipart"],
    [5, "broken-multipart"],
    [5, "json"],
    [4, "text"],
    [4, "no-type"],
    [3, "empty"],
    [3, "odd-type"],
    [4, "huge"],
  ] as const);
  const form = "application/x-www-form-urlencoded";
  switch (shape) {
    case "urlencoded":
      return { body: encodeForm(fields), type: rng.chance(0.9) ? form : rng.pick([`${form}; charset=utf-16`, `${form};charset=latin1`, "APPLICATION/X-WWW-FORM-URLENCODED", ` ${form} ;;`]) };
    case "raw-urlencoded":
      return { body: fields.map(([n, v]) => `${n}=${v}`).join(rng.pick(["&", ";", "&&", "\n"])) + rng.pick(["", "%", "%Z", "%E0%A4%A", "&=&=", "%00=%00", "&a", "+%2B+"]), type: form };
    case "multipart": {
      const data = new FormData();
      for (const [n, v] of fields) {
        if (rng.chance(0.05)) data.append(n, new Blob([v]), rng.pick(["a.txt", "", "../../x.png", "名前.pdf", "x\u0000.exe"]));
        else data.append(n, v);
      }
      return { body: data, type: null };
    }
    case "broken-multipart": {
      const boundary = rng.pick(["XyZ", "", "a".repeat(200), "--", "b\u0000"]);
      const raw = rng.pick([
        `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\nx`,
        `--${boundary}\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n--${boundary}--`,
        "garbage without any boundary",
        `--${boundary}--\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="a"; filename="${"f".repeat(500)}"\r\nContent-Type: image/png\r\n\r\n\u0000\u0001\r\n--${boundary}`,
      ]);
      return { body: raw, type: rng.pick([`multipart/form-data; boundary=${boundary}`, "multipart/form-data", "multipart/form-data; boundary=", "multipart/mixed; boundary=x"]) };
    }
    case "json":
      return { body: rng.chance(0.7) ? JSON.stringify(Object.fromEntries(fields)) : rng.pick(["{", "[1,2", "null", '{"__proto__":{"admin":true}}', "\u0000"]), type: rng.pick(["application/json", "application/json; charset=utf-8", "text/json"]) };
    case "text":
      return { body: fields.map(([n, v]) => `${n}: ${v}`).join("\n"), type: rng.pick(["text/plain", "text/html", "text/plain; charset=utf-8"]) };
    case "no-type":
      return { body: encodeForm(fields), type: null };
    case "empty":
      return { body: rng.chance(0.5) ? "" : null, type: rng.chance(0.5) ? form : null };
    case "odd-type":
      return { body: encodeForm(fields), type: rng.pick(["a/b;;;", "*/*", "application/octet-stream", "image/png", ";", "x".repeat(300), "application/x-www-form-urlencoded\u0000"]) };
    case "huge": {
      // Near the server's limit, or over it (over HTTP the server answers 413).
      const size = http && rng.chance(0.3) ? MAX_BODY_BYTES + 1 + rng.int(2000) : MAX_BODY_BYTES - 100 - rng.int(2000);
      const base = encodeForm(fields);
      const name = fields[0]?.[0] ?? "x";
      const padding = Math.max(0, size - base.length - name.length - 2);
      return { body: `${base}&${uri(name)}=${rng.pick(["a", "%C3%A9", "%00", "+"]).repeat(padding)}`.slice(0, size), type: form };
    }
  }
}

const BAD_COOKIES = [
  "other=100%",
  "other=%E0%A4%A; theme=%",
  "sb_session=%zz",
  `sb_session=${"a".repeat(300)}`,
  "sb_session=garbage-session-id",
  "sb_session=a; sb_session=b",
  "sb_intake=%; sb_session=100%",
  "sb_intake=garbage",
  `sb_intake=${"x".repeat(40)}`,
  'sb_intake="unterminated',
  "sb_intake=eyJhIjoxfQ%3D%3D.bad-signature",
  "sb_device=not-a-device-token",
  "=%; ;;junk",
  `big=${"c".repeat(6000)}`,
];

// ---------------------------------------------------------------- targets

interface Fixtures {
  owner: { email: string };
  ownerId: string;
  tokens: { sent: string; accepted: string; plain: string; erased: string; unknown: string };
  versionHash: string;
  packageIds: string[];
  addOnIds: string[];
  inviteToken: string;
  resetToken: string;
  /** Cookies of questionnaire drafts, renewed when one is submitted. */
  drafts: string[];
  draftIds: string[];
  sessionIds: string[];
  /** The accepted proposal's payment, as Stripe events name it. */
  paymentRefs: { sessionId: string; paymentIntentId: string; paymentId: string };
}

interface Target {
  name: string;
  weight: number;
  /** The path, a method and the fields for one payload. */
  make(rng: Random, fx: Fixtures): { path: string; fields: Fields; method?: string; headers?: Record<string, string>; raw?: Payload["body"] };
}

const lang = (rng: Random) => rng.weighted([[48, "it"], [48, "en"], [2, "IT"], [2, rng.pick(["de", "", "xx", "%00", "it%2F.."])]] as const);
const realToken = (rng: Random, fx: Fixtures) =>
  rng.weighted([
    [3, fx.tokens.sent],
    [3, fx.tokens.accepted],
    [1, fx.tokens.plain],
    [1, fx.tokens.erased],
    [2, fx.tokens.unknown],
    [1, rng.pick(["", "x", "a".repeat(300), "%00", "..%2F..", "' OR 1=1", randomToken(rng)])],
  ] as const);
/** A token of the real format (22 base64url characters) that nothing has. */
const randomToken = (rng: Random, length = 22) => Array.from({ length }, () => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[rng.int(64)]).join("");
const password = (rng: Random) => rng.pick(["correct horse battery staple", "short", "p".repeat(12), "パスワードパスワードパスワード", "x".repeat(201), "\u0000".repeat(12)]);

function intakeValue(rng: Random, kind: string, options: readonly string[] | undefined): string {
  if (options?.length) return rng.pick(options);
  switch (kind) {
    case "email":
      return rng.pick(EMAILS);
    case "number":
      return rng.pick(["1200", ...NUMBERS]);
    case "date":
      return rng.pick(["2027-03-01", ...DATES]);
    case "url":
      return rng.pick(["https://example.it", "javascript:alert(1)", "example", "http://", "ftp://x"]);
    case "tel":
      return rng.pick(["+39 02 1234 5678", "123", "+" + "9".repeat(40)]);
    case "checkbox":
      return "on";
    default:
      return rng.pick(["Hotel Lago Blu", "Mario Rossi", "Milano", ...UNICODE]);
  }
}


const targets: Target[] = [
  {
    name: "intake step",
    weight: 26,
    make(rng, fx) {
      const step = rng.weighted([[95, rng.pick(stepIds)], [5, rng.pick(["unknown", "", "ABOUT", "review.data", "__proto__"])]] as const);
      const fields = stepFields((stepIds as readonly string[]).includes(step) ? (step as (typeof stepIds)[number]) : "about", complete);
      const known = Object.fromEntries(
        fields.flatMap((f) => {
          const options = f.options ? (optionSets[f.options] as readonly string[]) : undefined;
          return [[f.name, () => intakeValue(rng, f.kind, options)]] as const;
        }),
      );
      const form = formFields(rng, known);
      // Several values for checkbox groups, from the list and not.
      for (const f of fields.filter((x) => x.kind === "checkboxes")) if (rng.chance(0.3)) form.push([f.name, rng.pick([...(f.options ? (optionSets[f.options] as readonly string[]) : []), "bogus"])]);
      form.push(["intent", rng.weighted([[50, "next"], [20, "autosave"], [10, "back"], [5, "resend"], [5, ""], [10, hostile(rng, 20)]] as const)]);
      if (rng.chance(0.05)) form.push(["company_website", "http://spam.example"]);
      if (rng.chance(0.1)) form.push(["from", rng.pick(["review", "x"])]);
      // The last draft only ever gets the review step, so it stays complete and submits.
      const draftCookie = step === "review" && rng.chance(0.5) ? fx.drafts.at(-1)! : rng.pick(fx.drafts.slice(0, -1));
      const cookie = rng.weighted([[45, draftCookie], [35, ""], [20, rng.pick(BAD_COOKIES)]] as const);
      return { path: `/${lang(rng)}/intake/${step}`, fields: form, headers: cookie ? { Cookie: cookie } : {} };
    },
  },
  {
    name: "login",
    weight: 8,
    make(rng, fx) {
      const fields = formFields(rng, {
        // Mostly failing the form's own checks: every well-formed attempt costs a scrypt hash.
        email: () => (rng.chance(0.15) ? rng.pick([fx.owner.email, "nobody@example.com"]) : hostile(rng, 254)),
        password: () => password(rng),
        redirectTo: () => rng.pick(["/it/owner", "//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)", "/it/owner?x=%00"]),
      });
      return { path: `/${lang(rng)}/login${rng.chance(0.2) ? `?redirectTo=${uri(hostile(rng, 50))}` : ""}`, fields };
    },
  },
  {
    name: "forgot",
    weight: 7,
    make(rng, fx) {
      return { path: `/${lang(rng)}/forgot`, fields: formFields(rng, { email: () => (rng.chance(0.2) ? fx.owner.email : rng.pick(EMAILS)) }) };
    },
  },
  {
    name: "logout",
    weight: 3,
    make(rng, fx) {
      const cookie = rng.weighted([[30, `sb_session=${rng.pick(fx.sessionIds)}`], [70, rng.pick(BAD_COOKIES)]] as const);
      return { path: `/${lang(rng)}/logout`, fields: formFields(rng, {}), headers: { Cookie: cookie } };
    },
  },
  {
    name: "invite",
    weight: 6,
    make(rng, fx) {
      const token = rng.weighted([[3, fx.inviteToken], [2, randomToken(rng, 43)], [1, hostile(rng, 50)]] as const);
      const pass = password(rng);
      return { path: `/${lang(rng)}/invite/${uri(token)}`, fields: formFields(rng, { name: () => rng.pick(["Nuova Persona", ...UNICODE, ...RTL]), password: () => pass, confirm: () => (rng.chance(0.7) ? pass : password(rng)) }) };
    },
  },
  {
    name: "reset",
    weight: 6,
    make(rng, fx) {
      const token = rng.weighted([[3, fx.resetToken], [2, randomToken(rng, 43)], [1, hostile(rng, 50)]] as const);
      const pass = password(rng);
      return { path: `/${lang(rng)}/reset/${uri(token)}`, fields: formFields(rng, { password: () => pass, confirm: () => (rng.chance(0.7) ? pass : password(rng)) }) };
    },
  },
  {
    name: "proposal accept",
    weight: 9,
    make(rng, fx) {
      // One coherent client (a business or a person), each value sometimes swapped for another.
      const client: Record<string, string> = rng.chance(0.5)
        ? { kind: "business", legalName: "Hotel Lago Blu S.r.l.", partitaIva: "IT 0123 4567 897", codiceDestinatario: "m5uxcr1", pec: "", codiceFiscale: "" }
        : { kind: "person", legalName: "Giulia Bianchi", codiceFiscale: "RSSMRA85T10A562S", partitaIva: "", codiceDestinatario: "", pec: "" };
      const others: Record<string, readonly string[]> = {
        kind: ["business", "person", "company", ""],
        partitaIva: ["01234567890", "IT", "٠١٢٣٤٥٦٧٨٩٠"],
        codiceFiscale: ["rssmra85t10a562s", "XXXXXXXXXXXXXXXX"],
        codiceDestinatario: ["0000000", "ABCDEFGH"],
        pec: EMAILS,
      };
      const value = (name: string, usual: () => string) => () => (others[name] && rng.chance(0.15) ? rng.pick(others[name]) : (client[name] ?? usual()));
      const fields = formFields(rng, {
        versionHash: () => (rng.chance(0.9) ? fx.versionHash : randomToken(rng, 64)),
        packageId: () => rng.pick([...fx.packageIds, ...fx.packageIds, "bogus"]),
        addOnIds: () => rng.pick([...fx.addOnIds, "bogus", ""]),
        fullName: () => rng.pick(["Giulia Bianchi", ...UNICODE, ...RTL, ...EMOJI]),
        terms: () => (rng.chance(0.9) ? "on" : rng.pick(["off", "true", ""])),
        ...Object.fromEntries(["kind", "legalName", "partitaIva", "codiceFiscale", "codiceDestinatario", "pec"].map((name) => [name, value(name, () => "")])),
        address: () => rng.pick(["Via Roma 1", ...UNICODE]),
        postalCode: () => rng.pick(["20121", "20121", "2012", "00000"]),
        city: () => rng.pick(["Milano", "Bolzano/Bozen", ...UNICODE]),
        province: () => rng.pick(["mi", "MI", "BZ", "XX"]),
      });
      return { path: `/${lang(rng)}/p/${uri(realToken(rng, fx))}/accept`, fields };
    },
  },
  {
    name: "proposal pay",
    weight: 5,
    make(rng, fx) {
      return { path: `/${lang(rng)}/p/${uri(realToken(rng, fx))}/pay`, fields: formFields(rng, {}) };
    },
  },
  {
    name: "proposal renew",
    weight: 5,
    make(rng, fx) {
      return { path: `/${lang(rng)}/p/${uri(realToken(rng, fx))}/renew`, fields: formFields(rng, {}) };
    },
  },
  {
    name: "public page without an action",
    weight: 6,
    make(rng, fx) {
      const l = lang(rng);
      const path = rng.pick([
        "/",
        `/${l}`,
        `/${l}/privacy`,
        `/${l}/intake`,
        `/${l}/intake/resume/${randomToken(rng, 32)}`,
        `/${l}/p/${realToken(rng, fx)}`,
        `/${l}/p/${realToken(rng, fx)}/checkout/${rng.pick(["success", "cancel", "x"])}`,
        `/${l}/p/${realToken(rng, fx)}/receipt/${randomToken(rng, 25)}`,
        `/${l}/p/${realToken(rng, fx)}/pdf`,
        `/${l}/no/such/page`,
        "/brand/logo",
        "/healthz",
      ]);
      return { path, fields: formFields(rng, { email: () => rng.pick(EMAILS), name: () => hostile(rng) }) };
    },
  },
  {
    // Not an action, but the same pages read their query strings: a hostile one must not break them.
    name: "public page read with a hostile query",
    weight: 4,
    make(rng, fx) {
      const l = lang(rng);
      const token = realToken(rng, fx);
      const path = rng.pick([`/${l}/p/${token}`, `/${l}/p/${token}/accept`, `/${l}/intake/${rng.pick(stepIds)}`, `/${l}/login`, `/${l}/p/${token}/checkout/success`, `/${l}/owner/leads`, `/${l}/privacy`]);
      const query = formFields(rng, { package: () => rng.pick([...fx.packageIds, "bogus"]), addon: () => rng.pick([...fx.addOnIds, "bogus"]), check: () => "1", from: () => "review", redirectTo: () => "//evil.example", payment: () => rng.pick(["paid", "processing", "x"]), received: () => "1", accepted: () => "1" });
      return { path: `${path}?${encodeForm(query)}${rng.pick(["", "&%", "&a=%E0%A4%A", "&&=&"])}`, fields: [], method: rng.chance(0.8) ? "GET" : "HEAD", headers: { Cookie: rng.chance(0.3) ? rng.pick(fx.drafts) : rng.pick(BAD_COOKIES) } };
    },
  },
  {
    name: "stripe webhook",
    weight: 15,
    make(rng, fx) {
      return { ...stripePayload(rng, fx), path: rng.pick(["/stripe/webhook", "/stripe/webhook", "/stripe/webhook", "/Stripe/Webhook/", "/stripe/webhook.data"]) };
    },
  },
];

// ---------------------------------------------------------------- Stripe events

const stripe = new Stripe("sk_test_fuzz");
const sign = (payload: string, secret = SECRET, timestamp?: number) => stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) });

/** Any JSON-ish value, of any type. */
function anyValue(rng: Random, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 6 : 8)) {
    case 0:
      return null;
    case 1:
      return rng.pick([0, -1, 1.5, 1e21, Number.MAX_SAFE_INTEGER + 2, 32503680001]);
    case 2:
      return rng.chance(0.5);
    case 3:
    case 4:
      return hostile(rng, 300);
    case 5:
      return rng.pick(["checkout.session.completed", "charge.refunded", "cs_test_x", "pi_x", "eur", "paid"]);
    case 6:
      return Array.from({ length: rng.int(4) }, () => anyValue(rng, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: rng.int(5) }, () => [rng.chance(0.7) ? rng.pick(["id", "type", "created", "data", "object", "metadata", "amount_total", "currency", "payment_intent", "livemode"]) : oddName(rng), anyValue(rng, depth + 1)]));
  }
}

const EVENT_TYPES = ["checkout.session.completed", "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed", "checkout.session.expired", "charge.refunded", "customer.created", "x\u0000y", ""];

/** An event that is nearly right: the envelope or the object has a field of the wrong type or value. */
function nearEvent(rng: Random, fx: Fixtures): Record<string, unknown> {
  const type = rng.pick(EVENT_TYPES);
  const payment = rng.chance(0.5) ? fx.paymentRefs : { sessionId: `cs_test_${randomToken(rng)}`, paymentIntentId: `pi_${randomToken(rng)}`, paymentId: randomToken(rng, 25) };
  const object: Record<string, unknown> = type.startsWith("charge")
    ? { id: `ch_${randomToken(rng)}`, object: "charge", amount: rng.pick([2500, 0, -1, 1e13, 1.5]), amount_refunded: rng.pick([2500, 0, 100]), refunded: rng.chance(0.5), currency: rng.pick(["eur", "EUR", "usd", "", "x\u0000", "eurxxxxxxxxx"]), created: 1_700_000_000, metadata: { paymentId: payment.paymentId }, payment_intent: payment.paymentIntentId }
    : { id: payment.sessionId, object: "checkout.session", metadata: rng.chance(0.8) ? { paymentId: payment.paymentId } : { paymentId: 1 }, payment_intent: rng.chance(0.5) ? payment.paymentIntentId : { id: payment.paymentIntentId }, payment_status: rng.pick(["paid", "unpaid", "no_payment_required", "\u0000"]), amount_total: rng.pick([2500, 0, 1, 1e12, null, -5]), currency: rng.pick(["eur", "usd", null, "ÄÖÜ"]) };
  const event: Record<string, unknown> = { id: `evt_${randomToken(rng)}`, object: "event", type, created: rng.pick([1_700_000_000, Math.floor(Date.now() / 1000), 0]), livemode: false, data: { object } };
  // Then break one thing.
  if (rng.chance(0.7)) {
    const where = rng.chance(0.5) ? event : object;
    const key = rng.pick(Object.keys(where));
    if (rng.chance(0.3)) delete where[key];
    else where[key] = anyValue(rng);
  }
  return event;
}

function stripePayload(rng: Random, fx: Fixtures): { raw: Payload["body"]; headers: Record<string, string>; fields: Fields; method?: string } {
  const kind = rng.weighted([[25, "unsigned"], [10, "wrong-secret"], [5, "stale"], [30, "signed-near"], [20, "signed-any"], [10, "signed-bytes"]] as const);
  const type = rng.pick(["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", ""]);
  const headers: Record<string, string> = type ? { "Content-Type": type } : {};
  const json = kind === "signed-any" ? JSON.stringify(anyValue(rng)) ?? "null" : JSON.stringify(nearEvent(rng, fx));
  switch (kind) {
    case "unsigned": {
      const signature = rng.pick([null, "", "t=1,v1=abc", "garbage", `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}`, "t=,v1=", "v1=" + "a".repeat(5000), hostile(rng, 100)]);
      if (signature !== null) headers["Stripe-Signature"] = byteString(signature);
      return { raw: rng.chance(0.5) ? json : hostile(rng, 2000), headers, fields: [] };
    }
    case "wrong-secret":
      return { raw: json, headers: { ...headers, "Stripe-Signature": sign(json, `whsec_${randomToken(rng)}`) }, fields: [] };
    case "stale":
      return { raw: json, headers: { ...headers, "Stripe-Signature": sign(json, SECRET, Math.floor(Date.now() / 1000) - 3600) }, fields: [] };
    case "signed-bytes": {
      const bytes = rng.chance(0.5) ? Uint8Array.from({ length: rng.int(300) }, () => rng.int(256)) : new TextEncoder().encode(hostile(rng, 500));
      // Stripe checks the signature over the body decoded as UTF-8.
      return { raw: bytes, headers: { ...headers, "Stripe-Signature": sign(Buffer.from(bytes).toString("utf8")) }, fields: [] };
    }
    default:
      return { raw: json, headers: { ...headers, "Stripe-Signature": sign(json) }, fields: [] };
  }
}

// ---------------------------------------------------------------- the run

let app: RunningApp;
let standin: StripeStandin;
let handler: (request: Request) => Promise<Response>;
let fx: Fixtures;

/** A questionnaire draft's cookie: brand new, or with every step answered (channels present, so every step shows). */
async function draft(answered: boolean): Promise<{ id: string; cookie: string }> {
  const { draft, browserKey } = await createDraft("it");
  let answers: RawAnswers = {};
  if (answered) for (const step of stepIds) if (complete[step]) answers = await saveStep(draft.id, answers, step, complete[step], step);
  return { id: draft.id, cookie: (await intakeCookie.serialize(browserKey)).split(";")[0]! };
}

let renewals = 0;
/** Sends a new proposal to accept once a payload accepted the last one (a few times: sending renders a PDF). */
async function renewAcceptedProposal() {
  const lead = await prisma.lead.findUniqueOrThrow({ where: { token: fx.tokens.sent }, select: { id: true } });
  if (renewals >= 4 || !(await findAcceptance(lead.id))) return;
  renewals++;
  const sent = await sentProposal(`sent-${renewals}@hotel.example`, fx.ownerId);
  fx.tokens.sent = sent.lead.token;
  fx.versionHash = sent.version.snapshotHash;
}

/** Replaces the drafts a payload submitted (they only redirect from then on). */
async function renewSubmittedDrafts() {
  const submitted = await prisma.intakeDraft.findMany({ where: { id: { in: fx.draftIds }, submittedLeadId: { not: null } }, select: { id: true } });
  for (const { id } of submitted) {
    const at = fx.draftIds.indexOf(id);
    const fresh = await draft(true);
    fx.drafts[at] = fresh.cookie;
    fx.draftIds[at] = fresh.id;
  }
}

async function linkToken(kind: string, to: string, path: RegExp): Promise<string> {
  await runJobs(); // the email is a job written with the invitation or the reset
  const email = await prisma.emailMessage.findFirstOrThrow({ where: { kind, to }, orderBy: { createdAt: "desc" } });
  return email.text.match(path)![1]!;
}

async function sentProposal(email: string, ownerId: string) {
  const lead = await submittedLead(email);
  const { version } = await sendProposal(lead.id, ownerId, undefined, undefined, { attachPdf: false });
  return { lead, version };
}

beforeAll(async () => {
  standin = await startStripeStandin({ webhookSecret: SECRET, retryDelaysMs: [], asyncDelayMs: 10, deliver: async () => ({ status: 200 }) });
  process.env.STRIPE_STANDIN_PORT = String(standin.port);
  resetEnvForTests();
  app = await startApp({ RATE_LIMIT_POST: 100_000, RATE_LIMIT_LOGIN: 10_000, MAX_BODY_BYTES });
  const build = await loadBuild();
  handler = createRequestHandler(withCleanForms(build) as ServerBuild, process.env.FUZZ_DEBUG ? "development" : "production");

  const owner = await upsertOwner({ email: "owner@studio.example", name: "Olga Owner", password: "correct horse battery staple" });
  const sent = await sentProposal("sent@hotel.example", owner.id);
  const accepted = await sentProposal("accepted@hotel.example", owner.id);
  const proposal = (await getAcceptableProposal(accepted.lead.token))!;
  const accept = new URLSearchParams({ versionHash: accepted.version.snapshotHash, packageId: proposal.packages[0]!.id, fullName: "Giulia Bianchi", terms: "on", kind: "person", legalName: "Giulia Bianchi", codiceFiscale: "RSSMRA85T10A562S", address: "Via Roma 1", postalCode: "20121", city: "Milano", province: "mi" });
  const acceptResponse = await handler(new Request(`http://localhost/it/p/${accepted.lead.token}/accept`, { method: "POST", body: accept }));
  expect(acceptResponse.status, await acceptResponse.text()).toBe(302);
  expect(await findAcceptance(accepted.lead.id)).not.toBeNull();
  const payResponse = await handler(new Request(`http://localhost/it/p/${accepted.lead.token}/pay`, { method: "POST" }));
  const sessionId = payResponse.headers.get("Location")?.split("/").pop() ?? "cs_test_missing";
  const payment = await prisma.payment.findFirst({ where: { leadId: accepted.lead.id } });
  const plain = await submittedLead("plain@hotel.example");
  const erased = await submittedLead("erased@hotel.example");
  await prisma.lead.update({ where: { id: erased.id }, data: { erasedAt: new Date() } });
  await createInvite({ email: "new.member@example.com", name: "New Member", role: "member", invitedBy: { id: owner.id, name: "Olga Owner" }, locale: "it" });
  await requestPasswordReset({ email: owner.email });
  const acceptable = (await getAcceptableProposal(sent.lead.token))!;
  const { createSessionCookie } = await import("~/utils/auth.server");
  const drafts = [await draft(false), await draft(true), await draft(true), await draft(false), await draft(true)];
  const sessionIds = await Promise.all([1, 2, 3].map(async () => (await createSessionCookie(owner.id, { userAgent: "fuzz", ip: null })).split(";")[0]!.split("=")[1]!));
  fx = {
    owner: { email: owner.email },
    ownerId: owner.id,
    tokens: { sent: sent.lead.token, accepted: accepted.lead.token, plain: plain.token, erased: erased.token, unknown: "AAAAAAAAAAAAAAAAAAAAAA" },
    versionHash: sent.version.snapshotHash,
    packageIds: acceptable.packages.map((p) => p.id),
    addOnIds: acceptable.addOns.map((a) => a.id),
    inviteToken: await linkToken("invite", "new.member@example.com", /\/invite\/([\w-]+)/),
    resetToken: await linkToken("password_reset", owner.email, /\/reset\/([\w-]+)/),
    drafts: drafts.map((d) => d.cookie),
    draftIds: drafts.map((d) => d.id),
    sessionIds,
    paymentRefs: { sessionId, paymentIntentId: `pi_${randomToken(new Random(1))}`, paymentId: payment?.id ?? "missing" },
  };
}, 120_000);

afterAll(async () => {
  await stopApps();
  await standin?.close();
});

/** One payload for a target: the request's every part, decided by the seeded generator. */
function payload(rng: Random, index: number, target: Target): Payload {
  const made = target.make(rng, fx);
  let path = made.path;
  let http = rng.chance(HTTP_SHARE);
  const headers: Record<string, string> = { ...made.headers };
  const webhook = target.name === "stripe webhook";
  // Single-fetch data requests are how the browser app posts; `?_data=` is only ever a probe.
  if (!webhook) {
    const suffix = rng.weighted([[62, ""], [30, ".data"], [3, "/"], [3, "?_data=routes%2F%24lang.login"], [2, "?index&_data=root"]] as const);
    if (suffix.includes("_data")) http = true; // server/app.js answers these itself
    path = suffix.startsWith("?") ? `${path}${path.includes("?") ? "&" : "?"}${suffix.slice(1)}` : path.replace(/(\?|$)/, `${suffix}$1`);
    if (rng.chance(0.03)) path = path.toUpperCase();
  }
  const method = made.method ?? rng.weighted([[92, "POST"], [2, "PUT"], [2, "PATCH"], [2, "DELETE"], [1, "OPTIONS"], [1, "GET"]] as const);
  let requestBody: Payload["body"] = made.raw ?? null;
  if (made.raw === undefined) {
    const shaped = body(rng, made.fields, http);
    requestBody = shaped.body;
    if (shaped.type !== null) headers["Content-Type"] = byteString(shaped.type);
    if (typeof requestBody === "string" && requestBody.length > MAX_BODY_BYTES) http = true;
  }
  // server/app.ts answers every method but GET, HEAD and POST itself (405): only HTTP reaches that answer.
  if (method !== "GET" && method !== "HEAD" && method !== "POST") http = true;
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") requestBody = null;
  if (!headers.Cookie && rng.chance(0.1)) headers.Cookie = rng.pick(BAD_COOKIES);
  if (rng.chance(0.05)) headers["User-Agent"] = byteString(hostile(rng, 400));
  if (rng.chance(0.03)) headers["Accept-Language"] = byteString(hostile(rng, 50));
  if (http && rng.chance(0.03)) headers.Origin = rng.pick(["https://evil.example", "null", "http://127.0.0.1:1", "not a url"]);
  if (!http) headers["X-Client-IP"] = rng.pick(["203.0.113.7", "::1", ""]);
  return { index, target: target.name, method, path, headers, body: requestBody, http };
}

const describePayload = (p: Payload) => {
  const shown = typeof p.body === "string" ? p.body.slice(0, 200) : p.body instanceof FormData ? `FormData(${[...p.body.keys()].slice(0, 10).join(",")})` : p.body ? `${p.body.byteLength} bytes` : "no body";
  return `#${p.index} ${p.target} ${p.http ? "HTTP" : "in-process"} ${p.method} ${p.path.slice(0, 120)} ${JSON.stringify(p.headers).slice(0, 300)} ${JSON.stringify(shown)}`;
};

/** The answer's status, and its headers and body as text (both are searched for leaks). */
async function send(p: Payload): Promise<{ status: number; text: string; headers: string }> {
  const init: RequestInit = { method: p.method, headers: p.headers, body: p.body as BodyInit | null, redirect: "manual" };
  const response = p.http ? await fetch(`${app.url}${p.path}`, init) : await handler(new Request(`http://localhost${p.path}`, init));
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
  return { status: response.status, text: await response.text(), headers };
}

describe(`fuzzing every public action and the Stripe webhook (seed ${SEED})`, () => {
  it(`answers ${PAYLOADS} generated payloads without a 5xx or a leak, and leaves every row valid`, async () => {
    console.log(`fuzz: seed ${SEED} (FUZZ_SEED=${SEED} to repeat), ${PAYLOADS} payloads, database ${process.env.TEST_DB}`);
    const rng = new Random(SEED);
    const weights = targets.map((t) => [t.weight, t] as const);
    const counts = new Map<string, { sent: number; http: number; statuses: Map<number, number> }>();
    const failures: string[] = [];
    const started = performance.now();
    let httpMs = 0;
    let inProcessMs = 0;
    const known = new Map<string, number>();
    for (let index = 0; index < PAYLOADS; index++) {
      // Every target at least once in the first round, then by weight.
      const target = index < targets.length ? targets[index]! : rng.weighted(weights);
      const p = payload(rng, index, target);
      const before = performance.now();
      let answer: { status: number; text: string; headers: string };
      try {
        answer = await send(p);
      } catch (error) {
        failures.push(`${describePayload(p)} → the request failed: ${String(error)}`);
        continue;
      } finally {
        if (p.http) httpMs += performance.now() - before;
        else inProcessMs += performance.now() - before;
      }
      const count = counts.get(target.name) ?? { sent: 0, http: 0, statuses: new Map() };
      count.sent++;
      if (p.http) count.http++;
      count.statuses.set(answer.status, (count.statuses.get(answer.status) ?? 0) + 1);
      counts.set(target.name, count);
      const leak = leakIn(answer.text) ?? leakIn(answer.headers);
      const knownAs = answer.status >= 500 || leak ? knownUnfixed(p, answer.status, answer.text) : null;
      // FUZZ_DEBUG=1 answers in process in development mode, with the error's stack in the body.
      const shown = process.env.FUZZ_DEBUG ? answer.text : answer.text.slice(0, 300);
      if (knownAs) known.set(knownAs, (known.get(knownAs) ?? 0) + 1);
      else if (answer.status >= 500) failures.push(`${describePayload(p)} → ${answer.status} ${shown}`);
      else if (leak) failures.push(`${describePayload(p)} → ${answer.status} with a ${leak}: ${shown}`);
      if (target.name === "intake step" && index % 25 === 0) await renewSubmittedDrafts();
      if (target.name === "proposal accept" && index % 25 === 0) await renewAcceptedProposal();
    }
    const seconds = (performance.now() - started) / 1000;
    const http = [...counts.values()].reduce((sum, c) => sum + c.http, 0);
    console.log(
      [
        `fuzz (${process.env.TEST_DB}): ${PAYLOADS} payloads in ${seconds.toFixed(1)} s: ${http} over HTTP (${(httpMs / Math.max(http, 1)).toFixed(1)} ms each), ${PAYLOADS - http} in process (${(inProcessMs / Math.max(PAYLOADS - http, 1)).toFixed(1)} ms each)`,
        ...[...known].map(([what, n]) => `  known, not fixed here (KNOWN_UNFIXED): ${what} ×${n}`),
        ...[...counts].map(([name, c]) => `  ${name}: ${c.sent} (${c.http} HTTP) ${[...c.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ")}`),
      ].join("\n"),
    );
    const rows = await snapshot();
    console.log(`fuzz (${process.env.TEST_DB}): rows afterwards: ${Object.entries(rows).map(([model, r]) => `${model} ${r.length}`).join(", ")}`);
    expect(failures.slice(0, 20), `${failures.length} failures (seed ${SEED})`).toEqual([]);
    for (const target of targets) expect(counts.get(target.name)?.sent ?? 0, target.name).toBeGreaterThan(PAYLOADS / 100);
    expect(await problems()).toEqual([]);
    // A safety net against hangs, not a budget: it grows with the payloads (3,000 take about
    // 25 s here, longer beside other test files on a busy 2-core machine; a campaign of 30,000, minutes).
  }, Math.max(300_000, PAYLOADS * 60));
});

describe("what the fuzzing found, pinned", () => {
  it("shows an impossible date a draft kept as typed on the review step, instead of a 500", async () => {
    const { id, cookie } = await draft(true);
    const goals = { ...complete.goals, startDate: "2026-13-01", keyDate: "0000-00-00" };
    await prisma.intakeDraft.update({ where: { id }, data: { answers: JSON.stringify({ ...JSON.parse((await prisma.intakeDraft.findUniqueOrThrow({ where: { id } })).answers), goals }) } });
    const page = await handler(new Request("http://localhost/it/intake/review", { headers: { Cookie: cookie } }));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("2026-13-01");
  });

  it("records a signed event with a NUL in its id or type as invalid, never the NUL (PostgreSQL cannot store it)", async () => {
    for (const event of [{ id: "evt_nul\u0000", type: "charge.refunded" }, { id: "evt_fuzz_nul_type", type: "x\u0000y" }]) {
      const payload = JSON.stringify({ ...event, object: "event", created: 1_700_000_000, livemode: false, data: { object: { "k\u0001": 1 } } });
      const response = await fetch(`${app.url}/stripe/webhook`, { method: "POST", body: payload, headers: { "Content-Type": "application/json", "Stripe-Signature": sign(payload) } });
      expect([response.status, await response.json()]).toEqual([200, { ignored: true }]);
    }
    expect(await prisma.stripeEvent.findUnique({ where: { id: "evt_fuzz_nul_type" } })).toMatchObject({ type: "invalid" });
    expect((await problems()).filter((p) => p.startsWith("StripeEvent"))).toEqual([]);
  });

  it("ignores a signed event for our payment whose amount no integer column holds (a 500 on PostgreSQL)", async () => {
    const payment = await prisma.payment.findUniqueOrThrow({ where: { id: fx.paymentRefs.paymentId } });
    const object = { id: fx.paymentRefs.sessionId, object: "checkout.session", metadata: { paymentId: payment.id }, payment_status: "paid", amount_total: 1e12, currency: "eur" };
    const payload = JSON.stringify({ id: "evt_fuzz_huge_amount", object: "event", type: "checkout.session.async_payment_succeeded", created: 1_700_000_000, livemode: false, data: { object } });
    const response = await fetch(`${app.url}/stripe/webhook`, { method: "POST", body: payload, headers: { "Content-Type": "application/json", "Stripe-Signature": sign(payload) } });
    expect([response.status, await response.json()]).toEqual([200, { ignored: true }]);
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).toEqual(payment);
  });

  it("answers an OPTIONS single-fetch request with a foreign Origin with a 405, not a 500", async () => {
    const response = await fetch(`${app.url}/it/p/${fx.tokens.sent}/pay.data`, { method: "OPTIONS", headers: { Origin: "https://evil.example" } });
    expect(response.status).toBe(405);
  });

  it("answers a HEAD single-fetch request with an Origin that is no URL with a 405, not a 500", async () => {
    const response = await fetch(`${app.url}/en/p/${fx.tokens.sent}.data`, { method: "HEAD", headers: { Origin: "not a url" } });
    expect(response.status).toBe(405);
  });

  it("answers a POST to a page without an action with a plain 405, naming no route module", async () => {
    const response = await fetch(`${app.url}/it/privacy`, { method: "POST", body: new URLSearchParams({ a: "b" }) });
    expect([response.status, leakIn(await response.text())]).toEqual([405, null]);
  });

  it("answers a private link whose token holds a NUL with a 404, on every /p/:token route (a 500 on PostgreSQL)", async () => {
    for (const [method, path] of [["GET", ""], ["GET", "/pdf"], ["GET", "/accept"], ["GET", "/checkout/success"], ["GET", "/receipt/x"], ["POST", "/accept"], ["POST", "/pay"], ["POST", "/renew"]] as const) {
      const response = await fetch(`${app.url}/it/p/%00${path}`, { method, redirect: "manual" });
      expect([method, path, response.status]).toEqual([method, path, 404]);
    }
  });

  it("answers a path no route matches (one starting with //) with the app's own 404", async () => {
    const response = await fetch(`${app.url}//invite/${randomToken(new Random(SEED), 43)}`);
    expect(response.status).toBe(404);
    expect(leakIn(await response.text())).toBeNull();
  });
});
