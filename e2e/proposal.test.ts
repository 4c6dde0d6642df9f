// The owner reviews, edits and sends a proposal; the prospect opens it, ticks
// add-ons and sees the total; the owner sees it was opened. Before sending,
// the prospect's link shows nothing generated; a double send makes one version.
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./intake-helpers";
import { fullLead, signIn } from "./fixtures";

async function logIn(page: Page) {
  await signIn(page.context());
}

test("the prospect sees nothing generated until the owner sends; a double send makes one version", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const organisation = `Hotel Revisione ${Date.now()}`;
  const lead = await fullLead(organisation);
  const note = `NOTA INTERNA ${Date.now()}: margine per uno sconto del 10%.`;

  // The prospect, right after submitting: the confirmation, the date, no prices, no PDF, no staff login.
  const prospectContext = await browser.newContext();
  const prospect = await prospectContext.newPage();
  await prospect.goto(`/it/p/${lead.token}?received=1`);
  await expect(prospect.getByRole("heading", { level: 1 })).toHaveText("Abbiamo ricevuto le tue risposte");
  await expect(prospect.getByRole("status")).toContainText(/Riceverai la tua proposta entro \S+ \d{1,2} \S+ \d{4}\./);
  const before = await prospect.locator("body").innerText();
  for (const hidden of ["€", "Essenziale", "Completo", "Scarica il PDF", "Accesso staff", "Versione regole", "regole"]) expect(before, hidden).not.toContain(hidden);
  await expect(prospect.getByRole("link", { name: "Accesso staff" })).toHaveCount(0);
  await expectAccessible(prospect);
  const pdf = await prospect.request.get(`/it/p/${lead.token}/pdf`);
  expect(pdf.status()).toBe(404);
  expect(await pdf.text()).toContain("La proposta non è ancora pronta");

  // The owner edits one part with an internal note and saves; a stale second tab stays open.
  await logIn(page);
  await page.goto(`/it/owner/proposals/${lead.id}`);
  const staleTab = await page.context().newPage();
  await staleTab.goto(`/it/owner/proposals/${lead.id}`);
  // Previews render in the same (small) PDF pool as sending: let them finish first.
  await expect(staleTab.locator(".pdf-page canvas").first()).toBeVisible({ timeout: 60_000 });
  await page.getByLabel("Il tuo testo per «In sintesi»").fill(note);
  await page.getByRole("button", { name: "Salva le modifiche" }).click();
  await expect(page.getByRole("status")).toHaveText("Modifiche salvate.");
  await expect(page.locator(".pdf-page canvas").first()).toBeVisible({ timeout: 60_000 });

  // One sentence rewritten on its own (block editing), with another internal note.
  const blockNote = `NOTA BLOCCO ${Date.now()}: il canale lo seguiamo noi.`;
  await page.goto(`/it/owner/proposals/${lead.id}/blocks`);
  const channelsPart = page.locator('section[aria-labelledby="part-channels"]');
  await channelsPart.locator("textarea").first().fill(blockNote);
  await channelsPart.getByRole("button", { name: "Salva questo passaggio" }).first().click();
  await expect(page.getByRole("status")).toHaveText("Passaggio salvato.");
  await expect(channelsPart.getByText("Riscritto", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("1 passaggio riscritto da te.")).toBeVisible();
  await page.goto(`/it/owner/proposals/${lead.id}`);
  await expect(page.locator(".pdf-page canvas").first()).toBeVisible({ timeout: 60_000 });

  await prospect.reload();
  const stillBefore = await prospect.locator("body").innerText();
  expect(stillBefore).not.toContain("NOTA BLOCCO");
  expect(stillBefore).not.toContain("NOTA INTERNA");
  expect(stillBefore).not.toContain("€");
  await expect(prospect.getByRole("heading", { level: 1 })).toHaveText("Abbiamo ricevuto le tue risposte");

  // A double click on send.
  await page.getByRole("button", { name: /Invia la proposta a/ }).dblclick();
  await expect(page.getByRole("status")).toHaveText(/Proposta versione 1 inviata\.|La versione 1 era già stata inviata/, { timeout: 60_000 });
  // The other tab, loaded before the send, sends too: "already sent", nothing new.
  await staleTab.getByRole("button", { name: /Invia la proposta a/ }).click();
  await expect(staleTab.getByRole("status")).toHaveText(/La versione 1 era già stata inviata: nessun nuovo invio\./, { timeout: 60_000 });
  await staleTab.close();
  await page.reload();
  await expect(page.getByText(/^Versione \d+ del .* impronta [0-9a-f]{12}$/)).toHaveCount(1);
  await expect(page.getByText(/^Versione 1 del /)).toBeVisible();
  // The stale tab's empty text did not replace the owner's.
  await expect(page.getByLabel("Il tuo testo per «In sintesi»")).toHaveValue(note);

  // The prospect now reads the sent version: the owner's text and the prices.
  await prospect.goto(`/it/p/${lead.token}`);
  await expect(prospect.getByText(note)).toBeVisible();
  await expect(prospect.getByText(blockNote)).toBeVisible();
  await expect(prospect.getByText("1.600,00 €").first()).toBeVisible();
  await expect(prospect.getByRole("link", { name: "Scarica il PDF" })).toBeVisible();
  expect(await prospect.locator("body").innerText()).not.toMatch(/Versione regole|Accesso staff/);
  expect((await prospect.request.get(`/it/p/${lead.token}/pdf`)).headers()["content-type"]).toBe("application/pdf");
  await prospectContext.close();
});

test("owner edits and sends the proposal; the prospect opens it and builds a total", async ({ page, browser }) => {
  test.slow();
  const organisation = `Hotel Prova ${Date.now()}`;
  const lead = await fullLead(organisation);

  await logIn(page);
  await page.goto(`/it/owner/proposals/${lead.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Proposta per ${organisation}`);
  // The react-pdf viewer draws the preview's pages.
  // Rendered by the PDF pool: on a busy 2-core machine that can take tens of seconds (a wait, not a speed budget).
  await expect(page.locator(".pdf-page canvas").first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/^Pagina 1 di \d+$/)).toBeVisible();
  // Pages are drawn as they come near the viewer's visible part: the last one once scrolled to.
  const lastPage = page.locator(".pdf-page").last();
  await expect(lastPage.getByText(/^Pagina (\d+) di \1$/)).toBeVisible();
  await expect(lastPage.locator("canvas")).toHaveCount(0);
  await lastPage.scrollIntoViewIfNeeded();
  await expect(lastPage.locator("canvas")).toBeVisible({ timeout: 30_000 });
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
  const lead = await fullLead(`Agriturismo NoJS ${Date.now()}`, { sent: true });
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
