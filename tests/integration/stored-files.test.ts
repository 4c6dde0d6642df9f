// Files every instance shares (app/utils/storage.server.ts): rendered PDFs and
// frozen logos are rows of StoredFile in the database, not files on one
// instance's disk. (A PDF rendered by one instance and served by another, and
// erasure in every language: tests/integration/gdpr.test.ts, where a PDF is
// rendered anyway.)
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { erasePerson } from "~/models/gdpr.server";
import { importLegacyStorage } from "../../scripts/lib/legacy-storage";
import { sendProposal, storeVersionPdf } from "~/models/proposal-versions.server";
import { createDb, prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { readStored, removeStored, writeStored } from "~/utils/storage.server";
import { staffSession, submittedLead } from "./helpers";

describe("shared file storage", () => {
  it("takes concurrent writes of one key from several instances, and removes what it is told to", async () => {
    const key = `proposals/${"a".repeat(64)}-it.pdf`;
    const bytes = Buffer.from("%PDF-1.7 same content, same key");
    const instances = [prisma, createDb(getEnv().DATABASE_URL), createDb(getEnv().DATABASE_URL)];
    try {
      // Every instance writes the same file at once, several times: none fails.
      await Promise.all(instances.flatMap((db) => Array.from({ length: 4 }, () => writeStored(key, bytes, db))));
    } finally {
      await Promise.all(instances.slice(1).map((db) => db.$disconnect()));
    }
    expect(await prisma.storedFile.findMany({ select: { key: true, size: true, contentType: true } })).toEqual([{ key, size: bytes.byteLength, contentType: "application/pdf" }]);
    // One statement that settles a conflict itself (no look-then-insert a racing write could break, inside a transaction too).
    const statements: string[] = [];
    const logged = createDb(getEnv().DATABASE_URL, { onQuery: (sql) => statements.push(sql) });
    await writeStored(key, bytes, logged).finally(() => logged.$disconnect());
    expect(statements.filter((sql) => /StoredFile/.test(sql))).toEqual([expect.stringMatching(/^INSERT INTO .*ON CONFLICT\s+\(.key.\) DO UPDATE/)]);
    expect((await readStored(key))!.equals(bytes)).toBe(true);

    await writeStored("logos/b.png", Buffer.from("png"));
    await removeStored([key, "proposals/absent-en.pdf"]);
    expect(await readStored(key)).toBeNull();
    expect((await prisma.storedFile.findUniqueOrThrow({ where: { key: "logos/b.png" } })).contentType).toBe("image/png");
    await expect(writeStored("../etc/passwd", bytes)).rejects.toThrow(RangeError);
    // A version that does not exist (or was erased) gets no file.
    expect(await storeVersionPdf("c".repeat(64), "it", bytes)).toBe(false);
  });

  it("imports an old disk folder: the frozen logos and the PDFs of live versions, not the copies erasure left behind", async () => {
    const { user } = await staffSession("owner");
    const live = (await sendProposal((await submittedLead("live@hotel.example")).id, user.id, undefined, undefined, { attachPdf: false })).version;
    const gone = await submittedLead("gone@hotel.example");
    const erased = (await sendProposal(gone.id, user.id, undefined, undefined, { attachPdf: false })).version;
    await erasePerson("gone@hotel.example", user.id);
    const dir = mkdtempSync(path.join(tmpdir(), "sb-legacy-"));
    const put = (key: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, key)), { recursive: true });
      writeFileSync(path.join(dir, key), text);
    };
    const logo = `logos/${"d".repeat(64)}.png`;
    put(logo, "png bytes");
    put(`proposals/${live.snapshotHash}-en.pdf`, "%PDF live");
    put(`proposals/${erased.snapshotHash}-en.pdf`, "%PDF erased, the other language");
    put(`proposals/${live.snapshotHash}-it.pdf.1a2b3c.tmp`, "half written");
    put("socialbrief.db", "not a file of the old storage");

    expect(await importLegacyStorage(dir, { remove: true })).toEqual({ logos: 1, pdfs: 1, skipped: 2 });
    expect((await prisma.storedFile.findMany({ select: { key: true }, orderBy: { key: "asc" } })).map((f) => f.key)).toEqual([logo, `proposals/${live.snapshotHash}-en.pdf`]);
    // The old storage's folders are gone; what else was there stays.
    expect(readdirSync(dir)).toEqual(["socialbrief.db"]);
  });

  it("never keeps a PDF stored while its lead is being erased: the erasure deletes it, or the write finds the version erased", async () => {
    const { user } = await staffSession("owner");
    const pdf = Buffer.from("%PDF-1.7 rendered just now");
    const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    for (let i = 0; i < 3; i++) {
      const email = `race-${i}@hotel.example`;
      const { version } = await sendProposal((await submittedLead(email)).id, user.id, undefined, undefined, { attachPdf: false });
      // Renders finishing on some instance (both languages) before, during and after the owner's erasure.
      const stores = [0, 1, 3, 6, 10, 20, 40].map((ms, n) => later(ms).then(() => storeVersionPdf(version.snapshotHash, n % 2 ? "en" : "it", pdf)));
      await Promise.all([erasePerson(email, user.id), ...stores]);
      expect(await prisma.storedFile.count()).toBe(0);
    }
  });
});
