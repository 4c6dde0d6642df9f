// npm run db:migrate            apply pending migrations to DATABASE_URL
// npm run db:migrate:create -- <name>
//                               write a new migration for SQLite and for
//                               PostgreSQL (model-to-model diff; POSTGRES_URL,
//                               default 127.0.0.1:5432, is connected to but not read)
import "dotenv/config";
import { applyMigrations, createMigration } from "./lib/schema-engine.ts";

const [command, name] = process.argv.slice(2);
const url = process.env.DATABASE_URL ?? "file:./data/socialbrief.db";

if (command === "deploy") {
  const applied = await applyMigrations(url);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
} else if (command === "create") {
  if (!name) {
    console.error("Usage: npm run db:migrate:create -- <name>");
    process.exit(1);
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const sqlite = await createMigration("file::memory:", name, stamp);
  console.log(sqlite ? `SQLite: wrote ${sqlite}` : "SQLite: no changes.");
  // The engine connects, though the diff reads nothing from the database.
  const pg = await createMigration(process.env.POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres", name, stamp);
  console.log(pg ? `PostgreSQL: wrote ${pg}` : "PostgreSQL: no changes.");
} else {
  console.error("Usage: tsx scripts/migrate.ts deploy|create <name>");
  process.exit(1);
}
