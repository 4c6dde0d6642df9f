// Each page ships the words of one language and only the parts its routes name
// (app/i18n/parts.ts): the browser bundle holds no dictionary, the HTML brings the
// page's parts, and a client navigation fetches what the next page adds. A word
// the browser lacks would show as its key (e.g. "questionnaire.title") or make
// React's hydration fail: both are checked on every public page.
import { readdirSync, readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { it as itMessages } from "../app/i18n/locales/it";
import { en } from "../app/i18n/locales/en";
import { fullLead, owner, signIn, watchErrors } from "./fixtures";

const rawKey = /\b(?:email|settings|landing|questionnaire|plan|account|payment|pipeline|errors|nav|intake|proposal|leads|status)\.[a-zA-Z]\w*(?:\.\w+)*/g;

const hydrated = (page: Page) =>
  page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true);

async function wordsBlock(page: Page): Promise<{ locale: string; parts: string[]; messages: Record<string, unknown> }> {
  return JSON.parse((await page.locator("#sb-words").textContent()) ?? "{}");
}

test("the browser bundle holds no dictionary", () => {
  const assets = "build/client/assets";
  const files = readdirSync(assets).filter((file) => file.endsWith(".js"));
  expect(files.length).toBeGreaterThan(10);
  // Long sentences of each language and of the biggest sections.
  const samples = [itMessages.meta.description, en.meta.description, en.landing.lead, itMessages.questionnaire.steps.about.intro, en.payment.accept.intro];
  for (const file of files) {
    const text = readFileSync(`${assets}/${file}`, "utf8");
    for (const sample of samples) expect(text.includes(sample), `${file} holds "${sample}"`).toBe(false);
  }
});

test("the intake page is not hydrated: no words block, Italian only in its HTML", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("/it/intake");
  await page.waitForLoadState("load");
  // Rendered on the server, enhanced by one small script (e2e/intake-light.test.ts): no words to ship.
  await expect(page.locator("#sb-words")).toHaveCount(0);
  const html = await page.content();
  expect(html).toContain(itMessages.questionnaire.steps.about.intro);
  expect(html).not.toContain(en.questionnaire.steps.about.intro);
  expect(html).not.toContain(itMessages.landing.lead);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(itMessages.questionnaire.steps.about.title);
  expect(await page.locator("body").innerText()).not.toMatch(rawKey);
  expect(errors).toEqual([]);
});

test("public pages in both languages hydrate with every word they show (the intake shows its words without hydrating)", async ({ page }) => {
  const errors = watchErrors(page);
  for (const locale of ["it", "en"] as const) {
    for (const path of ["", "/intake", "/login", "/forgot", "/privacy", "/no-such-page"]) {
      await page.goto(`/${locale}${path}`);
      if (path === "/intake") {
        // Not hydrated (app/utils/hydrate.ts): its HTML holds every word it shows.
        await page.waitForLoadState("load");
        await expect(page.locator("#sb-words")).toHaveCount(0);
      } else {
        await hydrated(page);
        expect((await wordsBlock(page)).locale, path).toBe(locale);
      }
      expect(await page.locator("body").innerText(), `${locale}${path}`).not.toMatch(rawKey);
    }
  }
  expect(errors.filter((error) => !/404|Not Found/i.test(error))).toEqual([]);
});

test("a client navigation fetches the words the next page adds, once", async ({ page }) => {
  const errors = watchErrors(page);
  const fetched: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/i18n/")) fetched.push(request.url());
  });
  await page.goto("/en/privacy");
  await hydrated(page);
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByRole("link", { name: "Socialbrief" }).first().click();
  await expect(page).toHaveURL(/\/en$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.landing.heading);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  expect(fetched).toHaveLength(1);
  expect(fetched[0]).toMatch(/\/i18n\/en\?parts=[^&]*landing/);
  expect(await page.locator("body").innerText()).not.toMatch(rawKey);

  // On to the intake: a full page load (it is not hydrated), its words in its HTML; nothing fetched.
  await page.getByRole("link", { name: en.landing.start }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.questionnaire.steps.about.title);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBeUndefined();
  expect(fetched).toHaveLength(1);
  expect(errors).toEqual([]);
});

test("the words route answers only for known languages and part names, cacheable when versioned", async ({ request }) => {
  const ok = await request.get("/i18n/en?parts=plan");
  expect(ok.status()).toBe(200);
  expect(ok.headers()["cache-control"]).toContain("must-revalidate");
  const body = (await ok.json()) as Record<string, unknown>;
  expect(Object.keys(body)).toEqual(["plan"]);
  const version = JSON.parse(ok.headers()["etag"] ?? '""') as string;
  const cached = await request.get(`/i18n/en?parts=plan&v=${version}`);
  expect(cached.headers()["cache-control"]).toContain("immutable");
  for (const bad of ["/i18n/fr?parts=plan", "/i18n/en?parts=", "/i18n/en?parts=..%2Fetc", `/i18n/en?parts=${"a,".repeat(600)}`]) {
    const response = await request.get(bad);
    expect(response.status(), bad).toBe(400);
  }
});

test("staff pages that name no parts still get every word they need", async ({ context, page }) => {
  await signIn(context, owner.email);
  const errors = watchErrors(page);
  for (const path of ["/it/owner", "/it/owner/dashboard", "/it/owner/settings", "/en/owner/outbox", "/en/owner/account"]) {
    await page.goto(path);
    await hydrated(page);
    expect(await page.locator("body").innerText(), path).not.toMatch(rawKey);
  }
  expect(errors).toEqual([]);
});

test("the prospect's proposal and acceptance pages bring their own words only, and show no key", async ({ page }) => {
  const lead = await fullLead(`Hotel Parole ${Date.now()}`, { sent: true });
  const errors = watchErrors(page);
  for (const locale of ["it", "en"] as const) {
    await page.goto(`/${locale}/p/${lead.token}`);
    await hydrated(page);
    const block = await wordsBlock(page);
    expect(block.locale).toBe(locale);
    expect(Object.keys(block.messages)).toEqual(expect.arrayContaining(["plan", "payment"]));
    expect(Object.keys(block.messages)).not.toContain("pipeline");
    expect(await page.locator("body").innerText()).not.toMatch(rawKey);
    await page.goto(`/${locale}/p/${lead.token}/accept`);
    await hydrated(page);
    expect(Object.keys((await wordsBlock(page)).messages)).not.toContain("plan");
    expect(await page.locator("body").innerText()).not.toMatch(rawKey);
  }
  expect(errors).toEqual([]);
});
