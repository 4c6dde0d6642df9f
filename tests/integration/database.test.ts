import { spawn } from "node:child_process";
import { once } from "node:events";
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

  // Another process writing the same SQLite file (a script such as `npm run owner:create`, a
  // test fixture): with the adapter's deferred BEGIN, its commit between this transaction's read
  // and its write failed the transaction with SQLITE_BUSY_SNAPSHOT; with BEGIN IMMEDIATE
  // (app/utils/db.server.ts) the other writer waits for this transaction, then writes.
  it.runIf(process.env.TEST_DB !== "postgres")("on SQLite, another process's write between a transaction's read and its write waits instead of failing it", async () => {
    const file = process.env.DATABASE_URL!.slice("file:".length);
    const other = spawn(
      process.execPath,
      [
        "-e",
        `const db = new (require("better-sqlite3"))(${JSON.stringify(file)}, { timeout: 5000 });
         console.log("ready");
         process.stdin.once("data", () => {
           db.prepare("INSERT INTO ScheduledRun (name, slot, startedAt) VALUES ('other process', 'x', ?)").run(new Date().toISOString());
           console.log("written");
           db.close();
         });`,
      ],
      { stdio: ["pipe", "pipe", "pipe"] },
    );
    let out = "";
    other.stdout.on("data", (chunk: Buffer) => (out += String(chunk)));
    other.stderr.on("data", (chunk: Buffer) => (out += String(chunk)));
    const exited = once(other, "exit");
    for (const deadline = Date.now() + 30_000; !out.includes("ready"); await new Promise((r) => setTimeout(r, 20))) {
      if (Date.now() > deadline || other.exitCode !== null) throw new Error(`the other process did not start: ${out}`);
    }

    await prisma.$transaction(async (tx) => {
      const before = await tx.scheduledRun.count();
      other.stdin.end("go\n"); // the other process writes now (with a deferred BEGIN it commits during the pause)
      await new Promise((r) => setTimeout(r, 400));
      await tx.scheduledRun.create({ data: { name: "this process", slot: String(before) } });
    });
    const [code] = await exited;
    expect([code, out.trim().split("\n")]).toEqual([0, ["ready", "written"]]);
    expect((await prisma.scheduledRun.findMany({ select: { name: true }, orderBy: { name: "asc" } })).map((r) => r.name)).toEqual(["other process", "this process"]);
  });

  it("enforces unique emails for accounts", async () => {
    await prisma.user.create({ data: { email: "dup@example.com", name: "A", passwordHash: "x" } });
    await expect(prisma.user.create({ data: { email: "dup@example.com", name: "B", passwordHash: "y" } })).rejects.toThrow();
  });
});
