// The layout of the two-instance browser run, shared by its Playwright config
// (playwright.two-instances.config.ts, which imports this first) and its start
// script (start.ts): the proxy on E2E_PORT (default 3200), the one Stripe
// stand-in on the next port (where e2e/payment.test.ts looks for it), the two
// app instances on the two after, and one PostgreSQL database on the server of
// TEST_POSTGRES_URL. Importing it sets E2E_PORT and E2E_DATABASE_URL, which the
// fixtures (e2e/db-path.ts, e2e/db.ts) read.
process.env.E2E_PORT ||= "3200";

export const proxyPort = Number(process.env.E2E_PORT);
export const standinPort = proxyPort + 1;
export const instances = [
  { name: "a", port: proxyPort + 2 },
  { name: "b", port: proxyPort + 3 },
];
export const databaseName = `socialbrief_e2e_two_${proxyPort}`;

/** Why this run cannot start, or null. */
export function missingSettings(): string | null {
  const missing = ["TEST_POSTGRES_URL", "TEST_REDIS_URL"].filter((name) => !process.env[name]);
  return missing.length ? `the two-instance browser run needs ${missing.join(" and ")} (e.g. postgres://postgres@127.0.0.1:5432/postgres, redis://127.0.0.1:6379)` : null;
}

/** The run's database on the server of TEST_POSTGRES_URL. */
export function databaseUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

if (process.env.TEST_POSTGRES_URL) process.env.E2E_DATABASE_URL = databaseUrl(process.env.TEST_POSTGRES_URL);
