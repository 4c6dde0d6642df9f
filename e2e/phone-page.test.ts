// The prospect's proposal page on a phone (390x844): nothing scrolls sideways,
// the tables are cards with every cell under its column's name, each package
// is shown once, the choice and "Accept" stay on screen from every part, the
// keyboard reaches "Accept" and its focus ring can be seen; folded parts open
// without JavaScript. Then axe on every kind of page at 390 and 1280 px.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { fullLead, signIn } from "./fixtures";

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 800 } };

/** Saves the page under SCREENSHOT_DIR when it is set, to be looked at. */
async function shot(page: Page, name: string) {
  const dir = process.env.SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}-${page.viewportSize()?.width ?? 0}.png`, fullPage: true });
}

/** Opens every folded part by tapping its heading, as a reader would (once the page has hydrated, unless JavaScript is off). */
async function openEveryPart(page: Page, javaScript = true) {
  if (javaScript) await page.locator(".proposal-doc[data-unfolded]").waitFor({ state: "attached" });
  const closed = page.locator(".proposal-part > details:not([open]) > summary");
  while ((await closed.count()) > 0) await closed.first().click();
}

/** The page's width against the viewport's, and every element (and scroll box) that is wider or pokes out to the right. */
async function sideways(page: Page) {
  return page.evaluate(() => {
    const root = document.scrollingElement!;
    const width = root.clientWidth;
    const wide: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= 0) continue; // not shown, or deliberately off screen (the skip link)
      const scrolls = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible" && getComputedStyle(el).overflowX !== "hidden";
      if (box.width > width + 0.5 || box.right > width + 0.5 || scrolls) wide.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(box.left)}–${Math.round(box.right)} px${scrolls ? ", scrolls" : ""})`);
    }
    return { scrollWidth: root.scrollWidth, clientWidth: width, wide: wide.slice(0, 10) };
  });
}

/** WCAG contrast ratio of the focused element's outline against the first opaque background behind it. */
async function focusRingContrast(page: Page): Promise<number> {
  return page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r = 0, g = 0, b = 0]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    if (style.outlineStyle === "none" || parseFloat(style.outlineWidth) < 2) return 0;
    let node: HTMLElement | null = el.parentElement;
    let behind = "rgb(255, 255, 255)";
    while (node) {
      const bg = getComputedStyle(node).backgroundColor;
      const parts = rgb(bg);
      if (parts.length === 3 || (parts.length === 4 && parts[3] === 1)) {
        behind = bg;
        break;
      }
      node = node.parentElement;
    }
    const [a, b] = [lum(rgb(style.outlineColor)), lum(rgb(behind))];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}

test("on a phone the proposal reads in one column: no sideways scroll, tables as cards, packages once, accept from every part", async ({ browser }) => {
  test.slow();
  // One word of the name (about 70 letters) is wider than the screen: only that word may break.
  const organisation = `Hotel Telefono Grandhotelpalacebellavistasullagomaggiore${Date.now()}`;
  const lead = await fullLead(organisation, { sent: true });
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  await page.goto(`/it/p/${lead.token}`);
  await expect(page.locator(".proposal-cover .prepared")).toContainText(organisation);
  expect(await page.locator(".proposal-cover").evaluate((el) => [getComputedStyle(el).hyphens, getComputedStyle(el).overflowWrap])).toEqual(["auto", "break-word"]);

  // Folded on a phone: the summary and the investment open, the other parts are their headings.
  const parts = page.locator(".proposal-part");
  await expect(parts).toHaveCount(15);
  await expect(page.locator(".proposal-part > details[open]")).toHaveCount(2);
  await expect(page.locator("#part-summary > details")).toHaveAttribute("open", "");
  await expect(page.locator("#part-investment > details")).toHaveAttribute("open", "");
  await expect(page.getByText("Livello", { exact: true })).toBeHidden();
  const folded = await page.evaluate(() => document.scrollingElement!.scrollHeight);

  // "Download PDF" is secondary, "Accept" the one primary action; each package appears once, with its choice on its card.
  await expect(page.getByRole("link", { name: "Scarica il PDF" })).not.toHaveClass(/primary/);
  const accept = page.getByRole("link", { name: "Accetta la proposta" });
  await expect(accept).toHaveCount(1);
  await expect(accept).toHaveClass(/primary/);
  for (const name of ["Essenziale", "Crescita", "Completo"]) {
    await expect(page.getByRole("heading", { name, exact: true })).toHaveCount(1);
    await expect(page.getByRole("radio", { name: `Scegli ${name}` })).toHaveCount(1);
    await expect(page.locator(".package", { has: page.getByRole("heading", { name, exact: true }) }).getByRole("radio")).toHaveCount(1);
  }
  await expect(page.getByRole("radio")).toHaveCount(3);
  // The bar sums up the recommended package and its monthly total (Intl, it-IT).
  const bar = page.getByRole("complementary", { name: "La tua scelta" });
  await expect(bar.getByTestId("bar-package")).toHaveText("Completo");
  await expect(bar.getByTestId("bar-monthly")).toHaveText("1.952,00 € al mese");

  await openEveryPart(page);
  await expect(page.locator(".proposal-part > details[open]")).toHaveCount(15);
  expect(await page.evaluate(() => document.scrollingElement!.scrollHeight)).toBeGreaterThan(folded * 3);
  await shot(page, "proposal-open");

  // No sideways scroll anywhere, and no element wider than the screen.
  const wide = await sideways(page);
  expect(wide.wide).toEqual([]);
  expect(wide.scrollWidth).toBeLessThanOrEqual(wide.clientWidth);

  // Every table is a stack of cards: headers hidden, each cell labelled with its column's header, below the row's name.
  const tables = page.locator(".proposal-doc table");
  expect(await tables.count()).toBeGreaterThanOrEqual(8);
  for (const table of await tables.all()) {
    const check = await table.evaluate((t) => {
      const headers = Array.from(t.querySelectorAll("thead th")).map((th) => th.textContent?.trim() ?? "");
      const problems: string[] = [];
      if (t.querySelector("thead")!.getBoundingClientRect().height > 1) problems.push("header row shown");
      for (const row of Array.from(t.querySelectorAll("tbody tr"))) {
        if (getComputedStyle(row).display !== "block") problems.push("row not a card");
        const head = row.querySelector("th")!.getBoundingClientRect();
        Array.from(row.querySelectorAll("td")).forEach((td, i) => {
          const label = getComputedStyle(td, "::before").content;
          if (label !== JSON.stringify(headers[i + 1])) problems.push(`cell ${i + 1} labelled ${label}, column ${headers[i + 1]}`);
          if (td.getBoundingClientRect().height > 0 && td.getBoundingClientRect().top < head.bottom - 1) problems.push(`cell ${i + 1} beside the row's name`);
        });
      }
      return { headers, problems };
    });
    expect(check.problems, check.headers.join(" | ")).toEqual([]);
  }
  // A card reads as "Profilo @lagoblu" (label and value), not as a bare value.
  const instagram = page.locator("#part-situation tbody tr", { hasText: "Instagram" });
  await expect(instagram.locator('td[data-label="Profilo"]')).toHaveText("@lagoblu");

  // From every part, the choice and "Accept" are on screen and nothing covers the button.
  for (const heading of await page.locator(".proposal-part h2").all()) {
    await heading.scrollIntoViewIfNeeded();
    await expect(heading).toBeInViewport();
    await expect(accept, await heading.innerText()).toBeInViewport({ ratio: 1 });
    const onTop = await accept.evaluate((a) => {
      const box = a.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return hit !== null && a.contains(hit);
    });
    expect(onTop, await heading.innerText()).toBe(true);
  }

  // A different choice updates the bar, and its link carries the choice to the acceptance page.
  await page.getByRole("radio", { name: "Scegli Crescita" }).check();
  await page.getByRole("checkbox", { name: /Sponsorizzate/ }).check();
  await expect(bar.getByTestId("bar-package")).toHaveText("Crescita + 1 servizio aggiuntivo");
  // 900 + 300 = 1.200 € a month + 22% = 1.464 €
  await expect(bar.getByTestId("bar-monthly")).toHaveText("1.464,00 € al mese");
  await accept.click();
  await expect(page).toHaveURL(new RegExp(`/it/p/${lead.token}/accept\\?package=crescita&addon=ads$`));
  await expect(page.getByRole("radio", { name: /Crescita/ })).toBeChecked();
  await context.close();
});

test("the keyboard reaches Accept early, with a focus ring of at least 3:1; a link to a part opens it", async ({ browser }) => {
  const lead = await fullLead(`Hotel Tastiera ${Date.now()}`, { sent: true });
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  await page.goto(`/it/p/${lead.token}`);
  const accept = page.getByRole("link", { name: "Accetta la proposta" });
  const seen: string[] = [];
  for (let presses = 0; presses < 12; presses++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent?.trim().slice(0, 30)}`);
    seen.push(focused);
    expect(await focusRingContrast(page), focused).toBeGreaterThanOrEqual(3);
    if (await accept.evaluate((a) => a === document.activeElement)) break;
  }
  await expect(accept, seen.join(" → ")).toBeFocused();
  await expect(accept).toBeInViewport();
  // Enter follows it.
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/it/p/${lead.token}/accept\\?package=completo$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accetta la proposta");

  // A folded part opens from the keyboard and from a link to it.
  await page.goto(`/it/p/${lead.token}`);
  const crisis = page.locator("#part-crisis > details");
  await expect(crisis).not.toHaveAttribute("open", "");
  await page.locator("#part-crisis summary").focus();
  expect(await focusRingContrast(page)).toBeGreaterThanOrEqual(3);
  await page.keyboard.press("Enter");
  await expect(crisis).toHaveAttribute("open", "");
  await page.goto(`/it/p/${lead.token}#part-roles`);
  await expect(page.locator("#part-roles > details")).toHaveAttribute("open", "");
  await expect(page.locator("#part-roles table")).toBeInViewport();
  await context.close();
});

test("without JavaScript: folded parts open on a tap on a phone, every part is open on a wide screen", async ({ browser }) => {
  const lead = await fullLead(`Hotel Senza Script ${Date.now()}`, { sent: true });
  const small = await browser.newContext({ ...phone, javaScriptEnabled: false });
  const page = await small.newPage();
  await page.goto(`/it/p/${lead.token}`);
  await expect(page.locator(".proposal-part > details[open]")).toHaveCount(2);
  await openEveryPart(page, false);
  await expect(page.locator(".proposal-part > details[open]")).toHaveCount(15);
  const wide = await sideways(page);
  expect(wide.wide).toEqual([]);
  expect(wide.scrollWidth).toBeLessThanOrEqual(wide.clientWidth);
  await expect(page.getByRole("link", { name: "Accetta la proposta" })).toHaveAttribute("href", `/it/p/${lead.token}/accept?package=completo`);
  await small.close();

  const large = await browser.newContext({ ...desktop, javaScriptEnabled: false });
  const wideScreen = await large.newPage();
  await wideScreen.goto(`/it/p/${lead.token}`);
  // Not open in the markup, shown all the same: the crisis table and the last part's list are on the page.
  await expect(wideScreen.locator("#part-crisis > details")).not.toHaveAttribute("open", "");
  await expect(wideScreen.locator("#part-crisis table")).toBeVisible();
  await expect(wideScreen.locator("#part-nextSteps li").first()).toBeVisible();
  await expect(wideScreen.locator("#part-crisis thead")).toBeVisible();
  await shot(wideScreen, "proposal-nojs");
  await large.close();
});

/** Serious and critical axe findings on the page as it stands (WCAG 2.2 A/AA rules and best practices). */
async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${page.url()} ${page.viewportSize()?.width}px ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function visit(browser: Browser, signedIn: boolean, paths: string[], prepare?: (page: Page) => Promise<void>): Promise<string[]> {
  const found: string[] = [];
  for (const size of [phone, desktop]) {
    const context = await browser.newContext(size);
    if (signedIn) await signIn(context);
    const page = await context.newPage();
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBeLessThan(400);
      await prepare?.(page);
      found.push(...(await axe(page)));
      await shot(page, `axe-${path.replace(/\W+/g, "-").slice(0, 40)}`);
    }
    await context.close();
  }
  return found;
}

test("axe finds nothing serious on any kind of page, at 390 and at 1280 px", async ({ browser }) => {
  test.slow();
  const lead = await fullLead(`Hotel Axe ${Date.now()}`, { sent: true });
  const found: string[] = [
    ...(await visit(browser, false, ["/it", "/en/login", "/it/intake", `/it/p/${lead.token}/accept`])),
    ...(await visit(browser, false, [`/it/p/${lead.token}`, `/en/p/${lead.token}`], openEveryPart)),
    ...(await visit(browser, true, ["/it/owner", "/it/owner/dashboard", `/it/owner/leads/${lead.id}`, "/it/owner/settings", "/it/owner/settings/proposals"])),
  ];
  expect(found).toEqual([]);
});
