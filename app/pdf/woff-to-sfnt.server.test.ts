import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { woffToSfnt } from "./woff-to-sfnt.server";

const require = createRequire(import.meta.url);
const woff = readFileSync(require.resolve("@fontsource/inter/files/inter-latin-400-normal.woff"));

/** OpenType table checksum: the sum of the table's big-endian uint32 words, zero-padded. */
function checksum(data: Buffer): number {
  const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

describe("woffToSfnt", () => {
  it("gives an sfnt whose every table is the WOFF's table, inflated, with a matching checksum", () => {
    const ttf = woffToSfnt(woff);
    const numTables = ttf.readUInt16BE(4);
    expect(ttf.readUInt32BE(0)).toBe(woff.readUInt32BE(4)); // the WOFF's flavor (TrueType)
    expect(numTables).toBe(woff.readUInt16BE(12));
    expect(ttf.length).toBe(woff.readUInt32BE(16)); // totalSfntSize from the WOFF header
    const tags: string[] = [];
    for (let i = 0; i < numTables; i++) {
      const record = 12 + i * 16;
      const tag = ttf.toString("latin1", record, record + 4);
      const offset = ttf.readUInt32BE(record + 8);
      const length = ttf.readUInt32BE(record + 12);
      expect(offset % 4).toBe(0);
      tags.push(tag);
      // head's stored checksum was taken with checkSumAdjustment zeroed, so it cannot match its bytes.
      if (tag !== "head") expect(checksum(ttf.subarray(offset, offset + length)), tag).toBe(ttf.readUInt32BE(record + 4));
    }
    expect(tags).toEqual(expect.arrayContaining(["cmap", "glyf", "head", "hmtx", "loca", "name", "GPOS"]));
  });

  it("refuses what is not WOFF", () => {
    expect(() => woffToSfnt(Buffer.from("not a font at all, just some text here....."))).toThrow(/not a WOFF/);
  });
});
