// One submitted questionnaire (the hotel fixture) in the database named by
// DATABASE_URL; prints the lead's private token. Used by bench/proposal-pdf.ts.
import { complete } from "~/domain/intake/fixtures";
import { createDraft } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { disconnectDb, prisma } from "~/utils/db.server";

const { draft } = await createDraft("it");
await prisma.intakeDraft.update({ where: { id: draft.id }, data: { answers: JSON.stringify(complete) } });
const outcome = await submitIntake({ id: draft.id, answers: complete }, "it");
await disconnectDb();
if (!outcome.ok) throw new Error(`fixture does not submit: step ${outcome.step}`);
process.stdout.write(outcome.token);
