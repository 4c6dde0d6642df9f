import { z } from "zod";
import { channels } from "~/domain/intake/definition";
import { audienceFrom, type ProfileInput } from "~/domain/profile-schema";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

const AudienceSchema = z.array(z.object({ channel: z.enum(channels), followers: z.number().int().nonnegative() }));

export type AudienceFigure = z.infer<typeof AudienceSchema>[number];

export interface PublicProfile {
  displayName: string;
  headline: string;
  bio: string;
  photoUrl: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
  vatNumber: string | null;
  audience: AudienceFigure[];
}

/** Parses the stored audience JSON; a damaged value shows no figures rather than failing the page. */
export function parseAudience(json: string): AudienceFigure[] {
  try {
    const parsed = AudienceSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** The owner's public profile in the reader's language, or null before the owner has set one. */
export async function getProfile(locale: "it" | "en"): Promise<PublicProfile | null> {
  const row = await prisma.profile.findUnique({ where: { id: 1 } });
  if (!row) return null;
  return {
    displayName: row.displayName,
    headline: locale === "it" ? row.headlineIt : row.headlineEn,
    bio: locale === "it" ? row.bioIt : row.bioEn,
    photoUrl: row.photoUrl,
    email: row.email,
    phone: row.phone,
    city: row.city,
    vatNumber: row.vatNumber,
    audience: parseAudience(row.audience).sort((a, b) => b.followers - a.followers),
  };
}

/** The profile as stored, for the settings form (both languages). */
export async function getProfileForEdit() {
  const row = await prisma.profile.findUnique({ where: { id: 1 } });
  return row ? { ...row, audience: parseAudience(row.audience) } : null;
}

/**
 * Saves the profile only if its stored version is still `expected` (the one the
 * form was opened on; 0 before the first save): of two saves made on the same
 * version exactly one goes through. False: nothing was saved.
 */
export async function saveProfile(input: ProfileInput, actorId: string, expected: number | null): Promise<boolean> {
  if (expected === null) return false;
  const data = {
    displayName: input.displayName,
    headlineIt: input.headlineIt,
    headlineEn: input.headlineEn,
    bioIt: input.bioIt,
    bioEn: input.bioEn,
    photoUrl: input.photoUrl || null,
    email: input.email || null,
    phone: input.phone || null,
    city: input.city || null,
    vatNumber: input.vatNumber ? input.vatNumber.replace(/\s+/g, "").replace(/^IT/i, "") : null,
    audience: JSON.stringify(audienceFrom(input)),
  };
  try {
    return await prisma.$transaction(async (tx) => {
      const { count } = await tx.profile.updateMany({ where: { id: 1, version: expected }, data: { ...data, version: expected + 1 } });
      if (count === 0) {
        // Only the very first save (no row, version 0) creates it; a second one at once fails on the id.
        if (expected !== 0) return false;
        await tx.profile.create({ data: { id: 1, ...data, version: 1 } });
      }
      await recordAudit({ action: "settings.updated", actorId, data: { section: "profile" } }, tx);
      return true;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
