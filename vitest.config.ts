import { configDefaults, defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// Three projects, run separately by scripts/test-all.sh so each prints its own counts:
//   unit      pure modules (no database)
//   sqlite    integration tests on a SQLite file per test file, copied from one migrated
//             template per run, every table emptied after each test; the files share one
//             process (isolate: false) and its compiled build, and tests/setup-db.ts undoes
//             what a file changes in process.env, the parsed environment and the clients
//   postgres  the same on a PostgreSQL database per test file (CREATE DATABASE … TEMPLATE)
//             (only when TEST_POSTGRES_URL is set)
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    // No fresh module graph per test file, in every project (Vitest 3.2's forks pool reads
    // this from the root, not from a project). The unit files test pure modules, with no
    // mock, no environment and no module state of their own: a fresh graph per file was
    // about two thirds of their CPU. The integration projects share one process (below).
    isolate: false,
    projects: [
      {
        extends: true,
        // The timeout is a safety net against hangs, not a speed budget: the unit tests run beside
        // typecheck, lint and the build on two cores, where the engine's word check took over 5 s.
        test: { name: "unit", include: ["app/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"], environment: "node", testTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          globalSetup: ["tests/global-db.ts"],
          setupFiles: ["tests/setup-db.ts"],
          env: { TEST_DB: "sqlite", NODE_ENV: "test" },
          // One process runs the files one after another (tests/setup-db.ts resets what a file may leave behind).
          isolate: false,
          // One process for every file. The project's `isolate: false` alone does not do it in
          // Vitest 3.2: the forks pool reads isolation from the root config and gave each file a
          // fresh process, which compiled the Remix build again (3.5-7 s a file) and cold-started the PDF worker.
          poolOptions: { forks: { singleFork: true } },
          // A safety net against hangs, not a speed budget (budgets live in bench/): PDF renders on a busy 2-core machine take seconds.
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          // Files whose subject is the PDF renderer, not the database (fonts, layout, page
          // pictures, warm workers): the same renderer draws the same pages on either
          // database, so they run once, on SQLite. Storing and erasing PDFs on PostgreSQL
          // is tested by gdpr, stored-files, proposal-versions and email.
          // Likewise the files about response headers and error pages, which make no query
          // (csp, private-headers, server-errors).
          exclude: [
            ...configDefaults.exclude,
            "tests/integration/pdf-warm.test.ts",
            "tests/integration/pdf-pages.test.ts",
            "tests/integration/full-proposal.test.ts",
            "tests/integration/csp.test.ts",
            "tests/integration/private-headers.test.ts",
            "tests/integration/server-errors.test.ts",
          ],
          globalSetup: ["tests/global-db.ts"],
          setupFiles: ["tests/setup-db.ts"],
          env: { TEST_DB: "postgres", NODE_ENV: "test" },
          isolate: false,
          // One process for every file. The project's `isolate: false` alone does not do it in
          // Vitest 3.2: the forks pool reads isolation from the root config and gave each file a
          // fresh process, which compiled the Remix build again (3.5-7 s a file) and cold-started the PDF worker.
          poolOptions: { forks: { singleFork: true } },
          // A safety net against hangs, not a speed budget (budgets live in bench/): PDF renders on a busy 2-core machine take seconds.
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
