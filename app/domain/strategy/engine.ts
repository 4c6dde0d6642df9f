// The strategy rules: from a lead's answers and the owner's settings to a
// proposal model. Pure and deterministic (the same input always gives the
// same model); RULES_VERSION changes whenever a rule does.
import type { Goal } from "../goals";
import type { Channel } from "../intake/definition";
import type { ChannelAnswer, IntakeAnswers } from "./input";
import type { CadenceRow, CalendarEntry, ChannelPick, ChannelResponse, Kpi, Msg, PersonaHypothesis, ProposalModel, RaciRow, Reasoned, SeverityLevel } from "./model";
import type { OwnerSettings, Package } from "./settings";

export const RULES_VERSION = "2026.12.1";

const m = (key: string, params?: Msg["params"]): Msg => (params ? { key: `plan.${key}`, params } : { key: `plan.${key}` });
const goalName = (goal: Goal): Msg => ({ key: `goals.${goal}` });
const channelName = (channel: Channel): Msg => ({ key: `questionnaire.fields.channel_${channel}.label` });
const bilingual = (text: { it: string; en: string }): Msg => ({ key: "@bilingual", params: { it: text.it, en: text.en } });
/** A length of time in words, with the right plural ("1 ora", "30 minuti", "6 mesi"). */
function duration(hours: number): Msg {
  const minutes = Math.round(hours * 60);
  if (minutes < 60) return m("duration.minutes", { count: minutes, minutes });
  const h = Math.round(hours * 100) / 100;
  return m("duration.hours", { count: h, hours: h });
}
const monthsMsg = (months: number): Msg => m("duration.months", { count: months, months });
const followersMsg = (followers: number): Msg => m("count.followers", { count: followers, followers });
/** A list of messages, joined the way the language joins lists ("A, B e C"). */
const listOf = (items: Msg[]): Msg => ({ key: "@list", params: Object.fromEntries(items.map((item, i) => [String(i), item])) });

/** How well each channel serves each goal (0–3). */
const affinity: Record<Goal, Partial<Record<Channel, number>>> = {
  awareness: { instagram: 3, tiktok: 3, facebook: 2, youtube: 2, x: 1, threads: 1 },
  engagement: { instagram: 3, facebook: 3, tiktok: 2, threads: 1, whatsapp: 1 },
  // A newsletter converts people who already know you: strong, but only once there is a list.
  traffic: { newsletter: 2, facebook: 2, linkedin: 2, x: 2, instagram: 1 },
  leads: { newsletter: 2, instagram: 2, facebook: 2, linkedin: 2, whatsapp: 2 },
  reputation: { linkedin: 2, facebook: 2, x: 2, instagram: 1, youtube: 1 },
  community: { facebook: 3, whatsapp: 3, instagram: 2, newsletter: 1 },
  recruiting: { linkedin: 3, instagram: 2, facebook: 1, tiktok: 1 },
  civic: { facebook: 3, whatsapp: 2, instagram: 2, x: 2 },
};

/** Sector habits: where people of that sector's audience are. */
const sectorBoost: Record<string, Partial<Record<Channel, number>>> = {
  hospitality: { instagram: 3, facebook: 1, tiktok: 1 },
  tourism: { instagram: 3, facebook: 1, tiktok: 1, youtube: 1 },
  food: { instagram: 3, facebook: 2, tiktok: 1 },
  retail: { instagram: 2, tiktok: 1, whatsapp: 1 },
  public_body: { facebook: 3, whatsapp: 2, x: 1 },
  politics: { facebook: 3, x: 2, instagram: 1, whatsapp: 1 },
  association: { facebook: 2, whatsapp: 2, instagram: 1 },
  professional: { linkedin: 4, newsletter: 1 },
  // B2B buyers decide at work and over months: LinkedIn to meet them, a newsletter to keep the
  // contacts from trade fairs warm; consumer video channels do little for them.
  manufacturing: { linkedin: 4, newsletter: 3, youtube: 1, instagram: -2, tiktok: -2 },
  health: { facebook: 2, youtube: 1, instagram: 1 },
  culture: { instagram: 2, facebook: 2, youtube: 1 },
};

const pillarsBySector: Record<string, string[]> = {
  hospitality: ["place", "behindScenes", "guests", "offers"],
  tourism: ["place", "experiences", "guests", "offers"],
  food: ["product", "behindScenes", "guests", "offers"],
  retail: ["product", "howTo", "customers", "offers"],
  public_body: ["services", "participation", "territory", "alerts"],
  politics: ["programme", "onTheGround", "answers", "team"],
  association: ["mission", "volunteers", "events", "impact"],
  professional: ["expertise", "caseStudies", "team", "insights"],
  manufacturing: ["caseStudies", "production", "tradeFairs", "team"],
  health: ["prevention", "team", "services", "answers"],
  culture: ["events", "behindScenes", "heritage", "audience"],
  other: ["expertise", "behindScenes", "customers", "news"],
};

const formatsByChannel: Record<Channel, string[]> = {
  instagram: ["reel", "carousel", "stories"],
  facebook: ["post", "photo", "event"],
  linkedin: ["post", "article", "carousel"],
  tiktok: ["shortVideo"],
  youtube: ["video", "short"],
  x: ["thread", "post"],
  threads: ["post"],
  whatsapp: ["update"],
  newsletter: ["issue"],
};

export interface ProposalInput {
  answers: IntakeAnswers;
  organisation: string;
  contactName: string;
  /** YYYY-MM-DD, the day the proposal is made (Rome). */
  issuedOn: string;
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function rankedGoals(a: IntakeAnswers): Goal[] {
  return [a.goals.goal1, a.goals.goal2, a.goals.goal3].filter((g, i, all): g is Goal => g !== undefined && all.indexOf(g) === i);
}

function recommendedPackage(a: IntakeAnswers, s: OwnerSettings): { pkg: Package; reason: Msg } {
  const byPrice = [...s.packages].sort((x, y) => x.monthlyNetCents - y.monthlyNetCents || x.id.localeCompare(y.id));
  const budgetCeiling: Record<string, number | null> = { lt500: 50000, b500_1000: 100000, b1000_2500: 250000, b2500_5000: 500000, gt5000: null, unknown: null };
  const ceiling = budgetCeiling[a.goals.budgetBand] ?? null;
  const budget = { key: `questionnaire.options.budgetBands.${a.goals.budgetBand}` };
  if (ceiling === null) {
    const middle = byPrice[Math.floor((byPrice.length - 1) / 2)]!;
    return { pkg: a.goals.budgetBand === "gt5000" ? byPrice[byPrice.length - 1]! : middle, reason: m(`reason.budget.${a.goals.budgetBand === "gt5000" ? "large" : "unknown"}`, { budget }) };
  }
  const affordable = byPrice.filter((p) => p.monthlyNetCents <= ceiling);
  const pkg = affordable[affordable.length - 1] ?? byPrice[0]!;
  return { pkg, reason: m(affordable.length ? "reason.budget.fits" : "reason.budget.below", { budget }) };
}

function scoreChannels(a: IntakeAnswers, s: OwnerSettings, goals: Goal[]): ChannelPick[] {
  const answered = new Map(a.channels.map((c) => [c.channel, c]));
  const young = a.audience.ageBands.some((b) => b === "a13_17" || b === "a18_24");
  const older = a.audience.ageBands.some((b) => b === "a55_64" || b === "a65");
  const picks: ChannelPick[] = [];
  for (const channel of s.channelsOffered) {
    const answer = answered.get(channel);
    const reasons: Msg[] = [];
    if (answer?.status === "refused") {
      picks.push({ channel, priority: "leave", score: -1, reasons: [m("reason.channel.refused", { channel: channelName(channel) })] });
      continue;
    }
    let score = 0;
    goals.forEach((goal, i) => {
      const fit = affinity[goal][channel] ?? 0;
      if (fit === 0) return;
      score += fit * (3 - i);
      if (fit >= 2) reasons.push(m(i === 0 ? "reason.channel.goalFirst" : "reason.channel.goal", { goal: goalName(goal), channel: channelName(channel) }));
    });
    const boost = sectorBoost[a.about.sector]?.[channel] ?? 0;
    const b2b = a.about.sector === "manufacturing";
    if (boost) {
      score += boost;
      if (b2b && channel === "newsletter") reasons.push(m("reason.channel.b2bNewsletter"));
      else if (boost >= 2) reasons.push(m("reason.channel.sector", { sector: { key: `questionnaire.options.sectors.${a.about.sector}` }, channel: channelName(channel) }));
    }
    if (b2b && channel === "linkedin" && goals.includes("leads")) reasons.push(m("reason.channel.b2bLeads"));
    if (young && (channel === "tiktok" || channel === "instagram")) {
      score += channel === "tiktok" ? 2 : 1;
      reasons.push(m("reason.channel.young", { channel: channelName(channel) }));
    }
    if (older && channel === "facebook") {
      score += 2;
      reasons.push(m("reason.channel.older"));
    }
    if (answer?.status === "present") {
      score += 2;
      reasons.push(
        answer.followers !== undefined
          ? m("reason.channel.existingFollowers", { channel: channelName(channel), followers: answer.followers, count: answer.followers })
          : m("reason.channel.existing", { channel: channelName(channel) }),
      );
    }
    if (answer?.status === "wanted") {
      score += 2;
      reasons.push(m("reason.channel.wanted", { channel: channelName(channel) }));
    }
    picks.push({ channel, priority: "later", score, reasons });
  }
  return picks.sort((x, y) => y.score - x.score || s.channelsOffered.indexOf(x.channel) - s.channelsOffered.indexOf(y.channel));
}

function chooseChannels(a: IntakeAnswers, s: OwnerSettings, goals: Goal[], pkg: Package): ChannelPick[] {
  const scored = scoreChannels(a, s, goals);
  const noPresence = !a.channels.some((c) => c.status === "present");
  const slots = noPresence ? Math.min(pkg.channels, 2) : pkg.channels;
  let primary = 0;
  return scored.map((pick) => {
    if (pick.priority === "leave") return pick;
    if (primary < slots && pick.score > 0) {
      primary++;
      const reasons = noPresence && primary === 1 ? [...pick.reasons, m("reason.channel.startSmall", { count: slots })] : pick.reasons;
      return { ...pick, priority: "primary", reasons };
    }
    if (pick.score >= 5) return { ...pick, reasons: [...pick.reasons, m("reason.channel.later", { package: bilingual(pkg.name) })] };
    return { ...pick, priority: "leave", reasons: [m("reason.channel.lowFit", { channel: channelName(pick.channel) })] };
  });
}

function cadence(primaries: Channel[], s: OwnerSettings, pkg: Package): CadenceRow[] {
  const weights = primaries.map((c) => Math.max(1, s.cadence[c] ?? 1));
  const total = weights.reduce((x, y) => x + y, 0);
  return primaries.map((channel, i) => ({
    channel,
    postsPerWeek: Math.max(1, Math.round((pkg.postsPerWeek * weights[i]!) / total)),
    formats: formatsByChannel[channel].map((f) => m(`format.${f}`)),
  }));
}

function calendar(rows: CadenceRow[], pillars: string[]): CalendarEntry[] {
  const entries: CalendarEntry[] = [];
  let pillar = 0;
  for (let week = 0; week < 2; week++) {
    for (const row of rows) {
      const formats = formatsByChannel[row.channel];
      const posts = Math.min(7, row.postsPerWeek);
      for (let k = 0; k < posts; k++) {
        // Spread posts over the week (Monday = 0), the same days every week.
        const weekday = Math.floor((k * 7) / posts + (rows.indexOf(row) % 2));
        const wd = Math.min(6, weekday);
        entries.push({
          day: week * 7 + wd + 1,
          weekday: wd,
          channel: row.channel,
          pillar: pillars[pillar++ % pillars.length]!,
          format: m(`format.${formats[(week + k) % formats.length]!}`),
        });
      }
    }
  }
  return entries.sort((x, y) => x.day - y.day || rows.findIndex((r) => r.channel === x.channel) - rows.findIndex((r) => r.channel === y.channel));
}

/**
 * Crisis reply times by level, from the ordinary reply time in office hours (minutes):
 * level 2 halves it and level 3 quarters it (a quarter and an eighth when the protocol is
 * reinforced), never below 15 and 10 minutes, never above 2 hours and 1 hour (1 hour and
 * 30 minutes when reinforced), and a level is never slower than the one below it.
 */
export function crisisMinutes(baseMinutes: number, reinforced: boolean): [number, number, number] {
  const round5 = (n: number) => Math.round(n / 5) * 5;
  const level1 = Math.round(baseMinutes);
  const level2 = Math.min(level1, reinforced ? 60 : 120, Math.max(15, round5(level1 / (reinforced ? 4 : 2))));
  const level3 = Math.min(level2, reinforced ? 30 : 60, Math.max(10, round5(level1 / (reinforced ? 8 : 4))));
  return [level1, level2, level3];
}

function crisisPlan(a: IntakeAnswers, businessHours: number, approver: string | null, spokesperson: string | null) {
  const details = a.crisisDetails;
  const types = details?.crisisTypes ?? [];
  const exposure = (details?.exposure ?? []).filter((e) => e !== "none");
  const exposedSector = a.about.sector === "politics" || a.about.sector === "public_body";
  const reasons: Msg[] = [];
  if (a.crisis.hadCrisis === "yes") {
    reasons.push(types.length ? m("reason.crisis.past", { types: listOf(types.map((t) => ({ key: `questionnaire.options.crisisTypes.${t}` }))) }) : m("reason.crisis.pastUnspecified"));
  }
  if (details?.crisisOpen === "yes") reasons.push(m("reason.crisis.open"));
  for (const e of exposure) reasons.push(m("reason.crisis.exposure", { exposure: { key: `questionnaire.options.exposures.${e}` } }));
  if (exposedSector) reasons.push(m("reason.crisis.sector", { sector: { key: `questionnaire.options.sectors.${a.about.sector}` } }));
  const level: "standard" | "reinforced" = reasons.length ? "reinforced" : "standard";
  if (level === "standard") reasons.push(m("reason.crisis.none"));

  const threats = types.includes("threats");
  const fake = types.includes("fake_news");
  const needsAuthorities = threats || fake || details?.authorities === "yes" || a.about.sector === "politics";
  const fast = level === "reinforced";
  const [level1, level2, level3] = crisisMinutes(businessHours * 60, fast);
  const severities: SeverityLevel[] = [
    { level: 1, description: m("crisis.level1"), responseMinutes: level1, actions: [m("crisis.level1Action")] },
    { level: 2, description: m("crisis.level2"), responseMinutes: level2, actions: [m("crisis.level2Action"), m("crisis.notifyApprover")] },
    { level: 3, description: m(threats ? "crisis.level3Threats" : "crisis.level3"), responseMinutes: level3, actions: [m("crisis.level3Action"), m("crisis.evidence")] },
  ];
  const timing = [
    m(fast ? "reason.crisis.timing.reinforced" : "reason.crisis.timing.standard", { base: duration(level1 / 60), level2: duration(level2 / 60), level3: duration(level3 / 60) }),
    m("reason.crisis.timing.always"),
  ];
  const who = (name: string | null, fallback: string): MsgOrName => (name ? name : { key: `plan.role.${fallback}` });
  const escalation: Msg[] = [
    m("crisis.escalation.studio"),
    m("crisis.escalation.approver", { name: who(approver, "approver") }),
    m("crisis.escalation.spokesperson", { name: who(spokesperson, "spokesperson") }),
  ];
  // When and how to involve the authorities: every protocol says it; a reinforced one has the
  // contacts ready from the first month, and where threats, fake news or politics are in the
  // picture the report to the Polizia Postale is immediate (and 112 first when someone is in danger).
  const authorities: Msg[] = [
    ...(needsAuthorities ? [m(threats ? "crisis.authorities.threats" : "crisis.authorities.general"), ...(threats ? [m("crisis.authorities.emergency")] : [])] : [m("crisis.authorities.postale")]),
    m("crisis.authorities.garante"),
    m("crisis.authorities.legal"),
    ...(fast ? [m("crisis.authorities.contacts")] : []),
    m("crisis.authorities.evidence"),
    m("crisis.authorities.report"),
    m("crisis.authorities.decide", { name: who(approver, "approver") }),
    ...(details?.authorities === "yes" ? [m("reason.crisis.authoritiesBefore")] : []),
  ];
  // Misinformation: a weekly check and a plan for every client; daily monitoring and facts
  // prepared in advance where fake news already happened or the sector attracts it.
  const fakeNews: Msg[] =
    fake || exposedSector
      ? [m("crisis.fakeNews.monitor"), m("crisis.fakeNews.prebunk"), m("crisis.fakeNews.sources"), m("crisis.fakeNews.noAmplify"), m("crisis.fakeNews.escalate")]
      : [m("crisis.fakeNews.monitorWeekly"), m("crisis.fakeNews.sources"), m("crisis.fakeNews.noAmplify"), m("crisis.fakeNews.escalate")];
  return { level, reasons, severities, timing, escalation, authorities, fakeNews, holding: [m("crisis.holding.ack"), m("crisis.holding.update")] };
}

type MsgOrName = string | Msg;

function raci(): RaciRow[] {
  const row = (activity: string, studio: RaciRow["studio"], approver: RaciRow["approver"], spokesperson: RaciRow["spokesperson"]): RaciRow => ({ activity: m(`raci.${activity}`), studio, approver, spokesperson });
  return [
    row("plan", "R", "A", "C"),
    row("create", "R", "C", "I"),
    row("approve", "C", "A", "I"),
    row("publish", "R", "I", "I"),
    row("reply", "R", "I", "C"),
    row("crisis", "R", "A", "R"),
    row("report", "R", "I", "I"),
  ];
}

/** Hours the client asked replies within, when they said. */
const requestedHours: Record<string, number> = { h1: 1, h4: 4, h24: 24, h48: 48 };

/** The reply target in office hours: the owner's setting, or faster when the client asked for it. */
function businessReplyHours(a: IntakeAnswers, s: OwnerSettings): number {
  const requested = a.roles.responseTime ? requestedHours[a.roles.responseTime] : undefined;
  return requested !== undefined ? Math.min(requested, s.responseHours.business) : s.responseHours.business;
}

/**
 * How a channel's replies compare with the standard target: direct messages on WhatsApp are
 * a live conversation (half the time), comments and DMs on the social networks the standard,
 * LinkedIn and YouTube professional or slower-paced (twice), newsletter replies are email (four times).
 */
const replyPace: Record<Channel, { factor: number; kind: "chat" | "social" | "measured" | "email" }> = {
  whatsapp: { factor: 0.5, kind: "chat" },
  facebook: { factor: 1, kind: "social" },
  instagram: { factor: 1, kind: "social" },
  tiktok: { factor: 1, kind: "social" },
  threads: { factor: 1, kind: "social" },
  x: { factor: 1, kind: "social" },
  linkedin: { factor: 2, kind: "measured" },
  youtube: { factor: 2, kind: "measured" },
  newsletter: { factor: 4, kind: "email" },
};

function communityPlan(a: IntakeAnswers, s: OwnerSettings, primaries: Channel[]) {
  const business = businessReplyHours(a, s);
  const outsideCover = a.roles.coverHours.some((h) => h === "evenings" || h === "weekends" || h === "holidays");
  const outside = outsideCover ? s.responseHours.outside : null;
  const round = (h: number) => Math.max(0.25, Math.round(h * 4) / 4);
  const byChannel: ChannelResponse[] = primaries.map((channel) => {
    const pace = replyPace[channel];
    const businessHours = round(business * pace.factor);
    // Email waits for the next working day; everything else keeps the evening and weekend target.
    const outsideHours = outside === null || pace.kind === "email" ? null : round(outside * pace.factor);
    const reasons = [m(`reason.community.pace.${pace.kind}`, { channel: channelName(channel), business: duration(businessHours) })];
    if (outside !== null && outsideHours === null) reasons.push(m("reason.community.emailOutside"));
    return { channel, businessHours, outsideHours, reasons };
  });
  const reasons: Msg[] = [];
  const requested = a.roles.responseTime ? requestedHours[a.roles.responseTime] : undefined;
  if (requested !== undefined && requested < s.responseHours.business) reasons.push(m("reason.community.requested", { hours: duration(requested) }));
  else reasons.push(m("reason.community.standard", { hours: duration(business) }));
  if (outside !== null) {
    const asked = a.roles.coverHours.filter((h) => h !== "office").map((h) => ({ key: `questionnaire.options.coverHours.${h}` }));
    reasons.push(m("reason.community.cover", { hours: listOf(asked), outside: duration(outside) }));
  } else {
    reasons.push(m("reason.community.office"));
  }
  return { business, outside, byChannel, reasons };
}

const monthsByTimeframe: Record<string, number> = { m3: 3, m6: 6, m12: 12 };

/** Follower growth a base of this size can reach in six months, in per cent. */
function growthPer6Months(baseline: number): number {
  if (baseline < 1000) return 40;
  if (baseline < 5000) return 25;
  if (baseline < 20000) return 15;
  return 10;
}

const minLeadsBySize: Record<string, number> = { solo: 3, s2_9: 5, s10_49: 8, s50_249: 10, s250: 15 };
const applicationsBySize: Record<string, number> = { solo: 1, s2_9: 2, s10_49: 4, s50_249: 8, s250: 15 };

interface KpiContext {
  a: IntakeAnswers;
  months: number;
  /** Followers today on the chosen channels that have figures, and those channels. */
  baseline: number | null;
  baselineChannels: Channel[];
  primaries: Channel[];
  replyHours: number;
}

function kpi(id: string, metric: Msg, value: number, unit: Kpi["unit"], target: Msg, months: number, reason: Msg, baseline: number | null = null): Kpi {
  return { id, metric, target, value, unit, baseline, months, reason };
}

/** Two measurable KPIs per goal: a number, a time frame and the reason for that number. */
function kpisFor(goal: Goal, c: KpiContext): Kpi[] {
  const { a, months, baseline, primaries } = c;
  const within = monthsMsg(months);
  const channels = listOf(c.baselineChannels.map(channelName));
  const chosen = listOf(primaries.map(channelName));
  const perMonth = (value: number) => m("target.perMonth", { value, count: value, months: within });
  const b2b = a.about.sector === "manufacturing";
  switch (goal) {
    case "awareness": {
      if (baseline !== null) {
        const pct = Math.round((growthPer6Months(baseline) * months) / 6);
        const value = baseline + Math.round((baseline * pct) / 100);
        const reach = Math.max(1000, Math.round((baseline * 3) / 100) * 100);
        return [
          kpi("followers", m("kpi.awareness.followers"), value, "followers", m("target.followers", { baseline, value, pct, count: value, months: within }), months, m("reason.kpi.followersBaseline", { followers: followersMsg(baseline), channels, pct, months: within }), baseline),
          kpi("reach", m("kpi.awareness.reach"), reach, "people", m("target.people", { value: reach, count: reach, months: within }), months, m("reason.kpi.reachBaseline", { followers: followersMsg(baseline) })),
        ];
      }
      const value = Math.round((200 * Math.max(1, primaries.length) * months) / 6);
      const reach = 1000 * Math.max(1, primaries.length);
      return [
        kpi("followers", m("kpi.awareness.followers"), value, "followers", m("target.newFollowers", { value, count: value, months: within }), months, m("reason.kpi.followersNoBaseline", { channels: chosen })),
        kpi("reach", m("kpi.awareness.reach"), reach, "people", m("target.people", { value: reach, count: reach, months: within }), months, m("reason.kpi.reachNoBaseline")),
      ];
    }
    case "engagement": {
      const conversations = baseline !== null ? Math.max(20, Math.round(baseline / 100)) : 20;
      return [
        kpi("rate", m("kpi.engagement.rate"), 3, "percent", m("target.percent", { value: 3, months: within }), months, m("reason.kpi.engagementRate")),
        kpi("conversations", m("kpi.engagement.conversations"), conversations, "perMonth", perMonth(conversations), months, baseline !== null ? m("reason.kpi.conversationsBaseline", { followers: followersMsg(baseline) }) : m("reason.kpi.conversationsNoBaseline")),
      ];
    }
    case "traffic": {
      const visits = baseline !== null ? Math.max(100, Math.round((baseline * 3) / 100 / 10) * 10) : 100;
      return [
        kpi("visits", m("kpi.traffic.visits"), visits, "perMonth", perMonth(visits), months, baseline !== null ? m("reason.kpi.visitsBaseline", { followers: followersMsg(baseline) }) : m("reason.kpi.visitsNoBaseline")),
        kpi("keyPages", m("kpi.traffic.keyPages"), 30, "percent", m("target.percent", { value: 30, months: within }), months, m("reason.kpi.keyPages")),
      ];
    }
    case "leads": {
      const hospitality = a.about.sector === "hospitality" || a.about.sector === "tourism";
      const minimum = minLeadsBySize[a.about.size] ?? 5;
      const leads = b2b ? Math.max(3, Math.round(minimum / 2)) : baseline !== null ? Math.max(minimum, Math.round((baseline * 3) / 1000)) : minimum;
      const metric = b2b ? m("kpi.leads.b2b", { channels: chosen }) : m(hospitality ? "kpi.leads.bookings" : "kpi.leads.main");
      const reason = b2b
        ? m("reason.kpi.leadsB2b", { value: leads, count: leads, months: within })
        : baseline !== null
          ? m("reason.kpi.leadsBaseline", { followers: followersMsg(baseline), minimum, size: { key: `questionnaire.options.sizes.${a.about.size}` } })
          : m("reason.kpi.leadsSize", { size: { key: `questionnaire.options.sizes.${a.about.size}` } });
      return [
        kpi("leads", metric, leads, "perMonth", perMonth(leads), months, reason),
        kpi("reply", m("kpi.leads.reply"), c.replyHours, "hours", m("target.reply", { hours: duration(c.replyHours) }), months, m("reason.kpi.leadsReply")),
      ];
    }
    case "reputation":
      return [
        kpi("sentiment", m("kpi.reputation.sentiment"), 80, "percent", m("target.percent", { value: 80, months: within }), months, m("reason.kpi.sentiment")),
        kpi("reply", m("kpi.reputation.reply"), 24, "hours", m("target.replyAny", { hours: duration(24) }), months, m("reason.kpi.reviewsReply")),
      ];
    case "community": {
      const active = baseline !== null ? Math.max(30, Math.round((baseline * 2) / 100)) : 30;
      return [
        kpi("reply", m("kpi.community.reply"), c.replyHours, "hours", m("target.reply", { hours: duration(c.replyHours) }), months, m("reason.kpi.care", { hours: duration(c.replyHours) })),
        kpi("active", m("kpi.community.active"), active, "perMonth", perMonth(active), months, baseline !== null ? m("reason.kpi.activeBaseline", { followers: followersMsg(baseline) }) : m("reason.kpi.activeNoBaseline")),
      ];
    }
    case "recruiting": {
      const applications = applicationsBySize[a.about.size] ?? 2;
      const size = { key: `questionnaire.options.sizes.${a.about.size}` };
      // An association recruits volunteers, not staff.
      if (a.about.sector === "association") {
        return [
          kpi("volunteers", m("kpi.recruiting.volunteers"), applications, "perMonth", perMonth(applications), months, m("reason.kpi.volunteers", { size })),
          kpi("volunteerVisits", m("kpi.recruiting.volunteerVisits"), applications * 10, "perMonth", perMonth(applications * 10), months, m("reason.kpi.volunteerVisits")),
        ];
      }
      return [
        kpi("applications", m("kpi.recruiting.applications"), applications, "perMonth", perMonth(applications), months, m("reason.kpi.applications", { size })),
        kpi("jobVisits", m("kpi.recruiting.jobVisits"), applications * 10, "perMonth", perMonth(applications * 10), months, m("reason.kpi.jobVisits")),
      ];
    }
    case "civic": {
      const pct = Math.round((25 * months) / 6);
      return [
        kpi("participation", m("kpi.civic.participation"), pct, "percent", m("target.growth", { value: pct, months: within }), months, m("reason.kpi.participation")),
        kpi("answers", m("kpi.civic.answers"), 90, "percent", m("target.percentWithin", { value: 90, hours: duration(c.replyHours) }), months, m("reason.kpi.answers")),
      ];
    }
  }
}

const kpiLine = (k: Kpi): Msg => m("kpi.line", { metric: k.metric, target: k.target });

const ageBandOrder = ["a13_17", "a18_24", "a25_34", "a35_44", "a45_54", "a55_64", "a65"] as const;
/** Archetypes by sector, each with the age band assumed when the prospect gave none. */
const personasBySector: Record<string, Array<[string, (typeof ageBandOrder)[number]]>> = {
  hospitality: [["couple", "a25_34"], ["family", "a35_44"], ["foreignGuest", "a45_54"]],
  tourism: [["explorer", "a25_34"], ["family", "a35_44"], ["foreignGuest", "a45_54"]],
  food: [["regular", "a35_44"], ["foodLover", "a25_34"], ["celebration", "a45_54"]],
  retail: [["localShopper", "a35_44"], ["giftBuyer", "a25_34"], ["onlineBrowser", "a18_24"]],
  public_body: [["resident", "a45_54"], ["parent", "a35_44"], ["activeCitizen", "a55_64"]],
  politics: [["undecided", "a35_44"], ["supporter", "a45_54"], ["firstVoter", "a18_24"]],
  association: [["volunteer", "a25_34"], ["donor", "a45_54"], ["beneficiary", "a35_44"]],
  professional: [["smallBusiness", "a35_44"], ["privateClient", "a45_54"], ["referrer", "a45_54"]],
  manufacturing: [["technicalBuyer", "a35_44"], ["distributor", "a45_54"], ["jobSeeker", "a25_34"]],
  health: [["patient", "a45_54"], ["caregiver", "a35_44"], ["wellbeing", "a25_34"]],
  culture: [["regularVisitor", "a45_54"], ["culturalTourist", "a35_44"], ["families", "a35_44"]],
  other: [["customer", "a35_44"], ["prospect", "a25_34"], ["partner", "a45_54"]],
};
const personaNames: Record<string, string> = {
  couple: "Giulia e Marco",
  family: "Famiglia Bianchi",
  foreignGuest: "Anna e Peter",
  explorer: "Luca",
  regular: "Franca",
  foodLover: "Sara",
  celebration: "Roberto",
  localShopper: "Paola",
  giftBuyer: "Davide",
  onlineBrowser: "Chiara",
  resident: "Giuseppe",
  parent: "Elisa",
  activeCitizen: "Maria",
  undecided: "Stefano",
  supporter: "Lucia",
  firstVoter: "Matteo",
  volunteer: "Martina",
  donor: "Alberto",
  beneficiary: "Famiglia Conti",
  smallBusiness: "Andrea",
  privateClient: "Laura",
  referrer: "Dott. Greco",
  technicalBuyer: "Ing. Fabio Serra",
  distributor: "Klaus",
  jobSeeker: "Simone",
  patient: "Rosa",
  caregiver: "Valentina",
  wellbeing: "Federico",
  regularVisitor: "Giovanna",
  culturalTourist: "Claire",
  families: "Famiglia Ricci",
  customer: "Alessandra",
  prospect: "Nicola",
  partner: "Carlo",
};

function ageMsg(band: (typeof ageBandOrder)[number]): Msg {
  if (band === "a65") return m("persona.age.over");
  return m("persona.age.range", { range: band.replace(/^a/, "").replace("_", "–") });
}

/**
 * When the prospect described no personas: two or three hypotheses from the sector's
 * archetypes, the age bands given (or an assumed one) and the goals (recruiting brings in
 * a job seeker), each pointed at the chosen channel that fits its age. To validate at kick-off.
 */
function personaHypotheses(a: IntakeAnswers, goals: Goal[], primaries: Channel[]): PersonaHypothesis[] {
  const archetypes = [...(personasBySector[a.about.sector] ?? personasBySector.other!)];
  // An association recruits volunteers, whom its archetypes already include.
  if (goals.includes("recruiting") && a.about.sector !== "association" && !archetypes.some(([id]) => id === "jobSeeker")) archetypes[2] = ["jobSeeker", "a25_34"];
  const bands = ageBandOrder.filter((b) => a.audience.ageBands.includes(b));
  const count = goals.length >= 2 || bands.length >= 2 ? 3 : 2;
  const sector = { key: `questionnaire.options.sectors.${a.about.sector}` };
  return archetypes.slice(0, count).map(([id, assumed], i) => {
    const band = id === "jobSeeker" || !bands.length ? assumed : bands[i % bands.length]!;
    const young = band === "a13_17" || band === "a18_24";
    const older = band === "a55_64" || band === "a65";
    const preferred: Channel[] = young ? ["tiktok", "instagram"] : older ? ["facebook", "whatsapp"] : [];
    const channel = preferred.find((ch) => primaries.includes(ch)) ?? primaries[0] ?? null;
    const reasons: Msg[] = [bands.length && id !== "jobSeeker" ? m("reason.persona.fromAnswers", { sector, ages: ageMsg(band) }) : m("reason.persona.fromSector", { sector })];
    if (id === "jobSeeker" && goals.includes("recruiting")) reasons.push(m("reason.persona.recruiting", { goal: goalName("recruiting") }));
    if (channel) reasons.push(m("reason.persona.channel", { channel: channelName(channel) }));
    return { id, name: personaNames[id] ?? id, ages: ageMsg(band), text: m(`persona.${id}`), channel, reasons };
  });
}

export function buildProposal(input: ProposalInput, settings: OwnerSettings): ProposalModel {
  const a = input.answers;
  const goals = rankedGoals(a);
  const { pkg, reason: budgetReason } = recommendedPackage(a, settings);
  const channelPicks = chooseChannels(a, settings, goals, pkg);
  const primaries = channelPicks.filter((c) => c.priority === "primary").map((c) => c.channel);
  const cadenceRows = cadence(primaries, settings, pkg);
  const pillarIds = pillarsBySector[a.about.sector] ?? pillarsBySector.other!;
  const approver = a.roles.approver?.trim() || null;
  const spokesperson = a.roles.spokesperson?.trim() || null;
  const community = communityPlan(a, settings, primaries);
  const crisis = crisisPlan(a, community.business, approver, spokesperson);
  const present = a.channels.filter((c) => c.status === "present");
  const first = goals[0]!;

  const observations: Msg[] = [];
  if (!present.length) observations.push(m("situation.noPresence"));
  for (const c of present) {
    if (c.followers !== undefined && c.followers < 1000) observations.push(m("situation.small", { channel: channelName(c.channel), followers: c.followers, count: c.followers }));
    if (c.runBy === "nobody" || c.runBy === "volunteer") observations.push(m("situation.noContinuity", { channel: channelName(c.channel) }));
    if (c.frequency === "rarely" || c.frequency === "monthly") observations.push(m("situation.rare", { channel: channelName(c.channel) }));
  }
  if (present.length) observations.push(m("situation.context"));

  const wantsSales = goals.slice(0, 2).some((g) => g === "leads" || g === "traffic");
  const hasVideoChannel = primaries.some((c) => c === "tiktok" || c === "youtube" || c === "instagram");
  const hasVideo = a.roles.materials.includes("video");
  const later = channelPicks.filter((c) => c.priority === "later");
  const suggested: Record<string, Msg | null> = {
    ads: wantsSales ? m("reason.addOn.ads", { goal: goalName(goals.find((g) => g === "leads" || g === "traffic")!) }) : null,
    video: hasVideoChannel && !hasVideo ? m("reason.addOn.video") : null,
    "extra-channel": later.length ? m("reason.addOn.extraChannel", { channel: channelName(later[0]!.channel) }) : null,
    training: a.about.size === "s50_249" || a.about.size === "s250" ? m("reason.addOn.training") : null,
  };

  const withFigures = present.filter((c) => c.followers !== undefined && primaries.includes(c.channel));
  const months = monthsByTimeframe[a.goals.timeframe ?? ""] ?? 6;
  const kpiContext: KpiContext = {
    a,
    months,
    baseline: withFigures.reduce((sum, c) => sum + c.followers!, 0) || null,
    baselineChannels: withFigures.map((c) => c.channel),
    primaries,
    replyHours: community.business,
  };
  const objectives = goals.map((goal, i) => {
    const kpis = kpisFor(goal, kpiContext);
    const reasons = [m(i === 0 ? "reason.goal.ranked" : "reason.goal.also", { goal: goalName(goal), rank: i + 1 })];
    if (i === 0) reasons.push(m(monthsByTimeframe[a.goals.timeframe ?? ""] ? "reason.kpi.timeframeGiven" : "reason.kpi.timeframeDefault", { months: monthsMsg(months) }));
    return { goal, rank: i + 1, target: i === 0 ? (a.goals.target ?? null) : null, kpis, reasons: [...reasons, ...kpis.map((k) => k.reason)] };
  });
  const describedPersonas = a.audience.personas?.trim() || null;
  const hypotheses = describedPersonas ? [] : personaHypotheses(a, goals, primaries);
  const b2b = a.about.sector === "manufacturing";

  const summary: Reasoned[] = [
    { text: m("summary.channels", { channels: listOf(primaries.map(channelName)) }), reasons: channelPicks.find((c) => c.priority === "primary")?.reasons.slice(0, 2) ?? [] },
    { text: m(first === "leads" || first === "traffic" ? "summary.conversions" : "summary.goal", { goal: goalName(first) }), reasons: [m("reason.goal.ranked", { goal: goalName(first) })] },
    crisis.level === "reinforced" ? { text: m("summary.crisis"), reasons: crisis.reasons.slice(0, 2) } : { text: m("summary.planning"), reasons: [m("reason.planning")] },
  ];

  return {
    rulesVersion: RULES_VERSION,
    issuedOn: input.issuedOn,
    validUntil: addDays(input.issuedOn, settings.validityDays),
    client: { organisation: input.organisation, contactName: input.contactName },
    summary,
    situation: {
      rows: a.channels
        .filter((c): c is ChannelAnswer & { status: "present" | "wanted" | "refused" } => c.status !== "none")
        .map((c) => ({ channel: c.channel, status: c.status, handle: c.handle ?? null, followers: c.followers ?? null, frequency: c.frequency ?? null, runBy: c.runBy ?? null })),
      observations,
      chart: present.filter((c) => c.followers !== undefined).map((c) => ({ channel: c.channel, followers: c.followers! })),
    },
    audience: {
      points: [
        ...(a.audience.ageBands.length ? [m("audience.ages", { ages: listOf(ageBandOrder.filter((b) => a.audience.ageBands.includes(b)).map((b) => ({ key: `questionnaire.options.ageBands.${b}` }))) })] : []),
        ...(a.audience.places ? [m("audience.places", { places: a.audience.places })] : []),
        ...(a.audience.wantedAudience ? [m("audience.wanted", { wanted: a.audience.wantedAudience })] : []),
        m("audience.listen"),
      ],
      personas: describedPersonas,
      hypotheses: hypotheses.length ? { note: m("audience.hypotheses", { count: hypotheses.length }), personas: hypotheses } : null,
    },
    objectives,
    channels: channelPicks,
    content: {
      pillars: pillarIds.map((id) => ({ id, text: m(`pillar.${id}`) })),
      cadence: cadenceRows,
      reasons: [m("reason.cadence", { posts: pkg.postsPerWeek, count: pkg.postsPerWeek, package: bilingual(pkg.name) }), ...(b2b ? [m("reason.pillars.b2b")] : [])],
    },
    community: {
      business: community.business,
      outside: community.outside,
      byChannel: community.byChannel,
      tone: a.roles.toneOfVoice ? m("community.toneGiven", { tone: a.roles.toneOfVoice }) : m("community.toneDefault"),
      rules: [m("community.rule.hide"), m("community.rule.private"), m("community.rule.never")],
      reasons: community.reasons,
    },
    crisis,
    roles: { approver, spokesperson, raci: raci() },
    measurement: { kpis: objectives.map((o) => kpiLine(o.kpis[0]!)), cadence: [m("measure.weekly"), m("measure.monthly"), m("measure.quarterly")] },
    roadmap: [
      { days: 30, items: [m("roadmap.audit"), ...(hypotheses.length ? [m("roadmap.personas")] : []), m("roadmap.setup"), m("roadmap.firstPlan"), m("roadmap.baseline"), ...(crisis.level === "reinforced" ? [m("roadmap.crisisDrill")] : [])] },
      { days: 60, items: [m("roadmap.publish"), m("roadmap.measure"), ...(wantsSales ? [m("roadmap.adsTest")] : []), ...(b2b ? [m("roadmap.tradeFair")] : [])] },
      { days: 90, items: [m("roadmap.review", { goal: goalName(first) }), m("roadmap.decide")] },
    ],
    workflow: {
      points: [m("workflow.monthly"), m("workflow.approval", { approver: approver ?? { key: "plan.role.approver" } }), m("workflow.revisions")],
      calendar: calendar(cadenceRows, pillarIds),
    },
    investment: {
      currency: settings.currency,
      vatRatePercent: settings.vatRatePercent,
      onboardingNetCents: settings.onboardingFeeCents,
      packages: settings.packages.map((p) => ({
        id: p.id,
        name: bilingual(p.name),
        monthlyNetCents: p.monthlyNetCents,
        recommended: p.id === pkg.id,
        includes: [m("package.channels", { count: p.channels }), m("package.posts", { count: p.postsPerWeek }), ...p.includes.map(bilingual)],
        reasons: p.id === pkg.id ? [budgetReason] : [],
      })),
      addOns: settings.addOns.map((addOn) => ({
        id: addOn.id,
        name: bilingual(addOn.name),
        priceNetCents: addOn.priceNetCents,
        recurring: addOn.recurring,
        suggested: Boolean(suggested[addOn.id]),
        reasons: suggested[addOn.id] ? [suggested[addOn.id]!] : [],
      })),
    },
    terms: [m("terms.minimum"), m("terms.ownership"), m("terms.handover"), m("terms.validity", { days: settings.validityDays, count: settings.validityDays })],
    nextSteps: [m("next.accept"), m("next.pay"), m("next.kickoff")],
  };
}
