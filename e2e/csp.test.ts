// The production build under its Content-Security-Policy (scripts only with the
// request's nonce): the browser reports no violation, React hydrates, and the
// client app navigates and validates without a page load.
import { expect, test, type Page } from "@playwright/test";
import { owner } from "./fixtures";

/** Every CSP violation the browser reports on this page: console errors and securitypolicyviolation events. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`);
    });
  });
  return violations;
}

/** True once Remix's client router has hydrated the page. */
const hydrated = (page: Page) =>
  page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true);

test("pages run their scripts under the nonce CSP: hydrated, client navigation, the intake's own script, no violation", async ({ page }) => {
  const violations = await watchCsp(page);
  const response = await page.goto("/it");
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  await hydrated(page);

  // A client-side navigation: the window (and this marker) survives, no document is loaded.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByRole("link", { name: "Prima di iniziare leggi l'informativa privacy." }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Informativa privacy");
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  // The intake is not hydrated: its own script (app/enhance/intake.ts) runs under the same nonce,
  // and after the server's check it moves the focus to the first field in error.
  await page.goto("/it/intake/about");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chi siete");
  await page.getByRole("button", { name: "Avanti" }).click();
  await expect(page.getByText("Campo obbligatorio.").first()).toBeVisible();
  await expect(page.getByLabel("Nome dell'organizzazione")).toBeFocused();

  // The owner's area after a login, and an error page.
  await page.goto("/en/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/en\/owner/);
  await hydrated(page);
  await page.goto("/en/no-such-page");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await hydrated(page);

  expect(violations).toEqual([]);
});
