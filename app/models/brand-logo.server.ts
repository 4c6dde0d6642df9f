// The owner's logo (one row, id 1): PNG or JPEG bytes, checked by their first
// bytes, served by /brand/logo and drawn on the PDF cover, the web pages and emails.
import { createHash } from "node:crypto";
import { brandCssVariables, LOGO_MAX_BYTES, sniffLogoType, type LogoType } from "~/domain/brand";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { recordAudit } from "./audit.server";
import type { OwnerSettings } from "~/domain/strategy/settings";
import { getOwnerSettings } from "./settings.server";

export type LogoError = "logoType" | "logoTooBig" | "logoMissing";

export interface StoredLogo {
  contentType: LogoType;
  content: Buffer;
  sha256: string;
}

/** The logo with its bytes, or null when none is stored. */
export async function getBrandLogo(): Promise<StoredLogo | null> {
  const row = await prisma.brandLogo.findUnique({ where: { id: 1 } });
  if (!row) return null;
  const content = Buffer.from(row.content);
  const contentType = sniffLogoType(content);
  return contentType ? { contentType, content, sha256: row.sha256 } : null;
}

/** The logo's fingerprint only (pages and emails link to /brand/logo?v=…), or null. */
export async function getBrandLogoVersion(): Promise<string | null> {
  const row = await prisma.brandLogo.findUnique({ where: { id: 1 }, select: { sha256: true } });
  return row?.sha256 ?? null;
}

/** The path pages use for the logo: versioned, so it can be cached for good. */
export function logoPath(sha256: string): string {
  return `/brand/logo?v=${sha256}`;
}

/** The absolute address of the logo (emails), from APP_URL. */
export function logoUrl(sha256: string): string {
  return new URL(logoPath(sha256), getEnv().APP_URL).toString();
}

/** Checks and stores an uploaded logo; answers what is wrong with it instead when it is not a PNG or JPEG within the size limit. */
export async function saveBrandLogo(bytes: Uint8Array, actorId: string): Promise<{ ok: true; sha256: string } | { ok: false; error: LogoError }> {
  if (bytes.byteLength === 0) return { ok: false, error: "logoMissing" };
  if (bytes.byteLength > LOGO_MAX_BYTES) return { ok: false, error: "logoTooBig" };
  const contentType = sniffLogoType(bytes);
  if (!contentType) return { ok: false, error: "logoType" };
  const content = Buffer.from(bytes);
  const sha256 = createHash("sha256").update(content).digest("hex");
  await prisma.$transaction(async (tx) => {
    await tx.brandLogo.upsert({ where: { id: 1 }, create: { id: 1, contentType, content, sha256 }, update: { contentType, content, sha256 } });
    await recordAudit({ action: "settings.updated", actorId, data: { section: "logo", sha256 } }, tx);
  });
  return { ok: true, sha256 };
}

export async function deleteBrandLogo(actorId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.brandLogo.deleteMany({ where: { id: 1 } });
    await recordAudit({ action: "settings.updated", actorId, data: { section: "logo", removed: true } }, tx);
  });
}

/** The logo as the PDF renderer takes it (plain data: it crosses to a worker thread). */
export async function logoForPdf(): Promise<{ data: Uint8Array; format: "png" | "jpg"; sha256: string } | null> {
  const logo = await getBrandLogo();
  return logo ? { data: new Uint8Array(logo.content), format: logo.contentType === "image/png" ? "png" : "jpg", sha256: logo.sha256 } : null;
}

export interface PageBrand {
  /** CSS custom properties from the owner's colours ({} for the product's own). */
  style: Record<string, string>;
  /** The versioned logo path, or null. */
  logoSrc: string | null;
  studioName: string;
}

/** What a public page (landing, proposal) needs to wear the owner's brand (`known`: the owner's settings, when the page read them already). */
export async function getPageBrand(known?: OwnerSettings): Promise<PageBrand> {
  const [settings, version] = await Promise.all([known ?? getOwnerSettings(), getBrandLogoVersion()]);
  return { style: brandCssVariables(settings.branding), logoSrc: version ? logoPath(version) : null, studioName: settings.studioName };
}
