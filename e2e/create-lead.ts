// Creates leads with a sent proposal in the database named by DATABASE_URL
// (as many as the first argument says, one by default) and prints their
// private tokens, space-separated. Server tests use them to have proposal PDFs
// to request without walking the questionnaire. The stored PDF files are
// removed, so the server renders them (again, the same bytes) when asked.
import { complete } from "~/domain/intake/fixtures";
import { stopJobRunner } from "~/jobs/runner.server";
import { createDraft } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { sendProposal } from "~/models/proposal-versions.server";
import { closePdfPool } from "~/pdf/pool.server";
import { disconnectDb, prisma } from "~/utils/db.server";
import { removeStored } from "~/utils/storage.server";

const count = Math.max(1, Number(process.argv[2] ?? 1) || 1);
const tokens: string[] = [];
for (let i = 0; i < count; i++) {
  const answers = { ...complete, about: { ...complete.about, email: `sd-${Date.now()}-${i}@example.com`, organisation: "Graceful Srl" } };
  const { draft } = await createDraft("it");
  const outcome = await submitIntake({ id: draft.id, answers }, "it");
  if (!outcome.ok) throw new Error(`fixture does not submit: ${outcome.step}`);
  const lead = await prisma.lead.findFirstOrThrow({ where: { token: outcome.token }, select: { id: true } });
  const { version } = await sendProposal(lead.id, null);
  if (version.pdfPath) await removeStored(version.pdfPath);
  tokens.push(outcome.token);
}
await closePdfPool();
// On PostgreSQL the submit's emails went to pg-boss, whose pool would keep this process alive.
await stopJobRunner();
await disconnectDb();
process.stdout.write(tokens.join(" "));
