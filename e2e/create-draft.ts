// Creates a questionnaire in progress (first step answered, with an email) in
// the database named by DATABASE_URL and prints its id. The workspace test
// uses it for the pipeline's "in progress" view and its reminder.
import { complete } from "~/domain/intake/fixtures";
import { createDraft, saveStep } from "~/models/intake-draft.server";
import { disconnectDb } from "~/utils/db.server";

const email = process.argv[2] ?? `draft-${Date.now()}@example.com`;
const organisation = process.argv[3] ?? "Bozza Srl";
const { draft } = await createDraft("it");
await saveStep(draft.id, {}, "about", { ...complete.about, email, organisation, contactName: "Dora Bozza" }, "audience");
await disconnectDb();
process.stdout.write(draft.id);
