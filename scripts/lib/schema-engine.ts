// Prisma's schema engine as WebAssembly (@prisma/schema-engine-wasm), driven
// through a driver adapter: `prisma migrate deploy/dev` without the native
// engine download. The package's entry imports the .wasm as an ES module,
// which Node 20 cannot do, so we instantiate it by hand.
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { migrationsDir, providerFromUrl, schemaText, type Provider } from "./schema-files.ts";

type MigrationList = {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: Array<{ path: string; migrationFile: { path: string; content: { tag: "ok"; value: string } } }>;
};

type Filters = { externalTables: string[]; externalEnums: string[] };

interface SchemaEngine {
  applyMigrations(input: { migrationsList: MigrationList; filters: Filters }): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: Record<string, unknown>): Promise<{ exitCode: number; stdout?: string }>;
  free?: () => void;
}

const filters: Filters = { externalTables: [], externalEnums: [] };
const require = createRequire(import.meta.url);

let engineModule: Promise<{ SchemaEngine: { new: (o: unknown, cb: (msg: string) => void, a: unknown) => Promise<SchemaEngine> } }> | undefined;

async function loadEngineModule() {
  engineModule ??= (async () => {
    const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
    const bg = (await import(path.join(dir, "schema_engine_bg.js"))) as Record<string, unknown> & {
      __wbg_set_wasm: (w: WebAssembly.Exports) => void;
      SchemaEngine: { new: (o: unknown, cb: (msg: string) => void, a: unknown) => Promise<SchemaEngine> };
    };
    const bytes = readFileSync(path.join(dir, "schema_engine_bg.wasm"));
    const module = await WebAssembly.compile(bytes);
    const imports: WebAssembly.Imports = {};
    for (const imp of WebAssembly.Module.imports(module)) {
      imports[imp.module] ??= {};
      (imports[imp.module] as Record<string, unknown>)[imp.name] = bg[imp.name];
    }
    const instance = await WebAssembly.instantiate(module, imports);
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return engineModule;
}

/** Explicit fields, not a connectionString (which would override any `database` the adapter sets). */
export function pgConfig(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.slice(1)) || undefined,
    ssl: u.searchParams.get("sslmode") === "require" ? { rejectUnauthorized: false } : undefined,
  };
}

/** The engine does not close the connections it opens; we track and dispose them. */
function adapterFor(url: string) {
  const provider = providerFromUrl(url);
  const factory =
    provider === "sqlite"
      ? new PrismaBetterSqlite3({ url: url.replace(/^file:/, "") })
      : new PrismaPg(pgConfig(url));
  const opened: Array<{ dispose(): Promise<void> }> = [];
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    opened.push(adapter);
    return adapter;
  };
  factory.connectToShadowDb = async () => {
    const adapter = await connectToShadowDb();
    opened.push(adapter);
    return adapter;
  };
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  return Object.assign(bound, {
    disposeAll: async () => {
      for (const adapter of opened.splice(0)) await adapter.dispose().catch(() => undefined);
    },
  });
}

async function withEngine<T>(url: string, fn: (engine: SchemaEngine, provider: Provider) => Promise<T>): Promise<T> {
  const provider = providerFromUrl(url);
  const { SchemaEngine } = await loadEngineModule();
  const fileName = provider === "sqlite" ? "schema.prisma" : "postgres/schema.prisma";
  const logs: string[] = [];
  const adapter = adapterFor(url);
  const engine = await SchemaEngine.new(
    { datamodels: [[fileName, schemaText(provider)]] },
    (msg: string) => { logs.push(msg); if (process.env.SCHEMA_ENGINE_DEBUG) console.error(msg); },
    adapter,
  );
  try {
    return await fn(engine, provider);
  } catch (error) {
    // The engine only names adapter errors by id; put the driver's message back.
    const id = /External error id#(\d+)/.exec(String(error))?.[1];
    const cause = id ? adapter.errorRegistry.consumeError(Number(id)) : undefined;
    if (cause) (error as Error).message += `\nDriver error: ${cause.error instanceof Error ? cause.error.stack : JSON.stringify(cause.error)}`;
    throw error;
  } finally {
    engine.free?.();
    await adapter.disposeAll();
  }
}

export function readMigrations(provider: Provider): MigrationList {
  const baseDir = migrationsDir(provider);
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const names = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => {
      const file = path.join(baseDir, name, "migration.sql");
      return { path: name, migrationFile: { path: "migration.sql", content: { tag: "ok", value: readFileSync(file, "utf8") } } };
    }),
  };
}

/** Applies pending migrations (`prisma migrate deploy`). Returns the names applied. */
export async function applyMigrations(url: string): Promise<string[]> {
  if (url.startsWith("file:")) {
    const dir = path.dirname(url.replace(/^file:/, ""));
    if (dir && dir !== ".") mkdirSync(dir, { recursive: true });
  }
  return withEngine(url, async (engine, provider) => {
    const out = await engine.applyMigrations({ migrationsList: readMigrations(provider), filters });
    return out.appliedMigrationNames;
  });
}

const SNAPSHOT = "schema.snapshot.prisma";

/**
 * Writes a new migration folder with the SQL that takes the data model of the
 * last migration to the current one (`prisma migrate dev --create-only`).
 * Each migration folder keeps a snapshot of the data model it reached, so the
 * diff is model-to-model and needs no shadow database (Prisma's migrate
 * commands ignore the extra file). `url` only picks the provider's engine;
 * nothing is read from or written to that database.
 */
export async function createMigration(url: string, name: string, stamp: string): Promise<string | null> {
  return withEngine(url, async (engine, provider) => {
    const migrations = readMigrations(provider);
    const last = migrations.migrationDirectories.at(-1);
    const lastSnapshot = last ? path.join(migrations.baseDir, last.path, SNAPSHOT) : null;
    if (lastSnapshot && !existsSync(lastSnapshot)) throw new Error(`Missing ${lastSnapshot}`);
    const target = schemaText(provider);
    const from = lastSnapshot
      ? { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: readFileSync(lastSnapshot, "utf8") }] }
      : { tag: "empty" };
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: target }] },
      script: true,
      exitCode: null,
      shadowDatabaseUrl: null,
      filters,
    });
    const sql = result.stdout ?? "";
    if (!sql.trim() || /^-- This is an empty migration\.\s*$/.test(sql.trim())) return null;
    const folder = path.join(migrations.baseDir, `${stamp}_${name.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "migration.sql"), sql);
    writeFileSync(path.join(folder, SNAPSHOT), target);
    const lock = path.join(migrations.baseDir, "migration_lock.toml");
    if (!existsSync(lock)) {
      writeFileSync(lock, `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`);
    }
    return folder;
  });
}
