// Shared e2e data: the owner the e2e server creates, and a way to add a lead
// with a complete questionnaire to the e2e server's database (through one
// long-lived helper process per worker, e2e/fixture-process.ts); signing in by cookie.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { createHash, randomBytes } from "node:crypto";
import type { BrowserContext, Page } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { e2eSql } from "./db";
import { e2eDatabaseUrl } from "./db-path";

export const owner = { email: "owner@e2e.example", password: "e2e-owner-password-2026" };

interface Pending {
  resolve: (lead: { id: string; token: string }) => void;
  reject: (error: Error) => void;
}

/** The worker's data helper (e2e/fixture-process.ts), started at the first request; it ends with this process (its stdin closes). */
let helper: { child: ChildProcessWithoutNullStreams; pending: Map<number, Pending>; next: number } | undefined;

function fixtureProcess() {
  if (helper && helper.child.exitCode === null) return helper;
  const child = spawn("node_modules/.bin/tsx", ["e2e/fixture-process.ts"], { env: { ...process.env, DATABASE_URL: e2eDatabaseUrl, LOG_LEVEL: "silent" } });
  const current = { child, pending: new Map<number, Pending>(), next: 1 };
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + String(chunk)).slice(-4000)));
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (!line.startsWith("@@fixture ")) return;
    const message = JSON.parse(line.slice("@@fixture ".length)) as { id: number; ok: boolean; result?: { id: string; token: string }; error?: string };
    const waiting = current.pending.get(message.id);
    current.pending.delete(message.id);
    if (message.ok && message.result) waiting?.resolve(message.result);
    else waiting?.reject(new Error(`fixture failed: ${message.error}`));
  });
  child.on("exit", (code) => {
    for (const waiting of current.pending.values()) waiting.reject(new Error(`the fixture process exited (${code}):\n${stderr}`));
    current.pending.clear();
  });
  // It must not keep this worker alive; closing its stdin (this process exiting) ends it.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref?: () => void }).unref?.();
  helper = current;
  return current;
}

/** A submitted lead with every answer (the hotel fixture) for the given organisation; `sent`: its proposal sent as generated. */
export function fullLead(organisation: string, options: { sent?: boolean } = {}): Promise<{ id: string; token: string }> {
  const current = fixtureProcess();
  const id = current.next++;
  const email = `${organisation.replace(/\W+/g, "-").toLowerCase()}@example.com`;
  return new Promise((resolve, reject) => {
    current.pending.set(id, { resolve, reject });
    current.child.stdin.write(`${JSON.stringify({ id, kind: "full-lead", email, organisation, sent: options.sent ?? false })}\n`);
  });
}

/**
 * Signs a browser context in as a staff account without the login form: a
 * session row as the app writes it (only the token's SHA-256 stored) and the
 * cookie that carries the token. The login tests (slice, accounts, csp) use
 * the form; every other test starts signed in this way.
 */
export async function signIn(context: BrowserContext, email: string = owner.email): Promise<void> {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const token = Array.from(randomBytes(32), (byte) => alphabet[byte % 32]).join("");
  const now = new Date();
  const [user] = await e2eSql<{ id: string }>(`SELECT id FROM "User" WHERE email = ?`, [email.toLowerCase()]);
  if (!user) throw new Error(`no staff account ${email} in the e2e database`);
  await e2eSql(`INSERT INTO "Session" (id, "userId", "expiresAt", "createdAt", "lastSeenAt", "userAgent", ip) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
    createHash("sha256").update(token).digest("hex"),
    user.id,
    new Date(now.getTime() + 24 * 60 * 60 * 1000),
    now,
    now,
    "Playwright",
    "127.0.0.1",
  ]);
  await context.addCookies([{ name: "sb_session", value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

/** Fills the acceptance form as an Italian business in Como (Codice destinatario M5UXCR1) and ticks the terms; the caller submits. */
export async function fillBusinessAcceptance(page: Page, organisation: string, partitaIva: string): Promise<void> {
  await page.getByLabel("Ragione sociale o denominazione").fill(`${organisation} S.r.l.`);
  await page.getByLabel("Partita IVA", { exact: true }).fill(partitaIva);
  await page.getByLabel("Codice destinatario SdI").fill("M5UXCR1");
  await page.getByLabel("Indirizzo (via e numero civico)").fill("Via del Lago 12");
  await page.getByLabel("CAP", { exact: true }).fill("22100");
  await page.getByLabel("Comune").fill("Como");
  await page.getByLabel("Provincia (sigla)").fill("CO");
  await page.getByLabel("Nome e cognome di chi accetta").fill("Giulia Bianchi");
  await page.getByRole("checkbox", { name: /Ho letto la proposta e accetto le condizioni/ }).check();
}

/** Errors the page logs (React's hydration errors among them) and uncaught exceptions. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}
