// Accept and pay in a browser: the prospect accepts the sent proposal (with a
// wrong Partita IVA first), pays on the local Stripe stand-in, the stand-in's
// signed webhook marks the payment paid, the client area shows the receipt and
// the owner sees the lead paid; a refund made "in Stripe" shows up too. Also:
// acceptance without JavaScript, in English.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { e2ePort } from "./db-path";
import { expectAccessible } from "./intake-helpers";
import { fillBusinessAcceptance, fullLead, signIn } from "./fixtures";

const standinUrl = `http://127.0.0.1:${e2ePort + 1}`;


async function ownerPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await signIn(context);
  return context.newPage();
}

async function sendProposal(page: Page, leadId: string) {
  await page.goto(`/it/owner/proposals/${leadId}`);
  await page.getByRole("button", { name: /Invia la proposta a/ }).click();
  // Sending renders the PDF (the first one warms the worker pool up).
  await expect(page.getByRole("status").filter({ hasText: "Proposta versione 1 inviata." })).toBeVisible({ timeout: 30_000 });
}

test("accept → pay on the stand-in → webhook → paid for the owner, receipt for the client; a Stripe refund shows up", async ({ browser }) => {
  test.setTimeout(180_000);
  const organisation = `Hotel Pagamenti ${Date.now()}`;
  const lead = await fullLead(organisation);
  const staff = await ownerPage(browser);
  // The kick-off booking link comes from the owner's settings.
  await staff.goto("/it/owner/settings/proposals");
  await staff.getByLabel("Link per prenotare la call di avvio (https)").fill("https://prenota.example.com/avvio");
  await staff.getByLabel("Nome dello studio (copertina e piè di pagina)").fill("Studio Onde");
  await staff.getByRole("button", { name: "Salva", exact: true }).click();
  await expect(staff).toHaveURL(/saved=1/);
  await sendProposal(staff, lead.id);
  await expect(staff.getByTestId("payments-summary")).toHaveText("Proposta non ancora accettata.");

  // The prospect, on a phone.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`/it/p/${lead.token}`);
  await page.getByRole("radio", { name: /Crescita/ }).check();
  await page.getByRole("checkbox", { name: /Sponsorizzate/ }).check();
  await expect(page.getByRole("link", { name: "Accetta la proposta" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Accetta con questa scelta" }).click();
  await expect(page).toHaveURL(new RegExp(`/it/p/${lead.token}/accept\\?package=crescita&addon=ads`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accetta la proposta");
  await expect(page.getByRole("radio", { name: /Crescita/ })).toBeChecked();
  // 900 + 300 = 1.200 € a month + 22% = 1.464 €; onboarding 500 € + 110 € = 610 €
  await expect(page.getByTestId("accept-monthly")).toHaveText("1.464,00 €");
  await expect(page.getByTestId("accept-due-now")).toHaveText("610,00 €");

  await fillBusinessAcceptance(page, organisation, "01234567890");
  await page.getByRole("button", { name: "Accetta e vai al pagamento" }).click();
  await expect(page.getByText("Questa Partita IVA non esiste: l'ultima cifra di controllo non torna.")).toBeVisible();
  await expect(page.getByLabel("Partita IVA", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await page.getByLabel("Partita IVA", { exact: true }).fill("01234567897");
  await page.getByRole("button", { name: "Accetta e vai al pagamento" }).click();

  // The client area: accepted, the fee to pay with VAT as on an Italian invoice.
  await expect(page).toHaveURL(new RegExp(`/it/p/${lead.token}\\?accepted=1$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Area cliente: ${organisation}`);
  // The client area carries the studio's name, as the proposal did.
  await expect(page.locator(".proposal-cover .brand-line")).toHaveText("Studio Onde");
  await expect(page.getByText("Grazie! La proposta è accettata.")).toBeVisible();
  await expect(page.getByTestId("portal-onboarding")).toHaveText("610,00 €");
  await expect(page.getByText("Dopo il pagamento potrai prenotare qui la call di avvio.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Paga 610,00 €" }).click();

  // The stand-in's checkout page, in Italian, with the email prefilled and imponibile + IVA.
  await expect(page).toHaveURL(new RegExp(`^${standinUrl}/c/pay/cs_test_`));
  await expect(page.locator("html")).toHaveAttribute("lang", "it");
  await expect(page.getByTestId("standin-total")).toHaveText("610,00 €");
  await expect(page.getByText(`${organisation.replace(/\W+/g, "-").toLowerCase()}@example.com`)).toBeVisible();
  await expect(page.getByText(/\(imponibile\)/)).toBeVisible();
  await expect(page.getByText("IVA 22%")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Paga 610,00 €" }).click();

  // Back on the success page: it shows paid once the signed webhook has arrived.
  await expect(page).toHaveURL(new RegExp(`/it/p/${lead.token}/checkout/success\\?session_id=cs_test_`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pagamento ricevuto", { timeout: 15_000 });
  await page.getByRole("link", { name: "Vai all'area cliente" }).click();
  await expect(page.getByTestId("portal-state")).toHaveAttribute("data-state", "paid");
  await expect(page.getByText(/Pagamento ricevuto il/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Scegli data e ora della call di avvio" })).toHaveAttribute("href", "https://prenota.example.com/avvio");
  await expectAccessible(page);
  await page.getByRole("link", { name: /Apri la ricevuta del/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ricevuta di pagamento");
  await expect(page.getByTestId("receipt-total")).toHaveText("610,00 €");
  // The payment issued its invoice: the receipt is its courtesy copy.
  await expect(page.getByTestId("receipt-invoice")).toHaveText(/^Fattura n\. \d+\/\d{4}$/);
  await expect(page.getByText("500,00 €")).toBeVisible();
  await expect(page.getByText("110,00 €")).toBeVisible();
  await expect(page.getByText("P. IVA 01234567897")).toBeVisible();
  await expectAccessible(page);

  // The owner sees the lead paid, with the acceptance.
  await staff.reload();
  await expect(staff.getByTestId("payments-summary")).toHaveAttribute("data-summary", "paid");
  await expect(staff.getByText("Giulia Bianchi").first()).toBeVisible();
  await expect(staff.getByTestId("payment-paid")).toBeVisible();
  await expectAccessible(staff);
  await staff.goto("/it/owner");
  await expect(staff.getByRole("row", { name: new RegExp(organisation) }).getByText("Pagato")).toBeVisible();

  // A refund made "in Stripe" (the stand-in's dashboard) shows up on the lead.
  await staff.goto(`${standinUrl}/`);
  await staff.getByRole("button", { name: /Rimborsa tutto|Refund in full/ }).first().click();
  await staff.goto(`/it/owner/proposals/${lead.id}`);
  await expect(staff.getByTestId("payments-summary")).toHaveAttribute("data-summary", "refunded", { timeout: 10_000 });
  await expect(staff.getByTestId("payment-refunded")).toBeVisible();
  await context.close();
});

test("acceptance works without JavaScript, in English, for a private person", async ({ browser }) => {
  test.setTimeout(90_000);
  const lead = await fullLead(`Studio NoJS ${Date.now()}`);
  const staff = await ownerPage(browser);
  await sendProposal(staff, lead.id);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/en/p/${lead.token}/accept`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accept the proposal");
  await page.getByRole("radio", { name: "A private person" }).check();
  await page.getByLabel("Tax code (codice fiscale)").fill("RSSMRA80A01H501X");
  await page.getByLabel("Address (street and number)").fill("Via Roma 1");
  await page.getByLabel("Postcode (CAP)").fill("00184");
  await page.getByLabel("Town").fill("Roma");
  await page.getByLabel("Province (two letters)").fill("RM");
  await page.getByLabel("Full name of the person accepting").fill("Mario Rossi");
  await page.getByRole("checkbox", { name: /I have read the proposal/ }).check();
  await page.getByRole("button", { name: "Accept and go to payment" }).click();
  await expect(page.getByText("This tax code is not valid: its last check character does not match.")).toBeVisible();
  // What was typed is kept.
  await expect(page.getByLabel("Town")).toHaveValue("Roma");
  await expectAccessible(page, { javaScriptDisabled: true });
  await page.getByLabel("Tax code (codice fiscale)").fill("RSSMRA80A01H501U");
  await page.getByRole("checkbox", { name: /I have read the proposal/ }).check();
  await page.getByRole("button", { name: "Accept and go to payment" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Client area: /);
  await expect(page.getByText("RSSMRA80A01H501U")).toBeVisible();
  await expect(page.getByRole("button", { name: "Pay €610.00" })).toBeVisible();
  await expectAccessible(page, { javaScriptDisabled: true });
  await context.close();
});
