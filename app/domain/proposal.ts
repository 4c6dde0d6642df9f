// A first, short proposal from the short intake: pure and deterministic (the
// same answers always give the same proposal). It returns message keys, not
// text, so the web page and the PDF render it in either language.
// The full 15-part strategy engine replaces this in issue #4.
import type { Goal } from "./goals";

export const RULES_VERSION = "2026.11-slice.1";

export type Channel = "instagram" | "facebook" | "linkedin" | "tiktok" | "youtube" | "newsletter" | "whatsapp";
export type Reason =
  | "visualReach"
  | "localCommunity"
  | "professionalAudience"
  | "shortVideoDiscovery"
  | "ownedAudience"
  | "directUpdates"
  | "searchableVideo";

export interface ChannelPick {
  channel: Channel;
  reason: Reason;
}

export interface ShortProposal {
  rulesVersion: string;
  goal: Goal;
  channels: ChannelPick[];
  kpiKey: Goal;
  validityDays: number;
}

const channelsByGoal: Record<Goal, ChannelPick[]> = {
  awareness: [
    { channel: "instagram", reason: "visualReach" },
    { channel: "tiktok", reason: "shortVideoDiscovery" },
    { channel: "facebook", reason: "localCommunity" },
  ],
  engagement: [
    { channel: "instagram", reason: "visualReach" },
    { channel: "facebook", reason: "localCommunity" },
    { channel: "whatsapp", reason: "directUpdates" },
  ],
  traffic: [
    { channel: "facebook", reason: "localCommunity" },
    { channel: "newsletter", reason: "ownedAudience" },
    { channel: "youtube", reason: "searchableVideo" },
  ],
  leads: [
    { channel: "instagram", reason: "visualReach" },
    { channel: "newsletter", reason: "ownedAudience" },
    { channel: "linkedin", reason: "professionalAudience" },
  ],
  reputation: [
    { channel: "linkedin", reason: "professionalAudience" },
    { channel: "facebook", reason: "localCommunity" },
    { channel: "newsletter", reason: "ownedAudience" },
  ],
  community: [
    { channel: "facebook", reason: "localCommunity" },
    { channel: "whatsapp", reason: "directUpdates" },
    { channel: "instagram", reason: "visualReach" },
  ],
  recruiting: [
    { channel: "linkedin", reason: "professionalAudience" },
    { channel: "instagram", reason: "visualReach" },
    { channel: "tiktok", reason: "shortVideoDiscovery" },
  ],
  civic: [
    { channel: "facebook", reason: "localCommunity" },
    { channel: "whatsapp", reason: "directUpdates" },
    { channel: "youtube", reason: "searchableVideo" },
  ],
  donations: [
    { channel: "facebook", reason: "localCommunity" },
    { channel: "newsletter", reason: "ownedAudience" },
    { channel: "instagram", reason: "visualReach" },
  ],
};

export function buildShortProposal(input: { goal: Goal }): ShortProposal {
  return {
    rulesVersion: RULES_VERSION,
    goal: input.goal,
    channels: channelsByGoal[input.goal],
    kpiKey: input.goal,
    validityDays: 30,
  };
}

export function validUntil(from: Date, days: number): Date {
  return new Date(from.getTime() + days * 24 * 60 * 60 * 1000);
}
