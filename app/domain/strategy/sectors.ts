// Sector playbooks: where each sector's audience is, what it posts about, the
// rules of the trade and of Italian law that bind it, and its seasons. Pure data
// read by the engine; each rule names the law or practice it comes from.
import type { Goal } from "../goals";
import type { Channel } from "../intake/definition";

export type Sector =
  | "hospitality"
  | "tourism"
  | "food"
  | "retail"
  | "public_body"
  | "politics"
  | "association"
  | "professional"
  | "software"
  | "manufacturing"
  | "health"
  | "culture"
  | "other";

/** How well each channel serves each goal (0-3). */
export const goalAffinity: Record<Goal, Partial<Record<Channel, number>>> = {
  awareness: { instagram: 3, tiktok: 3, facebook: 2, youtube: 2, x: 1, threads: 1 },
  engagement: { instagram: 3, facebook: 3, tiktok: 2, threads: 1, whatsapp: 1 },
  // A newsletter converts people who already know you: strong, but only once there is a list.
  traffic: { newsletter: 2, facebook: 2, linkedin: 2, x: 2, instagram: 1 },
  leads: { newsletter: 2, instagram: 2, facebook: 2, linkedin: 2, whatsapp: 2 },
  reputation: { linkedin: 2, facebook: 2, x: 2, instagram: 1, youtube: 1 },
  community: { facebook: 3, whatsapp: 3, instagram: 2, newsletter: 1 },
  recruiting: { linkedin: 3, instagram: 2, facebook: 1, tiktok: 1 },
  civic: { facebook: 3, whatsapp: 2, instagram: 2, x: 1 },
  // Fundraisers and donate buttons live on Facebook and Instagram; a newsletter brings the
  // regular donors back; WhatsApp keeps supporters close.
  donations: { facebook: 3, newsletter: 3, instagram: 2, whatsapp: 2 },
};

/** Sector habits: where that sector's audience is (negative: where it is not). */
export const sectorBoost: Record<Sector, Partial<Record<Channel, number>>> = {
  // Consumer businesses: LinkedIn reaches their staff, not their guests.
  hospitality: { instagram: 3, facebook: 1, tiktok: 1, linkedin: -4, x: -2 },
  tourism: { instagram: 3, facebook: 1, tiktok: 1, youtube: 1, linkedin: -4, x: -2 },
  food: { instagram: 3, facebook: 2, tiktok: 1, linkedin: -4, x: -2 },
  retail: { instagram: 2, tiktok: 1, whatsapp: 1, linkedin: -4, x: -2 },
  public_body: { facebook: 3, whatsapp: 2, tiktok: -2 },
  politics: { facebook: 3, x: 2, instagram: 1, whatsapp: 1 },
  association: { facebook: 2, whatsapp: 2, instagram: 1 },
  professional: { linkedin: 4, newsletter: 1, tiktok: -2 },
  // Software buyers (HR, IT, management) research at work; LinkedIn first, a newsletter and
  // video demos after; consumer channels do little for demo requests.
  software: { linkedin: 4, newsletter: 4, youtube: 2, instagram: -3, facebook: -3, tiktok: -3, whatsapp: -3 },
  // B2B buyers decide at work and over months: LinkedIn to meet them, a newsletter to keep
  // trade-fair contacts warm; consumer video channels do little for them.
  manufacturing: { linkedin: 4, newsletter: 4, youtube: 1, instagram: -2, tiktok: -2 },
  health: { facebook: 2, youtube: 1, instagram: 1 },
  culture: { instagram: 2, facebook: 2, youtube: 1 },
  other: {},
};

export const pillarsBySector: Record<Sector, string[]> = {
  hospitality: ["place", "behindScenes", "guests", "offers"],
  tourism: ["place", "experiences", "guests", "offers"],
  food: ["product", "behindScenes", "guests", "offers"],
  retail: ["product", "howTo", "customers", "offers"],
  public_body: ["services", "participation", "territory", "alerts"],
  politics: ["programme", "onTheGround", "answers", "team"],
  association: ["mission", "volunteers", "events", "impact"],
  professional: ["expertise", "caseStudies", "team", "insights"],
  software: ["productInAction", "customerResults", "insights", "team"],
  manufacturing: ["caseStudies", "production", "tradeFairs", "team"],
  // Information only: no offers pillar for health (L. 145/2018 c. 525).
  health: ["prevention", "team", "services", "answers"],
  culture: ["events", "behindScenes", "heritage", "audience"],
  other: ["expertise", "behindScenes", "customers", "news"],
};

/** Sectors whose buyers are other organisations: LinkedIn first, demo requests and trade fairs. */
export const b2bSectors: readonly Sector[] = ["software", "manufacturing", "professional"];

/**
 * The rules a sector's plan must follow, as message keys under plan.rule.<id>; each has a
 * second key plan.rule.<id>Source naming the law or practice. "accessibility" applies to all.
 */
export const sectorRules: Record<Sector, string[]> = {
  hospitality: ["reviews", "foreignGuests"],
  tourism: ["reviews", "foreignGuests"],
  food: ["reviews", "foodClaims"],
  retail: ["regionalSales", "priceClaims"],
  public_body: ["institutional", "parCondicio", "officialSources"],
  politics: ["organicOnly", "electoralSilence", "pollBlackout", "separateAccounts", "contactConsent", "harassment"],
  association: ["fundraisingTransparency", "cinquePerMille"],
  professional: ["professionalAdvertising"],
  software: ["b2bProof", "employerBrand"],
  manufacturing: ["b2bProof", "employerBrand"],
  health: ["healthInformationOnly", "noMedicalClaims", "healthData"],
  culture: ["eventAccessibility"],
  other: [],
};

/** Sectors whose intakes reveal special categories of data (GDPR art. 9): said in the terms. */
export const specialCategorySectors: Partial<Record<Sector, "political" | "health">> = { politics: "political", health: "health" };

/** Sectors where paid promotion is not offered (politics) or limited to information (health). */
export const adsPolicy: Partial<Record<Sector, "none" | "informationOnly">> = { politics: "none", health: "informationOnly", public_body: "informationOnly" };
