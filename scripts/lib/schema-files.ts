import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";

export type Provider = "sqlite" | "postgresql";

export const root = path.resolve(import.meta.dirname, "../..");
export const sqliteSchemaPath = path.join(root, "prisma/schema.prisma");
export const postgresSchemaPath = path.join(root, "prisma/postgres/schema.prisma");

/** Migrations live in Prisma's own format, one folder per provider. */
export function migrationsDir(provider: Provider): string {
  return provider === "sqlite"
    ? path.join(root, "prisma/migrations")
    : path.join(root, "prisma/postgres/migrations");
}

export function providerFromUrl(url: string): Provider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must start with file: or postgres:// (got "${url.slice(0, 12)}…")`);
}

/** The PostgreSQL twin of the one data model: same text, other provider and output. */
export function postgresSchemaText(): string {
  const text = readFileSync(sqliteSchemaPath, "utf8");
  const twin = text
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output       = "../app/generated/sqlite"', 'output       = "../../app/generated/postgres"');
  if (twin === text || !twin.includes('"postgresql"') || !twin.includes("generated/postgres")) {
    throw new Error("Could not derive the PostgreSQL schema from prisma/schema.prisma");
  }
  return "// GENERATED from prisma/schema.prisma by `npm run db:generate`. Do not edit.\n" + twin;
}

export function writePostgresSchema(): void {
  mkdirSync(path.dirname(postgresSchemaPath), { recursive: true });
  writeFileSync(postgresSchemaPath, postgresSchemaText());
}

export function schemaText(provider: Provider): string {
  return provider === "sqlite" ? readFileSync(sqliteSchemaPath, "utf8") : postgresSchemaText();
}
