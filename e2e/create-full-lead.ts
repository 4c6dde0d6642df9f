// A lead that answered the whole questionnaire (the hotel fixture), in the
// database named by DATABASE_URL; prints "<leadId> <token>". With "sent" as
// the third argument, its generated proposal is sent too (version 1).
import { complete } from "~/domain/intake/fixtures";
import { stopJobRunner } from "~/jobs/runner.server";
import { createDraft } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { sendProposal } from "~/models/proposal-versions.server";
import { closePdfPool } from "~/pdf/pool.server";
import { disconnectDb, prisma } from "~/utils/db.server";

const email = process.argv[2] ?? `full-${Date.now()}@example.com`;
const organisation = process.argv[3] ?? "Hotel Lago Blu";
const answers = { ...complete, about: { ...complete.about, email, organisation } };
const { draft } = await createDraft("it");
const outcome = await submitIntake({ id: draft.id, answers }, "it");
if (!outcome.ok) throw new Error(`fixture does not submit: ${outcome.step}`);
const lead = await prisma.lead.findFirstOrThrow({ where: { token: outcome.token }, select: { id: true } });
if (process.argv[4] === "sent") {
  await sendProposal(lead.id, null);
  await closePdfPool();
}
// On PostgreSQL the submit's emails went to pg-boss, whose pool would keep this process alive.
await stopJobRunner();
await disconnectDb();
process.stdout.write(`${lead.id} ${outcome.token}`);
