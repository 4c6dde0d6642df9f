// Vitest globalSetup of the sqlite and postgres projects: migrates ONE template
// database per run; each test file then starts from a copy of it (setup-db.ts)
// instead of running every migration again, and every test from empty tables.
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations, pgConfig } from "../scripts/lib/schema-engine";

declare module "vitest" {
  export interface ProvidedContext {
    /** SQLite: the template file's path. PostgreSQL: the template database's name. */
    templateDb: string;
  }
}

export default async function setup(project: TestProject) {
  const suffix = `${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  if (project.config.env.TEST_DB === "postgres") {
    const serverUrl = process.env.TEST_POSTGRES_URL;
    if (!serverUrl) throw new Error("The postgres project needs TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)");
    const name = `socialbrief_template_${suffix}`;
    const admin = new pg.Client(pgConfig(serverUrl));
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    await applyMigrations(url.toString());
    project.provide("templateDb", name);
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = path.resolve("tests/.tmp");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `template_${suffix}.db`);
  await applyMigrations(`file:${file}`);
  project.provide("templateDb", file);
  return () => {
    for (const ext of ["", "-wal", "-shm", "-journal"]) rmSync(file + ext, { force: true });
  };
}
