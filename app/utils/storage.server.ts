// File storage for rendered documents, addressed by content: a file's key is
// derived from what it was made from ("proposals/<snapshot sha256>-<locale>.pdf",
// "logos/<sha256>.png"), so a version renders once and is then read back.
//
// One interface (FileStorage), one engine today: the database (`StoredFile`
// table, SQLite or PostgreSQL through Prisma). Why the database and not
// S3-compatible storage:
// - Every app instance already shares the database, so a PDF rendered by one is
//   served by all, with no second service to run, secure and reach.
// - One place to back up and to erase in: a database backup is a backup of the
//   files, and GDPR erasure deletes a lead's files in the same transaction that
//   erases the lead (`db` below), so no copy outlives it on any instance.
// - The files are small and few: a proposal PDF is about 100-300 KB, one per
//   sent version and language; a logo is at most 512 KB. Email attachments and
//   the current logo were in the database already (EmailAttachment, BrandLogo).
// Past tens of GB, an S3 engine can implement FileStorage with the same keys
// (erasure then deletes the rows' objects after the transaction commits).
//
// Writes of the same key are idempotent (content-addressed: the same key means
// the same bytes): two instances rendering at once both succeed, the last write stays.
import { createHash } from "node:crypto";
import type { Prisma } from "~/generated/sqlite/client";
import { isUniqueViolation, prisma } from "./db.server";

/** The client storage queries run on: the process client, or a transaction's. */
type StorageDb = Pick<Prisma.TransactionClient, "storedFile">;

export interface FileStorage {
  read(key: string): Promise<Buffer | null>;
  write(key: string, bytes: Buffer, contentType: string): Promise<void>;
  remove(keys: readonly string[]): Promise<void>;
}

const KEY = /^[a-z0-9-]+\/[a-zA-Z0-9_.-]+$/;

function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes("..")) throw new RangeError(`bad storage key: ${key}`);
  return key;
}

const contentTypes: Record<string, string> = { pdf: "application/pdf", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg" };

/** The content type a key's extension stands for (application/octet-stream when unknown). */
function contentTypeOf(key: string): string {
  return contentTypes[key.slice(key.lastIndexOf(".") + 1).toLowerCase()] ?? "application/octet-stream";
}

/** The database engine: rows of `StoredFile`, on `db` (a transaction's client to read or change files inside it). */
function databaseStorage(db: StorageDb): FileStorage {
  return {
    async read(key) {
      const row = await db.storedFile.findUnique({ where: { key: checkKey(key) }, select: { bytes: true } });
      return row ? Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) : null;
    },
    async write(key, bytes, contentType) {
      const data = { bytes: new Uint8Array(bytes), contentType, size: bytes.byteLength };
      const where = { key: checkKey(key) };
      try {
        // One INSERT … ON CONFLICT ("key") DO UPDATE on both databases, so a concurrent
        // write of the key (another instance, another request) waits and then replaces it.
        await db.storedFile.upsert({ where, create: { ...where, ...data }, update: data, select: { key: true } });
      } catch (error) {
        // Should Prisma ever take its emulated path (look, then insert), the insert that
        // loses the race raises P2002: the same file is there; ours replaces it.
        if (!isUniqueViolation(error)) throw error;
        await db.storedFile.update({ where, data });
      }
    },
    async remove(keys) {
      if (keys.length === 0) return;
      await db.storedFile.deleteMany({ where: { key: { in: keys.map(checkKey) } } });
    },
  };
}

function storage(db?: StorageDb): FileStorage {
  return databaseStorage(db ?? prisma);
}

export async function readStored(key: string): Promise<Buffer | null> {
  return storage().read(key);
}

/** Stores a file under its key, replacing one there (its content type from the key's extension); with `db`, inside that transaction. */
export async function writeStored(key: string, bytes: Buffer, db?: StorageDb): Promise<void> {
  await storage(db).write(key, bytes, contentTypeOf(key));
}

/** Removes files by key (those absent are ignored); with `db`, inside that transaction. */
export async function removeStored(keys: string | readonly string[], db?: StorageDb): Promise<void> {
  await storage(db).remove(typeof keys === "string" ? [keys] : keys);
}

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
