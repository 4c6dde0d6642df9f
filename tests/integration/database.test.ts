import { describe, expect, it } from "vitest";
import { loader as healthz } from "~/routes/healthz";
import { applyMigrations } from "../../scripts/lib/schema-engine";
import { disconnectDb, prisma } from "~/utils/db.server";
import { copyFileSync, readdirSync, rmSync } from "node:fs";
import { call, get } from "./helpers";

describe("database", () => {
  it("is migrated with Prisma's own history table, and re-applying is a no-op", async () => {
    const rows = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name',
    );
    const dir = process.env.TEST_DB === "postgres" ? "prisma/postgres/migrations" : "prisma/migrations";
    const expected = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(rows.map((r) => r.migration_name)).toEqual(expected);
    // As in a deploy: the migration runs where the app holds no connection (here a
    // copy of this test's database on SQLite, on PostgreSQL the database itself).
    await disconnectDb();
    const url = process.env.DATABASE_URL!;
    if (url.startsWith("file:")) {
      const copy = `${url.slice("file:".length)}.deploy.db`;
      copyFileSync(url.slice("file:".length), copy);
      try {
        expect(await applyMigrations(`file:${copy}`)).toEqual([]);
      } finally {
        rmSync(copy, { force: true });
      }
    } else {
      expect(await applyMigrations(url)).toEqual([]);
    }
  });

  it("reports healthy on /healthz when the database answers", async () => {
    const response = await call(healthz, get("/healthz"), {});
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("enforces unique emails for accounts", async () => {
    await prisma.user.create({ data: { email: "dup@example.com", name: "A", passwordHash: "x" } });
    await expect(prisma.user.create({ data: { email: "dup@example.com", name: "B", passwordHash: "y" } })).rejects.toThrow();
  });
});
