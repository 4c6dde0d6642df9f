// The full proposal PDF as pictures (pdftoppm, 50 dpi): every page has
// something on it, the cover is the brand's colour, and the charts are drawn
// (bars of the brand's colour), also for a prospect with no social presence.
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
  const text = (n: number) => execFileSync("pdftotext", ["-f", String(n), "-l", String(n), file, "-"], { encoding: "utf8" });
  return { pictures: files.map((f) => readPpm(path.join(dir, f))), text };
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
    it(`for ${name}: no blank page, and a cover in the brand's colour`, async () => {
      const { pictures } = await pages(await submitted(answers));
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
});
