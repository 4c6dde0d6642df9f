// The full proposal laid out with raw pdfkit (the library @react-pdf/renderer
// draws with), for bench/proposal-pdf.ts: the floor react-pdf's layout is
// measured against. The same texts as app/pdf/full-proposal.server.tsx, in the
// same order and the same Inter TTFs (app/pdf/fonts.server.ts), with pdfkit's
// own text flow: headings kept with what follows, bullet lists, tables as rows
// of text in columns (header repeated after a page break, rows never split),
// the contents with the page of each part, and page numbers. Not pixel-identical
// (no boxes around packages, bars drawn as plain rectangles), but every word.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { PartId } from "~/domain/strategy/model";
import { priceWithVat, pricesNetNote, regimeOrRate } from "~/domain/strategy/price-with-vat";
import { onboardingRows, type ProposalView } from "~/domain/strategy/view";

/** The few pdfkit calls made here (pdfkit ships no types). */
interface TextOptions {
  width?: number;
  align?: "left" | "right";
  lineGap?: number;
  lineBreak?: boolean;
}
interface Pdf {
  y: number;
  page: { width: number; height: number; margins: { bottom: number } };
  registerFont(name: string, src: unknown): Pdf;
  font(name: string): Pdf;
  fontSize(size: number): Pdf;
  fillColor(color: string): Pdf;
  text(text: string, x: number, y: number, options?: TextOptions): Pdf;
  heightOfString(text: string, options?: TextOptions): number;
  rect(x: number, y: number, w: number, h: number): Pdf;
  fill(color: string): Pdf;
  addPage(): Pdf;
  switchToPage(index: number): Pdf;
  bufferedPageRange(): { start: number; count: number };
  on(event: "data", listener: (chunk: Buffer) => void): Pdf;
  on(event: "end", listener: () => void): Pdf;
  end(): void;
}
type PdfConstructor = new (options: Record<string, unknown>) => Pdf;

// The very pdfkit (and fontkit) @react-pdf/renderer draws with, resolved from
// its own package: no second copy, and no dependency of the app's own.
const require = createRequire(import.meta.url);
const pdfkitPath = createRequire(require.resolve("@react-pdf/renderer")).resolve("pdfkit");
const PDFDocument = (require(pdfkitPath) as { default?: PdfConstructor } & PdfConstructor).default ?? (require(pdfkitPath) as PdfConstructor);
const fontkit = createRequire(pdfkitPath)("fontkit") as { create(data: Uint8Array): unknown };

// Parsed once, like react-pdf's registered fonts (a fontkit font keeps its
// glyph caches across documents): each render then only lays out and subsets.
const FONTS = {
  regular: "@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf",
  semibold: "@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf",
  bold: "@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf",
};
type Weight = keyof typeof FONTS;
let parsed: Record<Weight, unknown> | null = null;
function fonts(): Record<Weight, unknown> {
  parsed ??= {
    regular: fontkit.create(readFileSync(require.resolve(FONTS.regular))),
    semibold: fontkit.create(readFileSync(require.resolve(FONTS.semibold))),
    bold: fontkit.create(readFileSync(require.resolve(FONTS.bold))),
  };
  return parsed;
}

const ink = "#1d232b";
const muted = "#55606e";
const MARGIN = { top: 50, bottom: 60, left: 50, right: 50 };

export function renderRawPdfkitProposal(view: ProposalView, primaryColor: string, studioName: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margins: MARGIN, bufferPages: true, autoFirstPage: false, lang: view.locale, info: { Title: `${view.title} · ${view.organisation}`, Author: studioName, Creator: "Socialbrief", Producer: "Socialbrief" } });
  for (const [name, font] of Object.entries(fonts())) doc.registerFont(name, font);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  const L = view.label;
  const why = L.why ?? "";
  const left = MARGIN.left;
  const width = () => doc.page.width - MARGIN.left - MARGIN.right;
  const bottom = () => doc.page.height - MARGIN.bottom;
  const style = (size: number, weight: Weight = "regular", color = ink) => doc.font(weight).fontSize(size).fillColor(color);
  /** Moves to a new page unless `height` points fit below. */
  const room = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const gap = (points: number) => {
    doc.y += points;
  };
  const write = (text: string, size: number, weight: Weight = "regular", options: { x?: number; width?: number; color?: string; lineGap?: number } = {}) => {
    style(size, weight, options.color);
    doc.text(text, options.x ?? left, doc.y, { width: options.width ?? width(), lineGap: options.lineGap ?? size * 0.3 });
  };
  const h3 = (text: string, ahead = 48) => {
    gap(10);
    room(30 + ahead);
    write(text, 11.5, "bold");
    gap(5);
  };
  const p = (text: string, weight: Weight = "regular") => {
    room(15);
    write(text, 10, weight, { lineGap: 4.5 });
    gap(4);
  };
  const note = (text: string) => write(text, 8, "regular", { color: muted });
  const bullets = (items: string[]) => {
    for (const item of items) {
      style(10);
      room(doc.heightOfString(item, { width: width() - 12, lineGap: 4 }));
      const top = doc.y;
      style(10, "bold", primaryColor).text("•", left, top, { width: 12 });
      doc.y = top;
      write(item, 10, "regular", { x: left + 12, width: width() - 12, lineGap: 4 });
      gap(3);
    }
  };
  const reasons = (list: string[]) => {
    if (!list.length) return;
    gap(3);
    room(30);
    write(why.toUpperCase(), 7.5, "bold", { x: left + 8, width: width() - 16, color: primaryColor });
    for (const r of list) write(r, 9, "regular", { x: left + 8, width: width() - 16 });
    gap(6);
  };
  const table = (head: string[], rows: string[][], widths: number[], title?: string) => {
    const columns = widths.map((w) => (w / 100) * width());
    const rowHeight = (cells: string[], size: number, weight: (i: number) => Weight) =>
      Math.max(...cells.map((cell, i) => (style(size, weight(i)), doc.heightOfString(cell || " ", { width: columns[i]! - 10, lineGap: size * 0.3 })))) + 10;
    const drawRow = (cells: string[], size: number, weight: (i: number) => Weight, height: number) => {
      const top = doc.y;
      let x = left;
      cells.forEach((cell, i) => {
        style(size, weight(i)).text(cell, x + 5, top + 5, { width: columns[i]! - 10, lineGap: size * 0.3 });
        x += columns[i]!;
      });
      doc.y = top + height;
    };
    const headWeight = () => "bold" as const;
    const cellWeight = (i: number) => (i === 0 ? ("semibold" as const) : ("regular" as const));
    const headHeight = rowHeight(head, 8.5, headWeight);
    const header = () => {
      doc.rect(left, doc.y, width(), headHeight).fill("#eef2f7");
      drawRow(head, 8.5, headWeight, headHeight);
    };
    gap(4);
    room((title ? 30 : 0) + headHeight + rowHeight(rows[0] ?? [], 9, cellWeight));
    if (title) h3(title, 0);
    header();
    for (const row of rows) {
      const height = rowHeight(row, 9, cellWeight);
      if (doc.y + height > bottom()) {
        doc.addPage();
        header();
      }
      drawRow(row, 9, cellWeight, height);
    }
    gap(6);
  };
  const bars = (data: Array<{ label: string; value: number; name: string }>) => {
    const max = Math.max(1, ...data.map((d) => d.value));
    for (const d of data) {
      room(22);
      const top = doc.y;
      style(9).text(d.name, left, top, { width: 90 });
      doc.rect(left + 90, top, 300, 14).fill("#eef2f7");
      doc.rect(left + 90, top, Math.max(2, Math.round((d.value / max) * 300)), 14).fill(primaryColor);
      style(9, "bold").text(d.label, left + 398, top, { width: 100 });
      doc.y = top + 22;
    }
  };

  // Where each part's heading landed (a page index from 0, the cover), for the contents.
  const partPage: Partial<Record<PartId, number>> = {};
  const part = (id: PartId, body: () => void, first = false) => {
    if (!first && (id === "crisis" || id === "investment")) doc.addPage();
    if (first) room(140);
    else {
      gap(18);
      room(140);
    }
    partPage[id] = doc.bufferedPageRange().count - 1;
    write(view.partTitles[id], 15, "bold", { color: primaryColor });
    gap(8);
    const edited = view.edits[id];
    if (edited) for (const para of edited.split(/\n{2,}/)) p(para);
    else body();
  };

  // Cover.
  doc.addPage();
  doc.rect(0, 0, doc.page.width, doc.page.height).fill(primaryColor);
  doc.y = 56;
  write(studioName.toUpperCase(), 12, "bold", { color: "#ffffff" });
  doc.y = 260;
  write(view.title, 30, "bold", { color: "#ffffff" });
  gap(18);
  write(view.preparedFor, 14, "regular", { color: "#ffffff" });
  write(view.issued, 10.5, "regular", { color: "#d6dee8" });
  write(view.validUntil, 10.5, "regular", { color: "#d6dee8" });

  // Contents: the page numbers are written once every part is laid out.
  doc.addPage();
  write(L.contents ?? "", 17, "bold", { color: primaryColor });
  gap(10);
  const ids = Object.keys(view.partTitles) as PartId[];
  const tocRows: Array<{ id: PartId; y: number }> = [];
  ids.forEach((id, i) => {
    const top = doc.y;
    style(11, "bold", primaryColor).text(String(i + 1), left, top, { width: 24 });
    doc.y = top;
    write(view.partTitles[id], 11, "regular", { x: left + 24, width: width() - 64 });
    tocRows.push({ id, y: top });
    gap(6);
  });

  doc.addPage();
  part(
    "summary",
    () =>
      view.summary.forEach((l, i) => {
        p(`${i + 1}. ${l.text}`, "bold");
        reasons(l.reasons);
      }),
    true,
  );
  part("situation", () => {
    if (view.situation.rows.length)
      table([L.channel!, L.status!, L.handle!, L.followers!, L.frequency!, L.runBy!], view.situation.rows.map((r) => [r.channel, r.status, r.handle, r.followers, r.frequency, r.runBy]), [18, 14, 20, 14, 18, 16]);
    if (view.situation.chart.length) {
      h3(L.audienceChart ?? "");
      bars(view.situation.chart.map((d) => ({ name: d.channel, value: d.followers, label: d.label })));
    }
    bullets(view.situation.observations);
  });
  part("audience", () => {
    bullets(view.audience.points);
    if (view.audience.personas) {
      h3(L.personas ?? "");
      p(view.audience.personas);
    }
    const hypotheses = view.audience.hypotheses;
    if (hypotheses) {
      h3(hypotheses.title);
      p(hypotheses.note);
      for (const persona of hypotheses.personas) {
        p(`${persona.name} ${persona.text}`);
        reasons(persona.reasons);
      }
    }
  });
  part("objectives", () => {
    for (const o of view.objectives) {
      h3(`${o.rank}: ${o.goal}`);
      if (o.target) p(`${L.target}: ${o.target}`);
      bullets(o.kpis);
      reasons(o.reasons);
    }
  });
  part("channels", () =>
    table([L.channel!, L.priority!, why], view.channels.filter((c) => c.priority !== "leave" || c.reasons.length).map((c) => [c.channel, c.priorityLabel, c.reasons.join("\n")]), [18, 16, 66]),
  );
  part("content", () => {
    h3(L.pillars ?? "");
    bullets(view.content.pillars);
    table([L.channel!, L.postsPerWeek!, L.formats!, why], view.content.cadence.map((c) => [c.channel, c.posts, c.formats, (c.reasons ?? []).join(" ")]), [18, 16, 22, 44]);
    reasons(view.content.reasons);
    if (view.content.languages?.length) {
      h3(L.languagesTitle ?? "");
      bullets(view.content.languages);
    }
    if (view.content.rules?.length) {
      h3(L.rulesTitle ?? "");
      bullets(view.content.rules.map((r) => `${r.text} (${r.reasons.join(" ").replace(/\.$/, "")})`));
    }
  });
  // The cadence chart, as in the react-pdf document outside the part: the posts a week as bars, then the channels.
  const cadence = view.content.cadence.map((c) => ({ name: c.channel, value: c.postsPerWeek ?? (Number(c.posts.replace(/[^\d,.]/g, "").replace(",", ".")) || 0), label: c.posts })).filter((d) => d.value > 0);
  if (cadence.length) {
    h3(L.cadenceChart ?? L.postsPerWeek ?? "");
    bars(cadence);
  }
  part("community", () => {
    bullets([view.community.business, view.community.outside, view.community.tone, ...view.community.rules]);
    reasons(view.community.reasons);
    if (view.community.byChannel?.length)
      table([L.channel!, L.replyOffice!, L.replyOutside!, why], view.community.byChannel.map((c) => [c.channel, c.business, c.outside, c.reasons.join(" ")]), [16, 16, 18, 50], L.replyByChannel);
  });
  part("crisis", () => {
    p(view.crisis.level, "bold");
    if (view.crisis.story?.length) {
      h3(L.storyTitle ?? "");
      bullets(view.crisis.story);
    }
    reasons(view.crisis.reasons);
    table([L.level!, L.situation!, L.responseTime!, L.actions!], view.crisis.severities.map((c) => [c.level, c.description, c.response, c.actions]), [10, 32, 16, 42]);
    h3(L.escalation ?? "");
    for (const e of view.crisis.escalation) p(e);
    for (const [title, items] of [
      [L.authorities, view.crisis.authorities],
      [L.fakeNews, view.crisis.fakeNews],
      [L.holding, view.crisis.holding],
    ] as const) {
      if (!items) continue;
      h3(title ?? "");
      bullets(items);
    }
  });
  part("roles", () => {
    table([L.activity!, L.studio!, view.roles.approverLabel, view.roles.spokespersonLabel], view.roles.raci.map((r) => [r.activity, r.studio, r.approver, r.spokesperson]), [40, 15, 22, 23]);
    if (view.roles.legend?.length) bullets(view.roles.legend);
  });
  part("measurement", () => {
    h3(L.kpis ?? "");
    bullets(view.measurement.kpis);
    bullets(view.measurement.cadence);
    if (view.measurement.sources?.length) {
      h3(L.sourcesTitle ?? "");
      for (const source of view.measurement.sources) note(source);
    }
  });
  part("roadmap", () => {
    for (const step of view.roadmap) {
      h3(step.title);
      bullets(step.items);
    }
  });
  part("workflow", () => {
    bullets(view.workflow.points);
    if (view.workflow.seasons) {
      table([L.month!, L.intensityCol!, L.postsWeek!, L.drivers!], view.workflow.seasons.months.map((mo) => [mo.month, mo.intensityLabel, mo.posts, mo.drivers]), [20, 14, 14, 52], L.seasonsTitle);
      reasons(view.workflow.seasons.reasons);
    }
    table([L.day!, L.channel!, L.pillar!, L.format!], view.workflow.calendar.map((e) => [e.day, e.channel, e.pillar, e.format]), [14, 18, 50, 18], L.calendar);
  });
  part("investment", () => {
    const inv = view.investment;
    const regime = regimeOrRate(inv.taxRegime, inv.vatRatePercent);
    for (const pkg of inv.packages) {
      room(80);
      if (pkg.recommended) write((L.recommended ?? "").toUpperCase(), 7.5, "bold", { color: primaryColor });
      write(pkg.name, 11, "bold");
      const prices = priceWithVat(pkg.monthlyNetCents, regime, view.locale, L);
      write(`${pkg.monthly} ${prices.plusVat}`, 14, "bold");
      note(L.perMonth ?? "");
      note(prices.withVat);
      gap(4);
      bullets(pkg.includes);
      gap(6);
    }
    for (const pkg of inv.packages.filter((x) => x.recommended)) reasons(pkg.reasons);
    if (inv.gaps?.length) {
      h3(L.gapsTitle ?? "");
      p(inv.gaps[0]!);
      bullets(inv.gaps.slice(1));
    }
    table([L.addOn!, L.price!, why], inv.addOns.map((a) => [a.suggested ? `${a.name} (${L.suggested})` : a.name, `${a.price} ${a.recurring ? L.perMonth : L.oneOff}`, a.reasons.join(" ")]), [34, 22, 44], L.addOns);
    note(pricesNetNote(regime, view.locale, L));
    gap(6);
    h3(L.onboarding ?? "", 80);
    const amounts = (label: string, amount: string, weight: Weight) => {
      const top = doc.y;
      style(10, weight).text(label, left, top, { width: 160 });
      style(10, weight).text(amount, left + 160, top, { width: 60, align: "right" });
      doc.y = Math.max(doc.y, top + 14);
    };
    for (const row of onboardingRows(inv.onboarding, L.net ?? "")) amounts(row.label, row.amount, "regular");
    amounts(L.total ?? "", inv.onboarding.total, "bold");
    for (const n of inv.onboarding.notes ?? []) note(n);
    note(view.validUntil);
  });
  part("terms", () => bullets(view.terms));
  part("nextSteps", () => view.nextSteps.forEach((step, i) => p(`${i + 1}. ${step}`)));

  // The contents' page numbers and every page's footer (the cover has none), now that the pages are known.
  const { count } = doc.bufferedPageRange();
  doc.switchToPage(1);
  for (const row of tocRows) {
    const page = partPage[row.id];
    if (page !== undefined) style(11, "regular", muted).text(String(page + 1), left + width() - 40, row.y, { width: 40, align: "right" });
  }
  for (let i = 1; i < count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0; // writing below the bottom margin must not start a new page
    const y = doc.page.height - 26 - 10;
    style(8, "regular", muted).text(`${studioName} · ${view.organisation}`, left, y, { width: width() / 2, lineBreak: false });
    const label = (L.page ?? "{{page}}/{{total}}").replace("{{page}}", String(i + 1)).replace("{{total}}", String(count));
    style(8, "regular", muted).text(label, left + width() / 2, y, { width: width() / 2, align: "right", lineBreak: false });
  }
  doc.end();
  return done;
}
