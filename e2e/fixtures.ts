// Shared e2e data: the owner the e2e server creates, and a way to add a lead
// with a complete questionnaire to the e2e server's database; signing in by cookie.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import type { BrowserContext, Page } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { e2eSql } from "./db";
import { e2eDatabaseUrl } from "./db-path";

export const owner = { email: "owner@e2e.example", password: "e2e-owner-password-2026" };

/** A submitted lead with every answer (the hotel fixture) for the given organisation; `sent`: its proposal sent as generated. */
export function fullLead(organisation: string, options: { sent?: boolean } = {}): { id: string; token: string } {
  const out = execFileSync("node_modules/.bin/tsx", ["e2e/create-full-lead.ts", `${organisation.replace(/\W+/g, "-").toLowerCase()}@example.com`, organisation, ...(options.sent ? ["sent"] : [])], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl, LOG_LEVEL: "silent" },
  }).toString();
  const [id = "", token = ""] = out.trim().split(" ");
  return { id, token };
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
