// The monthly retainer in a browser: a forfettario owner's client accepts,
// pays the onboarding fee, starts the monthly subscription on the local Stripe
// stand-in; from the stand-in's dashboard one renewal succeeds and one fails;
// the client area, the owner's lead page and the dashboard (status, MRR) show it;
// part of a month refunded from the stand-in's dashboard gives a credit note, and
// once the subscription has ended the client starts a new one.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { e2ePort } from "./db-path";
import { fullLead, signIn } from "./fixtures";
import { expectAccessible } from "./intake-helpers";

const standinUrl = `http://127.0.0.1:${e2ePort + 1}`;
const shots = process.env.E2E_SCREENSHOTS;

async function ownerPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await signIn(context);
  return context.newPage();
}

async function regime(staff: Page, which: "ordinary" | "forfettario") {
  await staff.goto("/it/owner/settings/proposals");
  await staff.getByRole("radio", { name: which === "forfettario" ? /Regime forfettario/ : /Regime ordinario/ }).check();
  await staff.getByRole("button", { name: "Salva", exact: true }).click();
  await expect(staff).toHaveURL(/saved=1/);
}

const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
};

test("forfettario: accept, pay the fee, start the retainer, one renewal paid and one failed; the owner sees status and MRR", async ({ browser }) => {
  test.setTimeout(300_000);
  const organisation = `Hotel Canone ${Date.now()}`;
  const lead = await fullLead(organisation);
  const staff = await ownerPage(browser);
  await regime(staff, "forfettario");
  // The minimum term is an owner setting (3 months unless changed).
  await expect(staff.getByLabel("Durata minima del canone mensile (mesi)")).toHaveValue("3");
  await staff.goto(`/it/owner/proposals/${lead.id}`);
  await staff.getByRole("button", { name: /Invia la proposta a/ }).click();
  await expect(staff.getByRole("status").filter({ hasText: "Proposta versione 1 inviata." })).toBeVisible({ timeout: 30_000 });

  try {
    // The client, on a phone: Crescita, no add-ons: 900,00 € a month + 2,00 € stamp duty, no VAT.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`/it/p/${lead.token}/accept?package=crescita`);
    await page.getByLabel("Ragione sociale o denominazione").fill(`${organisation} S.r.l.`);
    await page.getByLabel("Partita IVA", { exact: true }).fill("01234567897");
    await page.getByLabel("Codice destinatario SdI").fill("M5UXCR1");
    await page.getByLabel("Indirizzo (via e numero civico)").fill("Via del Lago 12");
    await page.getByLabel("CAP", { exact: true }).fill("22100");
    await page.getByLabel("Comune").fill("Como");
    await page.getByLabel("Provincia (sigla)").fill("CO");
    await page.getByLabel("Nome e cognome di chi accetta").fill("Giulia Bianchi");
    await page.getByRole("checkbox", { name: /Ho letto la proposta e accetto le condizioni/ }).check();
    await page.getByRole("button", { name: "Accetta e vai al pagamento" }).click();
    await expect(page).toHaveURL(new RegExp(`/it/p/${lead.token}\\?accepted=1$`));

    // The onboarding fee: 500,00 € + 2,00 € stamp duty.
    await expect(page.getByTestId("portal-onboarding")).toHaveText("502,00 €");
    const retainer = page.getByTestId("retainer");
    await expect(retainer.getByText(/Durata minima: 3 mesi/)).toBeVisible();
    await expect(retainer.getByRole("button", { name: "Attiva il canone mensile: 902,00 € al mese" })).toBeVisible();
    await page.getByRole("button", { name: "Paga 502,00 €" }).click();
    await expect(page).toHaveURL(new RegExp(`^${standinUrl}/c/pay/cs_test_`));
    await page.getByRole("button", { name: "Paga 502,00 €" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pagamento ricevuto", { timeout: 15_000 });
    await page.getByRole("link", { name: "Vai all'area cliente" }).click();
    await expect(page.getByTestId("portal-state")).toHaveAttribute("data-state", "paid");

    // The retainer: Checkout in subscription mode, the monthly amount on the stand-in's page.
    await expectAccessible(page);
    await shot(page, "portal-before");
    await retainer.getByRole("button", { name: "Attiva il canone mensile: 902,00 € al mese" }).click();
    await expect(page).toHaveURL(new RegExp(`^${standinUrl}/c/pay/cs_test_`));
    await expect(page.getByTestId("standin-headline")).toHaveText("902,00 € al mese");
    await expect(page.getByText("Imposta di bollo")).toBeVisible();
    // A subscription is paid by card: no bank debit is offered.
    await expect(page.getByRole("radio", { name: /Addebito bancario/ })).toHaveCount(0);
    await expectAccessible(page);
    await shot(page, "standin-subscription-checkout");
    await page.getByRole("button", { name: "Abbonati: 902,00 € al mese" }).click();
    await expect(page).toHaveURL(new RegExp(`/it/p/${lead.token}\\?retainer=started`));
    // The page looks again until the signed webhooks have arrived.
    await expect(page.getByTestId("retainer-state")).toHaveAttribute("data-status", "active", { timeout: 20_000 });
    await expect(retainer.getByText("Attivo")).toBeVisible();
    await expect(page.getByTestId("retainer-payments").getByRole("listitem")).toHaveCount(1);
    await expect(retainer.getByRole("link", { name: "Disdici il canone" })).toBeVisible();
    await expectAccessible(page);
    await shot(page, "portal-active");

    // The owner sees it active, and the MRR.
    await staff.goto(`/it/owner/leads/${lead.id}`);
    await expect(staff.getByTestId("lead-retainer-status")).toHaveText("Attivo");
    await staff.goto("/it/owner/dashboard");
    await expect(staff.getByTestId("mrr")).toHaveText("902,00 €");
    await expect(staff.getByTestId("retainers-active").getByRole("cell")).toHaveText("1");

    // In "Stripe": a renewal that succeeds, then one that fails.
    await staff.goto(`${standinUrl}/`);
    const row = staff.locator("tr[data-subscription]").filter({ hasText: `${organisation.replace(/\W+/g, "-").toLowerCase()}@example.com` });
    await row.getByRole("button", { name: /Rinnova ora \(riesce\)|Renew now \(succeed\)/ }).click();
    await expect(staff).toHaveURL(`${standinUrl}/`);
    await row.getByRole("button", { name: /Rinnova ora \(non riesce\)|Renew now \(fail\)/ }).click();
    await expect(row).toContainText("past_due");
    await shot(staff, "standin-dashboard");

    // The lead page: past due, one failed renewal, two months paid.
    await staff.goto(`/it/owner/leads/${lead.id}`);
    await expect(staff.getByTestId("lead-retainer-status")).toHaveText("Pagamento non riuscito");
    await expect(staff.getByTestId("lead-retainer-failed")).toHaveText("1");
    await expect(staff.getByTestId("lead-retainer-paid")).toContainText(/^2 · 902,00\s€/);
    // The invoices: the onboarding fee's and the two months', each with its courtesy copy and (owners) its XML.
    await expect(staff.getByTestId("invoice-list").getByRole("listitem")).toHaveCount(3);
    await expect(staff.getByTestId("invoice-list").getByRole("link", { name: "XML" })).toHaveCount(3);
    await expect(staff.getByText("Rinnovo del canone non riuscito (email al cliente e ai titolari)")).toBeVisible();
    await expectAccessible(staff);
    await shot(staff, "lead-page");
    // The dashboard: no active subscription left, one past due.
    await staff.goto("/it/owner/dashboard");
    await expect(staff.getByTestId("mrr")).toHaveText("0,00 €");
    await expect(staff.getByTestId("retainers-past_due").getByRole("cell")).toHaveText("1");
    await expect(staff.getByTestId("retainers-active").getByRole("cell")).toHaveText("0");
    await expectAccessible(staff);
    await shot(staff, "dashboard");
    // The client heard of it by email, in Italian.
    await staff.goto("/it/owner/outbox");
    await expect(staff.getByText(`Rinnovo del canone non riuscito: ${organisation}`)).toBeVisible({ timeout: 15_000 });

    // The client area says so, and the client can cancel: confirmed first, then for the end of the minimum term.
    await page.reload();
    await expect(page.getByTestId("retainer-state")).toHaveAttribute("data-status", "past_due");
    // The client area lists the same invoices, and each courtesy copy downloads as a PDF.
    const invoices = page.getByTestId("invoice-list");
    await expect(invoices.getByRole("listitem")).toHaveCount(3);
    await expect(invoices.getByRole("listitem").first()).toContainText("502,00 €");
    await expect(invoices.getByRole("listitem").nth(1)).toContainText("902,00 €");
    const download = page.waitForEvent("download");
    await invoices.getByRole("link", { name: /Scarica la copia di cortesia della fattura/ }).first().click();
    expect((await download).suggestedFilename()).toMatch(/^Fattura-\d+-\d{4}\.pdf$/);
    await shot(page, "portal-invoices");
    await expect(retainer.getByText(/L'ultimo rinnovo non è andato a buon fine/)).toBeVisible();
    await retainer.getByRole("link", { name: "Disdici il canone" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Disdire il canone mensile?");
    await expect(page.getByTestId("cancel-plan")).toContainText("La durata minima termina il");
    await expectAccessible(page);
    await shot(page, "cancel-confirm");
    await page.getByRole("button", { name: "Sì, disdici il canone" }).click();
    await expect(page).toHaveURL(new RegExp(`/it/p/${lead.token}\\?retainer=ending`));
    await expect(retainer.getByText(/Disdetta registrata: il canone termina il/)).toBeVisible();
    await expect(retainer.getByRole("link", { name: "Disdici il canone" })).toHaveCount(0);

    // In "Stripe": 100,00 € of the first month refunded from the dashboard (a credit note for it), then the subscription ended at once.
    await staff.goto(`${standinUrl}/`);
    const subscriptionId = (await row.getAttribute("data-subscription"))!;
    const firstMonth = staff.locator("tr[data-invoice]").filter({ hasText: subscriptionId }).last();
    await firstMonth.getByLabel(/Importo da rimborsare|Amount to refund/).fill("100,00");
    await firstMonth.getByRole("button", { name: /Rimborsa l'importo|Refund the amount/ }).click();
    await expect(staff.locator("tr[data-invoice]").filter({ hasText: subscriptionId }).last()).toContainText(/Rimborsato: 100,00\s€|Refunded: €100\.00/);
    await row.getByRole("button", { name: /^(Annulla|Cancel) sub_/ }).click();
    await expect(row).toContainText("canceled");
    await staff.goto("/it/owner/invoices");
    // This client's credit note (other browser tests may have refunded theirs this month).
    await expect(staff.getByRole("row").filter({ hasText: organisation }).filter({ has: staff.getByRole("cell", { name: "Nota di credito" }) })).toHaveCount(1, { timeout: 15_000 });

    // The client starts a new retainer from the client area: a new minimum term, paid on the stand-in, active again.
    await page.reload();
    await expect(page.getByTestId("retainer-state")).toHaveAttribute("data-status", "canceled");
    await expect(page.getByTestId("retainer-restart")).toContainText("nuova durata minima di 3 mesi");
    // The client area lists the credit note of the refund, with the invoice it cancels.
    await expect(page.getByTestId("invoice-list").getByRole("listitem")).toHaveCount(4);
    await expect(page.getByTestId("invoice-list").getByRole("listitem").last()).toContainText(/Nota di credito n\. \d+\/\d{4} .* 100,00\s€ · storna la fattura/);
    await expectAccessible(page);
    await retainer.getByRole("button", { name: "Attiva un nuovo canone mensile: 902,00 € al mese" }).click();
    await expect(page).toHaveURL(new RegExp(`^${standinUrl}/c/pay/cs_test_`));
    await page.getByRole("button", { name: "Abbonati: 902,00 € al mese" }).click();
    await expect(page.getByTestId("retainer-state")).toHaveAttribute("data-status", "active", { timeout: 20_000 });
    await expect(retainer.getByRole("link", { name: "Disdici il canone" })).toBeVisible();
    await expect(page.getByTestId("retainer-restart")).toHaveCount(0);
    await context.close();
  } finally {
    // The other browser tests expect ordinary VAT.
    await regime(staff, "ordinary");
  }
});
