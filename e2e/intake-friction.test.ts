// The intake on a phone as a prospect meets it: the longest answers allowed
// reach the owner whole, Back works with required fields empty, the channels
// step fits a phone, and Back after sending starts no new draft.
import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { fieldLimit, stepFields, type FieldSpec, type RawAnswers, type StepId } from "~/domain/intake/definition";
import { getT } from "~/i18n/i18n";
import { e2eSql } from "./db";
import { signIn } from "./fixtures";

const SHOTS = "/tmp/shots-intake";
const t = getT("it");

/** Exactly `length` characters (UTF-16 units, as the limit counts them) of Italian with accents, quotes and an emoji; no space at either end. */
function longText(length: number, seed: string): string {
  const words = [seed, "perché", "città", "«vera»", "caffè", "🌳", "l'estate", "più", "qualità", "Nicolò", "—", "ecco"];
  let text = seed;
  for (let i = 1; text.length + 1 + words[i % words.length]!.length <= length; i++) text += ` ${words[i % words.length]}`;
  return text + "x".repeat(length - text.length);
}

async function draftCount(): Promise<number> {
  const [row] = await e2eSql<{ drafts: number | string }>('SELECT COUNT(*) AS drafts FROM "IntakeDraft"');
  return Number(row?.drafts);
}

const isFreeText = (field: FieldSpec) => field.kind === "text" || field.kind === "textarea";

async function go(page: Page, button: string, heading: string) {
  await page.getByRole("button", { name: button, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  await page.waitForLoadState("load");
}

/** Fills every free-text field the step shows with the longest answer it takes; returns what was typed, by field. */
async function fillLongest(page: Page, step: StepId, answers: RawAnswers, typed: Map<string, { step: StepId; field: FieldSpec; text: string }>) {
  for (const field of stepFields(step, answers).filter(isFreeText)) {
    const input = page.locator(`[name="${field.name}"]`);
    if (!(await input.isVisible())) continue; // hidden by its condition (the intake script hides it, app/enhance/intake.ts)
    const text = longText(fieldLimit(field), field.name);
    await input.fill(text);
    typed.set(field.name, { step, field, text });
  }
}

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the longest answers allowed reach the owner whole; Back works with required fields empty; Back after sending makes no draft", async ({ page }) => {
    test.slow(); // nine screens of long answers typed on a busy machine
    mkdirSync(SHOTS, { recursive: true });
    const stamp = Date.now();
    const email = `bar-${stamp}@caffè.it`;
    const typed = new Map<string, { step: StepId; field: FieldSpec; text: string }>();
    const answers: RawAnswers = { about: { sector: "other" }, channels: { facebook: "present" }, crisis: { hadCrisis: "yes" }, crisisDetails: { authorities: "yes" } };

    await page.goto("/it/intake/about");
    await page.getByLabel("Settore", { exact: true }).selectOption({ label: "Altro" });
    await page.getByLabel("Dimensione").selectOption({ label: "2–9 persone" });
    await page.getByLabel("Email").fill(email);
    await page.getByRole("radio", { name: "Italiano" }).check();
    await fillLongest(page, "about", answers, typed);
    // The counter: a plain limit before JavaScript, a live count once it runs.
    await expect(page.locator(`#${await page.locator('[name="organisation"]').getAttribute("id")}-count`)).toHaveCount(0); // 160: no counter on short lines
    await go(page, "Avanti", "Pubblico");

    // A 10,000-character paste: said too long, with the count, and kept whole, never cut.
    const personas = page.locator('[name="personas"]');
    const paste = longText(10_000, "incollato");
    await personas.fill(paste);
    const counter = page.locator(`#${await personas.getAttribute("id")}-count`);
    await expect(counter).toContainText("10.000 / 5.000");
    await expect(counter).toContainText("5.000 caratteri oltre il massimo");
    await page.getByRole("button", { name: "Avanti", exact: true }).click();
    await expect(page.getByText("Troppo lungo: al massimo 5.000 caratteri. Il testo è ancora qui: accorcialo per andare avanti.")).toBeVisible();
    await expect(personas).toHaveValue(paste);
    await fillLongest(page, "audience", answers, typed);
    await expect(counter).toContainText("5.000 / 5.000");
    await expect(counter).toContainText("Restano 0 caratteri");
    await go(page, "Avanti", "Obiettivi");

    // Back with the required goal and budget still empty: refused before, now it keeps what was typed and goes back.
    await fillLongest(page, "goals", answers, typed);
    await go(page, "Indietro", "Pubblico");
    await go(page, "Avanti", "Obiettivi");
    await expect(page.locator('[name="target"]')).toHaveValue(typed.get("target")!.text);
    await page.getByLabel("Obiettivo più importante").selectOption({ label: "Contatti e vendite" });
    await page.getByLabel("Budget mensile indicativo").selectOption({ label: "500–1.000 €" });
    await go(page, "Avanti", "Canali");

    // The channels grid: "none" already checked everywhere, one row changed; it fits a phone.
    await expect(page.getByRole("group", { name: "Instagram", exact: true }).getByRole("radio", { name: "Non lo usiamo" })).toBeChecked();
    await page.getByRole("group", { name: "Facebook", exact: true }).getByRole("radio", { name: "Lo usiamo", exact: true }).check();
    await fillLongest(page, "channels", answers, typed);
    await page.locator('[name="channelNotes"]').blur();
    const gridHeight = await page.locator(".channel-grid").evaluate((el) => el.getBoundingClientRect().height);
    const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({ path: `${SHOTS}/channels-390.png`, fullPage: true });
    console.log(`channels step at 390 px: grid ${Math.round(gridHeight)} px, page ${pageHeight} px`);
    // Nine rows in one screen of a phone (the 36 tiles were 3,100 px); the page holds the notes field and the resume box besides.
    expect(gridHeight).toBeLessThan(600);
    expect(pageHeight).toBeLessThan(1800);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await go(page, "Avanti", "I canali che usate");
    await page.getByLabel("Follower o iscritti").fill("1,2 mila");
    await fillLongest(page, "channelDetails", answers, typed);
    await go(page, "Avanti", "Crisi passate");
    await page.getByRole("radio", { name: "Sì" }).check();
    await go(page, "Avanti", "Com'è andata");
    await page.getByRole("group", { name: /Sono state coinvolte le autorità/ }).getByRole("radio", { name: "Sì" }).check();
    await fillLongest(page, "crisisDetails", answers, typed);
    await go(page, "Avanti", "Ruoli e modi di lavorare");
    await fillLongest(page, "roles", answers, typed);
    await go(page, "Avanti", "Riepilogo e privacy");
    const draftsBefore = await draftCount();
    await page.getByRole("button", { name: "Invia le risposte" }).click();
    await expect(page).toHaveURL(/\/it\/p\/[\w-]{22}\?received=1$/);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("socialbrief:intake:")))).toEqual([]);

    // Back in the browser after sending: "already sent", a way to start again, nothing new stored.
    await page.goBack();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Risposte già inviate");
    await expect(page.getByRole("link", { name: "Inizia un nuovo questionario" })).toBeVisible();
    await page.goBack();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Risposte già inviate");
    await page.waitForTimeout(2500); // longer than autosave's pause: a page that autosaved would have done it by now
    expect(await draftCount()).toBe(draftsBefore);
    const open = await e2eSql<{ id: string }>('SELECT id FROM "IntakeDraft" WHERE "submittedLeadId" IS NULL AND email = ?', [email]);
    expect(open).toEqual([]);

    // The owner's lead page shows every answer exactly as typed, and the address as typed.
    const [lead] = await e2eSql<{ id: string; email: string }>('SELECT id, email FROM "Lead" WHERE email = ?', [email]);
    expect(lead?.email).toBe(email);
    await signIn(page.context());
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/it/owner/leads/${lead!.id}`);
    await expect(page.getByText(email).first()).toBeVisible();
    expect(typed.size).toBeGreaterThanOrEqual(18);
    for (const { step, field, text } of typed.values()) {
      const part = page.locator(`#review-${step}`).locator("xpath=ancestor::section[1]");
      const label = t(`questionnaire.fields.${field.label ?? field.name}.label`);
      const row = part.locator(".review-row").filter({ has: page.locator("dt", { hasText: label }) }).first();
      expect(await row.locator("dd").textContent(), `${step}.${field.name}`).toBe(text);
    }
    // Search finds the address by its Unicode text.
    await page.goto(`/it/owner?q=${encodeURIComponent(`bar-${stamp}@caffè`)}`);
    await expect(page.getByRole("row", { name: new RegExp(`bar-${stamp}@caffè\\.it`) })).toBeVisible();
  });

  test("a link that no longer works asks for the address and answers the same for anyone", async ({ page }) => {
    const token = "x".repeat(32);
    const response = await page.goto(`/en/intake/resume/${token}`);
    expect(response?.status()).toBe(410);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link no longer works");
    await page.getByLabel("Your email address").fill("nobody@example.com");
    await page.getByRole("button", { name: "Send me a new link" }).click();
    await expect(page.getByRole("status")).toContainText("If this link or address belongs to a questionnaire still in progress");
    await page.screenshot({ path: `${SHOTS}/resume-unknown-390.png`, fullPage: true });
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

  test("the limit is written under the field, and a paste too long comes back whole with the message", async ({ page }) => {
    await page.goto("/it/intake/about");
    await page.getByLabel("Nome dell'organizzazione").fill("Forno Rossi");
    await page.getByLabel("Settore", { exact: true }).selectOption({ label: "Ristorazione e cibo" });
    await page.getByLabel("Dimensione").selectOption({ label: "2–9 persone" });
    await page.getByLabel("Nome e cognome della persona di riferimento").fill("Carla Rossi");
    await page.getByLabel("Email").fill(`nojs-${Date.now()}@forno.example`);
    await page.getByRole("radio", { name: "Italiano" }).check();
    await go(page, "Avanti", "Pubblico");
    const personas = page.locator('[name="personas"]');
    await expect(page.locator(`#${await personas.getAttribute("id")}-count`)).toHaveText("Massimo 5.000 caratteri");
    const paste = longText(10_000, "senza-script");
    await personas.fill(paste);
    await page.getByRole("button", { name: "Avanti", exact: true }).click();
    await expect(page.getByText("Troppo lungo: al massimo 5.000 caratteri. Il testo è ancora qui: accorcialo per andare avanti.")).toBeVisible();
    await expect(page.locator('[name="personas"]')).toHaveValue(paste);
    // Back with the text still too long: no check, what was typed kept.
    await go(page, "Indietro", "Chi siete");
    await go(page, "Avanti", "Pubblico");
    await expect(page.locator('[name="personas"]')).toHaveValue(paste);
  });
});

