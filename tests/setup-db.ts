// Runs before each integration test file: a database of its own, copied from
// the run's migrated template (tests/global-db.ts): a SQLite file copy, or a
// PostgreSQL database created WITH TEMPLATE. After every test all rows are
// deleted (migrations history aside), so each test starts from empty tables
// whatever the one before it did or left behind; a file whose tests build on
// each other's rows on purpose says so with shareRowsBetweenTests()
// (tests/integration/db-isolation.ts). The database is dropped after the file.
import { randomBytes } from "node:crypto";
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, inject } from "vitest";
import pg from "pg";
import { pgConfig } from "../scripts/lib/schema-engine";
import { disconnectDb, prisma } from "~/utils/db.server";
import { resetEnvForTests } from "~/utils/env.server";
// The engine only (not the runner and its handlers, which would load the models
// before a test file's vi.mock of them).
import { jobEngine } from "~/jobs/engine.server";
import { rowsShared } from "./integration/db-isolation";

// Test files share one process (vitest isolate: false, vitest.config.ts): what a
// file before this one set in process.env, parsed or shared is undone here.
const processState = globalThis as { __sbEnvAtStart?: Record<string, string | undefined>; __sbShareRows?: boolean };
processState.__sbEnvAtStart ??= { ...process.env };
for (const name of Object.keys(process.env)) if (!(name in processState.__sbEnvAtStart)) delete process.env[name];
Object.assign(process.env, processState.__sbEnvAtStart);
processState.__sbShareRows = undefined;
resetEnvForTests();


const suffix = `${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
const template = inject("templateDb");
const postgres = process.env.TEST_DB === "postgres";
let cleanup: () => Promise<void>;

if (postgres) {
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (!serverUrl) throw new Error("The postgres project needs TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)");
  const name = `socialbrief_test_${suffix}`;
  const admin = new pg.Client(pgConfig(serverUrl));
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  // A test database need not survive a crash of the PostgreSQL server itself: commits
  // return without waiting for the WAL flush (the app's code and transactions are unchanged).
  await admin.query(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  cleanup = async () => {
    await disconnectDb();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  };
} else {
  const file = path.join(path.dirname(template), `test_${suffix}.db`);
  copyFileSync(template, file);
  process.env.DATABASE_URL = `file:${file}`;
  cleanup = async () => {
    await disconnectDb();
    for (const ext of ["", "-wal", "-shm", "-journal"]) rmSync(file + ext, { force: true });
  };
}

let tables: string[] | undefined;

async function tableNames(): Promise<string[]> {
  const rows = postgres
    ? await prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`)
    : await prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`);
  return rows.map((row) => row.name);
}

/** Deletes every row of every table (foreign keys checked at the end, when nothing is left). */
async function emptyTables(): Promise<void> {
  tables ??= await tableNames();
  if (tables.length === 0) return;
  if (postgres) {
    // Only the tables that hold rows: TRUNCATE costs about the same for an empty table as for a full one.
    const probe = tables.map((t) => `SELECT '${t}' AS name WHERE EXISTS (SELECT 1 FROM "${t}")`).join(" UNION ALL ");
    const used = (await prisma.$queryRawUnsafe<{ name: string }[]>(probe)).map((row) => row.name);
    if (used.length > 0) await prisma.$executeRawUnsafe(`TRUNCATE TABLE ${used.map((t) => `"${t}"`).join(", ")} CASCADE`);
    // pg-boss's jobs (app/jobs/pgboss-engine.server.ts) live in their own schema, once it exists.
    await prisma.$executeRawUnsafe(`DO $$ BEGIN IF to_regclass('pgboss.job') IS NOT NULL THEN TRUNCATE pgboss.job; END IF; END $$`);
    return;
  }
  await prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
    for (const table of tables ?? []) await tx.$executeRawUnsafe(`DELETE FROM "${table}"`);
  });
}

afterEach(async () => {
  if (!rowsShared()) await emptyTables();
});

// The PDF worker pool stays open for the next file of this process: one warm
// worker serves every file (app/pdf/pool.server.ts), instead of a cold start per file.
afterAll(async () => {
  // The compiled Remix build (tests/integration/server-app.ts) outlives the file: its job
  // engine, clients and parsed environment are bound to this file's database, so they are
  // reset here too, even when the file did not call stopApps itself.
  if ((globalThis as { __sbBuild?: unknown }).__sbBuild) await (await import("./integration/server-app")).stopApps();
  await jobEngine().stop();
  await cleanup();
});
