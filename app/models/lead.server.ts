import { randomBytes } from "node:crypto";
import { prisma } from "~/utils/db.server";
import type { Goal } from "~/domain/goals";
import type { Locale } from "~/i18n/i18n";

/** 128 bits, URL-safe: the prospect's private proposal link. */
export function newLeadToken(): string {
  return randomBytes(16).toString("base64url");
}

/** A lead from the minimum a proposal needs (seed data and tests; the questionnaire uses submitDraft). */
export async function createLead(input: { name: string; email: string; organisation: string; goal: Goal; locale: Locale }) {
  return prisma.lead.create({
    data: { ...input, token: newLeadToken() },
    select: { id: true, token: true },
  });
}

export async function getLeadByToken(token: string) {
  return prisma.lead.findUnique({
    where: { token },
    select: { id: true, name: true, organisation: true, goal: true, locale: true, createdAt: true },
  });
}

