// Submitted questionnaires (the hotel fixture) in the database named by
// DATABASE_URL, each sent as generated; prints the leads' private tokens, one a
// line. BENCH_LEADS (default 1) leads: the first is the fixture as it is, the
// others carry a numbered organisation and email, so every sent version has
// its own snapshot (and its own PDF, never rendered yet). Used by bench/proposal-pdf.ts.
import { complete } from "~/domain/intake/fixtures";
import { createDraft } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { sendProposal } from "~/models/proposal-versions.server";
import { disconnectDb, prisma } from "~/utils/db.server";

const leads = Math.max(1, Number(process.env.BENCH_LEADS ?? 1));
const tokens: string[] = [];
for (let i = 0; i < leads; i++) {
  const answers = i === 0 ? complete : { ...complete, about: { ...complete.about, organisation: `${complete.about?.organisation} ${i + 1}`, email: `elena${i + 1}@lagoblu.example` } };
  const { draft } = await createDraft("it");
  await prisma.intakeDraft.update({ where: { id: draft.id }, data: { answers: JSON.stringify(answers) } });
  const outcome = await submitIntake({ id: draft.id, answers }, "it");
  if (!outcome.ok) throw new Error(`fixture does not submit: step ${outcome.step}`);
  // The private link shows a proposal (and its PDF) only once it is sent: sent as generated, without the email's attachment.
  const lead = await prisma.lead.findUniqueOrThrow({ where: { token: outcome.token }, select: { id: true } });
  await sendProposal(lead.id, null, new Date(), undefined, { attachPdf: false });
  tokens.push(outcome.token);
}
await disconnectDb();
process.stdout.write(tokens.join("\n"));
