// The e2e server's SQLite file: one per port, so two runs on different
// E2E_PORTs never share (or delete) each other's database. The two-instance run
// (playwright.two-instances.config.ts) sets E2E_DATABASE_URL to its PostgreSQL database.
export const e2ePort = Number(process.env.E2E_PORT ?? 3100);
export const e2eDbFile = `e2e/.tmp/e2e-${e2ePort}.db`;
export const e2eDatabaseUrl = process.env.E2E_DATABASE_URL || `file:./${e2eDbFile}`;
