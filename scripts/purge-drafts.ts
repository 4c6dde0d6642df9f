// npm run drafts:purge — deletes questionnaire drafts past their retention
// (the server also does this hourly; this is for cron or a one-off run).
import "dotenv/config";
import { purgeExpiredDrafts } from "~/models/intake-draft.server";
import { disconnectDb } from "~/utils/db.server";

const count = await purgeExpiredDrafts();
await disconnectDb();
console.log(`Deleted ${count} expired draft(s).`);
