// Prints the counts per suite and the closing "N passed, N failed" line.
// Fails when a step failed, when no test ran, or (REQUIRE_POSTGRES=1, as in CI)
// when the PostgreSQL suite did not run, or, with TEST_REDIS_URL too, the
// browser run on two instances.
import { existsSync, readFileSync } from "node:fs";

const failedSteps = process.argv.slice(2);
const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);
const vitest = (file) => {
  const r = read(file);
  return r ? { passed: r.numPassedTests, failed: r.numFailedTests + (r.numFailedTestSuites ?? 0) } : null;
};
const playwright = (...files) => {
  const reports = files.map(read).filter(Boolean);
  if (reports.length === 0) return null;
  const sum = (pick) => reports.reduce((total, r) => total + pick(r.stats), 0);
  return { passed: sum((s) => s.expected), failed: sum((s) => s.unexpected + s.flaky) };
};
const suites = [
  ["Unit (Vitest)", vitest(".test-reports/unit.json")],
  ["Integration on SQLite", vitest(".test-reports/sqlite.json")],
  ["Integration on PostgreSQL", vitest(".test-reports/postgres.json")],
  ["End-to-end in Chromium", playwright(".test-reports/e2e.json", ".test-reports/e2e-shard-2.json")],
  ["End-to-end, two instances", playwright(".test-reports/e2e-two-instances.json")],
];

let passed = 0;
let failed = 0;
const problems = failedSteps.map((s) => `step failed: ${s}`);
console.log("Test summary");
for (const [name, counts] of suites) {
  console.log(`  ${name.padEnd(28)} ${counts ? `${counts.passed} passed, ${counts.failed} failed` : "did not run"}`);
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
  }
}
const postgres = suites[2][1];
if (process.env.REQUIRE_POSTGRES === "1" && !(postgres && postgres.passed > 0)) problems.push("the PostgreSQL suite did not run");
// CI sets Redis too: the two-instance browser run (issue 13) must have run there.
const twoInstances = suites[4][1];
if (process.env.REQUIRE_POSTGRES === "1" && process.env.TEST_REDIS_URL && !(twoInstances && twoInstances.passed > 0)) problems.push("the two-instance browser run did not run");
if (passed + failed === 0) problems.push("no test ran");
for (const p of problems) console.log(`  FAILED: ${p}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(problems.length || failed ? 1 : 0);
