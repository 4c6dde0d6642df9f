// The e2e server's database, for the few things the browser tests read or write
// beside the app (a session row for signIn, the demo outbox): the SQLite file of
// e2e/start-server.sh, or, when E2E_DATABASE_URL is a postgres:// URL (the
// two-instance run, playwright.two-instances.config.ts), that PostgreSQL database.
// SQL is written once with ? placeholders; Dates are stored as Prisma stores them
// (UTC: an ISO string with +00:00 in SQLite, a TIMESTAMP(3) in PostgreSQL).
import Database from "better-sqlite3";
import pg from "pg";
import { e2eDatabaseUrl, e2eDbFile } from "./db-path";

type Value = string | number | null | Date;

const isPostgres = /^postgres(ql)?:\/\//.test(e2eDatabaseUrl);

function bindable(value: Value): string | number | null {
  if (!(value instanceof Date)) return value;
  return isPostgres ? value.toISOString().replace("Z", "") : value.toISOString().replace("Z", "+00:00");
}

/** Runs one statement on the e2e database; resolves with its rows (none for a write). */
export async function e2eSql<Row>(sql: string, params: Value[] = []): Promise<Row[]> {
  const values = params.map(bindable);
  if (isPostgres) {
    let n = 0;
    const client = new pg.Client({ connectionString: e2eDatabaseUrl });
    await client.connect();
    try {
      return (await client.query(sql.replace(/\?/g, () => `$${++n}`), values)).rows as Row[];
    } finally {
      await client.end();
    }
  }
  const db = new Database(e2eDbFile);
  try {
    const statement = db.prepare(sql);
    if (statement.reader) return statement.all(...values) as Row[];
    statement.run(...values);
    return [];
  } finally {
    db.close();
  }
}
