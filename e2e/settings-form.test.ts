// The proposal settings are a Conform form: with JavaScript a wrong value is
// told on leaving the field and nothing is sent; without it the server answers
// the page with the same message and what was typed. Fixed, it saves.
import { expect, test, type Browser } from "@playwright/test";
import { owner } from "./fixtures";

async function signIn(browser: Browser, javaScriptEnabled: boolean) {
  const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await page.goto("/it/login");
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Accedi" }).click();
  await expect(page).toHaveURL(/\/it\/owner$/);
  await page.goto("/it/owner/settings/proposals");
  return page;
}

for (const javaScriptEnabled of [true, false]) {
  test(`proposal settings tell a wrong colour and a wrong amount, then save, leaving the settings as they were (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({ browser }) => {
    const page = await signIn(browser, javaScriptEnabled);
    const accent = page.getByLabel("Colore d'accento");
    const fee = page.getByLabel("Avvio del progetto, IVA esclusa (€)");
    await accent.fill("rosso");
    await fee.fill("tanti");
    await page.getByRole("button", { name: "Salva", exact: true }).click();
    await expect(page.getByText("Scrivi un colore come #1f3a5f.")).toBeVisible();
    await expect(page.getByText("Scrivi un importo in euro, per esempio 1.234,56.")).toBeVisible();
    await expect(accent).toHaveAttribute("aria-invalid", "true");
    await expect(accent).toHaveValue("rosso");
    await expect(fee).toHaveValue("tanti");
    await expect(page).not.toHaveURL(/saved=1/);

    await accent.fill("#f4b860");
    await fee.fill("500,00");
    await page.getByRole("button", { name: "Salva", exact: true }).click();
    await expect(page).toHaveURL(/saved=1/);
    await expect(page.getByLabel("Avvio del progetto, IVA esclusa (€)")).toHaveValue("500,00");
  });
}
