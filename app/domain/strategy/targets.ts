// Reads the number in a prospect's own target ("40 richieste di demo al mese",
// "+20% prenotazioni", "10.000 follower entro l'estate") so KPIs can be anchored
// to it. Only the number and its kind are read; the words stay the prospect's.

export interface ParsedTarget {
  value: number;
  kind: "percent" | "perMonth" | "perWeek" | "total";
  /** What is counted, when the words say it. */
  subject: "followers" | "leads" | "visits" | "applications" | "donations" | "other";
}

const numberPattern = /(\d{1,3}(?:[.\s\u00a0']\d{3})+|\d+)(?:,(\d+))?\s*(k|mila|mille|thousand)?\b\s*(%|per ?cento|percent)?/i;

export function parseTarget(text: string | undefined): ParsedTarget | null {
  if (!text) return null;
  const match = numberPattern.exec(text);
  if (!match) return null;
  let value = Number(match[1]!.replace(/[.\s\u00a0']/g, ""));
  if (match[2] && !match[3]) value = Number(`${value}.${match[2]}`);
  if (match[3]) value = Math.round(Number(`${match[1]!.replace(/[.\s\u00a0']/g, "")}${match[2] ? `.${match[2]}` : ""}`) * 1000);
  if (!Number.isFinite(value) || value <= 0) return null;
  const lower = text.toLowerCase();
  const kind: ParsedTarget["kind"] = match[4]
    ? "percent"
    : /(al mese|a mese|mensil|\/\s*mese|per month|a month|monthly|\/\s*month)/.test(lower)
      ? "perMonth"
      : /(a settimana|settimanal|per week|a week|weekly)/.test(lower)
        ? "perWeek"
        : "total";
  const subject: ParsedTarget["subject"] = /follower|seguaci|iscritt|fan\b|subscriber/.test(lower)
    ? "followers"
    : /candidat|application|assunzion|hire|cv\b/.test(lower)
      ? "applications"
      : /donazion|donator|donor|donation|raccolt|fundrais|€|euro/.test(lower)
        ? "donations"
        : /visit|traffic|click|sessioni|session/.test(lower)
          ? "visits"
          : /richiest|demo|contatt|lead|prenotaz|booking|vendit|sale|preventiv|quote|ordin|order|clienti|customer|iscrizion|sign.?up|appuntament|appointment/.test(lower)
            ? "leads"
            : "other";
  return { value, kind, subject };
}
