// The strategy rules: from a lead's answers and the owner's settings to a
// proposal model. Pure and deterministic (the same input always gives the
// same model); RULES_VERSION changes whenever a rule does.
//
// The order is the trade's: the plan first (channels from goals, audience,
// sector and the client's existing strength; cadence from priority and the
// seasons), then the package that delivers it. Every promise in the text
// comes from the recommended package's features or from a named add-on. The
// prospect's own words are quoted (@quote), never spliced into sentences.
import { taxRegimeOf } from "../tax/regime";
import type { Goal } from "../goals";
import { channels as allChannels, type Channel } from "../intake/definition";
import { cadenceRange, engagementPerFollower, sources, type SourceId } from "./benchmarks";
import type { ChannelAnswer, IntakeAnswers } from "./input";
import type { CadenceRow, CalendarEntry, ChannelPick, ChannelResponse, Kpi, Msg, PersonaHypothesis, ProposalModel, RaciRow, Reasoned, SeasonMonth, SeverityLevel } from "./model";
import { choosePackage, type Gap, type PlanNeeds } from "./packages";
import { adsPolicy, b2bSectors, goalAffinity, pillarsBySector, sectorBoost, sectorRules, specialCategorySectors, type Sector } from "./sectors";
import { monthFactors, seasonPlan } from "./seasons";
import type { OwnerSettings, Package } from "./settings";
import { parseTarget, type ParsedTarget } from "./targets";

export const RULES_VERSION = "2026.12.2";

const m = (key: string, params?: Msg["params"]): Msg => (params ? { key: `plan.${key}`, params } : { key: `plan.${key}` });
const goalName = (goal: Goal): Msg => ({ key: `goals.${goal}` });
const channelName = (channel: Channel): Msg => ({ key: `questionnaire.fields.channel_${channel}.label` });
const option = (set: string, value: string): Msg => ({ key: `questionnaire.options.${set}.${value}` });
/** An option's label inside a sentence: first letter in lower case. */
const lower = (msg: Msg): Msg => ({ key: "@lower", params: { text: msg } });
/** A language's name inside a sentence: lower case in Italian, capitalised in English. */
const languageName = (code: string): Msg => ({ key: "@lower", params: { text: option("audienceLanguages", code), only: "it" } });
const bilingual = (text: { it: string; en: string }): Msg => ({ key: "@bilingual", params: { it: text.it, en: text.en } });
/** The prospect's own words, quoted whole. */
const q = (text: string): Msg => ({ key: "@quote", params: { text } });
/** A calendar day (YYYY-MM-DD), written out in the reader's language. */
const dateMsg = (day: string): Msg => ({ key: "@date", params: { day } });
const monthMsg = (month: string): Msg => ({ key: "@month", params: { month } });
/** A length of time in words, with the right plural ("1 ora", "30 minuti"). */
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
const sourceMsg = (id: SourceId): Msg => ({ key: sources[id].key });

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
const visualChannels: readonly Channel[] = ["instagram", "tiktok", "youtube"];

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
/** 0 = Monday … 6 = Sunday. */
const weekdayOf = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

function rankedGoals(a: IntakeAnswers): Goal[] {
  return [a.goals.goal1, a.goals.goal2, a.goals.goal3].filter((g, i, all): g is Goal => g !== undefined && all.indexOf(g) === i);
}

/** The work starts on the wished date when it is given and not past; else two weeks after the proposal, on a Monday. */
function startDay(a: IntakeAnswers, issuedOn: string): { day: string; given: boolean } {
  const wished = a.goals.startDate;
  if (wished && wished >= issuedOn) return { day: wished, given: true };
  let day = addDays(issuedOn, 14);
  while (weekdayOf(day) !== 0) day = addDays(day, 1);
  return { day, given: false };
}

// ---------------------------------------------------------------- channels

/** How strong an existing channel is (0 = not there): audience size, regular posting, something that worked. */
function strength(c: ChannelAnswer | undefined): number {
  if (!c || c.status !== "present") return 0;
  const f = c.followers ?? 0;
  let s = f >= 20000 ? 4 : f >= 5000 ? 3 : f >= 1000 ? 2 : 1;
  if (c.frequency === "daily" || c.frequency === "several_week" || c.frequency === "weekly") s += 1;
  if (c.worked?.trim()) s += 1;
  return s;
}

interface Scored {
  channel: Channel;
  /** How well it serves the goals, sector and audience, before what exists. */
  fit: number;
  total: number;
  strong: boolean;
  answer: ChannelAnswer | undefined;
  reasons: Msg[];
}

function scoreChannels(a: IntakeAnswers, s: OwnerSettings, goals: Goal[]): Scored[] {
  const sector = a.about.sector as Sector;
  const answered = new Map(a.channels.map((c) => [c.channel, c]));
  const young = a.audience.ageBands.some((b) => b === "a13_17" || b === "a18_24");
  const older = a.audience.ageBands.some((b) => b === "a55_64" || b === "a65");
  const out: Scored[] = [];
  for (const channel of allChannels) {
    const answer = answered.get(channel);
    const offered = s.channelsOffered.includes(channel);
    if (!offered && answer?.status !== "present" && answer?.status !== "wanted") continue;
    const reasons: Msg[] = [];
    let fit = 0;
    goals.forEach((goal, i) => {
      const g = goalAffinity[goal][channel] ?? 0;
      if (g === 0) return;
      fit += g * (3 - i);
      if (g >= 2) reasons.push(m(i === 0 ? "reason.channel.goalFirst" : "reason.channel.goal", { goal: goalName(goal), channel: channelName(channel) }));
    });
    const boost = sectorBoost[sector]?.[channel] ?? 0;
    fit += boost;
    if (boost >= 2) reasons.push(m(`reason.channel.sector.${b2bSectors.includes(sector) && (channel === "linkedin" || channel === "newsletter") ? `b2b_${channel}` : "generic"}`, { sector: option("sectors", sector), channel: channelName(channel) }));
    // Only young people in the audience: Facebook is where their parents are.
    if (young && !older && channel === "facebook" && !a.audience.ageBands.some((b) => b === "a35_44" || b === "a45_54")) fit -= 2;
    if (young && (channel === "tiktok" || channel === "instagram")) {
      fit += channel === "tiktok" ? 2 : 1;
      reasons.push(m("reason.channel.young", { channel: channelName(channel) }));
    }
    if (older && channel === "facebook") {
      fit += 2;
      reasons.push(m("reason.channel.older"));
    }
    // Ages given and nobody under 35: TikTok's audience is elsewhere.
    if (channel === "tiktok" && a.audience.ageBands.length && !a.audience.ageBands.some((b) => b === "a13_17" || b === "a18_24" || b === "a25_34")) fit -= 3;
    const st = strength(answer);
    let total = fit;
    if (answer?.status === "present") {
      total += st * 2;
      reasons.push(
        answer.followers !== undefined
          ? m("reason.channel.existingFollowers", { channel: channelName(channel), followers: answer.followers, count: answer.followers })
          : m("reason.channel.existing", { channel: channelName(channel) }),
      );
      if (answer.worked?.trim()) reasons.push(m("reason.channel.worked", { worked: q(answer.worked) }));
    }
    if (answer?.status === "wanted") {
      total += 3;
      reasons.push(m("reason.channel.wanted", { channel: channelName(channel) }));
    }
    out.push({ channel, fit, total, strong: st >= 3, answer, reasons });
  }
  return out.sort((x, y) => y.total - x.total || allChannels.indexOf(x.channel) - allChannels.indexOf(y.channel));
}

/** Scores at which a channel is chosen now, or kept for later. */
const PRIMARY_MIN = 10;
const LATER_MIN = 7;

function chooseChannels(a: IntakeAnswers, s: OwnerSettings, goals: Goal[]): ChannelPick[] {
  const scored = scoreChannels(a, s, goals);
  const noPresence = !a.channels.some((c) => c.status === "present");
  // A small team keeps fewer channels alive well: one for a solo, two up to nine people, three above.
  const bySize = a.about.size === "solo" ? 1 : a.about.size === "s2_9" ? 2 : 3;
  const cap = noPresence ? Math.min(2, bySize) : bySize;
  const picks: ChannelPick[] = [];
  let primaries = 0;
  for (const c of scored) {
    const name = channelName(c.channel);
    if (c.answer?.status === "refused") {
      picks.push({ channel: c.channel, priority: "leave", score: -1, reasons: [m("reason.channel.refused", { channel: name })] });
      continue;
    }
    if (!s.channelsOffered.includes(c.channel)) {
      picks.push({ channel: c.channel, priority: "leave", score: c.total, reasons: [...c.reasons, m("reason.channel.notOffered", { channel: name })] });
      continue;
    }
    // A strong channel the client built is kept, unless it does nothing for the goals: then we say so.
    if (c.strong && c.fit >= 1 && primaries < cap + 1) {
      primaries++;
      picks.push({ channel: c.channel, priority: "primary", score: c.total, reasons: [...c.reasons, m("reason.channel.keepStrong", { channel: name })] });
      continue;
    }
    if (c.strong && c.fit < 1) {
      picks.push({ channel: c.channel, priority: "later", score: c.total, reasons: [...c.reasons, m("reason.channel.strongOffGoal", { channel: name })] });
      continue;
    }
    if (c.answer?.status === "wanted" && c.fit >= 2 && primaries < cap) {
      primaries++;
      picks.push({ channel: c.channel, priority: "primary", score: c.total, reasons: c.reasons });
      continue;
    }
    if (c.answer?.status === "wanted") {
      picks.push({ channel: c.channel, priority: c.fit >= 2 ? "later" : "leave", score: c.total, reasons: [...c.reasons, m(c.fit >= 2 ? "reason.channel.wantedLater" : "reason.channel.wantedNo", { channel: name })] });
      continue;
    }
    if (c.total >= PRIMARY_MIN && primaries < cap) {
      primaries++;
      const reasons = noPresence && primaries === 1 ? [...c.reasons, m("reason.channel.startSmall", { count: cap })] : c.reasons;
      picks.push({ channel: c.channel, priority: "primary", score: c.total, reasons });
      continue;
    }
    if (c.total >= LATER_MIN) {
      picks.push({ channel: c.channel, priority: "later", score: c.total, reasons: [...c.reasons, m("reason.channel.laterAfterFirst", { channel: name })] });
      continue;
    }
    picks.push({ channel: c.channel, priority: "leave", score: c.total, reasons: [m(c.answer?.status === "present" ? "reason.channel.lowFitExisting" : "reason.channel.lowFit", { channel: name })] });
  }
  // A plan needs at least one channel: the best one that is offered and not refused.
  if (!picks.some((p) => p.priority === "primary")) {
    const best = picks.find((p) => p.priority !== "leave" || (p.score >= 0 && s.channelsOffered.includes(p.channel) && p.reasons.length > 1)) ?? picks.find((p) => p.score >= 0 && s.channelsOffered.includes(p.channel));
    if (best) {
      best.priority = "primary";
      best.reasons = [...best.reasons.filter((r) => !r.key.startsWith("plan.reason.channel.lowFit")), m("reason.channel.bestAvailable", { channel: channelName(best.channel) })];
    }
  }
  const order = { primary: 0, later: 1, leave: 2 } as const;
  return picks.sort((x, y) => order[x.priority] - order[y.priority] || y.score - x.score || allChannels.indexOf(x.channel) - allChannels.indexOf(y.channel));
}

/** Posts a week per chosen channel, by priority: the lead channel at the top of what works, the others lower. */
function baseCadence(primaries: ChannelPick[], a: IntakeAnswers, s: OwnerSettings): Array<{ channel: Channel; posts: number; rank: number }> {
  return primaries.map((p, rank) => {
    const range = cadenceRange[p.channel];
    // The studio's own standard for the channel (settings) when it has one, else the top of what works.
    const top = (s.cadence[p.channel] ?? 0) > 0 ? s.cadence[p.channel]! : range.max;
    let posts = rank === 0 ? top : rank === 1 ? Math.max(range.min, top * 0.75) : Math.max(range.min, top * 0.5);
    const answer = a.channels.find((c) => c.channel === p.channel);
    // A channel the client already feeds daily keeps a high rhythm.
    if (answer?.frequency === "daily" || answer?.frequency === "several_week") posts = Math.max(posts, (range.min + range.max) / 2);
    // Below one a week: every other week or monthly.
    posts = posts >= 1 ? Math.round(posts) : posts >= 0.5 ? 0.5 : 0.25;
    return { channel: p.channel, posts, rank };
  });
}

/** Scales whole-number cadences down to a package's posts a week, keeping the total exact (largest remainder). */
function fitCadence<T extends { posts: number }>(rows: T[], total: number): T[] {
  const fixed = rows.filter((r) => r.posts < 1).reduce((x, r) => x + r.posts, 0);
  const whole = rows.filter((r) => r.posts >= 1);
  const sum = whole.reduce((x, r) => x + r.posts, 0);
  const budget = Math.max(whole.length, Math.floor(total - fixed));
  const raw = rows.map((r) => (r.posts >= 1 ? (r.posts * budget) / sum : r.posts));
  const floors = raw.map((v, i) => (rows[i]!.posts >= 1 ? Math.max(1, Math.floor(v)) : v));
  let left = budget - floors.reduce((x, v, i) => x + (rows[i]!.posts >= 1 ? v : 0), 0);
  const order = raw.map((v, i) => ({ i, frac: rows[i]!.posts >= 1 ? v - Math.floor(v) : -1 })).sort((x, y) => y.frac - x.frac || x.i - y.i);
  for (const { i, frac } of order) {
    if (left <= 0 || frac < 0) break;
    floors[i]! += 1;
    left--;
  }
  return rows.map((r, i) => ({ ...r, posts: floors[i]! }));
}

function cadenceLabel(posts: number): Msg {
  if (posts >= 1) return m("cadence.perWeek", { count: Math.round(posts * 10) / 10, posts: Math.round(posts * 10) / 10 });
  const perMonth = Math.max(1, Math.round(posts * 4.33));
  return m("cadence.perMonth", { count: perMonth, posts: perMonth });
}

// ---------------------------------------------------------------- crisis

/**
 * Crisis reply times by level, from the ordinary reply time in office hours (minutes):
 * level 2 halves it and level 3 quarters it (a quarter and an eighth with the full crisis
 * service), never below 15 and 10 minutes, never above 2 hours and 1 hour (1 hour and
 * 30 minutes with the full service), and a level is never slower than the one below it.
 */
export function crisisMinutes(baseMinutes: number, reinforced: boolean): [number, number, number] {
  const round5 = (n: number) => Math.round(n / 5) * 5;
  const level1 = Math.round(baseMinutes);
  const level2 = Math.min(level1, reinforced ? 60 : 120, Math.max(15, round5(level1 / (reinforced ? 4 : 2))));
  const level3 = Math.min(level2, reinforced ? 30 : 60, Math.max(10, round5(level1 / (reinforced ? 8 : 4))));
  return [level1, level2, level3];
}

function crisisRisk(a: IntakeAnswers) {
  const details = a.crisisDetails;
  const types = details?.crisisTypes ?? [];
  const exposure = (details?.exposure ?? []).filter((e) => e !== "none");
  const exposedSector = a.about.sector === "politics" || a.about.sector === "public_body";
  const reasons: Msg[] = [];
  if (a.crisis.hadCrisis === "yes") reasons.push(types.length ? m("reason.crisis.past", { types: listOf(types.map((t) => lower(option("crisisTypes", t)))) }) : m("reason.crisis.pastUnspecified"));
  if (details?.crisisOpen === "yes") reasons.push(m("reason.crisis.open"));
  if (details?.crisisScale === "national" || details?.crisisScale === "international") reasons.push(m("reason.crisis.scale", { scale: lower(option("crisisScales", details.crisisScale)) }));
  for (const e of exposure) reasons.push(m("reason.crisis.exposure", { exposure: lower(option("exposures", e)) }));
  if (exposedSector) reasons.push(m("reason.crisis.sector", { sector: option("sectors", a.about.sector) }));
  const reinforced = reasons.length > 0;
  if (!reinforced) reasons.push(m("reason.crisis.none"));
  // The full crisis service (on call, authorities) is needed where a crisis is open, big, exposed or of the kinds that escalate.
  const high =
    details?.crisisOpen === "yes" ||
    exposure.length > 0 ||
    exposedSector ||
    details?.crisisScale === "national" ||
    details?.crisisScale === "international" ||
    types.some((t) => t === "threats" || t === "fake_news" || t === "legal" || t === "internal_leak");
  return { reinforced, high, reasons, types, exposedSector, fake: types.includes("fake_news"), threats: types.includes("threats") };
}

interface Named {
  /** The short name to put in tables, when the answer is a name. */
  name: string | null;
  /** The whole answer, when there is one. */
  text: string | null;
}
/** A role answer is used as a name when it reads like one (short, no sentence); otherwise it is quoted. */
function named(value: string | undefined): Named {
  const text = value?.replace(/\s+/g, " ").trim() || null;
  if (!text) return { name: null, text: null };
  const isName = text.length <= 40 && !/[.;:!?\n]/.test(text) && text.split(" ").length <= 5;
  return { name: isName ? text : null, text };
}
const who = (n: Named, role: "approver" | "spokesperson"): Msg | string => n.name ?? { key: `plan.role.${role}` };

function crisisPlan(a: IntakeAnswers, risk: ReturnType<typeof crisisRisk>, pkg: Package, businessHours: number, approver: Named, spokesperson: Named) {
  const details = a.crisisDetails;
  const full = pkg.features.crisis === "full";
  const cover = pkg.features.eveningWeekendCover;
  const [level1, level2, level3] = crisisMinutes(businessHours * 60, full);
  const severities: SeverityLevel[] = [
    { level: 1, description: m("crisis.level1"), responseMinutes: level1, actions: [m("crisis.level1Action")] },
    { level: 2, description: m("crisis.level2"), responseMinutes: level2, actions: [m("crisis.level2Action"), m("crisis.notifyApprover")] },
    { level: 3, description: m(risk.threats ? "crisis.level3Threats" : "crisis.level3"), responseMinutes: level3, actions: [m("crisis.level3Action"), m("crisis.evidence")] },
  ];
  const timing = [m(full ? "reason.crisis.timing.full" : "reason.crisis.timing.basic", { package: bilingual(pkg.name) }), m(cover ? "reason.crisis.timing.anyHour" : "reason.crisis.timing.officeHours")];
  if (risk.high && !full) timing.push(m("reason.crisis.timing.fullElsewhere"));

  // The case the prospect told us about, in their words.
  const story: Msg[] = [];
  if (a.crisis.hadCrisis === "yes" && details) {
    if (details.crisisWhen?.trim()) story.push(m("story.when", { when: q(details.crisisWhen) }));
    if (details.crisisScale) story.push(m("story.scale", { scale: lower(option("crisisScales", details.crisisScale)) }));
    if (details.crisisHandling?.trim()) story.push(m("story.handling", { handling: q(details.crisisHandling) }));
    if (details.crisisOpen === "yes") story.push(m("story.open"));
    else if (details.crisisOpen === "no") story.push(m("story.closed"));
    if (details.authorities === "yes") story.push(details.authoritiesDetail?.trim() ? m("story.authoritiesDetail", { detail: q(details.authoritiesDetail) }) : m("story.authorities"));
  }

  const escalation: Msg[] = [m("crisis.escalation.studio"), m("crisis.escalation.approver", { name: who(approver, "approver") }), m("crisis.escalation.spokesperson", { name: who(spokesperson, "spokesperson") })];
  const needsAuthorities = risk.threats || risk.fake || details?.authorities === "yes" || a.about.sector === "politics";
  const openCase = details?.authorities === "yes" && details.crisisOpen === "yes";
  const authorities: Msg[] = [
    ...(openCase ? [details.authoritiesDetail?.trim() ? m("crisis.authorities.openCaseDetail", { detail: q(details.authoritiesDetail) }) : m("crisis.authorities.openCase")] : []),
    ...(needsAuthorities ? [m(risk.threats ? "crisis.authorities.threats" : "crisis.authorities.general"), ...(risk.threats ? [m("crisis.authorities.emergency")] : [])] : [m("crisis.authorities.postale")]),
    m("crisis.authorities.garante"),
    m("crisis.authorities.legal"),
    ...(full ? [m("crisis.authorities.contacts")] : []),
    m("crisis.authorities.evidence"),
    m("crisis.authorities.report"),
    m("crisis.authorities.decide", { name: who(approver, "approver") }),
  ];
  const fakeNews: Msg[] = [
    m(risk.fake || risk.exposedSector ? (pkg.features.monitoring ? "crisis.fakeNews.monitor" : "crisis.fakeNews.monitorWeekly") : "crisis.fakeNews.monitorWeekly"),
    ...(risk.fake || risk.exposedSector ? [m("crisis.fakeNews.prebunk")] : []),
    m(a.about.sector === "public_body" ? "crisis.fakeNews.officialSources" : "crisis.fakeNews.sources"),
    m("crisis.fakeNews.noAmplify"),
    m("crisis.fakeNews.escalate"),
  ];
  return {
    level: (risk.reinforced ? "reinforced" : "standard") as "standard" | "reinforced",
    reasons: risk.reasons,
    story,
    severities,
    timing,
    escalation,
    authorities,
    fakeNews,
    holding: [m("crisis.holding.ack"), m("crisis.holding.update")],
  };
}

function raci(): RaciRow[] {
  const row = (activity: string, studio: RaciRow["studio"], approver: RaciRow["approver"], spokesperson: RaciRow["spokesperson"]): RaciRow => ({ activity: m(`raci.${activity}`), studio, approver, spokesperson });
  return [row("plan", "R", "A", "C"), row("create", "R", "C", "I"), row("approve", "C", "A", "I"), row("publish", "R", "I", "I"), row("reply", "R", "I", "C"), row("crisis", "R", "A", "R"), row("report", "R", "I", "I")];
}

// ---------------------------------------------------------------- community

const requestedHours: Record<string, number> = { h1: 1, h4: 4, h24: 24, h48: 48 };

/** The reply target in office hours: the owner's setting, or faster when the client asked for it. */
function businessReplyHours(a: IntakeAnswers, s: OwnerSettings): number {
  const requested = a.roles.responseTime ? requestedHours[a.roles.responseTime] : undefined;
  return requested !== undefined ? Math.min(requested, s.responseHours.business) : s.responseHours.business;
}

/** How a channel's replies compare with the standard target (chat faster, professional and email slower). */
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

function communityPlan(a: IntakeAnswers, s: OwnerSettings, pkg: Package, primaries: Channel[]) {
  const business = businessReplyHours(a, s);
  const asked = a.roles.coverHours.filter((h) => h !== "office");
  const outside = pkg.features.eveningWeekendCover ? s.responseHours.outside : null;
  const round = (h: number) => Math.max(0.25, Math.round(h * 4) / 4);
  const byChannel: ChannelResponse[] = primaries.map((channel) => {
    const pace = replyPace[channel];
    const businessHours = round(business * pace.factor);
    const outsideHours = outside === null || pace.kind === "email" ? null : round(outside * pace.factor);
    const reasons = [m(`reason.community.pace.${pace.kind}`, { channel: channelName(channel) })];
    return { channel, businessHours, outsideHours, reasons };
  });
  const reasons: Msg[] = [];
  const requested = a.roles.responseTime ? requestedHours[a.roles.responseTime] : undefined;
  if (requested !== undefined && requested < s.responseHours.business) reasons.push(m("reason.community.requested", { hours: duration(requested) }));
  else if (requested !== undefined) reasons.push(m("reason.community.requestedSlower", { hours: duration(requested), ours: duration(business) }));
  else reasons.push(m("reason.community.standard", { hours: duration(business) }));
  reasons.push(m(pkg.features.replyDays === "everyday" ? "reason.community.everyday" : "reason.community.weekdays", { package: bilingual(pkg.name) }));
  if (outside !== null) reasons.push(asked.length ? m("reason.community.cover", { hours: listOf(asked.map((h) => lower(option("coverHours", h)))), outside: duration(outside) }) : m("reason.community.coverIncluded", { outside: duration(outside) }));
  else if (asked.some((h) => h !== "weekends")) reasons.push(m("reason.community.coverNotIncluded", { hours: listOf(asked.map((h) => lower(option("coverHours", h)))), package: bilingual(pkg.name) }));
  else reasons.push(m("reason.community.office"));
  reasons.push(m("reason.community.benchmark", { source: sourceMsg("sprout2016") }));
  return { business, outside, byChannel, reasons };
}

// ---------------------------------------------------------------- objectives

const monthsByTimeframe: Record<string, number> = { m3: 3, m6: 6, m12: 12 };

function growthPer6Months(baseline: number): number {
  if (baseline < 1000) return 40;
  if (baseline < 5000) return 25;
  if (baseline < 20000) return 15;
  return 10;
}

const minLeadsBySize: Record<string, number> = { solo: 3, s2_9: 5, s10_49: 8, s50_249: 10, s250: 15 };
const applicationsBySize: Record<string, number> = { solo: 1, s2_9: 2, s10_49: 4, s50_249: 8, s250: 15 };
const donorsBySize: Record<string, number> = { solo: 3, s2_9: 8, s10_49: 15, s50_249: 30, s250: 60 };

interface KpiContext {
  a: IntakeAnswers;
  months: number;
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
  const sector = a.about.sector as Sector;
  const b2b = b2bSectors.includes(sector);
  const size = option("sizes", a.about.size);
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
      // Per channel, against the published benchmark for that platform (one method only).
      const measured = primaries.filter((ch) => engagementPerFollower[ch]);
      const lead = measured[0];
      const conversations = baseline !== null ? Math.max(20, Math.round(baseline / 100)) : 20;
      const rate = lead
        ? (() => {
            const bench = engagementPerFollower[lead]!;
            const value = Math.round(bench.percent * 1.2 * 100) / 100;
            return kpi("rate", m("kpi.engagement.ratePerFollower", { channel: channelName(lead) }), value, "percent", m("target.percent", { value, months: within }), months, m("reason.kpi.engagementBenchmark", { channel: channelName(lead), benchmark: bench.percent, source: sourceMsg(bench.source) }));
          })()
        : kpi("rate", m("kpi.engagement.rate"), 3, "percent", m("target.percent", { value: 3, months: within }), months, m("reason.kpi.engagementRate"));
      return [rate, kpi("conversations", m("kpi.engagement.conversations"), conversations, "perMonth", perMonth(conversations), months, baseline !== null ? m("reason.kpi.conversationsBaseline", { followers: followersMsg(baseline) }) : m("reason.kpi.conversationsNoBaseline"))];
    }
    case "traffic": {
      const visits = baseline !== null ? Math.max(100, Math.round((baseline * 3) / 100 / 10) * 10) : 100;
      return [
        kpi("visits", m("kpi.traffic.visits"), visits, "perMonth", perMonth(visits), months, baseline !== null ? m("reason.kpi.visitsBaseline", { followers: followersMsg(baseline) }) : m("reason.kpi.visitsNoBaseline")),
        kpi("keyPages", m("kpi.traffic.keyPages"), 30, "percent", m("target.percent", { value: 30, months: within }), months, m("reason.kpi.keyPages")),
      ];
    }
    case "leads": {
      const hospitality = sector === "hospitality" || sector === "tourism";
      const minimum = minLeadsBySize[a.about.size] ?? 5;
      const leads = b2b ? Math.max(3, Math.round(minimum / 2)) : baseline !== null ? Math.max(minimum, Math.round((baseline * 3) / 1000)) : minimum;
      const metric = sector === "software" ? m("kpi.leads.demos", { channels: chosen }) : b2b ? m("kpi.leads.b2b", { channels: chosen }) : sector === "health" ? m("kpi.leads.appointments") : m(hospitality ? "kpi.leads.bookings" : "kpi.leads.main");
      const reason = b2b
        ? m("reason.kpi.leadsB2b", { value: leads, count: leads, months: within })
        : baseline !== null
          ? m("reason.kpi.leadsBaseline", { followers: followersMsg(baseline), minimum, size })
          : m("reason.kpi.leadsSize", { size });
      return [kpi("leads", metric, leads, "perMonth", perMonth(leads), months, reason), kpi("reply", m("kpi.leads.reply"), c.replyHours, "hours", m("target.reply", { hours: duration(c.replyHours) }), months, m("reason.kpi.leadsReply"))];
    }
    case "reputation":
      return [
        kpi("sentiment", m("kpi.reputation.sentiment"), 80, "percent", m("target.percent", { value: 80, months: within }), months, m("reason.kpi.sentiment")),
        kpi("reply", m(sector === "hospitality" || sector === "tourism" || sector === "food" ? "kpi.reputation.reviewsReply" : "kpi.reputation.reply"), 24, "hours", m("target.replyAny", { hours: duration(24) }), months, m("reason.kpi.reviewsReply")),
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
      if (sector === "association") {
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
    case "donations": {
      const donors = baseline !== null ? Math.max(donorsBySize[a.about.size] ?? 8, Math.round((baseline * 2) / 1000)) : (donorsBySize[a.about.size] ?? 8);
      const regular = Math.max(2, Math.round(donors / 5));
      return [
        kpi("donors", m("kpi.donations.donors"), donors, "perMonth", perMonth(donors), months, baseline !== null ? m("reason.kpi.donorsBaseline", { followers: followersMsg(baseline), size }) : m("reason.kpi.donorsSize", { size })),
        kpi("regular", m("kpi.donations.regular"), regular, "perMonth", perMonth(regular), months, m("reason.kpi.regularDonors")),
      ];
    }
  }
}

/** Which KPI of a goal a prospect's own number speaks to, and whether the unit matches. */
function anchorIndex(goal: Goal, t: ParsedTarget): number | null {
  if (t.kind === "percent") return goal === "awareness" || goal === "civic" || goal === "engagement" ? 0 : null;
  if (t.subject === "followers") return goal === "awareness" ? 0 : null;
  const perMonthGoals: Partial<Record<Goal, number>> = { leads: 0, traffic: 0, recruiting: 0, donations: 0, engagement: 1, community: 1 };
  const i = perMonthGoals[goal];
  if (i === undefined) return null;
  return t.kind === "total" && t.subject !== "leads" && t.subject !== "applications" && t.subject !== "donations" && t.subject !== "visits" ? null : i;
}

/**
 * Anchors the first goal's KPI to the prospect's own target when it has a number: the KPI
 * takes their number; a note says plainly when it looks out of reach, and why.
 */
function anchorTarget(goal: Goal, kpis: Kpi[], targetText: string | undefined, months: number, baseline: number | null): { kpis: Kpi[]; notes: Msg[] } {
  const parsed = parseTarget(targetText);
  if (!targetText?.trim()) return { kpis, notes: [] };
  const words = q(targetText);
  if (!parsed) return { kpis, notes: [m("target.ownWords", { target: words })] };
  const index = anchorIndex(goal, parsed);
  if (index === null || !kpis[index]) return { kpis, notes: [m("target.ownWordsOther", { target: words })] };
  const ours = kpis[index]!;
  let theirs = parsed.value;
  // "+20%" for followers: the number on top of today's base.
  if (parsed.kind === "percent" && ours.unit === "followers" && baseline !== null) theirs = baseline + Math.round((baseline * parsed.value) / 100);
  if (parsed.kind === "perWeek") theirs = Math.round(parsed.value * 4.33);
  const comparable = ours.unit === "followers" && parsed.kind === "percent" && baseline === null ? null : ours.value;
  const within = monthsMsg(months);
  const anchored: Kpi = {
    ...ours,
    value: theirs,
    target: m("target.anchored", { target: words, months: within }),
    reason: ours.reason,
  };
  const notes: Msg[] = [];
  if (comparable !== null && theirs > comparable * 2) {
    notes.push(m("target.outOfReach", { target: words, ours: ours.target, months: within, factor: Math.round((theirs / Math.max(1, comparable)) * 10) / 10 }));
    notes.push(m("target.outOfReachHow"));
  } else if (comparable !== null) {
    notes.push(m("target.withinReach", { target: words }));
  } else {
    notes.push(m("target.noBaseline", { target: words }));
  }
  const out = [...kpis];
  out[index] = anchored;
  return { kpis: out, notes };
}

const kpiLine = (k: Kpi): Msg => m("kpi.line", { metric: k.metric, target: k.target });

// ---------------------------------------------------------------- audience and personas

const ageBandOrder = ["a13_17", "a18_24", "a25_34", "a35_44", "a45_54", "a55_64", "a65"] as const;
const personasBySector: Record<Sector, Array<[string, (typeof ageBandOrder)[number]]>> = {
  hospitality: [["couple", "a25_34"], ["family", "a35_44"], ["foreignGuest", "a45_54"]],
  tourism: [["explorer", "a25_34"], ["family", "a35_44"], ["foreignGuest", "a45_54"]],
  food: [["regular", "a35_44"], ["foodLover", "a25_34"], ["celebration", "a45_54"]],
  retail: [["localShopper", "a35_44"], ["giftBuyer", "a25_34"], ["onlineBrowser", "a18_24"]],
  public_body: [["resident", "a45_54"], ["parent", "a35_44"], ["activeCitizen", "a55_64"]],
  politics: [["undecided", "a35_44"], ["supporter", "a45_54"], ["firstVoter", "a18_24"]],
  association: [["volunteer", "a25_34"], ["donor", "a45_54"], ["beneficiary", "a35_44"]],
  professional: [["smallBusiness", "a35_44"], ["privateClient", "a45_54"], ["referrer", "a45_54"]],
  software: [["decisionMaker", "a35_44"], ["champion", "a25_34"], ["techTalent", "a25_34"]],
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
  decisionMaker: "Silvia, HR director",
  champion: "Marco",
  techTalent: "Irene",
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

function personaHypotheses(a: IntakeAnswers, goals: Goal[], primaries: Channel[], foreign: string[]): PersonaHypothesis[] {
  const sector = a.about.sector as Sector;
  const archetypes = [...(personasBySector[sector] ?? personasBySector.other)];
  if (goals.includes("recruiting") && sector !== "association" && !archetypes.some(([id]) => id === "jobSeeker" || id === "techTalent")) archetypes[2] = ["jobSeeker", "a25_34"];
  if (goals.includes("donations") && !archetypes.some(([id]) => id === "donor")) archetypes[2] = ["donor", "a45_54"];
  // Foreign-language audiences get a persona of their own.
  if (foreign.length && !archetypes.some(([id]) => id === "foreignGuest")) archetypes[2] = ["foreignGuest", "a45_54"];
  const bands = ageBandOrder.filter((b) => a.audience.ageBands.includes(b));
  const count = goals.length >= 2 || bands.length >= 2 || foreign.length ? 3 : 2;
  const sectorMsg = option("sectors", sector);
  return archetypes.slice(0, count).map(([id, assumed], i) => {
    const band = id === "jobSeeker" || !bands.length ? assumed : bands[i % bands.length]!;
    const young = band === "a13_17" || band === "a18_24";
    const older = band === "a55_64" || band === "a65";
    const preferred: Channel[] = young ? ["tiktok", "instagram"] : older ? ["facebook", "whatsapp"] : [];
    const channel = preferred.find((ch) => primaries.includes(ch)) ?? primaries[0] ?? null;
    const reasons: Msg[] = [bands.length && id !== "jobSeeker" ? m("reason.persona.fromAnswers", { sector: sectorMsg, ages: ageMsg(band) }) : m("reason.persona.fromSector", { sector: sectorMsg })];
    if ((id === "jobSeeker" || id === "techTalent") && goals.includes("recruiting")) reasons.push(m("reason.persona.recruiting", { goal: goalName("recruiting") }));
    if (id === "foreignGuest" && foreign.length) reasons.push(m("reason.persona.languages", { languages: listOf(foreign.map(languageName)) }));
    if (channel) reasons.push(m("reason.persona.channel", { channel: channelName(channel) }));
    return { id, name: personaNames[id] ?? id, ages: ageMsg(band), text: m(`persona.${id}`), channel, reasons };
  });
}

// ---------------------------------------------------------------- the proposal

const gapMsg = (g: Gap): Msg => {
  switch (g.kind) {
    case "channels":
      return m("gap.channels", { needed: g.needed, has: g.has, count: g.has });
    case "posts":
      return m("gap.posts", { needed: g.needed, has: g.has, count: g.has });
    case "shoots":
      return m("gap.shoots", { needed: g.needed, count: g.needed });
    default:
      return m(`gap.${g.kind}`);
  }
};

function featureLines(p: Package): Msg[] {
  const f = p.features;
  return [
    m("package.channels", { count: p.channels }),
    m("package.posts", { count: p.postsPerWeek }),
    m(f.replyDays === "everyday" ? "package.replyEveryday" : "package.replyWeekdays"),
    ...(f.eveningWeekendCover ? [m("package.cover")] : []),
    m(f.crisis === "full" ? "package.crisisFull" : "package.crisisBasic"),
    ...(f.monitoring ? [m("package.monitoring")] : []),
    m(f.reportCall ? "package.reportCall" : "package.report"),
    ...(f.shootsPerMonth ? [m("package.shoots", { count: f.shootsPerMonth })] : []),
    ...p.includes.map(bilingual),
  ];
}

export function buildProposal(input: ProposalInput, settings: OwnerSettings): ProposalModel {
  const a = input.answers;
  const sector = a.about.sector as Sector;
  const goals = rankedGoals(a);
  const first = goals[0]!;
  const start = startDay(a, input.issuedOn);
  const foreign = a.audience.languages.filter((l) => l !== "it");
  const b2b = b2bSectors.includes(sector);
  const approver = named(a.roles.approver);
  const spokesperson = named(a.roles.spokesperson);

  // 1. The plan: channels, then cadence, then the seasons.
  let channelPicks = chooseChannels(a, settings, goals);
  let primaryPicks = channelPicks.filter((c) => c.priority === "primary");
  const risk = crisisRisk(a);
  const season = seasonPlan({ sector, goals, peakSeasons: a.goals.peakSeasons, places: a.audience.places, keyDate: a.goals.keyDate, keyDateKind: a.goals.keyDateKind, start: start.day });
  const factors = monthFactors(season);
  // Weekend replies in the day are "every day"; evenings and holidays need cover outside office hours.
  const asksCover = a.roles.coverHours.some((h) => h === "evenings" || h === "holidays");
  const asksWeekends = a.roles.coverHours.includes("weekends");
  const visual = primaryPicks.some((p) => visualChannels.includes(p.channel));
  let cadenceBase = baseCadence(primaryPicks, a, settings);
  const needs: PlanNeeds = {
    channels: primaryPicks.length,
    postsPerWeek: cadenceBase.reduce((x, c) => x + c.posts, 0),
    replyDays: asksCover || asksWeekends || ["hospitality", "tourism", "food", "politics"].includes(sector) ? "everyday" : "weekdays",
    eveningWeekendCover: asksCover,
    crisis: risk.high ? "full" : "basic",
    // Daily monitoring where misinformation is a risk, a crisis is open, or reputation is a goal of an organisation that is talked about.
    monitoring: risk.fake || risk.exposedSector || a.crisisDetails?.crisisOpen === "yes" || (goals.includes("reputation") && (["hospitality", "tourism", "food", "health"].includes(sector) || !["solo", "s2_9"].includes(a.about.size))),
    // Shoots are not a reason to move up a package: where the client has no material, the video add-on is suggested instead.
    shootsPerMonth: 0,
  };

  // 2. The package that delivers the plan.
  const choice = choosePackage(settings, needs, a.goals.budgetBand);
  const pkg = choice.recommended;
  const extraChannel = settings.addOns.find((x) => x.id === "extra-channel");
  const channelGap = choice.recommendedGaps.find((g) => g.kind === "channels");
  let extraChannelFor: Channel | null = null;
  if (channelGap) {
    // No package has that many channels: an extra-channel add-on covers one; otherwise the last waits.
    const overflow = primaryPicks.slice(pkg.channels);
    if (extraChannel && overflow.length === 1) extraChannelFor = overflow[0]!.channel;
    const keep = extraChannelFor ? pkg.channels + 1 : pkg.channels;
    const demoted = new Set(primaryPicks.slice(keep).map((p) => p.channel));
    channelPicks = channelPicks.map((p) => (demoted.has(p.channel) ? { ...p, priority: "later" as const, reasons: [...p.reasons, m("reason.channel.beyondPackage", { package: bilingual(pkg.name) })] } : p));
    primaryPicks = primaryPicks.filter((p) => !demoted.has(p.channel));
    cadenceBase = cadenceBase.filter((c) => !demoted.has(c.channel));
  }
  // Never promise more output than the package covers: scale the cadence down to it.
  const planned = cadenceBase.reduce((x, c) => x + c.posts, 0);
  const scaled = planned > pkg.postsPerWeek + 1e-9;
  if (scaled) cadenceBase = fitCadence(cadenceBase, pkg.postsPerWeek);
  const primaries = primaryPicks.map((p) => p.channel);
  const cadenceRows: CadenceRow[] = cadenceBase.map((c) => {
    const range = cadenceRange[c.channel];
    const reasons: Msg[] = [m(c.rank === 0 ? "reason.cadence.lead" : c.rank === 1 ? "reason.cadence.second" : "reason.cadence.support", { channel: channelName(c.channel) })];
    if (range.source) reasons.push(m("reason.cadence.benchmark", { min: range.min, max: range.max, source: sourceMsg(range.source) }));
    if (extraChannelFor === c.channel) reasons.push(m("reason.cadence.extraChannel"));
    return { channel: c.channel, postsPerWeek: c.posts, label: cadenceLabel(c.posts), formats: formatsByChannel[c.channel].map((f) => m(`format.${f}`)), reasons };
  });
  const weekly = cadenceRows.reduce((x, c) => x + c.postsPerWeek, 0);
  const seasonMonths: SeasonMonth[] = season.months.map((mo, i) => ({
    month: mo.month,
    intensity: mo.intensity,
    postsPerWeek: Math.round(weekly * factors[i]! * 10) / 10,
    drivers: mo.drivers.map((d) => (d === "keyDate" || d === "keyDateBuild" || d === "electionDay" || d === "campaign" ? m(`season.driver.${d}`, { label: a.goals.keyDateLabel?.trim() ? q(a.goals.keyDateLabel) : option("keyDateKinds", a.goals.keyDateKind ?? "other"), date: dateMsg(a.goals.keyDate ?? start.day) }) : m(`season.driver.${d}`))),
  }));
  const seasonReasons: Msg[] = [
    season.basis === "answers"
      ? m("season.basis.answers", { seasons: listOf(a.goals.peakSeasons.filter((x) => x !== "allYear").map((x) => option("seasons", x))) })
      : season.basis === "places"
        ? m("season.basis.places", { places: q(a.audience.places ?? "") })
        : season.basis === "sector" && a.goals.keyDate
          ? m("season.basis.keyDate", { label: a.goals.keyDateLabel?.trim() ? q(a.goals.keyDateLabel) : lower(option("keyDateKinds", a.goals.keyDateKind ?? "other")), date: dateMsg(a.goals.keyDate) })
          : season.basis === "sector"
          ? m("season.basis.sector", { sector: option("sectors", sector) })
          : m("season.basis.flat"),
    m("season.hours"),
  ];
  if (a.goals.keyDate && a.goals.keyDateKind === "election" && sector === "politics") {
    seasonReasons.push(m("season.election", { date: dateMsg(a.goals.keyDate), silence: dateMsg(addDays(a.goals.keyDate, -1)), polls: dateMsg(addDays(a.goals.keyDate, -15)) }));
  }
  if (a.goals.keyDate && a.goals.keyDateKind === "election" && sector === "public_body") seasonReasons.push(m("season.parCondicio", { date: dateMsg(a.goals.keyDate) }));

  const community = communityPlan(a, settings, pkg, primaries);
  const crisis = crisisPlan(a, risk, pkg, community.business, approver, spokesperson);
  const present = a.channels.filter((c) => c.status === "present");

  // 3. Situation: the figures, what worked, the prospect's notes.
  const observations: Msg[] = [];
  if (a.about.sector === "other" && a.about.sectorOther?.trim()) observations.push(m("situation.sectorOther", { sector: q(a.about.sectorOther) }));
  if (!present.length) observations.push(m("situation.noPresence"));
  for (const c of present) {
    if (c.followers !== undefined && c.followers < 1000) observations.push(m("situation.small", { channel: channelName(c.channel), followers: c.followers, count: c.followers }));
    if (c.runBy === "nobody" || c.runBy === "volunteer") observations.push(m("situation.noContinuity", { channel: channelName(c.channel) }));
    if (c.frequency === "rarely" || c.frequency === "monthly") observations.push(m("situation.rare", { channel: channelName(c.channel) }));
    if (c.worked?.trim()) observations.push(m("situation.worked", { channel: channelName(c.channel), worked: q(c.worked) }));
  }
  if (a.channelNotes) observations.push(m("situation.notes", { notes: q(a.channelNotes) }));
  if (present.length) observations.push(m("situation.context"));

  // 4. Add-ons, suggested only where the plan calls for them.
  const ads = adsPolicy[sector];
  const wantsSales = goals.slice(0, 2).some((g) => g === "leads" || g === "traffic" || g === "donations");
  const hasVideo = a.roles.materials.includes("video");
  const later = channelPicks.filter((c) => c.priority === "later");
  const suggested: Record<string, Msg | null> = {
    ads: ads === "none" ? null : wantsSales ? m(ads === "informationOnly" ? "reason.addOn.adsInformation" : "reason.addOn.ads", { goal: goalName(goals.find((g) => g === "leads" || g === "traffic" || g === "donations")!) }) : null,
    video: visual && !hasVideo && pkg.features.shootsPerMonth === 0 ? m("reason.addOn.video") : null,
    "extra-channel": extraChannelFor ? m("reason.addOn.extraChannelNeeded", { channel: channelName(extraChannelFor), package: bilingual(pkg.name) }) : later.length && later[0]!.score >= PRIMARY_MIN ? m("reason.addOn.extraChannel", { channel: channelName(later[0]!.channel) }) : null,
    training: a.about.size === "s50_249" || a.about.size === "s250" ? m("reason.addOn.training") : null,
    translation: foreign.length ? m("reason.addOn.translation", { languages: listOf(foreign.map(languageName)) }) : null,
  };
  const translation = settings.addOns.find((x) => x.id === "translation");

  // 5. Objectives: KPIs per goal, the first anchored to the prospect's own target.
  const withFigures = present.filter((c) => c.followers !== undefined && primaries.includes(c.channel));
  const months = monthsByTimeframe[a.goals.timeframe ?? ""] ?? 6;
  const baseline = withFigures.reduce((sum, c) => sum + c.followers!, 0) || null;
  const kpiContext: KpiContext = { a, months, baseline, baselineChannels: withFigures.map((c) => c.channel), primaries, replyHours: community.business };
  const objectives = goals.map((goal, i) => {
    let kpis = kpisFor(goal, kpiContext);
    const reasons = [m(i === 0 ? "reason.goal.ranked" : "reason.goal.also", { goal: goalName(goal), rank: i + 1 })];
    if (i === 0) {
      reasons.push(m(monthsByTimeframe[a.goals.timeframe ?? ""] ? "reason.kpi.timeframeGiven" : "reason.kpi.timeframeDefault", { months: monthsMsg(months) }));
      const anchored = anchorTarget(goal, kpis, a.goals.target, months, baseline);
      kpis = anchored.kpis;
      reasons.push(...anchored.notes);
    }
    return { goal, rank: i + 1, target: i === 0 ? (a.goals.target?.trim() || null) : null, kpis, reasons: [...reasons, ...kpis.map((k) => k.reason)] };
  });
  const describedPersonas = a.audience.personas?.trim() || null;
  const hypotheses = describedPersonas ? [] : personaHypotheses(a, goals, primaries, foreign);

  // 6. Sector rules and languages.
  const ruleIds = [...sectorRules[sector], ...(goals.includes("donations") && sector !== "association" ? ["fundraisingTransparency"] : []), ...(suggested.ads ? ["adsDisclosure"] : []), "accessibility"];
  const rules: Reasoned[] = ruleIds.map((id) => ({ text: m(`rule.${id}`), reasons: [m(`rule.${id}Source`)] }));
  const languages: Msg[] = foreign.length
    ? [
        m("lang.plan", { languages: listOf(["it", ...foreign].map(languageName)) }),
        m("lang.replies"),
        m(translation ? "lang.addOn" : "lang.quote", translation ? { addOn: bilingual(translation.name) } : undefined),
      ]
    : [m(a.audience.languages.includes("it") ? "lang.italianOnly" : "lang.italianDefault")];

  const pillarIds = [...pillarsBySector[sector]];
  if (goals.includes("donations") && !pillarIds.includes("transparency")) pillarIds.push("transparency");
  if (goals.includes("recruiting") && !pillarIds.includes("workWithUs")) pillarIds.push("workWithUs");
  const contentReasons: Msg[] = [m("reason.cadence.total", { posts: Math.round(weekly * 10) / 10, count: Math.round(weekly), package: bilingual(pkg.name) })];
  if (scaled) contentReasons.push(m("reason.cadence.scaled", { package: bilingual(pkg.name), posts: pkg.postsPerWeek, count: pkg.postsPerWeek }));
  if (a.audience.interests?.trim()) contentReasons.push(m("reason.pillars.interests", { interests: q(a.audience.interests) }));
  if (b2b) contentReasons.push(m("reason.pillars.b2b"));
  if (sector === "health") contentReasons.push(m("reason.pillars.health"));
  if (a.roles.materials.length && !a.roles.materials.includes("none")) contentReasons.push(m("reason.pillars.materials", { materials: listOf(a.roles.materials.map((x) => option("materials", x))) }));
  else if (a.roles.materials.includes("none")) contentReasons.push(m("reason.pillars.noMaterials"));

  // 7. Investment: the plan's package, and what the budget's package leaves out.
  const budget = lower(option("budgetBands", a.goals.budgetBand));
  const packageReasons: Msg[] = [m("reason.package.delivers", { package: bilingual(pkg.name), channels: primaries.length, count: primaries.length, posts: Math.round(weekly * 10) / 10 })];
  const gapsLines: Msg[] = [];
  if (choice.affordable) {
    packageReasons.push(m("reason.package.aboveBudget", { budget }));
    gapsLines.push(m("gap.intro", { budget, package: bilingual(choice.affordable.name) }), ...choice.affordableGaps.map(gapMsg));
  } else if (choice.belowAll) {
    packageReasons.push(m("reason.package.belowAll", { budget }));
    gapsLines.push(m("gap.belowAll", { budget }));
  } else if (a.goals.budgetBand === "unknown") packageReasons.push(m("reason.package.noBudget", { budget }));
  else packageReasons.push(m("reason.package.fits", { budget }));
  for (const g of choice.recommendedGaps.filter((x) => x.kind !== "channels" || !extraChannelFor)) packageReasons.push(m("reason.package.stillMissing", { missing: gapMsg(g) }));

  const leadPick = channelPicks.find((c) => c.priority === "primary");
  const summary: Reasoned[] = [
    { text: m("summary.channels", { channels: listOf(primaries.map(channelName)) }), reasons: leadReasons(leadPick) },
    a.goals.target?.trim()
      ? { text: m("summary.target", { target: q(a.goals.target), goal: goalName(first), months: monthsMsg(months) }), reasons: objectives[0]!.reasons.filter((r) => r.key.startsWith("plan.target.")).slice(0, 1) }
      : { text: m(first === "leads" || first === "traffic" ? "summary.conversions" : first === "donations" ? "summary.donations" : "summary.goal", { goal: goalName(first) }), reasons: [m("reason.goal.ranked", { goal: goalName(first) })] },
    crisis.level === "reinforced"
      ? { text: m("summary.crisis"), reasons: crisis.reasons.slice(0, 2) }
      : sectorRules[sector].length
        ? { text: m(`summary.rules.${sector}`), reasons: [m(`rule.${sectorRules[sector][0]}Source`)] }
        : season.months.some((x) => x.intensity === 3)
          ? { text: m("summary.seasons", { months: listOf(season.months.filter((x) => x.intensity === 3).map((x) => monthMsg(x.month))) }), reasons: [seasonReasons[0]!] }
          : { text: m("summary.planning"), reasons: [m("reason.planning")] },
  ];

  // 8. Time: the roadmap and the sample calendar are dated from the start.
  const dayN = (n: number) => addDays(start.day, n);
  const calendar = sampleCalendar(cadenceRows, pillarIds, start.day, factors[0] ?? 1);
  const legend: Msg[] = [];
  if (approver.text && !approver.name) legend.push(m("roles.approverWords", { words: q(approver.text) }));
  if (spokesperson.text && !spokesperson.name) legend.push(m("roles.spokespersonWords", { words: q(spokesperson.text) }));
  if (!approver.text && !spokesperson.text) legend.push(m("roles.toName"));

  const special = specialCategorySectors[sector];
  const audiencePoints: Msg[] = [
    ...(a.audience.ageBands.length ? [m("audience.ages", { ages: listOf(ageBandOrder.filter((b) => a.audience.ageBands.includes(b)).map((b) => option("ageBands", b))) })] : []),
    ...(a.audience.places?.trim() ? [m("audience.places", { places: q(a.audience.places) })] : []),
    ...(a.audience.languages.length ? [m("audience.languages", { languages: listOf(a.audience.languages.map(languageName)) })] : []),
    ...(a.audience.interests?.trim() ? [m("audience.interests", { interests: q(a.audience.interests) })] : []),
    ...(a.audience.currentAudience?.trim() ? [m("audience.current", { current: q(a.audience.currentAudience) })] : []),
    ...(a.audience.wantedAudience?.trim() ? [m("audience.wanted", { wanted: q(a.audience.wantedAudience) })] : []),
    ...(a.audience.currentAudience?.trim() && a.audience.wantedAudience?.trim() ? [m("audience.bridge")] : []),
    m("audience.listen"),
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
      points: audiencePoints,
      personas: describedPersonas,
      hypotheses: hypotheses.length ? { note: m("audience.hypotheses", { count: hypotheses.length }), personas: hypotheses } : null,
    },
    objectives,
    channels: channelPicks,
    content: { pillars: pillarIds.map((id) => ({ id, text: m(`pillar.${id}`) })), cadence: cadenceRows, reasons: contentReasons, languages, rules },
    community: {
      business: community.business,
      outside: community.outside,
      byChannel: community.byChannel,
      tone: a.roles.toneOfVoice?.trim() ? m("community.toneGiven", { tone: q(a.roles.toneOfVoice) }) : m("community.toneDefault"),
      rules: [m("community.rule.hide"), m("community.rule.private"), m("community.rule.never")],
      reasons: community.reasons,
    },
    crisis,
    roles: { approver: approver.name, spokesperson: spokesperson.name, raci: raci(), legend },
    measurement: {
      kpis: objectives.map((o) => kpiLine(o.kpis[0]!)),
      cadence: [m("measure.weekly"), m(pkg.features.reportCall ? "measure.monthlyCall" : "measure.monthly"), m("measure.quarterly")],
      sources: [...new Set<SourceId>([...cadenceRows.map((c) => cadenceRange[c.channel].source).filter((x): x is SourceId => x !== null), ...(goals.includes("engagement") && primaries.some((c) => engagementPerFollower[c]) ? (["socialinsider2026"] as SourceId[]) : []), "sprout2016"])].map((id) => m("measure.source", { source: sourceMsg(id) })),
    },
    roadmap: [
      {
        days: 30,
        from: start.day,
        to: dayN(29),
        items: [
          ...(crisis.story.some((x) => x.key === "plan.story.open") ? [m("roadmap.openCase")] : []),
          m("roadmap.audit"),
          ...(hypotheses.length ? [m("roadmap.personas")] : []),
          m("roadmap.setup"),
          m("roadmap.firstPlan"),
          m("roadmap.baseline"),
          ...(crisis.level === "reinforced" ? [m("roadmap.crisisDrill")] : []),
        ],
      },
      { days: 60, from: dayN(30), to: dayN(59), items: [m("roadmap.publish"), m("roadmap.measure"), ...(suggested.ads ? [m("roadmap.adsTest")] : []), ...(sector === "manufacturing" ? [m("roadmap.tradeFair")] : []), ...(foreign.length ? [m("roadmap.languages")] : [])] },
      { days: 90, from: dayN(60), to: dayN(89), items: [m("roadmap.review", { goal: goalName(first) }), m("roadmap.decide")] },
    ],
    workflow: {
      points: [m(start.given ? "workflow.start" : "workflow.startDefault", { date: dateMsg(start.day) }), m("workflow.monthly"), m("workflow.approval", { approver: who(approver, "approver") }), m("workflow.revisions")],
      calendar,
      seasons: { months: seasonMonths, reasons: seasonReasons },
    },
    investment: {
      currency: settings.currency,
      vatRatePercent: settings.vatRatePercent,
      taxRegime: taxRegimeOf(settings),
      onboardingNetCents: settings.onboardingFeeCents,
      gaps: gapsLines,
      packages: settings.packages.map((p) => ({ id: p.id, name: bilingual(p.name), monthlyNetCents: p.monthlyNetCents, recommended: p.id === pkg.id, includes: featureLines(p), reasons: p.id === pkg.id ? packageReasons : [] })),
      addOns: settings.addOns.map((addOn) => ({
        id: addOn.id,
        name: bilingual(addOn.name),
        priceNetCents: addOn.priceNetCents,
        recurring: addOn.recurring,
        suggested: Boolean(suggested[addOn.id]),
        reasons: suggested[addOn.id] ? [suggested[addOn.id]!] : [],
      })),
    },
    terms: [m("terms.minimum"), m("terms.ownership"), m("terms.handover"), ...(special ? [m(`terms.special.${special}`)] : []), m("terms.advice"), m("terms.validity", { days: settings.validityDays, count: settings.validityDays })],
    nextSteps: [m("next.accept"), m("next.pay"), m(start.given ? "next.kickoffBy" : "next.kickoff", { date: dateMsg(start.day) })],
  };
}

/** The two reasons that say most about the lead channel: what the client built there first, then the goals. */
function leadReasons(pick: ChannelPick | undefined): Msg[] {
  if (!pick) return [];
  const weight = (r: Msg) => (r.key.endsWith(".existingFollowers") || r.key.endsWith(".existing") ? 0 : r.key.endsWith(".worked") ? 1 : r.key.endsWith(".goalFirst") ? 2 : 3);
  return [...pick.reasons].map((r, i) => ({ r, i })).sort((x, y) => weight(x.r) - weight(y.r) || x.i - y.i).slice(0, 2).map((x) => x.r);
}

/** Two weeks from the start date, the posts of that month's intensity spread over each week, pillars in turn. */
function sampleCalendar(rows: CadenceRow[], pillars: string[], start: string, factor: number): CalendarEntry[] {
  const entries: CalendarEntry[] = [];
  let pillar = 0;
  const startWeekday = weekdayOf(start);
  rows.forEach((row, r) => {
    const formats = formatsByChannel[row.channel];
    const perWeek = row.postsPerWeek * factor;
    // Below one a week: one post in the fortnight.
    const total = perWeek >= 1 ? Math.min(14, Math.round(perWeek * 2)) : 1;
    for (let k = 0; k < total; k++) {
      const offset = Math.min(13, Math.floor((k * 14) / total) + (r % 2));
      const date = addDays(start, offset);
      entries.push({ date, day: offset + 1, weekday: (startWeekday + offset) % 7, channel: row.channel, pillar: pillars[pillar++ % pillars.length]!, format: m(`format.${formats[k % formats.length]!}`) });
    }
  });
  return entries.sort((x, y) => x.day - y.day || rows.findIndex((r) => r.channel === x.channel) - rows.findIndex((r) => r.channel === y.channel));
}
