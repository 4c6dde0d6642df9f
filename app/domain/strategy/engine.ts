// The strategy rules: from a lead's answers and the owner's settings to a
// proposal model. Pure and deterministic (the same input always gives the
// same model); RULES_VERSION changes whenever a rule does.
import type { Goal } from "../goals";
import type { Channel } from "../intake/definition";
import type { ChannelAnswer, IntakeAnswers } from "./input";
import type { CadenceRow, CalendarEntry, ChannelPick, Msg, ProposalModel, RaciRow, Reasoned, SeverityLevel } from "./model";
import type { OwnerSettings, Package } from "./settings";

export const RULES_VERSION = "2026.11.1";

const m = (key: string, params?: Msg["params"]): Msg => (params ? { key: `plan.${key}`, params } : { key: `plan.${key}` });
const goalName = (goal: Goal): Msg => ({ key: `goals.${goal}` });
const channelName = (channel: Channel): Msg => ({ key: `questionnaire.fields.channel_${channel}.label` });
const bilingual = (text: { it: string; en: string }): Msg => ({ key: "@bilingual", params: { it: text.it, en: text.en } });
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
    if (boost) {
      score += boost;
      if (boost >= 2) reasons.push(m("reason.channel.sector", { sector: { key: `questionnaire.options.sectors.${a.about.sector}` }, channel: channelName(channel) }));
    }
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
          ? m("reason.channel.existingFollowers", { channel: channelName(channel), followers: answer.followers })
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

function crisisPlan(a: IntakeAnswers, s: OwnerSettings, approver: string | null, spokesperson: string | null) {
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
  const severities: SeverityLevel[] = [
    { level: 1, description: m("crisis.level1"), responseMinutes: Math.round(s.responseHours.business * 60), actions: [m("crisis.level1Action")] },
    { level: 2, description: m("crisis.level2"), responseMinutes: fast ? 30 : 60, actions: [m("crisis.level2Action"), m("crisis.notifyApprover")] },
    { level: 3, description: m(threats ? "crisis.level3Threats" : "crisis.level3"), responseMinutes: fast ? 15 : 30, actions: [m("crisis.level3Action"), m("crisis.evidence")] },
  ];
  const who = (name: string | null, fallback: string): MsgOrName => (name ? name : { key: `plan.role.${fallback}` });
  const escalation: Msg[] = [
    m("crisis.escalation.studio"),
    m("crisis.escalation.approver", { name: who(approver, "approver") }),
    m("crisis.escalation.spokesperson", { name: who(spokesperson, "spokesperson") }),
  ];
  const authorities = needsAuthorities
    ? [
        m(threats ? "crisis.authorities.threats" : "crisis.authorities.general"),
        m("crisis.authorities.evidence"),
        m("crisis.authorities.report"),
        ...(details?.authorities === "yes" ? [m("reason.crisis.authoritiesBefore")] : []),
      ]
    : null;
  const fakeNews = fake || exposedSector ? [m("crisis.fakeNews.monitor"), m("crisis.fakeNews.sources"), m("crisis.fakeNews.noAmplify")] : null;
  return { level, reasons, severities, escalation, authorities, fakeNews, holding: [m("crisis.holding.ack"), m("crisis.holding.update")] };
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
  const crisis = crisisPlan(a, settings, approver, spokesperson);
  const present = a.channels.filter((c) => c.status === "present");
  const first = goals[0]!;

  const observations: Msg[] = [];
  if (!present.length) observations.push(m("situation.noPresence"));
  for (const c of present) {
    if (c.followers !== undefined && c.followers < 1000) observations.push(m("situation.small", { channel: channelName(c.channel), followers: c.followers }));
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
        ...(a.audience.ageBands.length ? [m("audience.ages", { ages: a.audience.ageBands.map((b) => b.replace(/^a/, "").replace("_", "–")).join(", ") })] : []),
        ...(a.audience.places ? [m("audience.places", { places: a.audience.places })] : []),
        ...(a.audience.wantedAudience ? [m("audience.wanted", { wanted: a.audience.wantedAudience })] : []),
        m("audience.listen"),
      ],
      personas: a.audience.personas ?? null,
    },
    objectives: goals.map((goal, i) => ({
      goal,
      rank: i + 1,
      target: i === 0 ? (a.goals.target ?? null) : null,
      kpis: [m(`kpi.${goal}.main`), m(`kpi.${goal}.support`)],
      reasons: [m(i === 0 ? "reason.goal.ranked" : "reason.goal.also", { goal: goalName(goal), rank: i + 1 })],
    })),
    channels: channelPicks,
    content: {
      pillars: pillarIds.map((id) => ({ id, text: m(`pillar.${id}`) })),
      cadence: cadenceRows,
      reasons: [m("reason.cadence", { posts: pkg.postsPerWeek, package: bilingual(pkg.name) })],
    },
    community: {
      business: a.roles.responseTime === "h1" ? 1 : settings.responseHours.business,
      outside: a.roles.coverHours.some((h) => h === "evenings" || h === "weekends" || h === "holidays") ? settings.responseHours.outside : null,
      tone: a.roles.toneOfVoice ? m("community.toneGiven", { tone: a.roles.toneOfVoice }) : m("community.toneDefault"),
      rules: [m("community.rule.hide"), m("community.rule.private"), m("community.rule.never")],
      reasons: a.roles.coverHours.length ? [m("reason.community.cover", { hours: a.roles.coverHours.length })] : [m("reason.community.office")],
    },
    crisis,
    roles: { approver, spokesperson, raci: raci() },
    measurement: { kpis: goals.map((g) => m(`kpi.${g}.main`)), cadence: [m("measure.weekly"), m("measure.monthly"), m("measure.quarterly")] },
    roadmap: [
      { days: 30, items: [m("roadmap.audit"), m("roadmap.setup"), m("roadmap.firstPlan"), ...(crisis.level === "reinforced" ? [m("roadmap.crisisDrill")] : [])] },
      { days: 60, items: [m("roadmap.publish"), m("roadmap.measure"), ...(wantsSales ? [m("roadmap.adsTest")] : [])] },
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
    terms: [m("terms.minimum"), m("terms.ownership"), m("terms.handover"), m("terms.validity", { days: settings.validityDays })],
    nextSteps: [m("next.accept"), m("next.pay"), m("next.kickoff")],
  };
}
