// The browser tests that cover intake, send, accept and pay, run against a
// deployment of two app instances on one PostgreSQL database behind a
// round-robin proxy on loopback, with Redis and one Stripe stand-in (issue 13;
// e2e/two-instances/start.ts builds it). Needs TEST_POSTGRES_URL and
// TEST_REDIS_URL and `npm run build`; scripts/test-all.sh runs it when both are set:
//   npx playwright test -c playwright.two-instances.config.ts
// The "round-robin" project runs last and fails unless both instances served
// pages and form posts through the proxy, and no request found an instance down.
import { missingSettings } from "./e2e/two-instances/env"; // first: it sets E2E_PORT and E2E_DATABASE_URL for what follows
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// The flows replayed here are checked with axe by the single-instance run, on the same
// build; here they test what two instances change, so expectAccessible skips (e2e/intake-helpers.ts).
process.env.E2E_AXE = "off";

const problem = missingSettings();
if (problem) throw new Error(problem);

export default defineConfig({
  ...base,
  outputDir: "test-results-two-instances",
  reporter: [["list"], ["json", { outputFile: ".test-reports/e2e-two-instances.json" }]],
  projects: [
    {
      ...base.projects![0]!,
      name: "two-instances",
      testMatch: /\/(questionnaire|payment)\.test\.ts$/,
      // intake (a draft resumed from the emailed link, in another browser), then send, accept, pay, the webhook and a refund
      grep: [/finishes in a fresh browser from the emailed link/, /accept → pay on the stand-in → webhook/],
    },
    { ...base.projects![0]!, name: "round-robin", testMatch: /\/two-instances\/round-robin\.check\.ts$/, dependencies: ["two-instances"] },
  ],
  webServer: {
    // The base's, on this run's E2E_PORT: the URL it waits for, logs, timeout.
    ...(base.webServer as Extract<typeof base.webServer, { command: string }>),
    command: "node --import tsx e2e/two-instances/start.ts",
    // SIGTERM to the whole process group: the instances close, start.ts drops the database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 45_000 },
  },
});
