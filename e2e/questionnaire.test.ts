import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures";
import { expectAccessible, lastEmail } from "./intake-helpers";

async function next(page: Page, label: string, expectedHeading: string) {
  await page.getByRole("button", { name: label, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(expectedHeading);
  // The heading shows while a busy machine is still parsing the rest of the streamed page:
  // wait for the whole document before listing its fields.
  await page.waitForLoadState("load");
}

test.describe("Italian on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("completes every step, reads when the proposal will come (nothing generated yet); the owner sees the lead and the emails", async ({ page }) => {
    test.slow(); // nine screens, each checked with axe: a long walk, not a slow app
    const organisation = `Agriturismo Le Querce ${Date.now()}`;
    const email = `querce-${Date.now()}@example.com`;
    await page.goto("/it");
    await expectAccessible(page);
    // The privacy notice, linked where they start, says how long drafts are kept.
    await page.getByRole("link", { name: "Prima di iniziare leggi l'informativa privacy." }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Informativa privacy");
    await expect(page.getByText(/resta per 30 giorni dall'ultima modifica/)).toBeVisible();
    await expectAccessible(page);
    await page.goto("/it");
    await page.getByRole("link", { name: "Inizia il questionario" }).first().click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chi siete");
    await expect(page.getByText("Parte 1 di 7")).toBeVisible();
    await expectAccessible(page);
    // Submitting empty shows translated messages next to the fields, focus on the first.
    await page.getByRole("button", { name: "Avanti" }).click();
    await expect(page.getByText("Campo obbligatorio.").first()).toBeVisible();
    await expect(page.getByLabel("Nome dell'organizzazione")).toBeFocused();

    await page.getByLabel("Nome dell'organizzazione").fill(organisation);
    await page.getByLabel("Settore", { exact: true }).selectOption({ label: "Altro" });
    await page.getByLabel("Quale settore?").fill("Fattoria didattica");
    await page.getByLabel("Dimensione").selectOption({ label: "2–9 persone" });
    await page.getByLabel("Sito web").fill("www.lequerce.example");
    await page.getByLabel("Nome e cognome della persona di riferimento").fill("Giovanni Bruno");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("radio", { name: "Italiano" }).check();
    await expectAccessible(page);
    await next(page, "Avanti", "Pubblico");

    await page.getByRole("checkbox", { name: "25–34" }).check();
    await page.getByRole("checkbox", { name: "35–44" }).check();
    await page.getByLabel("Descrivete due o tre persone tipo").fill("Famiglie con bambini 🌳 che cercano «esperienze vere» nel weekend.");
    await expectAccessible(page);
    await next(page, "Avanti", "Obiettivi");

    await page.getByLabel("Obiettivo più importante").selectOption({ label: "Contatti e vendite" });
    await page.getByLabel("Secondo obiettivo").selectOption({ label: "Farsi conoscere" });
    await page.getByLabel("Budget mensile indicativo").selectOption({ label: "500–1.000 €" });
    await expectAccessible(page);
    await next(page, "Avanti", "Canali");

    for (const name of ["Facebook", "Instagram"]) await page.getByRole("group", { name, exact: true }).getByRole("radio", { name: "Lo usiamo", exact: true }).check();
    for (const name of ["X (Twitter)", "LinkedIn", "YouTube", "Threads", "Canale WhatsApp o Telegram", "Newsletter"])
      await page.getByRole("group", { name, exact: true }).getByRole("radio", { name: "Non lo usiamo" }).check();
    await page.getByRole("group", { name: "TikTok", exact: true }).getByRole("radio", { name: "Non lo vogliamo" }).check();
    await expectAccessible(page);
    await next(page, "Avanti", "I canali che usate");

    await expect(page.getByRole("group", { name: "Dettagli di Facebook" })).toBeVisible();
    await expect(page.getByRole("group", { name: "Dettagli di TikTok" })).toHaveCount(0);
    await page.getByRole("group", { name: "Dettagli di Facebook" }).getByLabel("Follower o iscritti").fill("3.200");
    await page.getByRole("group", { name: "Dettagli di Instagram" }).getByLabel("Nome profilo o indirizzo").fill("@lequerce");
    await expectAccessible(page);
    await next(page, "Avanti", "Crisi passate");

    await page.getByRole("radio", { name: "Sì" }).check();
    await expectAccessible(page);
    await next(page, "Avanti", "Com'è andata");
    await page.getByRole("checkbox", { name: "Ondata di recensioni negative" }).check();
    await page.getByRole("group", { name: "È ancora aperta?" }).getByRole("radio", { name: "No" }).check();
    await expectAccessible(page);
    await next(page, "Avanti", "Ruoli e modi di lavorare");

    await page.getByLabel("Chi approva i post").fill("Giovanni");
    await page.getByRole("checkbox", { name: "Fine settimana" }).check();
    await expectAccessible(page);
    await next(page, "Avanti", "Riepilogo e privacy");

    await expect(page.getByText("Fattoria didattica")).toBeVisible();
    await expect(page.getByText("Ondata di recensioni negative")).toBeVisible();
    await expect(page.getByRole("main").getByRole("link", { name: "Informativa privacy" })).toBeVisible();
    await expect(page.getByRole("checkbox", { name: /Sì, voglio ricevere/ })).not.toBeChecked();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Invia le risposte" }).click();

    await expect(page).toHaveURL(/\/it\/p\/[\w-]{22}\?received=1$/);
    // The owner reviews before the prospect reads: a confirmation with the expected date, nothing generated yet.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Abbiamo ricevuto le tue risposte");
    await expect(page.getByText(`Grazie, Giovanni Bruno: le risposte per ${organisation} sono arrivate.`)).toBeVisible();
    await expect(page.getByRole("status")).toContainText(/Riceverai la tua proposta entro \S+ \d{1,2} \S+ \d{4}\./);
    await expect(page.getByRole("link", { name: "Scarica il PDF" })).toHaveCount(0);
    expect(await page.locator("main").innerText()).not.toContain("€");
    const received = await lastEmail("intake_received", email);
    expect(received.text).toContain(organisation);
    expect(received.text).toContain("Riceverai la tua proposta di strategia social entro");

    await signIn(page.context());
    await page.goto("/it/owner");
    const row = page.getByRole("row", { name: new RegExp(organisation) });
    await expect(row).toContainText("Giovanni Bruno");
    await expect(row).toContainText("Contatti e vendite");
  });
});

test.describe("English without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("walks every step with plain form posts, including errors and a conditional step skipped", async ({ page }) => {
    const email = `nojs-${Date.now()}@example.com`;
    await page.goto("/en/intake");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Who you are");
    await page.getByLabel("Organisation name").fill("Hill & Dale <Farm>");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByText("Enter a valid email address, such as name@company.com.")).toBeVisible();
    await expect(page.getByLabel("Organisation name")).toHaveValue("Hill & Dale <Farm>");
    // The page the server sent back with the error, as it stands without scripts.
    await expectAccessible(page, { javaScriptDisabled: true });

    await page.getByLabel("Sector", { exact: true }).selectOption({ label: "Tourism and territory" });
    await page.getByLabel("Size").selectOption({ label: "Just me" });
    await page.getByLabel("Full name of the contact person").fill("Tom Hill");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("radio", { name: "English" }).check();
    await next(page, "Next", "Audience");
    await next(page, "Next", "Goals");
    await page.getByLabel("Most important goal").selectOption({ label: "Care for the community" });
    await page.getByLabel("Rough monthly budget").selectOption({ label: "Not sure yet" });
    await next(page, "Next", "Channels");
    for (const group of await page.getByRole("group").all()) {
      const none = group.getByRole("radio", { name: "We don't use it" });
      if (await none.count()) await none.check();
    }
    await next(page, "Next", "Past crises");
    await page.getByRole("radio", { name: "No" }).check();
    await next(page, "Next", "Roles and ways of working");
    await next(page, "Next", "Summary and privacy");
    await expect(page.getByText("Hill & Dale <Farm>")).toBeVisible();
    await expectAccessible(page, { javaScriptDisabled: true });
    await page.getByRole("button", { name: "Send your answers" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("We have received your answers");
    await expect(page.getByText("Thank you, Tom Hill: the answers for Hill & Dale <Farm> have arrived.")).toBeVisible();
    await expect(page.getByText(/You will receive your proposal by \w+, \d{1,2} \w+ \d{4}\./)).toBeVisible();
    expect((await lastEmail("intake_received", email)).subject).not.toBe("");
  });
});

test("stops at step three and finishes in a fresh browser from the emailed link", async ({ page, browser }) => {
  const email = `resume-${Date.now()}@example.com`;
  await page.goto("/it/intake");
  await page.getByLabel("Nome dell'organizzazione").fill("Comune di Valdoro");
  await page.getByLabel("Settore", { exact: true }).selectOption({ label: "Ente pubblico o comune" });
  await page.getByLabel("Dimensione").selectOption({ label: "50–249 persone" });
  await page.getByLabel("Nome e cognome della persona di riferimento").fill("Laura Conti");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("radio", { name: "Italiano" }).check();
  await next(page, "Avanti", "Pubblico");
  await page.getByLabel("Luoghi").fill("Valdoro e frazioni");
  await next(page, "Avanti", "Obiettivi");
  // Step three: typed but not sent; autosave keeps it.
  await page.getByLabel("Obiettivo più importante").selectOption({ label: "Partecipazione civica" });
  await page.getByLabel("Traguardo misurabile").fill("500 partecipanti al bilancio partecipativo");
  await expect(page.getByText(/Bozza salvata alle/)).toBeVisible({ timeout: 10_000 });

  const mail = await lastEmail("resume_link", email);
  const link = /https?:\/\/\S+\/intake\/resume\/[\w-]+/.exec(mail.text)![0];
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(new URL(link).pathname);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Obiettivi");
  await expect(other.getByLabel("Obiettivo più importante")).toHaveValue("civic");
  await expect(other.getByLabel("Traguardo misurabile")).toHaveValue("500 partecipanti al bilancio partecipativo");
  await other.getByLabel("Budget mensile indicativo").selectOption({ label: "Non so ancora" });
  await next(other, "Avanti", "Canali");
  for (const group of await other.getByRole("group").all()) {
    const none = group.getByRole("radio", { name: "Non lo usiamo" });
    if (await none.count()) await none.check();
  }
  await next(other, "Avanti", "Crisi passate");
  await other.getByRole("radio", { name: "No" }).check();
  await next(other, "Avanti", "Ruoli e modi di lavorare");
  await next(other, "Avanti", "Riepilogo e privacy");
  await expect(other.getByText("Comune di Valdoro")).toBeVisible();
  await expect(other.getByText("Valdoro e frazioni")).toBeVisible();
  await expect(other.getByText("500 partecipanti al bilancio partecipativo")).toBeVisible();
  await other.getByRole("button", { name: "Invia le risposte" }).click();
  await expect(other.getByText("Grazie, Laura Conti: le risposte per Comune di Valdoro sono arrivate.")).toBeVisible();
  await fresh.close();
});
