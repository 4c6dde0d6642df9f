// The owner's proposal settings (one row, JSON checked with OwnerSettingsSchema).
import { defaultOwnerSettings, OwnerSettingsSchema, type EmailSettings, type OwnerSettings } from "~/domain/strategy/settings";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

/** The settings in force: the stored ones, or the defaults when none are stored or they no longer parse. */
export async function getOwnerSettings(): Promise<OwnerSettings> {
  const row = await prisma.settings.findUnique({ where: { id: 1 } });
  if (!row) return defaultOwnerSettings;
  try {
    const parsed = OwnerSettingsSchema.safeParse(JSON.parse(row.data));
    return parsed.success ? parsed.data : defaultOwnerSettings;
  } catch {
    return defaultOwnerSettings;
  }
}

export async function saveOwnerSettings(settings: OwnerSettings, actorId: string, section: "proposals" | "email" = "proposals") {
  const data = JSON.stringify(OwnerSettingsSchema.parse(settings));
  await prisma.$transaction(async (tx) => {
    await tx.settings.upsert({ where: { id: 1 }, create: { id: 1, data }, update: { data } });
    await recordAudit({ action: "settings.updated", actorId, data: { section } }, tx);
  });
}

/** Changes only the email settings (sender name, reply-to, signatures), keeping the rest. */
export async function saveEmailSettings(email: EmailSettings, actorId: string) {
  await saveOwnerSettings({ ...(await getOwnerSettings()), email }, actorId, "email");
}
