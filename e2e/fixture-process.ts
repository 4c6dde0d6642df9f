// The browser tests' data helper: one long-lived process per Playwright worker
// (started by e2e/fixtures.ts), on the database named by DATABASE_URL, writing
// through the app's own model functions. It reads one request per line on
// stdin and answers each with a line "@@fixture <json>" on stdout; it ends
// when stdin closes. One process instead of one `tsx` run per lead: each run
// loaded the app's modules and the Prisma client anew (about 2.5 s of CPU).
//
// Requests: {"id": 1, "kind": "full-lead", "email": "…", "organisation": "…", "sent": true}
//   a lead that answered the whole questionnaire (the hotel fixture); with
//   "sent", its generated proposal is sent too (version 1), its email carrying
//   the link alone: the PDF renders when first downloaded (no test here reads
//   that email's attachment). Answers {"id": 1, "ok": true, "result": {"id", "token"}}.
import { createInterface } from "node:readline";
import { z } from "zod";
import { complete } from "~/domain/intake/fixtures";
import { stopJobRunner } from "~/jobs/runner.server";
import { createDraft } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { sendProposal } from "~/models/proposal-versions.server";
import { disconnectDb, prisma } from "~/utils/db.server";

const Request = z.object({ id: z.number().int(), kind: z.literal("full-lead"), email: z.string().min(3), organisation: z.string().min(1), sent: z.boolean() });

async function fullLead(email: string, organisation: string, sent: boolean): Promise<{ id: string; token: string }> {
  const answers = { ...complete, about: { ...complete.about, email, organisation } };
  const { draft } = await createDraft("it");
  const outcome = await submitIntake({ id: draft.id, answers }, "it");
  if (!outcome.ok) throw new Error(`fixture does not submit: ${outcome.step}`);
  const lead = await prisma.lead.findFirstOrThrow({ where: { token: outcome.token }, select: { id: true } });
  if (sent) await sendProposal(lead.id, null, new Date(), undefined, { attachPdf: false });
  return { id: lead.id, token: outcome.token };
}

const answer = (message: object) => process.stdout.write(`@@fixture ${JSON.stringify(message)}\n`);

// One request at a time, in order: the tests wait for each answer.
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  let id = -1;
  try {
    const request = Request.parse(JSON.parse(line));
    id = request.id;
    answer({ id, ok: true, result: await fullLead(request.email, request.organisation, request.sent) });
  } catch (error) {
    answer({ id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}
// On PostgreSQL the submits' emails went to pg-boss, whose pool would keep this process alive.
await stopJobRunner();
await disconnectDb();
