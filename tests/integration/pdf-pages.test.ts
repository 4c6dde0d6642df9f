// The full proposal PDF as pictures (pdftoppm, 50 dpi): every page has
// something on it, the cover is the brand's colour, and the charts are drawn
// (bars of the brand's colour), also for a prospect with no social presence.
// The contents give the page each part's heading is on, and no heading ends a
// page. Answers in every script we print (and emoji, and a 300-letter word)
// come out with embedded fonts, as text, and inside the page.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { loader as pdfLoader } from "~/routes/$lang.p.$token.pdf";
import type { RawAnswers } from "~/domain/intake/definition";
import { complete } from "~/domain/intake/fixtures";
import { defaultOwnerSettings } from "~/domain/strategy/settings";
import { createDraft } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { sendProposal } from "~/models/proposal-versions.server";
import { saveOwnerSettings } from "~/models/settings.server";
import { prisma } from "~/utils/db.server";
import { call, get } from "./helpers";

// A plum that passes the brand's contrast checks with the default accent (colours that fail them fall back to the defaults).
const PRIMARY = "#5a1846";
const primaryRgb = [0x5a, 0x18, 0x46] as const;

const noChannels = { facebook: "none", instagram: "none", x: "none", linkedin: "none", tiktok: "none", youtube: "none", threads: "none", whatsapp: "none", newsletter: "none" };

const municipality: RawAnswers = {
  ...complete,
  about: { ...complete.about, organisation: "Comune di Valfiorita", sector: "public_body", size: "s50_249", website: "", contactName: "Marta Neri", role: "Responsabile comunicazione", email: "urp@valfiorita.example" },
  goals: { goal1: "civic", goal2: "reputation", budgetBand: "b1000_2500", timeframe: "m6", startDate: "2027-01-15" },
  channels: { ...noChannels, facebook: "present", whatsapp: "wanted" },
  channelDetails: { facebook_followers: "1.250", facebook_frequency: "weekly", facebook_runBy: "staff" },
  crisis: { hadCrisis: "yes" },
  crisisDetails: { crisisTypes: ["fake_news"], crisisScale: "regional", crisisOpen: "no", authorities: "no", exposure: ["public_office"] },
  roles: { approver: "Il sindaco", spokesperson: "Ufficio stampa", coverHours: ["office"] },
};

const restaurant: RawAnswers = {
  ...complete,
  about: { ...complete.about, organisation: "Trattoria da Nino", sector: "food", size: "s2_9", website: "", contactName: "Nino Sanna", role: "Titolare", email: "nino@trattoria.example" },
  goals: { goal1: "awareness", goal2: "engagement", budgetBand: "lt500", timeframe: "m6", startDate: "2027-01-15" },
  channels: noChannels,
  channelDetails: {},
  crisis: { hadCrisis: "no" },
  crisisDetails: {},
  roles: {},
};

/** A word longer than any line (300 letters, no space or hyphen). */
const LONG_WORD = `Lunghissima${"parolasenzaspazi".repeat(18)}fine`.slice(0, 300);
/** Words of each script, as a prospect abroad might type them. */
const SCRIPTS = {
  greek: "Καλημέρα κόσμε",
  cyrillic: "Привет, мир",
  arabic: "مرحبا بالعالم",
  hebrew: "שלום עולם",
  chinese: "你好，世界",
  japanese: "こんにちは、世界",
  korean: "안녕하세요 세계",
};
const EMOJI = "🎉👍🏽🇮🇹❤️";
const allScripts = Object.values(SCRIPTS).join(" · ");

const worldwide: RawAnswers = {
  ...complete,
  about: { ...complete.about, organisation: `Hotel ${SCRIPTS.chinese} ${EMOJI}`, contactName: `Αλέξης Петров ${SCRIPTS.arabic}`, email: "world@pages.example" },
  audience: { ...complete.audience, places: `Milano, ${SCRIPTS.hebrew}, ${SCRIPTS.japanese}`, personas: `Ospiti da tutto il mondo ${EMOJI}: ${allScripts}. Chi scrive ${LONG_WORD} e poi continua.` },
  goals: { ...complete.goals, target: `${SCRIPTS.korean} ${SCRIPTS.greek} ${SCRIPTS.cyrillic}` },
  roles: { ...complete.roles, approver: `${SCRIPTS.korean} ${EMOJI}`, spokesperson: `${SCRIPTS.hebrew} ${SCRIPTS.arabic}` },
};

async function submitted(answers: RawAnswers) {
  const { draft } = await createDraft("it");
  const outcome = await submitIntake({ id: draft.id, answers }, "it");
  if (!outcome.ok) throw new Error(`fixture does not submit (step ${outcome.step})`);
  // The private link shows a proposal only once it is sent: sent as generated.
  const lead = await prisma.lead.findUniqueOrThrow({ where: { token: outcome.token }, select: { id: true } });
  await sendProposal(lead.id, null);
  return outcome.token;
}

interface Picture {
  width: number;
  height: number;
  rgb: Buffer;
}

/** A binary PPM (P6, 8 bits) as pdftoppm writes it. */
function readPpm(file: string): Picture {
  const bytes = readFileSync(file);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString("latin1"));
  if (!header) throw new Error(`${file} is not a binary PPM`);
  return { width: Number(header[1]), height: Number(header[2]), rgb: bytes.subarray(header[0].length) };
}

const near = (p: Picture, i: number, [r, g, b]: readonly number[], tolerance = 12) =>
  Math.abs(p.rgb[i * 3]! - r!) <= tolerance && Math.abs(p.rgb[i * 3 + 1]! - g!) <= tolerance && Math.abs(p.rgb[i * 3 + 2]! - b!) <= tolerance;

/** Share of the page above the footer (the bottom 60 pt) that is not (near) white. */
function inked(p: Picture): number {
  const rows = Math.floor(p.height * (1 - 60 / 842));
  let count = 0;
  for (let i = 0; i < p.width * rows; i++) if (!near(p, i, [255, 255, 255], 8)) count++;
  return count / (p.width * rows);
}

function share(p: Picture, rgb: readonly number[]): number {
  let count = 0;
  for (let i = 0; i < p.width * p.height; i++) if (near(p, i, rgb)) count++;
  return count / (p.width * p.height);
}

/**
 * The widest vertical bar: the most adjacent columns that each hold an unbroken
 * run of the colour at least `run` pixels tall (text strokes never are; a
 * card's border is one or two columns wide).
 */
function widestBar(p: Picture, rgb: readonly number[], run: number): number {
  let widest = 0;
  let adjacent = 0;
  for (let x = 0; x < p.width; x++) {
    let length = 0;
    let best = 0;
    for (let y = 0; y < p.height; y++) {
      length = near(p, y * p.width + x, rgb) ? length + 1 : 0;
      best = Math.max(best, length);
    }
    adjacent = best >= run ? adjacent + 1 : 0;
    widest = Math.max(widest, adjacent);
  }
  return widest;
}

/** Renders the proposal of a private link and turns each page into a picture (PPM for the checks, PNG to look at). */
async function pages(token: string) {
  const response = await call(pdfLoader, get(`/it/p/${token}/pdf`), { lang: "it", token });
  expect(response.status).toBe(200);
  const dir = mkdtempSync(path.join(tmpdir(), "sb-pages-"));
  const file = path.join(dir, "proposal.pdf");
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  execFileSync("pdftoppm", ["-r", "50", file, path.join(dir, "page")]);
  execFileSync("pdftoppm", ["-r", "50", "-png", file, path.join(dir, "page")]);
  if (process.env.PDF_PAGES_LOG) console.log(`pages of ${token}: ${dir}`);
  const files = readdirSync(dir).filter((f) => f.endsWith(".ppm")).sort();
  const text = (n: number, layout = false) => execFileSync("pdftotext", [...(layout ? ["-layout"] : []), "-f", String(n), "-l", String(n), file, "-"], { encoding: "utf8" });
  return { pictures: files.map((f) => readPpm(path.join(dir, f))), text, file };
}

/**
 * The contents (page 2) against the pages: each part's heading is on the page
 * the contents give, as a line of its own, and no page ends with a part's
 * heading (the last line above the footer is never one).
 */
function expectContentsRight(count: number, text: (n: number, layout?: boolean) => string) {
  const entries = [...text(2, true).matchAll(/^\s*(\d+)\s{2,}(.+?)\s{2,}(\d+)\s*$/gm)].map((m) => ({ title: m[2]!.trim(), page: Number(m[3]) }));
  expect(entries).toHaveLength(15);
  const lines = (n: number) =>
    text(n, true)
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
  for (const { title, page } of entries) expect(lines(page), `${title} on page ${page}`).toContain(title);
  const titles = new Set(entries.map((e) => e.title));
  for (let n = 3; n <= count; n++) {
    const body = lines(n).slice(0, -1); // without the footer's line (studio · organisation, page x of y)
    expect(titles.has(body.at(-1) ?? ""), `page ${n} ends with the heading ${body.at(-1)}`).toBe(false);
  }
}

/** Pixels in the page's side margins (the outer 42 of 50 pt, both sides) that are not (near) white: text or rules that ran off. */
function marginInk(p: Picture): number {
  const band = Math.floor((p.width * 42) / 595);
  let count = 0;
  for (let y = 0; y < p.height; y++) {
    for (let i = 0; i < band; i++) for (const x of [i, p.width - 1 - i]) if (!near(p, y * p.width + x, [255, 255, 255], 8)) count++;
  }
  return count;
}

// Every test starts from empty tables (tests/setup-db.ts): the shared rows are made anew for each.
beforeEach(async () => {
  const owner = await prisma.user.create({ data: { email: "owner@pages.example", name: "Owner", passwordHash: "x", role: "owner" } });
  await saveOwnerSettings({ ...defaultOwnerSettings, studioName: "Studio Verde", branding: { ...defaultOwnerSettings.branding, primaryColor: PRIMARY } }, owner.id);
});

describe("the proposal PDF's pages", () => {
  for (const [name, answers] of [
    ["a hotel", complete],
    ["a municipality after a fake-news crisis", municipality],
  ] as const) {
    it(`for ${name}: no blank page, a cover in the brand's colour, and the contents right`, async () => {
      const { pictures, text } = await pages(await submitted(answers));
      expectContentsRight(pictures.length, text);
      expect(pictures.length).toBeGreaterThanOrEqual(6);
      // Above the footer every page has real content (a few lines of text are about 1% ink at 50 dpi).
      pictures.forEach((p, i) => expect(inked(p), `page ${i + 1}`).toBeGreaterThan(0.005));
      expect(share(pictures[0]!, primaryRgb)).toBeGreaterThan(0.7);
      // Inside pages are white paper, not the brand's colour.
      pictures.slice(1).forEach((p, i) => expect(share(p, primaryRgb), `page ${i + 2}`).toBeLessThan(0.1));
    });
  }

  it("draws the posts-a-week chart (bars of the brand's colour) for a prospect with no social presence", async () => {
    const { pictures, text } = await pages(await submitted(restaurant));
    expectContentsRight(pictures.length, text);
    const all = pictures.map((_, i) => text(i + 1));
    expect(all.join("\n")).not.toContain("Il pubblico di oggi, per canale"); // no follower counts: no audience chart
    const chartPage = all.findIndex((t) => t.includes("Post pianificati a settimana, per canale"));
    expect(chartPage).toBeGreaterThan(0);
    // The tallest bar is 90 pt (over 60 px at 50 dpi) and 26 pt wide (about 18 px).
    expect(widestBar(pictures[chartPage]!, primaryRgb, 40)).toBeGreaterThanOrEqual(12);
    // Pages without a chart have no such bar (headings and card borders in the brand's colour are not bars).
    const others = pictures.map((p, i) => (i === 0 || i === chartPage ? 0 : widestBar(p, primaryRgb, 40)));
    expect(Math.max(...others)).toBeLessThan(6);
  });

  it("draws the audience chart too when a current channel has followers", async () => {
    const { pictures, text } = await pages(await submitted(complete));
    const chartPage = pictures.findIndex((_, i) => text(i + 1).includes("Il pubblico di oggi, per canale"));
    expect(chartPage).toBeGreaterThan(0);
    expect(text(chartPage + 1)).toMatch(/4\.800/);
  });

  it("prints every script, emoji and a 300-letter word: embedded fonts, text that reads back, nothing off the page", async () => {
    const { pictures, text, file } = await pages(await submitted(worldwide));
    expectContentsRight(pictures.length, text);
    // Every font is embedded (no standard font a reader would substitute), and each script has its own.
    const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
    for (const row of fonts) expect(row.split(/\s+/).at(-5), row).toBe("yes");
    const names = fonts.map((row) => row.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ""));
    for (const family of ["Inter-Regular", "Inter-Bold", "NotoSansArabic-Regular", "NotoSansHebrew", "NotoSansHans-Regular", "NotoSansKR-Regular"]) expect(names, family).toContain(family);
    // Emoji are drawn as images (Twemoji, 64 px): at least the four distinct ones.
    const images = execFileSync("pdfimages", ["-list", file], { encoding: "utf8" }).split("\n").filter((row) => /^\s*\d+\s+\d+\s+image\s+64\s+64\s/.test(row));
    expect(images.length).toBeGreaterThanOrEqual(4);
    // The words come back as text in their script (right-to-left ones inside the direction marks pdftotext adds).
    const all = pictures.map((_, i) => text(i + 1)).join("\n");
    const words = all.replace(/[\u200e\u200f\u202a-\u202e]/g, "").replace(/\s+/g, " ");
    for (const [script, sample] of Object.entries(SCRIPTS)) for (const word of sample.split(/[\s,，、]+/).filter(Boolean)) expect(words, `${script}: ${word}`).toContain(word);
    // The long word breaks across lines (a hyphen at each break) instead of running off the page.
    expect(all.replace(/-\n/g, "")).toContain(LONG_WORD);
    // Nothing in the side margins of any inside page: no text or table ran off.
    pictures.slice(1).forEach((p, i) => expect(marginInk(p), `page ${i + 2}`).toBe(0));
  });
});
