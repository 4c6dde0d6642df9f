// One resolved view of a proposal, in one language, for both renderings (web
// page and PDF): every message turned into words, money and dates through
// Intl, and the owner's edits in place of the generated text of a part.
import { taxDocument, type TaxDocument } from "../tax/document";
import type { TaxRegime } from "../tax/regime";
import { formatDate, formatMoney, formatNumber } from "~/i18n/format";
import type { PartId, ProposalModel } from "./model";
import { resolveMsg, type TextEdits, type Translate } from "./resolve";

export interface Line {
  text: string;
  reasons: string[];
}

export interface ProposalView {
  locale: "it" | "en";
  title: string;
  organisation: string;
  preparedFor: string;
  issued: string;
  validUntil: string;
  /** YYYY-MM-DD (Rome): after this day the proposal asks to be renewed. */
  validUntilDay: string;
  expiredNotice: string;
  rulesVersion: string;
  partTitles: Record<PartId, string>;
  edits: Partial<Record<PartId, string>>;
  /** Fixed words (table headers and the like), plain data so it crosses to the PDF worker. */
  label: Record<string, string>;
  summary: Line[];
  situation: { rows: Array<{ channel: string; status: string; handle: string; followers: string; frequency: string; runBy: string }>; observations: string[]; chart: Array<{ channel: string; followers: number; label: string }> };
  audience: { points: string[]; personas: string | null; hypotheses: { title: string; note: string; personas: Array<{ name: string; text: string; reasons: string[] }> } | null };
  objectives: Array<{ goal: string; rank: string; target: string | null; kpis: string[]; reasons: string[] }>;
  channels: Array<{ channel: string; priority: "primary" | "later" | "leave"; priorityLabel: string; reasons: string[] }>;
  /** Fields marked "since 2026.12.2" are absent from views stored with versions sent before. */
  content: { pillars: string[]; cadence: Array<{ channel: string; posts: string; postsPerWeek?: number; formats: string; reasons?: string[] }>; reasons: string[]; languages?: string[]; rules?: Line[] };
  community: { business: string; outside: string; byChannel: Array<{ channel: string; business: string; outside: string; reasons: string[] }>; tone: string; rules: string[]; reasons: string[] };
  crisis: { level: string; reinforced: boolean; reasons: string[]; story?: string[]; severities: Array<{ level: string; description: string; response: string; actions: string }>; escalation: string[]; authorities: string[] | null; fakeNews: string[] | null; holding: string[] };
  roles: { raci: Array<{ activity: string; studio: string; approver: string; spokesperson: string }>; approverLabel: string; spokespersonLabel: string; legend?: string[] };
  measurement: { kpis: string[]; cadence: string[]; sources?: string[] };
  roadmap: Array<{ title: string; items: string[] }>;
  workflow: {
    points: string[];
    calendar: Array<{ day: string; channel: string; pillar: string; format: string }>;
    seasons?: { months: Array<{ month: string; intensity: 1 | 2 | 3; intensityLabel: string; posts: string; drivers: string }>; reasons: string[] };
  };
  investment: {
    packages: Array<{ id: string; name: string; monthly: string; monthlyNetCents: number; recommended: boolean; includes: string[]; reasons: string[] }>;
    addOns: Array<{ id: string; name: string; price: string; priceNetCents: number; recurring: boolean; suggested: boolean; reasons: string[] }>;
    onboarding: {
      net: string;
      vat: string;
      total: string;
      vatLabel: string;
      /** The document's lines (fee, rivalsa, IVA, stamp duty) and its wording; absent in views stored before tax regimes (net, IVA, total then). */
      lines?: Array<{ label: string; amount: string }>;
      notes?: string[];
    };
    onboardingNetCents: number;
    vatRatePercent: number;
    /** Absent in views stored before tax regimes: ordinary VAT at vatRatePercent. */
    taxRegime?: TaxRegime;
    gaps?: string[];
  };
  terms: string[];
  nextSteps: string[];
}

const dayMonthFormats = new Map<string, Intl.DateTimeFormat>();
/** "14 dic", "14 Dec": a day in the sample calendar, whose year the heading already gives. */
function dayMonth(day: string, locale: "it" | "en"): string {
  let f = dayMonthFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "it" ? "it-IT" : "en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
    dayMonthFormats.set(locale, f);
  }
  return f.format(new Date(`${day}T12:00:00Z`));
}

/** The onboarding box's lines: the document's, or net and IVA for a view stored before tax regimes. */
export function onboardingRows(onboarding: ProposalView["investment"]["onboarding"], netLabel: string): Array<{ label: string; amount: string }> {
  return onboarding.lines ?? [
    { label: netLabel, amount: onboarding.net },
    { label: onboarding.vatLabel, amount: onboarding.vat },
  ];
}

/** A fee's document lines and wording, in words (the proposal's onboarding box, the PDF). */
export function documentLines(doc: TaxDocument, t: Translate, locale: "it" | "en"): { lines: Array<{ label: string; amount: string }>; notes: string[] } {
  const money = (cents: number) => formatMoney(cents, locale);
  const lines = [{ label: t(doc.regime === "forfettario" ? "payment.tax.feeForfettario" : "payment.tax.fee"), amount: money(doc.feeCents) }];
  if (doc.rivalsaCents > 0) lines.push({ label: t("payment.tax.rivalsa", { rate: formatNumber(doc.rivalsaPercent, locale) }), amount: money(doc.rivalsaCents) });
  if (doc.vatLine) lines.push({ label: t("payment.tax.vat", { rate: formatNumber(doc.ratePercent, locale) }), amount: money(doc.vatCents) });
  if (doc.stampDuty?.chargedToClient) lines.push({ label: t("payment.tax.stampDuty"), amount: money(doc.stampDuty.cents) });
  return { lines, notes: doc.notes.map((n) => t(`payment.tax.notes.${n}`)) };
}

export function proposalView(model: ProposalModel, locale: "it" | "en", t: Translate, edits: TextEdits = {}): ProposalView {
  const r = (msg: Parameters<typeof resolveMsg>[0]) => resolveMsg(msg, t, locale);
  const day = (d: string) => formatDate(new Date(`${d}T12:00:00Z`), locale, "long");
  const money = (cents: number) => formatMoney(cents, locale);
  const channel = (c: string) => t(`questionnaire.fields.channel_${c}.label`);
  const option = (set: string, value: string | null) => (value ? t(`questionnaire.options.${set}.${value}`) : "—");
  const hours = (h: number) => t("plan.label.hours", { count: h, hours: formatNumber(h, locale) });
  const minutes = (n: number) => (n >= 60 ? hours(Math.round((n / 60) * 100) / 100) : t("plan.label.minutes", { count: n, minutes: n }));
  const within = (h: number) => minutes(Math.round(h * 60));
  const shortDay = (d: string) => formatDate(new Date(`${d}T12:00:00Z`), locale, "medium");
  const partIds = Object.keys(t("plan.parts", { returnObjects: true }) as unknown as Record<string, string>) as PartId[];
  const onboarding = taxDocument(model.investment.taxRegime, "standard", model.investment.onboardingNetCents);
  const cleanEdits: Partial<Record<PartId, string>> = {};
  for (const [k, v] of Object.entries(edits)) if (v && v.trim()) cleanEdits[k as PartId] = v.trim();

  return {
    locale,
    title: t("proposal.title"),
    organisation: model.client.organisation,
    preparedFor: t("plan.label.preparedFor", { name: model.client.contactName, organisation: model.client.organisation }),
    issued: t("plan.label.issued", { date: day(model.issuedOn) }),
    validUntil: t("plan.label.validUntil", { date: day(model.validUntil) }),
    validUntilDay: model.validUntil,
    expiredNotice: t("plan.label.expired", { date: day(model.validUntil) }),
    rulesVersion: t("plan.label.rulesVersion", { version: model.rulesVersion }),
    partTitles: Object.fromEntries(partIds.map((id) => [id, t(`plan.parts.${id}`)])) as Record<PartId, string>,
    edits: cleanEdits,
    label: Object.fromEntries(Object.entries(t("plan.label", { returnObjects: true }) as unknown as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === "string")),
    summary: model.summary.map((s) => ({ text: r(s.text), reasons: s.reasons.map(r) })),
    situation: {
      rows: model.situation.rows.map((row) => ({
        channel: channel(row.channel),
        status: t(`plan.label.${row.status}`),
        handle: row.handle ?? "—",
        followers: row.followers === null ? "—" : formatNumber(row.followers, locale),
        frequency: option("frequencies", row.frequency),
        runBy: option("runners", row.runBy),
      })),
      observations: model.situation.observations.map(r),
      chart: model.situation.chart.map((c) => ({ channel: channel(c.channel), followers: c.followers, label: formatNumber(c.followers, locale) })),
    },
    audience: {
      points: model.audience.points.map(r),
      personas: model.audience.personas,
      hypotheses: model.audience.hypotheses
        ? {
            title: t("plan.label.hypotheses"),
            note: r(model.audience.hypotheses.note),
            personas: model.audience.hypotheses.personas.map((p) => ({
              name: `${p.name} (${r(p.ages)})`,
              text: r(p.text),
              reasons: p.reasons.map(r),
            })),
          }
        : null,
    },
    objectives: model.objectives.map((o) => ({
      goal: t(`goals.${o.goal}`),
      rank: t("plan.label.rank", { rank: o.rank }),
      target: o.target,
      kpis: o.kpis.map((k) => t("plan.kpi.line", { metric: r(k.metric), target: r(k.target) })),
      reasons: o.reasons.map(r),
    })),
    channels: model.channels.map((c) => ({ channel: channel(c.channel), priority: c.priority, priorityLabel: t(`plan.label.${c.priority}`), reasons: c.reasons.map(r) })),
    content: {
      pillars: model.content.pillars.map((p) => r(p.text)),
      cadence: model.content.cadence.map((c) => ({ channel: channel(c.channel), posts: r(c.label), postsPerWeek: c.postsPerWeek, formats: c.formats.map(r).join(", "), reasons: c.reasons.map(r) })),
      reasons: model.content.reasons.map(r),
      languages: model.content.languages.map(r),
      rules: model.content.rules.map((x) => ({ text: r(x.text), reasons: x.reasons.map(r) })),
    },
    community: {
      business: t("plan.label.businessHours", { time: within(model.community.business) }),
      outside: model.community.outside === null ? t("plan.label.outsideNone") : t("plan.label.outsideHours", { time: within(model.community.outside) }),
      byChannel: model.community.byChannel.map((c) => ({
        channel: channel(c.channel),
        business: within(c.businessHours),
        outside: c.outsideHours === null ? t("plan.label.nextWorkingDay") : within(c.outsideHours),
        reasons: c.reasons.map(r),
      })),
      tone: r(model.community.tone),
      rules: model.community.rules.map(r),
      reasons: model.community.reasons.map(r),
    },
    crisis: {
      level: t(`plan.label.crisisLevel.${model.crisis.level}`),
      reinforced: model.crisis.level === "reinforced",
      reasons: [...model.crisis.reasons, ...model.crisis.timing].map(r),
      story: model.crisis.story.map(r),
      severities: model.crisis.severities.map((s) => ({ level: String(s.level), description: r(s.description), response: minutes(s.responseMinutes), actions: s.actions.map(r).join(" ") })),
      escalation: model.crisis.escalation.map(r),
      authorities: model.crisis.authorities.map(r),
      fakeNews: model.crisis.fakeNews.map(r),
      holding: model.crisis.holding.map(r),
    },
    roles: {
      raci: model.roles.raci.map((row) => ({ activity: r(row.activity), studio: row.studio, approver: row.approver, spokesperson: row.spokesperson })),
      approverLabel: model.roles.approver ? `${t("plan.label.approver")}: ${model.roles.approver}` : t("plan.label.approver"),
      spokespersonLabel: model.roles.spokesperson ? `${t("plan.label.spokesperson")}: ${model.roles.spokesperson}` : t("plan.label.spokesperson"),
      legend: model.roles.legend.map(r),
    },
    measurement: { kpis: model.measurement.kpis.map(r), cadence: model.measurement.cadence.map(r), sources: model.measurement.sources.map(r) },
    roadmap: model.roadmap.map((step) => ({
      title: t("plan.label.roadmapStep", { from: step.days - 29, to: step.days, start: shortDay(step.from), end: shortDay(step.to) }),
      items: step.items.map(r),
    })),
    workflow: {
      points: model.workflow.points.map(r),
      seasons: {
        months: model.workflow.seasons.months.map((mo) => ({
          month: r({ key: "@month", params: { month: mo.month } }),
          intensity: mo.intensity,
          intensityLabel: t(`plan.label.intensity.${mo.intensity}`),
          posts: formatNumber(mo.postsPerWeek, locale),
          drivers: mo.drivers.map(r).join("; ") || "—",
        })),
        reasons: model.workflow.seasons.reasons.map(r),
      },
      calendar: model.workflow.calendar.map((e) => ({
        day: `${t(`plan.label.weekdays.${e.weekday}`)} ${dayMonth(e.date, locale)}`,
        channel: channel(e.channel),
        pillar: t(`plan.pillar.${e.pillar}`),
        format: r(e.format),
      })),
    },
    investment: {
      packages: model.investment.packages.map((p) => ({ id: p.id, name: r(p.name), monthly: money(p.monthlyNetCents), monthlyNetCents: p.monthlyNetCents, recommended: p.recommended, includes: p.includes.map(r), reasons: p.reasons.map(r) })),
      addOns: model.investment.addOns.map((a) => ({ id: a.id, name: r(a.name), price: money(a.priceNetCents), priceNetCents: a.priceNetCents, recurring: a.recurring, suggested: a.suggested, reasons: a.reasons.map(r) })),
      onboarding: {
        net: money(onboarding.netCents),
        vat: money(onboarding.vatCents),
        total: money(onboarding.grossCents),
        vatLabel: t("plan.label.vat", { rate: formatNumber(onboarding.ratePercent, locale) }),
        ...documentLines(onboarding, t, locale),
      },
      onboardingNetCents: model.investment.onboardingNetCents,
      vatRatePercent: model.investment.vatRatePercent,
      taxRegime: model.investment.taxRegime,
      gaps: model.investment.gaps.map(r),
    },
    terms: model.terms.map(r),
    nextSteps: model.nextSteps.map(r),
  };
}
