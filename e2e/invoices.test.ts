// Invoices in a browser: the owner fills in their fiscal details (a wrong IBAN
// first), a client accepts, the owner records the bank transfer on the lead,
// and the invoices page lists invoice 1 "to upload to the SDI" with its XML
// (IT<Partita IVA>_<progressivo>.xml) and the month's ZIP; marking it uploaded
// says so. On a phone the table's rows become cards. Also without JavaScript.
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { expectAccessible } from "./intake-helpers";
import { fillBusinessAcceptance, fullLead, signIn } from "./fixtures";

async function fillFiscalDetails(page: Page) {
  await page.goto("/it/owner/settings/invoicing");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dati fiscali per le fatture");
  await page.getByLabel("Nome", { exact: true }).fill("Maria");
  await page.getByLabel("Cognome").fill("Rossi");
  await page.getByLabel("Partita IVA").fill("01234567897");
  await page.getByLabel("Codice fiscale").fill("RSSMRA80A41H501Y");
  await page.getByLabel("Indirizzo (via e numero civico)").fill("Via Torino 10");
  await page.getByLabel("CAP").fill("20123");
  await page.getByLabel("Comune").fill("Milano");
  await page.getByLabel("Provincia (sigla)").fill("MI");
  await page.getByLabel("IBAN per i bonifici").fill("IT60 X054 2811 1010 0000 0123 457");
  await page.getByRole("button", { name: "Salva i dati fiscali" }).click();
  await expect(page.getByText("IBAN non valido: controlla il paese, la lunghezza e le cifre di controllo.")).toBeVisible();
  await expect(page.getByLabel("IBAN per i bonifici")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("IBAN per i bonifici").fill("IT60 X054 2811 1010 0000 0123 456");
  await page.getByRole("button", { name: "Salva i dati fiscali" }).click();
  await expect(page.getByText("Dati fiscali salvati.")).toBeVisible();
  await expect(page.getByLabel("IBAN per i bonifici")).toHaveValue("IT60X0542811101000000123456");
  await expectAccessible(page);
}

async function acceptAsBusiness(page: Page, token: string, organisation: string) {
  await page.goto(`/it/p/${token}/accept?package=crescita`);
  await fillBusinessAcceptance(page, organisation, "01234567897");
  await page.getByRole("button", { name: "Accetta e vai al pagamento" }).click();
  await expect(page).toHaveURL(new RegExp(`/it/p/${token}\\?accepted=1$`));
}

test("fiscal details → a bank transfer → invoice 1 to upload, its XML and the month's ZIP → marked uploaded", async ({ browser }) => {
  test.setTimeout(180_000);
  const organisation = `Hotel Fatture ${Date.now()}`;
  const lead = await fullLead(organisation, { sent: true });
  const context = await browser.newContext();
  await signIn(context);
  const staff = await context.newPage();
  await fillFiscalDetails(staff);

  const client = await (await browser.newContext()).newPage();
  await acceptAsBusiness(client, lead.token, organisation);

  await staff.goto(`/it/owner/leads/${lead.id}`);
  await staff.getByText("Registra un bonifico ricevuto").click();
  await staff.getByLabel("Importo ricevuto (IVA inclusa)").fill("610,00");
  await staff.getByLabel("Nota (per esempio il CRO del bonifico)").fill("CRO 0001");
  await staff.getByRole("button", { name: "Registra il bonifico" }).click();
  await expect(staff.getByText("Bonifico registrato").first()).toBeVisible();

  await staff.getByRole("link", { name: "Fatture", exact: true }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("Fatture");
  const row = staff.getByTestId("invoice-row").filter({ hasText: `${organisation} S.r.l.` });
  const year = new Date().getFullYear();
  await expect(row.getByRole("rowheader")).toHaveText(`1/${year}`);
  await expect(row).toContainText("Fattura");
  await expect(row).toContainText("610,00 €");
  await expect(row).toContainText("Da caricare sullo SdI");
  await expectAccessible(staff);
  await staff.screenshot({ path: "test-results/invoices-desktop.png", fullPage: true });

  const [xml] = await Promise.all([staff.waitForEvent("download"), row.getByRole("link", { name: `Scarica il file XML della fattura 1/${year}` }).click()]);
  expect(xml.suggestedFilename()).toBe(`IT01234567897_${String(year % 100)}001.xml`);
  const text = readFileSync((await xml.path())!, "utf8");
  expect(text).toContain("<CodiceDestinatario>M5UXCR1</CodiceDestinatario>");
  expect(text).toContain("<ImportoTotaleDocumento>610.00</ImportoTotaleDocumento>");
  const [zip] = await Promise.all([staff.waitForEvent("download"), staff.getByRole("link", { name: /Esporta il mese in ZIP/ }).click()]);
  expect(zip.suggestedFilename()).toMatch(/^fatture-\d{4}-\d{2}\.zip$/);

  await row.getByRole("button", { name: `Segna la fattura 1/${year} come caricata sullo SdI` }).click();
  await expect(staff.getByRole("status").filter({ hasText: `Fattura 1/${year} segnata come caricata.` })).toBeVisible();
  await expect(staff.getByTestId("invoice-row").filter({ hasText: `${organisation} S.r.l.` })).toContainText("Caricata il");

  // On a phone, without JavaScript: the rows are cards, the buttons still work.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, javaScriptEnabled: false });
  await signIn(phone);
  const small = await phone.newPage();
  await small.goto("/en/owner/invoices");
  await expect(small.getByRole("heading", { level: 1 })).toHaveText("Invoices");
  await expect(small.getByTestId("invoice-row").filter({ hasText: `${organisation} S.r.l.` })).toContainText("Uploaded on");
  await small.screenshot({ path: "test-results/invoices-phone.png", fullPage: true });
});
