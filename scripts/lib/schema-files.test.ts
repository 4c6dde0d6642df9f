import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { postgresSchemaPath, postgresSchemaText, providerFromUrl } from "./schema-files";

describe("one data model for two providers", () => {
  it("keeps the committed PostgreSQL schema in sync with prisma/schema.prisma", () => {
    expect(readFileSync(postgresSchemaPath, "utf8")).toBe(postgresSchemaText());
  });

  it("differs from the SQLite model only in provider and client output", () => {
    const twin = postgresSchemaText();
    expect(twin).toContain('provider = "postgresql"');
    expect(twin).not.toContain('provider = "sqlite"');
  });

  it("picks the provider from DATABASE_URL", () => {
    expect(providerFromUrl("file:./data/x.db")).toBe("sqlite");
    expect(providerFromUrl("postgresql://u@h/db")).toBe("postgresql");
    expect(() => providerFromUrl("mysql://h/db")).toThrow(/file: or postgres/);
  });
});
