// Where the app's CPU goes: reads a V8 CPU profile (node --cpu-prof) and prints
// the functions with the most self time, and the self time per package (or
// file of our own build), as shares of the whole profile.
//
//   npm run build
//   BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/.tmp/prof" npx tsx bench/intake-cpu.ts
//   npx tsx bench/cpu-profile.ts bench/.tmp/prof            (the newest profile there)
//   BENCH_TOP=60 npx tsx bench/cpu-profile.ts bench/.tmp/prof/CPU.….cpuprofile
//
// The profile covers the app's whole life (start and warm-up too); "(idle)" is time waiting.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const TOP = Number(process.env.BENCH_TOP ?? 30);
const arg = process.argv[2];
if (!arg) {
  console.error("usage: npx tsx bench/cpu-profile.ts <profile.cpuprofile | directory of profiles>");
  process.exit(1);
}
const file = statSync(arg).isDirectory()
  ? readdirSync(arg)
      .filter((f) => f.endsWith(".cpuprofile"))
      .map((f) => path.join(arg, f))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
  : arg;
if (!file) {
  console.error(`no .cpuprofile in ${arg}`);
  process.exit(1);
}
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

/** A package name (node_modules/…), else the file's path from the build or project root. */
function owner(url: string): string {
  if (!url) return "(native)";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:")) return url;
  const build = url.indexOf("/build/");
  return build >= 0 ? url.slice(build + 1) : path.basename(url);
}

const selfByFunction = new Map<string, number>();
const selfByOwner = new Map<string, number>();
let total = 0;
let idle = 0;
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  const node = byId.get(id);
  if (!node) return;
  const { functionName, url, lineNumber } = node.callFrame;
  total += us;
  if (functionName === "(idle)") {
    idle += us;
    return;
  }
  const name = `${functionName || "(anonymous)"}  ${owner(url)}:${lineNumber + 1}`;
  selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + us);
  const who = functionName.startsWith("(") ? functionName : owner(url);
  selfByOwner.set(who, (selfByOwner.get(who) ?? 0) + us);
});

const busy = total - idle;
const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
console.log(`${file}: ${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy (shares below are of the busy time)`);
console.log("\nself time by package / file");
for (const [name, us] of [...selfByOwner].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${pct(us)}  ${name}`);
console.log("\nself time by function");
for (const [name, us] of [...selfByFunction].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${pct(us)}  ${name}`);
