// The owner's workspace: filter the pipeline, open a lead, work it, edit and
// send its proposal, and see it opened; a member cannot reach settings, and
// a member's direct POST to a settings action gets 403 and changes nothing.
import { execFileSync } from "node:child_process";
import { expect, test, type Browser, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { baseURL } from "../playwright.config";
import { e2eDatabaseUrl, e2eDbFile } from "./db-path";
import { expectAccessible, lastEmail } from "./intake-helpers";
import { fullLead, owner, signIn } from "./fixtures";



/** Signed in by cookie (the login form has its own tests) and on the pipeline. */
async function logIn(page: Page, who: { email: string }) {
  await signIn(page.context(), who.email);
  await page.goto("/it/owner");
}

/** Checks the page at phone width and (through the screenshot helper) at 1280 px. */
async function accessibleOnPhoneAndDesktop(page: Page) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
  if (size) await page.setViewportSize(size);
}

function query<T>(sql: string, ...params: unknown[]): T | undefined {
  const db = new Database(e2eDbFile, { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T | undefined;
  } finally {
    db.close();
  }
}

test("the owner filters the pipeline, works a lead, sends its proposal and sees it opened", async ({ page, browser }) => {
  test.slow();
  const stamp = Date.now();
  const organisation = `Hotel Pipeline ${stamp}`;
  const lead = await fullLead(organisation);
  await fullLead(`Cantina Altra ${stamp}`);

  await logIn(page, owner);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Contatti ricevuti");

  // With JavaScript the filters apply as they change; focus stays in the search box.
  const search = page.getByLabel("Cerca");
  await search.fill(`pipeline ${stamp}`);
  await expect(page).toHaveURL(new RegExp(`[?&]q=pipeline\\+${stamp}`));
  await expect(search).toBeFocused();
  await page.getByLabel("Settore").selectOption({ label: "Hotel e ospitalità" });
  await expect(page).toHaveURL(/sector=hospitality/);
  await page.getByLabel("Stato", { exact: true }).selectOption({ label: "Nuovo" });
  await expect(page).toHaveURL(/status=new/);
  await page.getByLabel("Canale usato").selectOption({ label: "Instagram" });
  await expect(page).toHaveURL(/channel=instagram/);
  await expect(page.getByRole("status")).toHaveText("1 contatto");
  const rows = page.locator(".pipeline-table tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(organisation);
  await expect(page.getByRole("link", { name: /Nuovo \d+/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: "Esporta in CSV" })).toHaveAttribute("href", /\/it\/owner\/leads\.csv\?q=pipeline/);
  await accessibleOnPhoneAndDesktop(page);

  // A questionnaire still in progress: the team sends a reminder with a fresh link, once.
  const draftEmail = `bozza-${stamp}@example.com`;
  execFileSync("node_modules/.bin/tsx", ["e2e/create-draft.ts", draftEmail, `Pasticceria Bozza ${stamp}`], { env: { ...process.env, DATABASE_URL: e2eDatabaseUrl, LOG_LEVEL: "silent" } });
  const filtered = page.url();
  await page.goto("/it/owner");
  await page.getByRole("link", { name: /In corso \(non ancora inviati\)/ }).click();
  await expect(page).toHaveURL(/status=in_progress/);
  const draftRow = page.locator(".pipeline-table tbody tr", { hasText: `Pasticceria Bozza ${stamp}` });
  await expect(draftRow).toContainText("Dora Bozza");
  await draftRow.getByRole("button", { name: `Manda un promemoria con un nuovo link a ${draftEmail}` }).click();
  await expect(page.getByRole("status").first()).toHaveText("Promemoria inviato con un nuovo link per riprendere il questionario.");
  expect((await lastEmail("resume_link", draftEmail)).subject).toBe("Il tuo questionario ti aspetta");
  await expect(draftRow).toContainText(/Promemoria 1 di 3 inviato il/);
  // The next one waits a day.
  await expect(draftRow.getByRole("button")).toHaveCount(0);
  await expect(draftRow).toContainText("Un link è partito da poco");
  await accessibleOnPhoneAndDesktop(page);
  await page.goto(filtered);
  await expect(page.getByLabel("Canale usato")).toHaveValue("instagram");

  // The export downloads the same view.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Esporta in CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^contatti-\d{4}-\d{2}-\d{2}\.csv$/);

  // Open the lead.
  await rows.first().getByRole("link", { name: "Elena Riva" }).click();
  await expect(page).toHaveURL(new RegExp(`/it/owner/leads/${lead.id}\\?back=`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(organisation);
  await expect(page.getByRole("heading", { name: "Risposte al questionario" })).toBeVisible();
  for (const part of ["Chi siete", "Obiettivi", "Canali"]) await expect(page.getByRole("heading", { name: part, level: 3, exact: true })).toBeVisible();
  await expect(page.getByText("Hotel e ospitalità").first()).toBeVisible();
  await expect(page.getByRole("link", { name: /Modifica/ })).toHaveCount(0);

  await page.getByLabel("Stato", { exact: true }).selectOption({ label: "In valutazione" });
  await page.getByRole("button", { name: "Aggiorna lo stato" }).click();
  await expect(page.getByRole("status")).toHaveText("Stato aggiornato.");
  await page.getByLabel("Assegnato a").selectOption({ label: "Erica Owner" });
  await page.getByRole("button", { name: "Assegna" }).click();
  await expect(page.getByRole("status")).toHaveText("Assegnazione aggiornata.");
  await page.getByLabel("Nuova nota").fill("Chiamata fatta: vogliono partire a gennaio.");
  await page.getByRole("button", { name: "Aggiungi la nota" }).click();
  await expect(page.getByRole("status")).toHaveText("Nota aggiunta.");
  await expect(page.getByLabel("Nuova nota")).toHaveValue("");
  const notes = page.getByRole("region", { name: "Note del team" });
  await expect(notes.getByText("Chiamata fatta: vogliono partire a gennaio.")).toBeVisible();
  const timeline = page.getByRole("region", { name: "Attività" });
  await expect(timeline.getByRole("listitem")).toHaveCount(4);
  await expect(timeline.getByRole("listitem").nth(0)).toContainText("Nota aggiunta");
  await expect(timeline.getByRole("listitem").nth(0)).toContainText("di Erica Owner");
  await expect(timeline.getByRole("listitem").nth(2)).toContainText("Stato cambiato da «Nuovo» a «In valutazione»");
  await expect(timeline.getByRole("listitem").nth(3)).toContainText("Questionario inviato");
  await accessibleOnPhoneAndDesktop(page);

  // Back to the same filtered view.
  await page.getByRole("link", { name: /Torna ai contatti/ }).click();
  await expect(page).toHaveURL(/status=new/);
  await expect(page.getByLabel("Cerca")).toHaveValue(`pipeline ${stamp}`);
  await page.goto(`/it/owner/leads/${lead.id}`);

  // Edit and send the proposal.
  await page.getByRole("link", { name: "Rivedi, modifica e invia la proposta" }).click();
  await expect(page).toHaveURL(new RegExp(`/it/owner/proposals/${lead.id}$`), { timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Proposta per ${organisation}`);
  await page.getByLabel("Il tuo testo per «In sintesi»").fill("Tre priorità: prenotazioni dirette, Instagram curato, risposte in giornata.");
  await page.getByRole("button", { name: /Invia la proposta a/ }).click();
  // Sending renders the PDF (in the worker pool): allow for a cold start.
  await expect(page.getByRole("status")).toHaveText("Proposta versione 1 inviata.", { timeout: 30_000 });
  expect((await lastEmail("proposal_sent", `${organisation.replace(/\W+/g, "-").toLowerCase()}@example.com`)).subject).toBeTruthy();

  await page.goto(`/it/owner/leads/${lead.id}`);
  await expect(page.locator(".lead-page .page-head .badge")).toHaveText("Proposta inviata");
  await expect(page.getByText("Il cliente non l'ha ancora aperta.")).toBeVisible();

  // The prospect opens the private link; the owner sees it.
  const prospect = await (await browser.newContext()).newPage();
  await prospect.goto(`/it/p/${lead.token}`);
  await expect(prospect.getByText("Tre priorità: prenotazioni dirette, Instagram curato, risposte in giornata.")).toBeVisible();
  await prospect.context().close();

  await page.reload();
  await expect(page.getByText(/Aperta dal cliente il/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Attività" }).getByRole("listitem").first()).toContainText("Proposta aperta per la prima volta");
  await expect(page.getByRole("region", { name: "Attività" }).getByRole("listitem").first()).toContainText("dal cliente");
  await page.goto(`/it/owner?q=pipeline+${stamp}`);
  await expect(page.locator(".pipeline-table tbody tr").first()).toContainText("proposta aperta");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the pipeline filters with the Show button and pages through links", async ({ page }) => {
    const stamp = Date.now();
    await fullLead(`Agriturismo NoJS ${stamp}`);
    await logIn(page, owner);
    await page.getByLabel("Cerca").fill(`nojs ${stamp}`);
    await page.getByLabel("Ordina per").selectOption({ label: "Nome (A–Z)" });
    await page.getByRole("button", { name: "Mostra" }).click();
    await expect(page).toHaveURL(new RegExp(`q=nojs\\+${stamp}.*sort=name`));
    await expect(page.locator(".pipeline-table tbody tr")).toHaveCount(1);
    await expect(page.getByRole("status")).toHaveText("1 contatto");
    await expectAccessible(page, { javaScriptDisabled: true });
  });
});

/** The owner invites a member by email; the member accepts in a fresh browser and is signed in. */
async function newMember(browser: Browser, ownerPage: Page): Promise<Page> {
  const email = `workspace-member-${Date.now()}@e2e.example`;
  await ownerPage.goto("/it/owner/team");
  await ownerPage.getByLabel("Email").fill(email);
  await ownerPage.getByLabel("Nome e cognome").fill("Marco Membro");
  await ownerPage.getByLabel("Ruolo", { exact: true }).selectOption({ label: "Collaboratore" });
  await ownerPage.getByRole("button", { name: "Invia l'invito" }).click();
  await expect(ownerPage.getByRole("status")).toHaveText("Invito inviato.");
  const link = (await lastEmail("invite", email)).text.match(/https?:\/\/[^/\s]+(\/it\/invite\/[\w-]+)/)?.[1];
  if (!link) throw new Error("no invite link");
  const member = await (await browser.newContext()).newPage();
  await member.goto(link);
  await member.getByLabel("Password", { exact: true }).fill("marco's long passphrase");
  await member.getByLabel("Ripeti la password").fill("marco's long passphrase");
  await member.getByRole("button", { name: "Crea l'account" }).click();
  await expect(member).toHaveURL(/\/it\/owner$/);
  return member;
}

test("a member works leads but cannot reach settings; a direct POST to settings gets 403 and changes nothing", async ({ page, browser }) => {
  await logIn(page, owner);
  const member = await newMember(browser, page);

  // The pipeline, without the owner's export or settings.
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("Contatti ricevuti");
  await expect(member.getByRole("link", { name: "Esporta in CSV" })).toHaveCount(0);
  await expect(member.getByRole("link", { name: "Impostazioni" })).toHaveCount(0);

  for (const path of ["/it/owner/settings", "/it/owner/settings/proposals", "/it/owner/privacy-requests", "/it/owner/team"]) {
    const response = await member.goto(path);
    expect([path, response?.status()]).toEqual([path, 403]);
    await expect(member.getByRole("heading", { level: 1 })).toHaveText("Accesso non consentito");
  }
  expect((await member.request.get("/it/owner/leads.csv")).status()).toBe(403);

  const profileBefore = query<{ displayName: string } | undefined>('SELECT "displayName" FROM "Profile" WHERE id = 1');
  const settingsBefore = query<{ data: string } | undefined>('SELECT data FROM "Settings" WHERE id = 1');
  const headers = { Origin: baseURL };
  const profilePost = await member.request.post("/it/owner/settings", {
    headers,
    form: { displayName: "Preso dal collaboratore", headlineIt: "x", headlineEn: "x", bioIt: "x", bioEn: "x" },
    maxRedirects: 0,
  });
  expect(profilePost.status()).toBe(403);
  const pricePost = await member.request.post("/it/owner/settings/proposals", { headers, form: { onboardingFee: "1" }, maxRedirects: 0 });
  expect(pricePost.status()).toBe(403);
  const testEmail = await member.request.post("/it/owner/settings", { headers, form: { intent: "test-email" }, maxRedirects: 0 });
  expect(testEmail.status()).toBe(403);
  expect(query('SELECT "displayName" FROM "Profile" WHERE id = 1')).toEqual(profileBefore);
  expect(query('SELECT data FROM "Settings" WHERE id = 1')).toEqual(settingsBefore);
  expect(query<{ n: number }>(`SELECT COUNT(*) AS n FROM "EmailMessage" WHERE kind = 'settings_test'`)?.n).toBe(0);

  // The member works leads: the lead page opens and takes a note.
  const organisation = `Studio Membro ${Date.now()}`;
  const lead = await fullLead(organisation);
  await member.goto(`/it/owner/leads/${lead.id}`);
  await expect(member.getByRole("heading", { level: 1 })).toHaveText(organisation);
  await member.getByLabel("Nuova nota").fill("Ci penso io.");
  await member.getByRole("button", { name: "Aggiungi la nota" }).click();
  await expect(member.getByRole("status")).toHaveText("Nota aggiunta.");
  await expect(member.getByRole("region", { name: "Attività" }).getByRole("listitem").first()).toContainText("di Marco Membro");
  await member.context().close();
});
