// Benchmark figures the rules quote, each with its source and year. Engagement
// rates are only comparable within one method, so every figure says which
// method it is; a proposal cites the source in one short line where it uses it.
// Re-check a figure before relying on it (../shared/guides/strategy-playbook.md).
import type { Channel } from "../intake/definition";

export type SourceId = "socialinsider2026" | "rivaliq2025" | "hootsuite2024" | "sprout2016" | "lithium2013";

export interface Source {
  id: SourceId;
  /** Who published it, as cited. */
  publisher: string;
  year: number;
  /** Message key (plan.source.<id>) with what was measured and how. */
  key: string;
}

export const sources: Record<SourceId, Source> = {
  socialinsider2026: { id: "socialinsider2026", publisher: "Socialinsider", year: 2026, key: "plan.source.socialinsider2026" },
  rivaliq2025: { id: "rivaliq2025", publisher: "Rival IQ", year: 2025, key: "plan.source.rivaliq2025" },
  hootsuite2024: { id: "hootsuite2024", publisher: "Hootsuite Social Media Lab", year: 2024, key: "plan.source.hootsuite2024" },
  sprout2016: { id: "sprout2016", publisher: "Sprout Social Index", year: 2016, key: "plan.source.sprout2016" },
  lithium2013: { id: "lithium2013", publisher: "Lithium Technologies", year: 2013, key: "plan.source.lithium2013" },
};

/**
 * Average engagement per post as interactions per follower, in per cent, by platform
 * (Socialinsider 2026: 70M posts of 2024-2025). Channels it does not measure have none.
 */
export const engagementPerFollower: Partial<Record<Channel, { percent: number; source: SourceId }>> = {
  tiktok: { percent: 3.7, source: "socialinsider2026" },
  instagram: { percent: 0.48, source: "socialinsider2026" },
  facebook: { percent: 0.15, source: "socialinsider2026" },
  x: { percent: 0.12, source: "socialinsider2026" },
};

/**
 * Posting cadence that works, posts a week (min..max). Instagram 3-5 feed posts for 1k-10k
 * accounts, company LinkedIn pages 1-2, Facebook at most 1-2 a day (Hootsuite Social Media Lab
 * 2023-2024); TikTok about 5 a week for brands (Socialinsider 2026). The others are the studio's
 * practice: a newsletter fortnightly, YouTube one video a week at most for a small team.
 */
export const cadenceRange: Record<Channel, { min: number; max: number; source: SourceId | null }> = {
  instagram: { min: 3, max: 5, source: "hootsuite2024" },
  facebook: { min: 3, max: 7, source: "hootsuite2024" },
  linkedin: { min: 1, max: 2, source: "hootsuite2024" },
  tiktok: { min: 3, max: 5, source: "socialinsider2026" },
  x: { min: 3, max: 7, source: null },
  threads: { min: 2, max: 4, source: null },
  youtube: { min: 0.5, max: 1, source: null },
  whatsapp: { min: 1, max: 3, source: null },
  newsletter: { min: 0.5, max: 0.5, source: null },
};

/** Reply-time expectations: old surveys, quoted as such. */
