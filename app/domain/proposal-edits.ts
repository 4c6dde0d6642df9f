// The owner's edits and prices stored with a proposal, the part of a sent
// snapshot the acceptance flow reads, and the promised delivery day: pure
// parsing and merging (no database), shared by the working copy
// (models/proposal.server.ts) and the sent versions (models/proposal-versions.server.ts).
import { z } from "zod";
import { romeToday } from "~/domain/intake/schema";
import { parseEuroToCents } from "~/domain/money";
import { partIds, type PartId } from "~/domain/strategy/model";
import type { TextEdits } from "~/domain/strategy/resolve";
import type { ProposalView } from "~/domain/strategy/view";
import { applyBlockEdits } from "~/domain/strategy/blocks";
import { addWorkingDays } from "~/domain/working-days";
import type { OwnerSettings } from "~/domain/strategy/settings";
import { TaxRegimeSchema } from "~/domain/tax/regime";

const AcceptableSnapshotSchema = z.object({
  locale: z.enum(["it", "en"]),
  contactName: z.string(),
  organisation: z.string(),
  email: z.string(),
  currency: z.literal("EUR"),
  packages: z.array(z.object({ id: z.string(), name: z.string(), monthlyNetCents: z.number().int().nonnegative(), recommended: z.boolean() })),
  addOns: z.array(z.object({ id: z.string(), name: z.string(), priceNetCents: z.number().int().nonnegative(), recurring: z.boolean() })),
  onboardingNetCents: z.number().int().nonnegative(),
  vatRatePercent: z.number().min(0).max(100),
  /** The owner's tax regime when the version was sent; absent before regimes existed (ordinary VAT at vatRatePercent). */
  taxRegime: TaxRegimeSchema.optional(),
  validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  kickoffUrl: z.string().url().nullable(),
});

export type AcceptableSnapshot = z.infer<typeof AcceptableSnapshotSchema>;

/** Reads the `acceptable` part of a stored snapshot (null when absent or damaged). */
export function parseAcceptable(snapshot: string): AcceptableSnapshot | null {
  try {
    const parsed = AcceptableSnapshotSchema.safeParse((JSON.parse(snapshot) as { acceptable?: unknown }).acceptable);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Proposal.textEdits holds the owner's whole-part texts (part id → text) and,
 * under "@blocks", their block edits in the lead's language (path → { text,
 * base }). Unknown or damaged entries are dropped, never guessed.
 */
const PartEditSchema = z.string().max(5000);
const BlockEditsSchema = z.object({
  locale: z.enum(["it", "en"]),
  edits: z.record(z.string().max(200), z.object({ text: z.string().min(1).max(2000), base: z.string().max(5000) })),
});
export type StoredBlockEdits = z.infer<typeof BlockEditsSchema>;

function parseJsonObject(json: string | null | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function parseEdits(json: string | null | undefined): TextEdits {
  const raw = parseJsonObject(json);
  const out: TextEdits = {};
  for (const id of partIds) {
    const parsed = PartEditSchema.safeParse(raw[id]);
    if (parsed.success) out[id] = parsed.data;
  }
  return out;
}

/** The owner's block edits, or null when there are none (or they are damaged). */
export function parseBlockEdits(json: string | null | undefined): StoredBlockEdits | null {
  const parsed = BlockEditsSchema.safeParse(parseJsonObject(json)["@blocks"]);
  return parsed.success && Object.keys(parsed.data.edits).length ? parsed.data : null;
}

/** A view with the block edits in place when they were written in its language. */
export function withBlockEdits(view: ProposalView, blocks: StoredBlockEdits | null, locale: "it" | "en"): ProposalView {
  return blocks && blocks.locale === locale ? applyBlockEdits(view, blocks.edits) : view;
}

const PriceEditsSchema = z.record(z.string().regex(/^[a-z0-9-]{1,40}$/), z.number().int().nonnegative().max(100_000_000));
export type PriceEdits = z.infer<typeof PriceEditsSchema>;

export function parsePriceEdits(json: string | null | undefined): PriceEdits {
  if (!json) return {};
  try {
    const parsed = PriceEditsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Settings with the owner's prices for this one proposal ("onboarding" is the onboarding fee). */
export function withPrices(settings: OwnerSettings, prices: PriceEdits): OwnerSettings {
  return {
    ...settings,
    onboardingFeeCents: prices.onboarding ?? settings.onboardingFeeCents,
    packages: settings.packages.map((p) => ({ ...p, monthlyNetCents: prices[`package-${p.id}`] ?? p.monthlyNetCents })),
    addOns: settings.addOns.map((a) => ({ ...a, priceNetCents: prices[`addon-${a.id}`] ?? a.priceNetCents })),
  };
}

/** The day (Europe/Rome, "YYYY-MM-DD") by which a lead submitted at `submittedAt` is told to expect the proposal. */
export function proposalExpectedDay(submittedAt: Date, settings: Pick<OwnerSettings, "proposalWithinWorkingDays">): string {
  return addWorkingDays(romeToday(submittedAt), settings.proposalWithinWorkingDays);
}

/**
 * The review form (Conform + zod): the intent (save, or save and send), the
 * owner's text per part (`part-<id>`), the prices per key (`price-<key>`, as
 * typed in the page's language, empty for the base price) and the newest
 * version the sender saw. Parses to the edits to save.
 */
export function proposalReviewSchema(priceKeys: readonly string[], locale: "it" | "en") {
  const part = z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.slice(0, 5000) : undefined));
  const price = z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const cents = parseEuroToCents(v, locale);
      if (cents === null) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "settings.review.badPrice" });
      return cents ?? undefined;
    });
  return z
    .object({
      intent: z.enum(["save", "send"]).default("save"),
      // What the sender saw: the newest version number when the page loaded (0: none).
      expectedVersion: z
        .string()
        .optional()
        .transform((v) => (v && /^\d{1,6}$/.test(v) ? Number(v) : undefined)),
      ...(Object.fromEntries(partIds.map((id) => [`part-${id}`, part])) as Record<`part-${PartId}`, typeof part>),
      ...(Object.fromEntries(priceKeys.map((key) => [`price-${key}`, price])) as Record<`price-${string}`, typeof price>),
    })
    .transform((form) => {
      const fields = form as Record<string, unknown>;
      const edits: TextEdits = {};
      for (const id of partIds) {
        const text = fields[`part-${id}`];
        if (typeof text === "string") edits[id] = text;
      }
      const prices: PriceEdits = {};
      for (const key of priceKeys) {
        const cents = fields[`price-${key}`];
        if (typeof cents === "number") prices[key] = cents;
      }
      return { intent: form.intent, expectedVersion: form.expectedVersion, edits, prices };
    });
}
