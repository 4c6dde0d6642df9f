import { expect, test } from "@playwright/test";

const owner = { email: "owner@e2e.example", password: "e2e-owner-password-2026" };

test("the owner logs in with an httpOnly SameSite=Lax session and logs out", async ({ page }) => {
  await page.goto("/it/login");
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Accedi" }).click();
  await expect(page).toHaveURL(/\/it\/owner$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Contatti ricevuti");
  const session = (await page.context().cookies()).find((c) => c.name === "sb_session");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  await page.getByRole("button", { name: "Esci" }).click();
  // Logging out lands on the home page with the cookie cleared; only then is the workspace tried again.
  await expect(page).toHaveURL(/\/it$/);
  expect((await page.context().cookies()).find((c) => c.name === "sb_session")?.value ?? "").toBe("");
  await page.goto("/it/owner");
  await expect(page).toHaveURL(/\/it\/login\?redirectTo=%2Fit%2Fowner$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a wrong password gets a clear message", async ({ page }) => {
    await page.goto("/en/login");
    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByText("Wrong email or password.")).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveValue("");
  });
});

test("the language switcher keeps the page, and / follows Accept-Language", async ({ browser, page }) => {
  await page.goto("/it/login");
  await page.getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/en\/login$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Staff login");

  const english = await browser.newContext({ locale: "en-GB", extraHTTPHeaders: { "Accept-Language": "en-GB,en;q=0.9" } });
  const p = await english.newPage();
  await p.goto("/");
  await expect(p).toHaveURL(/\/en$/);
  await english.close();
});

test("unknown pages get a translated 404 with no stack trace", async ({ page }) => {
  const response = await page.goto("/it/non-esiste");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pagina non trovata");
  await expect(page.getByRole("link", { name: "Accesso staff" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(/at \S+ \(|\.(js|ts):\d+|Error:/);
  const health = await page.request.get("/healthz");
  expect(await health.json()).toEqual({ status: "ok", database: "ok" });
});
