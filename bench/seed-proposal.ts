// One submitted questionnaire (the hotel fixture) in the database named by
// DATABASE_URL, sent as generated; prints the lead's private token. Used by bench/proposal-pdf.ts.
import { complete } from "~/domain/intake/fixtures";
import { createDraft } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { sendProposal } from "~/models/proposal-versions.server";
import { disconnectDb, prisma } from "~/utils/db.server";

const { draft } = await createDraft("it");
await prisma.intakeDraft.update({ where: { id: draft.id }, data: { answers: JSON.stringify(complete) } });
const outcome = await submitIntake({ id: draft.id, answers: complete }, "it");
if (!outcome.ok) throw new Error(`fixture does not submit: step ${outcome.step}`);
// The private link shows a proposal (and its PDF) only once it is sent: sent as generated, without the email's attachment.
const lead = await prisma.lead.findUniqueOrThrow({ where: { token: outcome.token }, select: { id: true } });
await sendProposal(lead.id, null, new Date(), undefined, { attachPdf: false });
await disconnectDb();
process.stdout.write(outcome.token);
