// xmllint's verdict on a FatturaPA file against the official schema, offline:
// the XSD's xmldsig import resolves through the catalogue in tests/fixtures/fatturapa.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const FIXTURES = path.resolve(__dirname, "../fixtures/fatturapa");
const XSD = path.join(FIXTURES, "Schema_del_file_xml_FatturaPA_versione_1.2.1a.xsd");

export function validateFatturaPa(xml: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "fatturapa-"));
  try {
    const file = path.join(dir, "invoice.xml");
    writeFileSync(file, xml);
    const run = spawnSync("xmllint", ["--nonet", "--noout", "--schema", XSD, file], { env: { ...process.env, XML_CATALOG_FILES: path.join(FIXTURES, "catalog.xml") }, encoding: "utf8" });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
