// Creates one lead in the database named by DATABASE_URL and prints its private token.
// Server tests use it to have a proposal PDF to request without walking the questionnaire.
import { createLead } from "~/models/lead.server";
import { disconnectDb } from "~/utils/db.server";

const lead = await createLead({ name: "Shut Down", email: "sd@example.com", organisation: "Graceful Srl", goal: "leads", locale: "it" });
await disconnectDb();
process.stdout.write(lead.token);
