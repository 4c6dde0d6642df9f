// Shared file storage (app/utils/storage.server.ts): the time to write and to
// read back a proposal-sized PDF (250 KB) in the StoredFile table, beside the
// disk storage it replaced (write a temporary file, rename it; read the file)
// in the same run, on SQLite (a fresh file) or on the PostgreSQL of
// BENCH_POSTGRES_URL (a fresh database, dropped at the end).
//
//   npx tsx bench/stored-files.ts
//   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/stored-files.ts
//   BENCH_FILES=500 npx tsx bench/stored-files.ts
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freshBenchDatabase, percentile } from "./lib/server";

const files = Number(process.env.BENCH_FILES ?? 200);
const size = 250 * 1024;
const pgServer = process.env.BENCH_POSTGRES_URL;
const { url: DATABASE_URL, drop: dropDatabase } = await freshBenchDatabase("files");
process.env.DATABASE_URL = DATABASE_URL;
const { readStored, writeStored } = await import("~/utils/storage.server");
const { disconnectDb } = await import("~/utils/db.server");

const disk = mkdtempSync(path.join(tmpdir(), "sb-bench-files-"));
const bodies = Array.from({ length: files }, () => randomBytes(size));

async function timed(fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < files; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  return times;
}

const key = (i: number) => `proposals/${i.toString(16).padStart(64, "0")}-it.pdf`;
try {
  await writeStored("logos/warm.png", Buffer.from("warm")); // connection and statement warm-up
  const rows = { write: await timed((i) => writeStored(key(i), bodies[i]!)), read: await timed((i) => readStored(key(i))) };
  const onDisk = {
    write: await timed(async (i) => {
      const target = path.join(disk, `${i}.pdf`);
      await writeFile(`${target}.tmp`, bodies[i]!);
      await rename(`${target}.tmp`, target);
    }),
    read: await timed((i) => readFile(path.join(disk, `${i}.pdf`))),
  };
  const line = (name: string, t: number[]) => `| ${name} | ${percentile(t, 50).toFixed(2)} | ${percentile(t, 99).toFixed(2)} |`;
  console.log(`${files} files of ${size / 1024} KB, ${pgServer ? "PostgreSQL" : "SQLite"}\n`);
  console.log("| operation | p50 ms | p99 ms |\n|---|---:|---:|");
  console.log([line("StoredFile write", rows.write), line("StoredFile read", rows.read), line("disk write (temp + rename)", onDisk.write), line("disk read", onDisk.read)].join("\n"));
} finally {
  await disconnectDb();
  await dropDatabase();
  rmSync(disk, { recursive: true, force: true });
}
