// File storage for rendered documents, addressed by content: a file's name is
// derived from what it was made from, so a version renders once and is then
// read back. Writes are atomic (temporary file, then rename).
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { getEnv } from "./env.server";

function pathFor(key: string): string {
  if (!/^[a-z0-9-]+\/[a-zA-Z0-9_.-]+$/.test(key)) throw new RangeError(`bad storage key: ${key}`);
  return join(resolve(getEnv().STORAGE_DIR), key);
}

export async function readStored(key: string): Promise<Buffer | null> {
  try {
    return await readFile(pathFor(key));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

export async function writeStored(key: string, bytes: Buffer): Promise<void> {
  const target = pathFor(key);
  await mkdir(dirname(target), { recursive: true });
  const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, target);
}

export async function removeStored(key: string): Promise<void> {
  await rm(pathFor(key), { force: true });
}

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
