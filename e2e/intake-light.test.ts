// The intake ships at most 60 KB (issue 14, "only what the page needs"): its
// pages are not hydrated (app/utils/hydrate.ts) and load one small script,
// app/enhance/intake.ts, which adds the live counter, autosave, conditional
// fields and "send the link again" in place. Without JavaScript the same pages
// work through plain form posts.
import { expect, test, type Page, type Request } from "@playwright/test";
import { watchErrors } from "./fixtures";
import { e2eSql } from "./db";
import { lastEmail } from "./intake-helpers";

const ENHANCE = /^\/assets\/intake-[\w-]+\.js$/;

/** The scripts a page loads, by path, from the moment it is watched. */
function watchScripts(page: Page): string[] {
  const scripts: string[] = [];
  page.on("request", (request: Request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });
  return scripts;
}

async function next(page: Page, label: string, heading: string) {
  await page.getByRole("button", { name: label, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  await page.waitForLoadState("load");
}

/** Answers the first step (Italian page) and goes on to the second. */
async function answerAbout(page: Page, a: { organisation: string; sector: string; size: string; contact: string; email: string; language: "Italiano" | "Inglese" }) {
  await page.getByLabel("Nome dell'organizzazione").fill(a.organisation);
  await page.getByLabel("Settore", { exact: true }).selectOption({ label: a.sector });
  if (a.sector === "Altro") await page.getByLabel("Quale settore?").fill("Orto sociale");
  await page.getByLabel("Dimensione").selectOption({ label: a.size });
  await page.getByLabel("Nome e cognome della persona di riferimento").fill(a.contact);
  await page.getByLabel("Email").fill(a.email);
  await page.getByRole("radio", { name: a.language }).check();
  await next(page, "Avanti", "Pubblico");
}

/** Every <script> of the page as the server sent it (not only those that ran). */
async function scriptTags(page: Page): Promise<{ src: string | null; type: string | null; inline: boolean }[]> {
  return page.locator("script").evaluateAll((els) => els.map((el) => ({ src: el.getAttribute("src"), type: el.getAttribute("type"), inline: !el.hasAttribute("src") })));
}

test("an intake step loads the enhancement script alone: no Remix, no React, no words block", async ({ page }) => {
  const scripts = watchScripts(page);
  const errors = watchErrors(page);
  // From the landing page (hydrated, with Remix) to the intake: a full page load.
  await page.goto("/it");
  await page.getByRole("link", { name: "Inizia il questionario" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chi siete");
  await page.waitForLoadState("load");
  scripts.length = 0;
  await page.reload();
  await page.waitForLoadState("load");
  expect(scripts).toHaveLength(1);
  expect(scripts[0]).toMatch(ENHANCE);
  const tags = await scriptTags(page);
  expect(tags).toEqual([{ src: expect.stringMatching(ENHANCE), type: "module", inline: false }]);
  expect(await page.evaluate(() => "__remixContext" in window || "__remixRouter" in window)).toBe(false);
  await expect(page.locator("#sb-words")).toHaveCount(0);

  // A field shown only for one answer: hidden until it is chosen, as with React before.
  const other = page.getByLabel("Quale settore?");
  await expect(other).toBeHidden();
  await page.getByLabel("Settore", { exact: true }).selectOption({ label: "Altro" });
  await expect(other).toBeVisible();
  await other.fill("Fattoria didattica");
  await page.getByLabel("Settore", { exact: true }).selectOption({ label: "Turismo e territorio" });
  await expect(other).toBeHidden();
  expect(errors).toEqual([]);
});

test("with JavaScript on: the counter counts as you type, autosave saves, the link is sent again in place", async ({ page }) => {
  const email = `light-${Date.now()}@example.com`;
  const errors = watchErrors(page);
  await page.goto("/it/intake/about");
  // Submitting empty: the server's messages, focus on the first field with one.
  await page.getByRole("button", { name: "Avanti" }).click();
  await expect(page.getByText("Campo obbligatorio.").first()).toBeVisible();
  await expect(page.getByLabel("Nome dell'organizzazione")).toBeFocused();
  await answerAbout(page, { organisation: "Cantina Leggera", sector: "Turismo e territorio", size: "2–9 persone", contact: "Lia Neri", email, language: "Italiano" });

  const personas = page.locator('[name="personas"]');
  const counter = page.locator(`#${await personas.getAttribute("id")}-count`);
  await expect(counter).toContainText("0 / 5.000");
  await personas.pressSequentially("Famiglie");
  await expect(counter).toContainText("8 / 5.000");
  await personas.fill("x".repeat(4_990));
  await expect(counter).toContainText("4.990 / 5.000");
  await expect(counter).toContainText("Restano 10 caratteri");
  await expect(counter).toHaveClass(/char-count-near/);
  await personas.fill("Famiglie con bambini");
  await expect(counter).toContainText("20 / 5.000");

  // Saved on the server after a pause, without leaving the page.
  await expect(page.getByText(/Bozza salvata alle/)).toBeVisible({ timeout: 10_000 });
  await page.reload();
  await expect(personas).toHaveValue("Famiglie con bambini");

  // Offline: kept on the device, said so, sent when the connection is back.
  await page.context().setOffline(true);
  await page.getByLabel("Luoghi").fill("Langhe");
  await expect(page.getByText(/Non riusciamo a salvare/)).toBeVisible({ timeout: 10_000 });
  await page.context().setOffline(false);
  await expect(page.getByText(/Bozza salvata alle/)).toBeVisible({ timeout: 10_000 });
  await page.reload();
  await expect(page.getByLabel("Luoghi")).toHaveValue("Langhe");
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("socialbrief:intake:")))).toEqual([]);

  // "Send the link again", answered in place (the page stays, and so does what was typed).
  await page.getByLabel("Luoghi").fill("Langhe e Roero");
  const before = await lastEmail("resume_link", email);
  await page.getByRole("button", { name: "Invia di nuovo il link" }).click();
  await expect(page.getByText(/Il link è appena stato inviato|Link inviato di nuovo/)).toBeVisible();
  await expect(page.getByLabel("Luoghi")).toHaveValue("Langhe e Roero");
  expect(before.text).toMatch(/\/it\/intake\/resume\//);
  expect(errors.filter((e) => !/status of (400|429)|ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e))).toEqual([]);
});

/** The path of the latest resume link mailed to `to`, once it differs from `not`. */
async function newestLink(to: string, not?: string): Promise<string> {
  await expect.poll(async () => /\/\w\w\/intake\/resume\/[\w-]+/.exec((await lastEmail("resume_link", to)).text)?.[0], { timeout: 15_000 }).not.toBe(not);
  return /\/\w\w\/intake\/resume\/[\w-]+/.exec((await lastEmail("resume_link", to)).text)![0];
}

test("a link replaced by a newer one says so and sends a new link in one click, in the language chosen", async ({ page, browser }) => {
  const email = `replaced-${Date.now()}@example.com`;
  await page.goto("/it/intake/about");
  await answerAbout(page, { organisation: "Forno Vecchio Link", sector: "Ristorazione e cibo", size: "Solo io", contact: "Rita Forno", email, language: "Inglese" });
  const first = await newestLink(email);
  expect(first).toMatch(/^\/en\//);
  // A minute later (the send's claim moved back), "send the link again": the first link is replaced.
  await e2eSql('UPDATE "IntakeDraft" SET "resumeSentAt" = NULL WHERE email = ?', [email]);
  await page.getByRole("button", { name: "Invia di nuovo il link" }).click();
  await expect(page.getByText("Link inviato di nuovo. Il link precedente non funziona più.")).toBeVisible();
  const second = await newestLink(email, first);

  const other = await browser.newContext();
  const tab = await other.newPage();
  const scripts = watchScripts(tab);
  const response = await tab.goto(first);
  expect(response?.status()).toBe(410);
  await expect(tab.getByRole("heading", { level: 1 })).toHaveText("A newer link has replaced this one");
  expect(scripts.every((path) => ENHANCE.test(path))).toBe(true);
  await expect(tab.getByLabel("Your email address")).toHaveCount(0); // one click: the link says which questionnaire
  await e2eSql('UPDATE "IntakeDraft" SET "resumeSentAt" = NULL WHERE email = ?', [email]);
  await tab.getByRole("button", { name: "Send me a new link" }).click();
  await expect(tab.getByRole("status")).toContainText("If this link or address belongs to a questionnaire still in progress");
  const third = await newestLink(email, second);
  expect(third).toMatch(/^\/en\/intake\/resume\//);
  await tab.goto(third);
  await expect(tab.getByRole("heading", { level: 1 })).toHaveText("Audience");
  await other.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the step shows its limit, every field, and goes on with a plain post", async ({ page }) => {
    await page.goto("/it/intake/about");
    // The conditional field is there (nothing hides it), and the limit is written out.
    await expect(page.getByLabel("Quale settore?")).toBeVisible();
    await answerAbout(page, { organisation: "Orto Senza Script", sector: "Altro", size: "Solo io", contact: "Ugo Verdi", email: `nojs-light-${Date.now()}@example.com`, language: "Italiano" });
    const personas = page.locator('[name="personas"]');
    await expect(page.locator(`#${await personas.getAttribute("id")}-count`)).toHaveText("Massimo 5.000 caratteri");
    await personas.fill("Chi ama la terra");
    await next(page, "Avanti", "Obiettivi");
    await next(page, "Indietro", "Pubblico");
    await expect(personas).toHaveValue("Chi ama la terra");
  });
});
