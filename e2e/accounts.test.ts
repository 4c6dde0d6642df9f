import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, lastEmail } from "./intake-helpers";

const owner = { email: "owner@e2e.example", password: "e2e-owner-password-2026" };

/** The path of the link in the newest email of a kind to an address (the demo outbox). */
async function linkIn(kind: string, to: string, route: "invite" | "reset"): Promise<string> {
  const { text } = await lastEmail(kind, to);
  const match = text.match(new RegExp(`https?://[^/\\s]+(/(?:it|en)/${route}/[\\w-]+)`));
  if (!match?.[1]) throw new Error(`no ${route} link in: ${text}`);
  return match[1];
}

async function logInAsOwner(page: Page) {
  await page.goto("/it/login");
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Accedi" }).click();
  await expect(page).toHaveURL(/\/it\/owner$/);
}

/** The owner invites someone from the Team page; returns the path of the emailed link. */
async function invite(page: Page, person: { email: string; name: string; role: "Collaboratore" | "Titolare" }): Promise<string> {
  await page.getByRole("link", { name: "Team" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Team");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Nome e cognome").fill(person.name);
  await page.getByLabel("Ruolo", { exact: true }).selectOption({ label: person.role });
  await page.getByRole("button", { name: "Invia l'invito" }).click();
  await expect(page.getByRole("status")).toHaveText("Invito inviato.");
  await expect(page.getByRole("region", { name: "Inviti in attesa" }).getByRole("cell", { name: person.email, exact: true })).toBeVisible();
  return linkIn("invite", person.email, "invite");
}

/** Accepts an invitation in a fresh browser context; returns the signed-in page. */
async function accept(browser: Browser, path: string, password: string, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Unisciti al team");
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Ripeti la password").fill(password);
  await page.getByRole("button", { name: "Crea l'account" }).click();
  await expect(page).toHaveURL(/\/it\/owner$/);
  return page;
}

test("the owner invites a member, who joins in a fresh browser and is refused the team page", async ({ page, browser }) => {
  const email = `member-${Date.now()}@e2e.example`;
  await logInAsOwner(page);
  const path = await invite(page, { email, name: "Marta Membro", role: "Collaboratore" });
  await expectAccessible(page);

  const member = await accept(browser, path, "marta's long passphrase");
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("Contatti ricevuti");
  await expect(member.getByRole("link", { name: "Account" })).toBeVisible();
  await expect(member.getByRole("link", { name: "Team" })).toHaveCount(0);

  const refused = await member.goto("/it/owner/team");
  expect(refused?.status()).toBe(403);
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("Accesso non consentito");
  await expect(member.getByRole("button", { name: "Invia l'invito" })).toHaveCount(0);

  // The owner sees the new member with the invited role; the link is used up.
  await page.reload();
  const row = page.getByRole("row", { name: /Marta Membro/ });
  await expect(row.getByLabel("Ruolo di Marta Membro")).toHaveValue("member");
  await expect(row.getByText("Attivo")).toBeVisible();
  const again = await member.goto(path);
  expect(again?.status()).toBe(410);
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("Link scaduto o già usato");
  await member.context().close();
});

test("a member chooses English for their emails on the account page, and the next email comes in English with English links", async ({ page, browser }) => {
  const email = `lingua-${Date.now()}@e2e.example`;
  await logInAsOwner(page);
  const path = await invite(page, { email, name: "Linda Lingua", role: "Collaboratore" });
  const member = await accept(browser, path, "linda's long passphrase");

  await member.getByRole("link", { name: "Account" }).click();
  const language = member.getByRole("combobox", { name: "Lingua" });
  await expect(language).toHaveValue("it"); // accepted on an Italian page
  await language.selectOption({ label: "Inglese" });
  await member.getByRole("button", { name: "Salva la lingua" }).click();
  await expect(member.getByRole("status")).toHaveText("Lingua salvata: le prossime email ti arriveranno in inglese.");
  await expect(language).toHaveValue("en");
  // Read in Italian, the header now offers Italian emails (the switcher's page language) instead.
  await expect(member.getByText("Le tue email arrivano in inglese.")).toBeVisible();
  await expectAccessible(member);

  // Asked for from an Italian page, the reset email follows the account's language.
  await member.goto("/it/forgot");
  await member.getByLabel("Email").fill(email);
  await member.getByRole("button", { name: "Invia il link" }).click();
  await expect(member.getByRole("status")).toHaveText(/Se l'indirizzo corrisponde a un account/);
  expect((await lastEmail("password_reset", email)).subject).toBe("Reset your Socialbrief password");
  expect(await linkIn("password_reset", email, "reset")).toMatch(/^\/en\/reset\//);

  // The header's offer switches back in one click.
  await member.goto("/it/owner");
  await member.getByRole("button", { name: "Ricevile in italiano" }).click();
  await expect(member.getByRole("status")).toHaveText("Lingua salvata: le prossime email ti arriveranno in italiano.");
  await expect(language).toHaveValue("it");
  await expect(member.getByRole("button", { name: "Ricevile in italiano" })).toHaveCount(0);
  await member.context().close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a forgotten password is reset from the emailed link: old sessions end, the user is signed in, the link stops working", async ({ page, browser }) => {
    const email = `reset-${Date.now()}@e2e.example`;
    // Someone to reset: invited by the owner, signed in on another device.
    const ownerContext = await browser.newContext();
    const ownerPage = await ownerContext.newPage();
    await logInAsOwner(ownerPage);
    const path = await invite(ownerPage, { email, name: "Remo Reset", role: "Collaboratore" });
    await ownerContext.close();
    const otherDevice = await accept(browser, path, "the first long passphrase", { javaScriptEnabled: false });

    await page.goto("/it/login");
    await page.getByRole("link", { name: "Password dimenticata?" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reimposta la password");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Invia il link" }).click();
    await expect(page.getByRole("status")).toHaveText(/Se l'indirizzo corrisponde a un account, ti abbiamo inviato un link/);
    expect((await lastEmail("password_reset", email)).subject).toBe("Reimposta la password di Socialbrief");
    const resetPath = await linkIn("password_reset", email, "reset");

    await page.goto(resetPath);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Scegli una nuova password");
    await page.getByLabel("Nuova password", { exact: true }).fill("too short");
    await page.getByLabel("Ripeti la nuova password").fill("too short");
    await page.getByRole("button", { name: "Salva e accedi" }).click();
    const error = page.getByText("La password deve avere almeno 12 caratteri.");
    await expect(error).toBeVisible();
    await expect(page.getByLabel("Nuova password", { exact: true })).toHaveAttribute("aria-describedby", new RegExp(`\\b${await error.getAttribute("id")}\\b`));
    await expect(page.getByLabel("Nuova password", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page, { javaScriptDisabled: true });

    await page.getByLabel("Nuova password", { exact: true }).fill("the second long passphrase");
    await page.getByLabel("Ripeti la nuova password").fill("the second long passphrase");
    await page.getByRole("button", { name: "Salva e accedi" }).click();
    await expect(page).toHaveURL(/\/it\/owner\/account\?done=reset$/);
    await expect(page.getByRole("status")).toHaveText("Password reimpostata: le altre sessioni sono state chiuse.");
    await expect(page.getByText(/Accesso come Remo Reset/)).toBeVisible();
    const sessions = page.getByRole("region", { name: "Sessioni attive" }).locator("tbody tr");
    await expect(sessions).toHaveCount(1);
    await expect(sessions.first()).toContainText("Questo dispositivo");
    await expectAccessible(page, { javaScriptDisabled: true });

    // The session on the other device ended with the old password.
    await otherDevice.goto("/it/owner");
    await expect(otherDevice).toHaveURL(/\/it\/login\?redirectTo=/);
    await otherDevice.context().close();

    // The link works once.
    const used = await page.goto(resetPath);
    expect(used?.status()).toBe(410);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Link scaduto o già usato");
  });
});
