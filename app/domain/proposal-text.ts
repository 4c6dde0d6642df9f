// Turns the short proposal into the words a person reads, in one language.
// The web page and the PDF both render this, so they always say the same.
import type { TFunction } from "i18next";
import { formatDate } from "~/i18n/format";
import type { Locale } from "~/i18n/i18n";
import { buildShortProposal, validUntil } from "./proposal";
import type { Goal } from "./goals";

export interface ProposalText {
  title: string;
  preparedFor: string;
  date: string;
  validUntil: string;
  summaryHeading: string;
  summary: string[];
  goalHeading: string;
  goal: string;
  channelsHeading: string;
  channelLabel: string;
  whyLabel: string;
  channels: Array<{ name: string; reason: string }>;
  kpiHeading: string;
  kpi: string;
  belief: string;
  nextHeading: string;
  nextSteps: string;
  rulesVersion: string;
}

export function proposalText(
  lead: { name: string; organisation: string; goal: Goal; createdAt: Date },
  t: TFunction,
  locale: Locale,
): ProposalText {
  const proposal = buildShortProposal({ goal: lead.goal });
  const channelNames = proposal.channels.map((c) => t(`strategy.channel.${c.channel}`));
  const list = new Intl.ListFormat(locale === "it" ? "it-IT" : "en-GB", { style: "long", type: "conjunction" }).format(channelNames);
  const goal = t(`goals.${lead.goal}`);
  return {
    title: t("proposal.title"),
    preparedFor: t("proposal.preparedFor", { name: lead.name, organisation: lead.organisation }),
    date: t("proposal.date", { date: formatDate(lead.createdAt, locale) }),
    validUntil: t("proposal.validUntil", { date: formatDate(validUntil(lead.createdAt, proposal.validityDays), locale) }),
    summaryHeading: t("proposal.summaryHeading"),
    summary: [t("strategy.summary.planning"), t("strategy.summary.focus", { channels: list }), t("strategy.summary.measure", { goal })],
    goalHeading: t("proposal.goalHeading"),
    goal,
    channelsHeading: t("proposal.channelsHeading"),
    channelLabel: t("proposal.channel"),
    whyLabel: t("proposal.why"),
    channels: proposal.channels.map((c, i) => ({ name: channelNames[i] ?? c.channel, reason: t(`strategy.reason.${c.reason}`) })),
    kpiHeading: t("proposal.kpiHeading"),
    kpi: t(`strategy.kpi.${proposal.kpiKey}`),
    belief: t("proposal.belief"),
    nextHeading: t("proposal.nextHeading"),
    nextSteps: t("proposal.nextSteps"),
    rulesVersion: proposal.rulesVersion,
  };
}
