import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { e2eSql } from "./db";

let shots = 0;

/**
 * With SCREENSHOT_DIR set, saves the page at its own width and at 1280 px, so
 * every screen the tests check for accessibility can also be looked at.
 */
async function screenshot(page: Page) {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  const heading = ((await page.locator("h1").first().textContent()) ?? "page").trim().toLowerCase().normalize("NFKD").replace(/[^\w]+/g, "-").slice(0, 40);
  const name = `${String(++shots).padStart(2, "0")}-${heading}`;
  await page.screenshot({ path: `${dir}/${name}-${size.width}.png`, fullPage: true });
  if (size.width !== 1280) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${dir}/${name}-1280.png`, fullPage: true });
    await page.setViewportSize(size);
  }
}

/**
 * axe runs as a script, which a page without JavaScript cannot run: this copies
 * the page as it stands (scripts removed, so nothing hydrates or changes it)
 * into a JavaScript-enabled context at the same URL, with the same styles.
 */
async function scriptlessTwin(page: Page): Promise<Page> {
  const browser = page.context().browser();
  if (!browser) throw new Error("no browser for the accessibility check");
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "").replace(/<link[^>]+rel="modulepreload"[^>]*>/gi, "");
  const context = await browser.newContext({ viewport: page.viewportSize(), javaScriptEnabled: true });
  const twin = await context.newPage();
  const url = page.url();
  await twin.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
  await twin.goto(url);
  return twin;
}

/**
 * Fails on any serious or critical accessibility violation on the current page.
 * The two-instance run (E2E_AXE=off, set by playwright.two-instances.config.ts)
 * skips it: it replays flows on the same build to test what two instances
 * change (shared state, limits, files), and the single-instance run checks
 * those same pages with axe.
 */
export async function expectAccessible(page: Page, options: { javaScriptDisabled?: boolean } = {}) {
  if (process.env.E2E_AXE === "off") return;
  await screenshot(page);
  const twin = options.javaScriptDisabled ? await scriptlessTwin(page) : undefined;
  const results = await new AxeBuilder({ page: twin ?? page }).analyze();
  await twin?.context().close();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/**
 * The most recent email of a kind to an address, from the e2e server's database (the demo outbox).
 * Emails after a submit are sent by the server's job runner (app/jobs) within about a second:
 * this waits up to 60 s for one to appear (a proposal email renders its PDF first).
 */
export async function lastEmail(kind: string, to: string): Promise<{ subject: string; text: string }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [row] = await e2eSql<{ subject: string; text: string }>('SELECT subject, text FROM "EmailMessage" WHERE kind = ? AND "to" = ? ORDER BY "createdAt" DESC LIMIT 1', [kind, to]);
    if (row) return row;
    if (Date.now() > deadline) throw new Error(`no ${kind} email to ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface Words {
  next: string;
  submit: string;
  review: string;
  yes: string;
  no: string;
}
export const italian: Words = { next: "Avanti", submit: "Invia le risposte", review: "Riepilogo e privacy", yes: "Sì", no: "No" };
export const english: Words = { next: "Next", submit: "Send your answers", review: "Summary and privacy", yes: "Yes", no: "No" };
