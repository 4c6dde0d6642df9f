// The leads CSV: columns, labels in the reader's language, dates as Italian
// Excel reads them (dd/mm/yyyy hh:mm, Rome time). Pure: rows in, text out.
import { intlTag } from "~/i18n/format";
import type { Locale } from "~/i18n/i18n";
import { toCsv } from "./csv";

export interface CsvLeadInput {
  createdAt: Date;
  updatedAt: Date;
  status: string;
  name: string;
  email: string;
  phone: string | null;
  role: string | null;
  organisation: string;
  sector: string | null;
  size: string | null;
  website: string | null;
  locale: string;
  budgetBand: string | null;
  startDate: Date | null;
  hasCrisis: boolean | null;
  crisisOpen: boolean | null;
  marketingConsent: boolean;
  assignedTo: { name: string } | null;
  goals: Array<{ goal: string; rank: number }>;
  channels: Array<{ channel: string; status: string }>;
  proposal: { firstOpenedAt: Date | null; versions: Array<{ sentAt: Date }> } | null;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

const columns = [
  "received",
  "status",
  "name",
  "email",
  "phone",
  "role",
  "organisation",
  "sector",
  "size",
  "website",
  "language",
  "goals",
  "channels",
  "wantedChannels",
  "budget",
  "startDate",
  "crisis",
  "crisisOpen",
  "assignee",
  "proposalSent",
  "proposalOpened",
  "marketing",
  "updated",
] as const;

// Building a formatter costs far more than using one: one per locale and kind.
const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(date: Date, locale: Locale, withTime: boolean): Record<string, string> {
  const key = `${locale}-${withTime}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlTag(locale), {
      timeZone: "Europe/Rome",
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      ...(withTime ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" as const } : {}),
    });
    formatters.set(key, format);
  }
  return Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
}

/** 25/11/2026 09:30: the pattern Excel in Italian recognises as a date and time. */
export function csvDateTime(date: Date, locale: Locale): string {
  const p = parts(date, locale, true);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

export function csvDate(date: Date, locale: Locale): string {
  const p = parts(date, locale, false);
  return `${p.day}/${p.month}/${p.year}`;
}

export function leadsCsv(leads: CsvLeadInput[], locale: Locale, translate: Translate): string {
  // Labels repeat on every row: look each one up once.
  const labels = new Map<string, string>();
  const t: Translate = (key, options) => {
    let label = labels.get(key);
    if (label === undefined) {
      label = translate(key, options);
      labels.set(key, label);
    }
    return label;
  };
  const yesNo = (v: boolean | null) => (v === null ? "" : v ? t("pipeline.export.yes") : t("pipeline.export.no"));
  const option = (set: string, v: string | null) => (v ? t(`questionnaire.options.${set}.${v}`, { defaultValue: v }) : "");
  const channel = (c: string) => t(`questionnaire.fields.channel_${c}.label`, { defaultValue: c });
  const header = columns.map((c) => t(`pipeline.export.columns.${c}`));
  const rows = leads.map((l) => {
    const sent = l.proposal?.versions[0]?.sentAt ?? null;
    const cells: Record<(typeof columns)[number], string | null> = {
      received: csvDateTime(l.createdAt, locale),
      status: t(`status.${l.status}`, { defaultValue: l.status }),
      name: l.name,
      email: l.email,
      phone: l.phone,
      role: l.role,
      organisation: l.organisation,
      sector: option("sectors", l.sector),
      size: option("sizes", l.size),
      website: l.website,
      language: l.locale,
      goals: [...l.goals]
        .sort((a, b) => a.rank - b.rank)
        .map((g) => t(`goals.${g.goal}`, { defaultValue: g.goal }))
        .join(", "),
      channels: l.channels
        .filter((c) => c.status === "present")
        .map((c) => channel(c.channel))
        .join(", "),
      wantedChannels: l.channels
        .filter((c) => c.status === "wanted")
        .map((c) => channel(c.channel))
        .join(", "),
      budget: option("budgetBands", l.budgetBand),
      startDate: l.startDate ? csvDate(l.startDate, locale) : null,
      crisis: yesNo(l.hasCrisis),
      crisisOpen: yesNo(l.crisisOpen),
      assignee: l.assignedTo?.name ?? null,
      proposalSent: sent ? csvDateTime(sent, locale) : null,
      proposalOpened: l.proposal?.firstOpenedAt ? csvDateTime(l.proposal.firstOpenedAt, locale) : null,
      marketing: yesNo(l.marketingConsent),
      updated: csvDateTime(l.updatedAt, locale),
    };
    return columns.map((c) => cells[c]);
  });
  return toCsv(header, rows);
}
