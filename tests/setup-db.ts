// Runs before each integration test file: a fresh, migrated database of its
// own (SQLite file, or a new PostgreSQL database on TEST_POSTGRES_URL's server),
// dropped after the file's tests.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import pg from "pg";
import { applyMigrations, pgConfig } from "../scripts/lib/schema-engine";
import { disconnectDb } from "~/utils/db.server";
import { closePdfPool } from "~/pdf/pool.server";

// Rendered files go to a throwaway folder per test file.
process.env.STORAGE_DIR = mkdtempSync(path.join(tmpdir(), "sb-storage-"));

const suffix = `${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
let cleanup: () => Promise<void>;

if (process.env.TEST_DB === "postgres") {
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (!serverUrl) throw new Error("The postgres project needs TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)");
  const name = `socialbrief_test_${suffix}`;
  const admin = new pg.Client(pgConfig(serverUrl));
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  cleanup = async () => {
    await disconnectDb();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  };
} else {
  const dir = path.resolve("tests/.tmp");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `test_${suffix}.db`);
  process.env.DATABASE_URL = `file:${file}`;
  cleanup = async () => {
    await disconnectDb();
    for (const ext of ["", "-wal", "-shm", "-journal"]) rmSync(file + ext, { force: true });
  };
}

await applyMigrations(process.env.DATABASE_URL);
afterAll(async () => {
  await closePdfPool();
  await cleanup();
});
