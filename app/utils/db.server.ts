// One Prisma client per process, on SQLite (better-sqlite3) or PostgreSQL (pg)
// depending on DATABASE_URL. Both clients are generated from the same data
// model (prisma/schema.prisma), so they share one API; we type both as the
// SQLite client.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "~/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "~/generated/postgres/client";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { getEnv } from "./env.server";

export type Db = SqliteClient;

export function createDb(url: string): Db {
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const adapter = new PrismaBetterSqlite3({ url: file, timeout: 5000 });
    const client = new SqliteClient({ adapter });
    return client;
  }
  const u = new URL(url);
  const adapter = new PrismaPg({
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.slice(1)) || undefined,
    max: 10,
  });
  return new PostgresClient({ adapter }) as unknown as Db;
}

/** SQLite pragmas for a web server: WAL so readers never wait on the writer, and a busy timeout. */
export async function tuneSqlite(db: Db, url: string): Promise<void> {
  if (!url.startsWith("file:")) return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
}

const globalForDb = globalThis as unknown as { __socialbriefDb?: { db: Db; ready: Promise<void> } };

function instance() {
  if (!globalForDb.__socialbriefDb) {
    const url = getEnv().DATABASE_URL;
    const db = createDb(url);
    globalForDb.__socialbriefDb = { db, ready: tuneSqlite(db, url) };
  }
  return globalForDb.__socialbriefDb;
}

/** The process-wide client. Created on first use, so tests can set DATABASE_URL first. */
export const prisma: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const { db, ready } = instance();
    const value = Reflect.get(db, prop);
    if (typeof value !== "function") return value;
    // SQLite refuses to change pragmas inside a transaction: a transaction
    // opened as the very first use waits for the tuning to finish.
    if (prop === "$transaction") return async (...args: unknown[]) => (await ready, (value as (...a: unknown[]) => unknown).apply(db, args));
    return value.bind(db);
  },
});

export function dbReady(): Promise<void> {
  return instance().ready;
}

export async function disconnectDb(): Promise<void> {
  const current = globalForDb.__socialbriefDb;
  globalForDb.__socialbriefDb = undefined;
  if (current) await current.db.$disconnect();
}

export async function checkDb(): Promise<boolean> {
  try {
    await dbReady();
    await prisma.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
