// Files from before shared storage: rendered PDFs and frozen cover logos used to
// be files under STORAGE_DIR (default ./data/storage) on each instance's disk.
// Now they are rows of StoredFile (app/utils/storage.server.ts). This moves an
// old folder's files into the database:
// - logos/<sha256>.<png|jpg>: the cover logo as it was when a version was sent.
//   It cannot be made again (the owner may have changed the logo since), so it
//   is imported.
// - proposals/<snapshot sha256>-<locale>.pdf: imported only while its version
//   exists and is not erased (storeVersionPdf checks); the copies an old erasure
//   left behind (the other language, other instances) are not. Not importing a
//   PDF loses nothing: it renders again from the version's stored view and date,
//   the same bytes.
// Anything else in those two folders (temporary files of an interrupted write)
// is skipped; files outside them are not ours and are left alone.
import { readdir, readFile, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { isLocale } from "~/i18n/i18n";
import { storeVersionPdf } from "~/models/proposal-versions.server";
import { writeStored } from "~/utils/storage.server";

export interface LegacyImport {
  logos: number;
  pdfs: number;
  /** PDFs of versions erased or unknown, and temporary files. */
  skipped: number;
}

const folders = ["logos", "proposals"];

async function filesIn(dir: string) {
  return readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
}

/**
 * Imports a legacy storage folder; with `remove`, deletes its logos/ and
 * proposals/ afterwards, so no copy is left there (and the folder itself when
 * nothing else is in it).
 */
export async function importLegacyStorage(dir: string, { remove = false }: { remove?: boolean } = {}): Promise<LegacyImport> {
  const result: LegacyImport = { logos: 0, pdfs: 0, skipped: 0 };
  const entries = (await Promise.all(folders.map((folder) => filesIn(path.join(dir, folder))))).flat();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const key = path.relative(dir, file).split(path.sep).join("/");
    const logo = /^logos\/[a-f0-9]{64}\.(png|jpg)$/.test(key);
    const pdf = /^proposals\/([a-f0-9]{64})-([a-z]{2})\.pdf$/.exec(key);
    if (logo) {
      await writeStored(key, await readFile(file));
      result.logos++;
    } else if (pdf && isLocale(pdf[2]!) && (await storeVersionPdf(pdf[1]!, pdf[2], await readFile(file)))) {
      result.pdfs++;
    } else {
      result.skipped++;
    }
  }
  if (remove) {
    for (const folder of folders) await rm(path.join(dir, folder), { recursive: true, force: true });
    await rmdir(dir).catch(() => undefined); // only when empty
  }
  return result;
}
