// One Prisma client per process, on SQLite (better-sqlite3) or PostgreSQL (pg)
// depending on DATABASE_URL. Both clients are generated from the same data
// model (prisma/schema.prisma), so they share one API; we type both as the
// SQLite client.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient as SqliteClient } from "~/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "~/generated/postgres/client";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { leadSearchText } from "~/domain/search-text";
import { getEnv } from "./env.server";

export type Db = SqliteClient;

type LeadText = { name?: unknown; email?: unknown; organisation?: unknown; searchText?: unknown };

/** Adds the folded search text to lead data that sets name, email and organisation (all three, or none). */
function withSearchText<T extends LeadText>(data: T): T {
  const given = [data.name, data.email, data.organisation].filter((v) => typeof v === "string").length;
  if (given === 0) return data;
  if (given !== 3) throw new Error("A lead's name, email and organisation are written together (they make its search text)");
  return { ...data, searchText: leadSearchText({ name: data.name as string, email: data.email as string, organisation: data.organisation as string }) };
}

/** Every write of a lead's name, email or organisation also writes its search text, whoever makes it (app, seeds, tests). */
function withLeadSearch<C extends SqliteClient>(client: C): C {
  return client.$extends({
    query: {
      lead: {
        create: ({ args, query }) => query({ ...args, data: withSearchText(args.data) }),
        createMany: ({ args, query }) => query({ ...args, data: Array.isArray(args.data) ? args.data.map(withSearchText) : withSearchText(args.data) }),
        update: ({ args, query }) => query({ ...args, data: withSearchText(args.data) }),
        updateMany: ({ args, query }) => query({ ...args, data: withSearchText(args.data) }),
        upsert: ({ args, query }) => query({ ...args, create: withSearchText(args.create), update: withSearchText(args.update) }),
      },
    },
  }) as unknown as C;
}

/**
 * How long an interactive transaction may wait for a connection, and run.
 * Prisma's defaults (2 s and 5 s) fail a burst that queues on one row lock
 * (twenty payments taking invoice numbers, a webhook storm) as soon as the
 * machine is busy: the transactions are short, but the tenth in the pool's
 * queue waits for the nine before it. A crash or a hung query still ends
 * within these bounds.
 */
const transactionOptions = { maxWait: 15_000, timeout: 30_000 };

/**
 * Prisma's SQLite adapter opens each transaction with a deferred `BEGIN`: the
 * transaction reads under a snapshot and asks for the write lock at its first
 * write. If another process (a script such as `npm run owner:create`, a test
 * fixture) committed in between, SQLite answers SQLITE_BUSY_SNAPSHOT at once
 * (the busy timeout cannot help: waiting would not make the snapshot current)
 * and the transaction fails. `BEGIN IMMEDIATE` takes the write lock first, so
 * the other process's writer waits its busy timeout instead. Within one
 * process the adapter already runs one transaction at a time, so nothing is
 * serialised that was not. (The adapter has no option for it: this swaps the
 * statement on its connection, and fails at start if the adapter changes.)
 */
function immediateTransactions(factory: PrismaBetterSqlite3): SqlDriverAdapterFactory {
  const immediate = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    const client = (adapter as unknown as { client?: { prepare?: (sql: string) => unknown } }).client;
    if (!client || typeof client.prepare !== "function") throw new Error("@prisma/adapter-better-sqlite3 no longer keeps its connection as `client`: see immediateTransactions in app/utils/db.server.ts");
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => immediate(await factory.connect()),
  };
}

/** `onQuery` hears every SQL statement the client sends (tests count a page's queries with it). */
export function createDb(url: string, options: { onQuery?: (sql: string) => void } = {}): Db {
  const { onQuery } = options;
  const log = onQuery ? [{ emit: "event" as const, level: "query" as const }] : [];
  const listen = <C extends { $on: (event: "query", cb: (e: { query: string }) => void) => void }>(client: C): C => {
    if (onQuery) client.$on("query", (e) => onQuery(e.query));
    return client;
  };
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const adapter = immediateTransactions(new PrismaBetterSqlite3({ url: file, timeout: 5000 }));
    return withLeadSearch(listen(new SqliteClient({ adapter, log, transactionOptions })) as unknown as SqliteClient);
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
  return withLeadSearch(listen(new PostgresClient({ adapter, log, transactionOptions })) as unknown as Db);
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

/** Tests: runs `fn` with `prisma` standing for another client (one that counts queries), then restores the process client. */
export async function withDb<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const previous = globalForDb.__socialbriefDb;
  globalForDb.__socialbriefDb = { db, ready: tuneSqlite(db, getEnv().DATABASE_URL) };
  try {
    await globalForDb.__socialbriefDb.ready;
    return await fn();
  } finally {
    globalForDb.__socialbriefDb = previous;
  }
}

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

/** Whether a Prisma error is a unique-constraint violation (P2002), on either provider. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
