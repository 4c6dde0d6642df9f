// Shared e2e data: the owner the e2e server creates, and a way to add a lead
// with a complete questionnaire to the e2e server's database.
import { execFileSync } from "node:child_process";
import { e2eDatabaseUrl } from "./db-path";

export const owner = { email: "owner@e2e.example", password: "e2e-owner-password-2026" };

/** A submitted lead with every answer (the hotel fixture) for the given organisation; `sent`: its proposal sent as generated. */
export function fullLead(organisation: string, options: { sent?: boolean } = {}): { id: string; token: string } {
  const out = execFileSync("node_modules/.bin/tsx", ["e2e/create-full-lead.ts", `${organisation.replace(/\W+/g, "-").toLowerCase()}@example.com`, organisation, ...(options.sent ? ["sent"] : [])], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl, LOG_LEVEL: "silent" },
  }).toString();
  const [id = "", token = ""] = out.trim().split(" ");
  return { id, token };
}
