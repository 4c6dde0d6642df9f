// Top self-time functions and files of a V8 .cpuprofile (node --cpu-prof):
//
//   npx tsx bench/cpuprofile-summary.ts <file.cpuprofile> [rows (25)]
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

// tsx may leave its own arguments in argv: the profile is the first .cpuprofile given, the rows a number after it.
const args = process.argv.slice(2);
const file = args.find((a) => a.endsWith(".cpuprofile"));
const rowsArg = args.find((a) => /^\d+$/.test(a));
if (!file) throw new Error("usage: cpuprofile-summary.ts <file.cpuprofile> [rows]");
const rows = Number.parseInt(rowsArg ?? "", 10) || 25;
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  const frame = byId.get(id)?.callFrame;
  if (!frame) return;
  total += us;
  // node_modules/<package>/… shortened to the package and file; the rest kept from the repository root.
  const where = frame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(app|bench|server)\//, "$1/") || "(native)";
  const fn = `${frame.functionName || "(anonymous)"}  ${where}:${frame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  byFile.set(where, (byFile.get(where) ?? 0) + us);
});

function print(title: string, map: Map<string, number>): void {
  console.log(`\n${title}`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
}
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
print("Self time by function", byFunction);
print("Self time by file", byFile);
