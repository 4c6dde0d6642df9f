// npm run storage:import -- [folder] [--remove]
// Moves the files of the old disk storage (STORAGE_DIR, default ./data/storage)
// into the database's StoredFile table, once per deployment after upgrading;
// run it on each instance that had its own folder. --remove then deletes the
// folder's logos/ and proposals/: do so, since they may hold copies an older
// erasure missed.
import "dotenv/config";
import { closePdfPool } from "~/pdf/pool.server";
import { disconnectDb } from "~/utils/db.server";
import { importLegacyStorage } from "./lib/legacy-storage";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--")) ?? process.env.STORAGE_DIR ?? "./data/storage";
const result = await importLegacyStorage(dir, { remove: args.includes("--remove") });
await closePdfPool();
await disconnectDb();
console.log(`${dir}: imported ${result.logos} logo(s) and ${result.pdfs} PDF(s), skipped ${result.skipped} file(s)${args.includes("--remove") ? "; its logos/ and proposals/ removed" : ""}.`);
