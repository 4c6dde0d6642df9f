import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;
// scripts/test-all.sh runs the files in two shards side by side (`--shard=1/2` on port
// 3100, `--shard=2/2` on 3300), each against a server and SQLite file of its own; each
// shard writes its own report (E2E_REPORT) and failure traces (test-results-<port>).
const report = process.env.E2E_REPORT ?? ".test-reports/e2e.json";

// End-to-end tests drive Debian's Chromium (/usr/bin/chromium; Playwright's own
// browser download cannot run here) against the production build.
export default defineConfig({
  testDir: "e2e",
  outputDir: port === 3100 ? "test-results" : `test-results-${port}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  // A safety net against hangs, not a speed budget: a busy 2-core machine hashes passwords and renders PDFs slowly.
  timeout: 90_000,
  reporter: [["list"], ["json", { outputFile: report }]],
  use: {
    baseURL,
    // Tracing records every action's DOM snapshot and screencast in every test, to keep only the
    // failures': it cost about a third of the browser tests' time. E2E_TRACE=1 turns it on to debug.
    trace: process.env.E2E_TRACE ? "retain-on-failure" : "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "bash e2e/start-server.sh",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: process.env.E2E_SERVER_LOG ? "pipe" : "ignore",
    stderr: "pipe",
    env: { E2E_PORT: String(port) },
  },
});
