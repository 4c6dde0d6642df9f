// The owner's proposal settings (one row, JSON checked with OwnerSettingsSchema).
// Every save adds one to the row's version; the settings forms save only when
// the version they were opened on is still the stored one (app/domain/edit-version.ts).
import type { FiscalIdentity } from "~/domain/invoice/fiscal-identity";
import { defaultOwnerSettings, OwnerSettingsSchema, type EmailSettings, type OwnerSettings } from "~/domain/strategy/settings";
import { isUniqueViolation, prisma, type Db } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

type Section = "proposals" | "email" | "invoicing";

function parseSettings(data: string): OwnerSettings {
  try {
    const parsed = OwnerSettingsSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : defaultOwnerSettings;
  } catch {
    return defaultOwnerSettings;
  }
}

/** The settings in force, read in a transaction (issuing an invoice reads the regime and the fiscal identity with it). */
export async function ownerSettingsIn(db: Pick<Db, "settings">): Promise<OwnerSettings> {
  const row = await db.settings.findUnique({ where: { id: 1 }, select: { data: true } });
  return row ? parseSettings(row.data) : defaultOwnerSettings;
}

/** The settings in force: the stored ones, or the defaults when none are stored or they no longer parse. */
export async function getOwnerSettings(): Promise<OwnerSettings> {
  return (await getOwnerSettingsForEdit()).settings;
}

/** The settings in force and the version a form opened on them carries (0 before the first save). */
export async function getOwnerSettingsForEdit(): Promise<{ settings: OwnerSettings; version: number }> {
  const row = await prisma.settings.findUnique({ where: { id: 1 }, select: { data: true, version: true } });
  return row ? { settings: parseSettings(row.data), version: row.version } : { settings: defaultOwnerSettings, version: 0 };
}

/** Saves whatever is stored (scripts, tests); forms use saveOwnerSettingsIfUnchanged. */
export async function saveOwnerSettings(settings: OwnerSettings, actorId: string, section: Section = "proposals") {
  const data = JSON.stringify(OwnerSettingsSchema.parse(settings));
  await prisma.$transaction(async (tx) => {
    await tx.settings.upsert({ where: { id: 1 }, create: { id: 1, data, version: 1 }, update: { data, version: { increment: 1 } } });
    await recordAudit({ action: "settings.updated", actorId, data: { section } }, tx);
  });
}

/**
 * Saves the settings only if the stored version is still `expected` (the one the
 * form was opened on): one conditional write, so of two saves made on the same
 * version exactly one goes through, whatever the timing. False: nothing was saved.
 */
export async function saveOwnerSettingsIfUnchanged(settings: OwnerSettings, actorId: string, expected: number | null, section: Section = "proposals"): Promise<boolean> {
  if (expected === null) return false;
  const data = JSON.stringify(OwnerSettingsSchema.parse(settings));
  try {
    return await prisma.$transaction(async (tx) => {
      const { count } = await tx.settings.updateMany({ where: { id: 1, version: expected }, data: { data, version: expected + 1 } });
      if (count === 0) {
        // No row yet (version 0) is the only other case that can go through: the
        // first save creates it, a second one made at once fails on its id.
        if (expected !== 0) return false;
        await tx.settings.create({ data: { id: 1, data, version: 1 } });
      }
      await recordAudit({ action: "settings.updated", actorId, data: { section } }, tx);
      return true;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Changes only the fiscal identity (invoicing settings), keeping the rest, if the settings are still at `expected`. */
export async function saveFiscalIdentity(fiscal: FiscalIdentity, actorId: string, expected: number | null): Promise<boolean> {
  const { settings, version } = await getOwnerSettingsForEdit();
  if (version !== expected) return false;
  return saveOwnerSettingsIfUnchanged({ ...settings, fiscal }, actorId, expected, "invoicing");
}

/** Changes only the email settings (sender name, reply-to, signatures), keeping the rest, if the settings are still at `expected`. */
export async function saveEmailSettings(email: EmailSettings, actorId: string, expected: number | null): Promise<boolean> {
  const { settings, version } = await getOwnerSettingsForEdit();
  if (version !== expected) return false;
  return saveOwnerSettingsIfUnchanged({ ...settings, email }, actorId, expected, "email");
}
