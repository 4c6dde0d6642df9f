// The owner reviews, edits and sends a proposal; the prospect opens it, ticks
// add-ons and sees the total; the owner sees it was opened.
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./intake-helpers";
import { fullLead, owner } from "./fixtures";



test("owner edits and sends the proposal; the prospect opens it and builds a total", async ({ page, browser }) => {
  test.slow();
  const organisation = `Hotel Prova ${Date.now()}`;
  const lead = fullLead(organisation);

  await page.goto("/it/login");
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Accedi" }).click();
  await expect(page).toHaveURL(/\/it\/owner$/);
  await page.goto(`/it/owner/proposals/${lead.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Proposta per ${organisation}`);
  // The react-pdf viewer draws the preview's pages.
  await expect(page.locator(".pdf-page canvas").first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/^Pagina 1 di \d+$/)).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Il tuo testo per «In sintesi»").fill("Tre priorità: prenotazioni dirette, Instagram curato, risposte in giornata.");
  await page.getByLabel("Completo").fill("1.500,00");
  await page.getByRole("button", { name: /Invia la proposta a/ }).click();
  // Sending renders the PDF to attach it: on a busy CI machine that can take longer than 5 s.
  await expect(page.getByRole("status")).toHaveText("Proposta versione 1 inviata.", { timeout: 30_000 });
  await expect(page.getByText(/Versione 1 del .* impronta [0-9a-f]{12}/)).toBeVisible();
  await expect(page.getByText("Il cliente non l'ha ancora aperta.")).toBeVisible();

  const prospect = await (await browser.newContext()).newPage();
  await prospect.goto(`/it/p/${lead.token}`);
  await expect(prospect.getByText("Tre priorità: prenotazioni dirette, Instagram curato, risposte in giornata.")).toBeVisible();
  await expect(prospect.getByText("1.500,00 €").first()).toBeVisible();
  await expectAccessible(prospect);
  await prospect.getByRole("radio", { name: /Essenziale/ }).check();
  await prospect.getByRole("checkbox", { name: /Sponsorizzate/ }).check();
  // 450 + 300 = 750 € a month, + 22% VAT = 915 €
  await expect(prospect.getByTestId("total-monthly")).toHaveText("915,00 €");
  await expect(prospect).toHaveURL(/package=essenziale&addon=ads/);

  await page.reload();
  await expect(page.getByText(/Aperta dal cliente il/)).toBeVisible();
});

test("without JavaScript the prospect's choices total on submit", async ({ browser }) => {
  const lead = fullLead(`Agriturismo NoJS ${Date.now()}`);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/it/p/${lead.token}`);
  await page.getByRole("radio", { name: /Crescita/ }).check();
  await page.getByRole("checkbox", { name: /Produzione video/ }).check();
  await page.getByRole("button", { name: "Aggiorna il totale" }).click();
  // 900 + 400 = 1.300 € + 22% = 1.586 €
  await expect(page.getByTestId("total-monthly")).toHaveText("1.586,00 €");
  await context.close();
});
